"""The calendar's services: planning_data, the conflict index over it, conflicts with names,
reschedule with undo, and the window CRUD with its validation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.changes import windows as schedule_windows
from app.changes import writes as changes
from app.changes.conflicts import find_conflicts
from app.changes.planning import (
    build_conflict_index,
    change_conflicts,
    planning_data,
    reschedule_change,
)
from app.changes.queue import UNKNOWN, ChangeFilter, ChangeSort, conflict_counts, list_changes
from app.models import ConfigurationItem, Group, Person, Service
from app.records.queue_sql import ME
from core.errors import NotFoundError, StaleEditError, TransitionError, ValidationError
from tests.unit.factories import outbox

T0 = datetime(2030, 3, 4, 10, 0, tzinfo=UTC)  # far ahead: lead time never counts


@pytest.fixture
def world(store, me):
    with store.session() as s:
        svc = Service(name="Mail")
        grp = Group(name="Messaging")
        s.add_all([svc, grp])
        s.flush()
        grp.members.append(s.get(Person, me))
        mx = ConfigurationItem(name="mx-01", service_id=svc.id, criticality=2)
        s.add(mx)
        s.flush()
        a = changes.create_change(s, change_type="normal", title="Patch mx", actor_id=me, ci_ids=[mx.id],
                                  planned_start=T0, planned_end=T0 + timedelta(hours=2), group_id=grp.id,
                                  assignee_id=me)
        b = changes.create_change(s, change_type="normal", title="Cert renewal", actor_id=me, ci_ids=[mx.id],
                                  planned_start=T0 + timedelta(hours=1), planned_end=T0 + timedelta(hours=3),
                                  assignee_id=me)
        loose = changes.create_change(s, change_type="emergency", title="Unplanned", actor_id=me)
        return {"mx": mx.id, "svc": svc.id, "grp": grp.id, "a": a.id, "b": b.id, "loose": loose.id,
                "a_number": a.number, "b_number": b.number}


def test_planning_data_has_display_fields_and_conflicts_read_with_names(store, world):
    with store.session() as s:
        data = planning_data(s, start=T0 - timedelta(days=1), end=T0 + timedelta(days=1))
    assert [c.number for c in data.changes] == [world["a_number"], world["b_number"]]
    a = data.change(world["a"])
    assert (a.title, a.group_name, a.assignee_name, a.ci_names) == ("Patch mx", "Messaging", "Test Agent", ("mx-01",))
    assert a.start.tzinfo is not None and a.start == T0
    assert [c.id for c in data.unscheduled] == [world["loose"]]
    index = build_conflict_index(data)
    kinds = sorted(c.kind for c in find_conflicts(a.planned, index))
    assert kinds == ["assignee", "same_ci"]
    with store.session() as s:
        report = change_conflicts(s, change_id=world["a"])
    texts = [c.text for c in report.conflicts]
    assert any(t.startswith("mx-01 is also changed by " + world["b_number"]) for t in texts)
    assert any("Test Agent is also booked on " + world["b_number"] in t for t in texts)
    assert report.next_slot is not None and report.next_slot[0] >= T0 + timedelta(hours=3)


def test_planning_data_refuses_naive_or_empty_ranges(store, world):
    with store.session() as s:
        with pytest.raises(ValidationError):
            planning_data(s, start=datetime(2030, 1, 1), end=T0)
        with pytest.raises(ValidationError):
            planning_data(s, start=T0, end=T0)


def test_reschedule_is_audited_and_undoable(store, world, me):
    with store.session() as s:
        seen = changes.get_change(s, world["a"]).updated_at
        moved = reschedule_change(s, change_id=world["a"], start=T0 + timedelta(days=1),
                                  end=T0 + timedelta(days=1, hours=2), actor_id=me, expected_updated_at=seen)
        assert (moved.old_start, moved.new_start) == (T0, T0 + timedelta(days=1))
        with pytest.raises(StaleEditError):
            reschedule_change(s, change_id=world["a"], start=T0, end=T0 + timedelta(hours=1), actor_id=me,
                              expected_updated_at=seen)
        back = reschedule_change(s, change_id=world["a"], start=moved.old_start, end=moved.old_end, actor_id=me,
                                 expected_updated_at=moved.updated_at)
        assert back.new_start == T0 and back.planned.start == T0
        updates = [p for _, e, op, p in outbox(s, world["a"]) if op == "update"]
        assert updates[0]["fields"]["planned_start"] == {"base": T0.isoformat(),
                                                         "new": (T0 + timedelta(days=1)).isoformat()}
        assert len(updates) == 2


def test_reschedule_into_a_freeze_is_refused_for_scheduled_changes(store, world, me):
    with store.session() as s:
        schedule_windows.save_window(s, kind="blackout", name="Quarter close", start_local=datetime(2030, 3, 10),
                                     duration_minutes=24 * 60, tz="UTC", service_ids=(world["svc"],))
        changes.transition_change(s, change_id=world["loose"], target="authorize", actor_id=me)
        changes.update_change(s, change_id=world["loose"], actor_id=me, changes={
            "planned_start": T0, "planned_end": T0 + timedelta(minutes=30), "ci_ids": [world["mx"]]})
        changes.transition_change(s, change_id=world["loose"], target="scheduled", actor_id=me)
        with pytest.raises(TransitionError, match='"Quarter close"'):
            reschedule_change(s, change_id=world["loose"], start=datetime(2030, 3, 10, 8, tzinfo=UTC),
                              end=datetime(2030, 3, 10, 9, tzinfo=UTC), actor_id=me, expected_updated_at=None)


def test_queue_filters_sorts_and_counts(store, world, me):
    with store.session() as s:
        changes.transition_change(s, change_id=world["b"], target="canceled", actor_id=me)
        every = list_changes(s, me=me)
        assert [r.number for r in every.rows][-1] == "CHG000003"  # no planned start sorts last
        assert every.total == 3 and dict(every.state_counts)["canceled"] == 1
        a_row = next(r for r in every.rows if r.id == world["a"])
        assert a_row.conflicts == 0 and a_row.ci_names == "mx-01" and a_row.group == "Messaging"
        assert [r.id for r in list_changes(s, flt=ChangeFilter(open_only=True, text="mx-0"), me=me).rows] == \
            [world["a"]]
        assert [r.id for r in list_changes(s, flt=ChangeFilter(types=("emergency",)), me=me).rows] == \
            [world["loose"]]
        assert {r.id for r in list_changes(s, flt=ChangeFilter(assignee_ids=(ME,)), me=me).rows} == \
            {world["a"], world["b"]}
        assert list_changes(s, flt=ChangeFilter(text="50%_"), me=me).rows == ()
        desc = list_changes(s, sort=ChangeSort("number", True), me=me)
        assert [r.number for r in desc.rows] == ["CHG000003", "CHG000002", "CHG000001"]


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"tz": "Mars/Olympus"}, "tz"),
    ({"rrule": "FREQ=SOMETIMES"}, "rrule"),
    ({"rrule": "DTSTART:20260101T000000\nFREQ=DAILY"}, "rrule"),
    ({"duration_minutes": 0}, "duration"),
    ({"name": " "}, "name"),
    ({"everything": False}, "scope"),
    ({"kind": "party"}, "kind"),
])
def test_window_validation(store, me, kwargs, field):
    args = dict(kind="maintenance", name="Nightly", start_local=datetime(2030, 1, 1, 2), duration_minutes=60,
                tz="Europe/Berlin", everything=True, rrule="FREQ=DAILY")
    args.update(kwargs)
    with store.session() as s:
        with pytest.raises(ValidationError) as err:
            schedule_windows.save_window(s, **args)
        assert err.value.field == field
        assert schedule_windows.list_windows(s) == ()


def test_window_crud_round_trip(store, me):
    with store.session() as s:
        w = schedule_windows.save_window(s, kind="maintenance", name="Sundays", start_local=datetime(2030, 1, 6, 2),
                                         duration_minutes=240, tz="Europe/Berlin", rrule="RRULE:FREQ=WEEKLY;BYDAY=SU",
                                         everything=True)
        assert w.rrule == "FREQ=WEEKLY;BYDAY=SU"
        w2 = schedule_windows.save_window(s, window_id=w.id, kind="blackout", name="Freeze", blocking=False,
                                          start_local=datetime(2030, 12, 20), duration_minutes=60 * 24 * 14, tz="UTC",
                                          everything=True)
        assert (w2.id, w2.kind, w2.rrule, w2.blocking) == (w.id, "blackout", None, False)
        maintenance, blackouts = schedule_windows.load_windows(s)
        assert maintenance == () and [b.name for b in blackouts] == ["Freeze"]
        schedule_windows.delete_window(s, window_id=w.id)
        assert schedule_windows.list_windows(s) == ()
        with pytest.raises(NotFoundError):
            schedule_windows.delete_window(s, window_id=w.id)


def test_queue_counts_in_two_steps_agree_with_one(store, world, me):
    with store.session() as s:
        full = {r.id: (r.conflicts, r.blocking) for r in list_changes(s, me=me).rows}
        quick = list_changes(s, me=me, with_conflicts=False)
        unknown = [r.id for r in quick.rows if r.conflicts == UNKNOWN]
        assert set(unknown) == {world["a"], world["b"]}  # the open planned ones
        assert conflict_counts(s, change_ids=unknown) == {i: full[i] for i in unknown}
        assert full[world["a"]] == (2, False)  # the same CI and the same assignee as b

