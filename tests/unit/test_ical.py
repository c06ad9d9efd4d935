"""Holiday import from .ics (good, recurring, multi-day, bad, re-import) and the .ics export read back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from sqlalchemy import select, text

from app.changes import windows as schedule_windows
from app.changes import writes as changes
from app.changes.ical import export_ics, import_holidays
from app.changes.planning import planning_data
from app.models import Holiday
from core.errors import ValidationError

HOLIDAYS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//holidays//EN
BEGIN:VEVENT
UID:newyear@test
DTSTART;VALUE=DATE:20250101
DTEND;VALUE=DATE:20250102
RRULE:FREQ=YEARLY
SUMMARY:New Year's Day
END:VEVENT
BEGIN:VEVENT
UID:xmas@test
DTSTART;VALUE=DATE:20261224
DTEND;VALUE=DATE:20261227
SUMMARY:Christmas
END:VEVENT
BEGIN:VEVENT
UID:meeting@test
DTSTART:20261103T090000Z
DTEND:20261103T100000Z
SUMMARY:Team meeting
END:VEVENT
END:VCALENDAR
"""


def _days(store, calendar="de"):
    with store.session() as s:
        return [(h.day, h.name, h.source_uid) for h in
                s.scalars(select(Holiday).where(Holiday.calendar == calendar).order_by(Holiday.day))]


def test_import_expands_recurring_and_multi_day_events_and_skips_timed_ones(store, me):
    with store.session() as s:
        got = import_holidays(s, data=HOLIDAYS, calendar="de", range_start=date(2026, 1, 1),
                              range_end=date(2027, 12, 31), actor_id=me)
    assert (got.added, got.updated, got.removed, got.skipped) == (5, 0, 0, 1)
    assert [(d, n) for d, n, _ in _days(store)] == [
        (date(2026, 1, 1), "New Year's Day"), (date(2026, 12, 24), "Christmas"), (date(2026, 12, 25), "Christmas"),
        (date(2026, 12, 26), "Christmas"), (date(2027, 1, 1), "New Year's Day")]


def test_reimport_updates_by_uid(store, me):
    with store.session() as s:
        import_holidays(s, data=HOLIDAYS, calendar="de", range_start=date(2026, 1, 1), range_end=date(2026, 12, 31))
    moved = HOLIDAYS.replace(b"DTEND;VALUE=DATE:20261227", b"DTEND;VALUE=DATE:20261226") \
        .replace(b"SUMMARY:Christmas", b"SUMMARY:Christmas Day")
    with store.session() as s:
        got = import_holidays(s, data=moved, calendar="de", range_start=date(2026, 1, 1), range_end=date(2026, 12, 31))
    assert (got.added, got.updated, got.removed, got.unchanged) == (0, 2, 1, 1)
    assert [(d, n) for d, n, _ in _days(store)] == [
        (date(2026, 1, 1), "New Year's Day"), (date(2026, 12, 24), "Christmas Day"),
        (date(2026, 12, 25), "Christmas Day")]
    with store.session() as s:  # the same file again changes nothing
        again = import_holidays(s, data=moved, calendar="de", range_start=date(2026, 1, 1),
                                range_end=date(2026, 12, 31))
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"hello world", "not a readable iCalendar"),
    (b"BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "no all-day events"),
    (HOLIDAYS.replace(b"DTEND;VALUE=DATE:20261227", b"DTEND;VALUE=DATE:20261220"), "Christmas"),
    (HOLIDAYS.replace(b"DTSTART;VALUE=DATE:20261224\n", b""), "no start"),
])
def test_a_bad_file_imports_nothing(store, me, data, message):
    with store.session() as s:
        import_holidays(s, data=HOLIDAYS, calendar="de", range_start=date(2026, 1, 1), range_end=date(2026, 12, 31))
    before = _days(store)
    with store.session() as s, pytest.raises(ValidationError, match=message):
        import_holidays(s, data=data, calendar="de", range_start=date(2026, 1, 1), range_end=date(2026, 12, 31))
    assert _days(store) == before


def test_export_reads_back_with_icalendar(store, me):
    start = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)
    with store.session() as s:
        c = changes.create_change(s, change_type="emergency", title="Patch firewall", actor_id=me,
                                  planned_start=start, planned_end=start + timedelta(hours=2))
        schedule_windows.save_window(s, kind="maintenance", name="Sunday nights", everything=True,
                                     start_local=datetime(2026, 11, 1, 2, 0), duration_minutes=240,
                                     tz="Europe/Berlin", rrule="FREQ=WEEKLY;BYDAY=SU")
        import_holidays(s, data=HOLIDAYS, calendar="de", range_start=date(2026, 1, 1), range_end=date(2026, 12, 31))
        data = planning_data(s, start=datetime(2026, 11, 1, tzinfo=UTC),
                             end=datetime(2027, 1, 1, tzinfo=UTC))
        number, cid = c.number, c.id
    cal = icalendar.Calendar.from_ical(export_ics(data))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    ev = events[f"{cid}@deskside"]
    assert str(ev["SUMMARY"]) == f"{number} Patch firewall"
    assert ev["DTSTART"].dt == start and ev["DTEND"].dt == start + timedelta(hours=2)
    assert ev["DTSTART"].dt.utcoffset() == timedelta(0)
    risk, kind = (str(x) for x in ev["CATEGORIES"].cats)
    assert kind == "Emergency" and risk in ("Moderate", "High")  # emergency +2; the lead time depends on today
    assert "Risk:" in str(ev["DESCRIPTION"])
    window = next(e for e in events.values() if str(e["SUMMARY"]) == "Maintenance window: Sunday nights")
    assert window["RRULE"]["FREQ"] == ["WEEKLY"] and window["RRULE"]["BYDAY"] == ["SU"]
    assert window["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert window["DTSTART"].dt.replace(tzinfo=None) == datetime(2026, 11, 1, 2, 0)
    assert any(tz["TZID"] == "Europe/Berlin" for tz in cal.walk("VTIMEZONE"))
    assert sum(1 for e in events.values() if str(e["SUMMARY"]) == "Christmas") == 3


def test_holiday_rows_are_unique_per_day(store, me):
    with store.session() as s:
        import_holidays(s, data=HOLIDAYS, calendar="de", range_start=date(2026, 1, 1), range_end=date(2026, 12, 31))
        import_holidays(s, data=HOLIDAYS, calendar="at", range_start=date(2026, 1, 1), range_end=date(2026, 12, 31))
        assert s.execute(text("SELECT count(*) FROM holiday")).scalar_one() == 8
