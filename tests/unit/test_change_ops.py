"""The named operations and queries the change and calendar views call: save with a move in one
transaction, create, holiday file import, calendar export, and the calendar's range load."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from sqlalchemy import select

from app.changes import windows as schedule_windows
from app.changes import writes as changes
from app.changes.calendar import window_bands
from app.changes.calendar_range import load_range
from app.changes.ical import import_holiday_file, write_ics_file
from app.changes.ops import new_change, save_change
from app.changes.planning import planning_data
from app.models import ConfigurationItem, Holiday
from core.errors import StaleEditError, TransitionError, ValidationError
from tests.unit.factories import outbox
from tests.unit.test_ical import HOLIDAYS

T0 = datetime(2030, 3, 4, 10, 0, tzinfo=UTC)  # far ahead: lead time never counts


@pytest.fixture
def change(store, me):
    with store.session() as s:
        c = changes.create_change(s, change_type="normal", title="Patch mx", actor_id=me)
        return c.id, c.updated_at


def _stored(store, change_id):
    with store.session() as s:
        c = changes.get_change(s, change_id)
        return c.title, c.state


def test_save_change_stores_the_edit_and_the_move_and_returns_the_detail(store, me, change):
    change_id, seen = change
    with store.session() as s:
        detail = save_change(s, change_id=change_id, changes={"title": "Patch mx-01"}, clear_override=False,
                             move="assess", move_values={}, actor_id=me, expected_updated_at=seen)
    assert (detail.title, detail.state) == ("Patch mx-01", "assess")
    assert _stored(store, change_id) == ("Patch mx-01", "assess")
    with store.session() as s:
        fields = [set(p["fields"]) for _, _, op, p in outbox(s, change_id) if op == "update"]
    assert {"title"} in fields and any("state" in f for f in fields)


def test_save_change_keeps_nothing_when_the_move_is_refused(store, me, change):
    change_id, seen = change
    with pytest.raises(TransitionError), store.session() as s:
        save_change(s, change_id=change_id, changes={"title": "Patch mx-01"}, clear_override=False,
                    move="scheduled", move_values={}, actor_id=me, expected_updated_at=seen)
    assert _stored(store, change_id) == ("Patch mx", "new")


def test_save_change_checks_the_stamp_the_editor_saw_for_an_edit_or_a_lone_move(store, me, change):
    change_id, seen = change
    with store.session() as s:
        save_change(s, change_id=change_id, changes={"title": "Elsewhere"}, clear_override=False, move=None,
                    move_values={}, actor_id=me, expected_updated_at=seen)
    for edits, move in (({"title": "Mine"}, None), ({}, "assess")):
        with pytest.raises(StaleEditError), store.session() as s:
            save_change(s, change_id=change_id, changes=edits, clear_override=False, move=move,
                        move_values={}, actor_id=me, expected_updated_at=seen)
    assert _stored(store, change_id) == ("Elsewhere", "new")


def test_new_change_returns_the_id_of_the_change_it_created(store, me):
    with store.session() as s:
        change_id = new_change(s, change_type="emergency", title="Disk full", actor_id=me)
    assert isinstance(change_id, str)
    assert _stored(store, change_id) == ("Disk full", "new")


def test_import_holiday_file_reads_the_file_and_refuses_one_too_large_or_missing(store, me, tmp_path):
    good = tmp_path / "holidays.ics"
    good.write_bytes(HOLIDAYS)
    with store.session() as s:
        result = import_holiday_file(s, path=good, actor_id=me)
    assert result.added > 0 and result.skipped == 1  # the timed meeting is no holiday
    big = tmp_path / "big.ics"
    with big.open("wb") as f:
        f.truncate(5_000_001)
    for path, words in ((big, "larger than 5 MB"), (tmp_path / "gone.ics", "could not be read")):
        with pytest.raises(ValidationError, match=words), store.session() as s:
            import_holiday_file(s, path=path, actor_id=me)
    with store.session() as s:
        assert len(s.scalars(select(Holiday.name)).all()) == result.added


def test_write_ics_file_saves_the_export_and_counts_the_changes(store, me, tmp_path):
    with store.session() as s:
        changes.create_change(s, change_type="normal", title="Patch mx", actor_id=me, planned_start=T0,
                              planned_end=T0 + timedelta(hours=2))
        data = planning_data(s, start=T0 - timedelta(days=1), end=T0 + timedelta(days=1))
        target = tmp_path / "out.ics"
        count = write_ics_file(s, path=target, changes=data.changes, windows=(), holidays=())
    assert count == 1
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [f"{data.changes[0].number} Patch mx"]


def test_load_range_flags_the_changes_in_conflict_inside_the_view_only(store, me):
    with store.session() as s:
        mx = ConfigurationItem(name="mx-01", criticality=2)
        s.add(mx)
        s.flush()
        ids = [changes.create_change(s, change_type="normal", title=f"On mx {i}", actor_id=me, ci_ids=[mx.id],
                                     planned_start=start, planned_end=start + timedelta(hours=2)).id
               for i, start in enumerate((T0, T0 + timedelta(hours=1), T0 + timedelta(days=5),
                                          T0 + timedelta(days=5, hours=1)))]
    with store.session() as s:
        loaded = load_range(s, view_start=T0 - timedelta(hours=1), view_end=T0 + timedelta(days=1))
    assert set(ids) <= set(loaded.items)  # the slot search after the view is loaded too
    assert loaded.conflicted == set(ids[:2])
    assert loaded.covers(T0, T0 + timedelta(hours=3))


def test_a_loaded_range_gives_the_windows_bands_of_any_range_inside_it_as_expanding_them_there_would(store, me):
    with store.session() as s:
        schedule_windows.save_window(s, kind="maintenance", name="Nightly", start_local=datetime(2030, 1, 6, 22),
                                     duration_minutes=120, tz="Europe/Berlin", rrule="FREQ=DAILY", everything=True)
        schedule_windows.save_window(s, kind="blackout", name="Freeze", start_local=datetime(2030, 3, 6),
                                     duration_minutes=24 * 60, tz="UTC", everything=True)
    with store.session() as s:
        loaded = load_range(s, view_start=T0 - timedelta(days=3), view_end=T0 + timedelta(days=4))
    data = loaded.data
    ranges = ((T0 - timedelta(days=3), T0 + timedelta(days=4)), (T0 + timedelta(hours=21), T0 + timedelta(hours=45)),
              (T0 + timedelta(days=2), T0 + timedelta(days=2, hours=12)))
    for start, end in ranges:
        assert loaded.bands_in(start, end) == tuple(window_bands(data.maintenance_windows, data.blackouts, start, end))
    week = loaded.bands_in(*ranges[0])
    assert {b.kind for b in week} == {"maintenance", "blackout"} and len(week) >= 7
    assert loaded.bands_in(data.start - timedelta(days=1), T0) is None  # outside what was loaded: the view expands
