"""iCalendar (.ics) in and out: import holidays, export changes, windows and holidays for other calendar apps."""
# Holidays are imported from a calendar file. Uses the `icalendar` package; Qt-free.

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rrulestr
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes.planning import HolidayItem, PlanningChange, PlanningData
from app.changes.schedules import BlackoutWindow, MaintenanceWindow, ScheduleWindow
from app.models import Holiday
from app.outbox.journal import record_event
from core.changes.risk import RISK_LABELS
from core.changes.workflow import CHANGE_TYPE_LABELS
from core.errors import ValidationError
from core.schema import utcnow

MAX_BYTES = 5_000_000
MAX_DAYS = 20_000  # holiday rows one import may produce
MAX_SPAN_DAYS = 366  # one event longer than a year is not a holiday
NAME_MAX = 200
PRODID = "-//Deskside//Change calendar//EN"


@dataclass(frozen=True)
class HolidayImport:
    """What an import did. `skipped` counts timed (not all-day) events, which are not holidays."""

    calendar: str
    added: int
    updated: int
    removed: int
    unchanged: int
    skipped: int

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return None
    return value if isinstance(value, date) else None


def parse_holidays(data: bytes, *, range_start: date, range_end: date) -> tuple[list[tuple[date, str, str]], int]:
    """(day, name, uid) for every day of every all-day VEVENT in [range_start, range_end], recurring
    ones expanded; and the number of timed events left out. Raises ValidationError for a file that is
    not a calendar, has no all-day events or holds a broken event."""
    if not isinstance(data, (bytes, bytearray)) or not data.strip():
        raise ValidationError("The file is empty.", field="file")
    if len(data) > MAX_BYTES:
        raise ValidationError("The file is larger than 5 MB; that is no holiday calendar.", field="file")
    try:
        cal = icalendar.Calendar.from_ical(bytes(data))
    except (ValueError, IndexError, KeyError, TypeError) as exc:
        raise ValidationError(f"This is not a readable iCalendar (.ics) file: {exc}", field="file") from None
    if getattr(cal, "name", "") != "VCALENDAR":
        raise ValidationError("This is not an iCalendar (.ics) file: it has no VCALENDAR.", field="file")
    days: list[tuple[date, str, str]] = []
    skipped = 0
    events = list(cal.walk("VEVENT"))
    for n, ev in enumerate(events, 1):
        try:
            start_prop = ev.get("DTSTART")
            if start_prop is None:
                raise ValueError("it has no start (DTSTART)")
            start = _as_date(start_prop.dt)
            if start is None:
                skipped += 1
                continue
            end_prop, duration = ev.get("DTEND"), ev.get("DURATION")
            if end_prop is not None:
                end = _as_date(end_prop.dt)
                if end is None:
                    raise ValueError("it starts on a date but ends at a time")
            elif duration is not None:
                end = start + max(timedelta(days=1), duration.dt)
            else:
                end = start + timedelta(days=1)
            span = (end - start).days
            if span < 1:
                raise ValueError("it ends before it starts")
            if span > MAX_SPAN_DAYS:
                raise ValueError(f"it lasts {span} days")
            name = str(ev.get("SUMMARY") or "Holiday").strip()[:NAME_MAX] or "Holiday"
            uid = str(ev.get("UID") or f"{name}|{start.isoformat()}")[:300]
            firsts = [start]
            rule = ev.get("RRULE")
            if rule is not None:
                text = rule.to_ical().decode()
                anchor = datetime.combine(start, datetime.min.time())
                lo = datetime.combine(range_start - timedelta(days=span), datetime.min.time())
                hi = datetime.combine(range_end, datetime.min.time())
                firsts = [d.date() for d in rrulestr(text, dtstart=anchor).between(lo, hi, inc=True)]
            for first in firsts:
                for k in range(span):
                    day = first + timedelta(days=k)
                    if range_start <= day <= range_end:
                        days.append((day, name, uid))
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            summary = str(ev.get("SUMMARY") or "without a name")
            raise ValidationError(f'Event {n} ("{summary}") cannot be read: {exc}. Nothing was imported.',
                                  field="file") from None
        if len(days) > MAX_DAYS:
            raise ValidationError(f"The file gives more than {MAX_DAYS} holiday days in the range.", field="file")
    if not days:
        raise ValidationError("The file has no all-day events in the chosen years, so there are no holidays "
                              "to import.", field="file")
    return days, skipped


def import_holidays(session: Session, *, data: bytes, calendar: str = "default", range_start: date | None = None,
                    range_end: date | None = None, actor_id: str | None = None) -> HolidayImport:
    """Import the all-day events of an .ics file as holidays of `calendar` (recurring ones between
    range_start and range_end, by default last year to two years ahead). A re-import of the same file
    updates by UID: renamed days are updated, days an event no longer covers are removed. Validates the
    whole file first: a bad file changes nothing."""
    calendar = (calendar or "").strip()[:100] or "default"
    today = utcnow().date()
    range_start = range_start or date(today.year - 1, 1, 1)
    range_end = range_end or date(today.year + 2, 12, 31)
    if range_end < range_start:
        raise ValidationError("The import range ends before it starts.", field="range_end")
    days, skipped = parse_holidays(data, range_start=range_start, range_end=range_end)
    wanted: dict[date, tuple[str, str]] = {}
    for day, name, uid in days:
        # Two events on one day: the first named keeps it (one holiday per calendar day).
        wanted.setdefault(day, (name, uid))
    existing = {h.day: h for h in session.scalars(select(Holiday).where(Holiday.calendar == calendar))}
    uids = {uid for _, uid in wanted.values()}
    added = updated = unchanged = removed = 0
    for day, holiday in list(existing.items()):
        if holiday.source_uid in uids and day not in wanted:
            session.delete(existing.pop(day))
            removed += 1
    session.flush()
    for day, (name, uid) in sorted(wanted.items()):
        row = existing.get(day)
        if row is None:
            session.add(Holiday(calendar=calendar, day=day, name=name, source_uid=uid))
            added += 1
        elif (row.name, row.source_uid) != (name, uid):
            row.name, row.source_uid = name, uid
            updated += 1
        else:
            unchanged += 1
    session.flush()
    record_event(session, entity="holiday", entity_id=calendar[:36], field="imported",
                 new=f"{added} added, {updated} updated, {removed} removed", actor_id=actor_id)
    return HolidayImport(calendar=calendar, added=added, updated=updated, removed=removed, unchanged=unchanged,
                         skipped=skipped)


def import_holiday_file(session: Session, *, path: Path, actor_id: str | None) -> HolidayImport:
    """Import the holidays of an .ics file the user chose. The file is read here, on the runner (it may sit
    on a slow share); one too large or unreadable is refused like a bad one, and nothing is half-imported."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValidationError("The file is larger than 5 MB; that is no holiday calendar.")
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"The file could not be read: {exc.strerror or exc}") from None
    return import_holidays(session, data=data, actor_id=actor_id)


# -- export ----------------------------------------------------------------------------------------


def export_ics(source: PlanningData | Iterable[PlanningChange | ScheduleWindow | HolidayItem], *,
               calendar_name: str = "Deskside changes", now: datetime | None = None) -> bytes:
    """An .ics file of changes (those with planned times), maintenance and blackout windows (with their
    RRULE and TZID, VTIMEZONEs included) and holidays. Pure; UIDs are stable, so a calendar app that
    re-imports the file updates its events."""
    if isinstance(source, PlanningData):
        items: list = [*source.changes, *source.maintenance_windows, *source.blackouts, *source.holidays]
    else:
        items = list(source)
    stamp = (now or utcnow()).astimezone(UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", calendar_name)
    for item in items:
        if isinstance(item, PlanningChange):
            ev = _change_event(item)
        elif isinstance(item, ScheduleWindow):
            ev = _window_event(item)
        elif isinstance(item, HolidayItem):
            ev = _holiday_event(item)
        else:
            raise TypeError(f"cannot export {type(item).__name__}")
        if ev is not None:
            ev.add("dtstamp", stamp)
            cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def _change_event(c: PlanningChange) -> icalendar.Event | None:
    if c.start is None or c.end is None:
        return None
    ev = icalendar.Event()
    ev.add("uid", f"{c.id}@deskside")
    ev.add("dtstart", c.start.astimezone(UTC))
    ev.add("dtend", c.end.astimezone(UTC))
    ev.add("summary", f"{c.number} {c.title}")
    lines = [f"{CHANGE_TYPE_LABELS.get(c.change_type, c.change_type)} change, {c.state_label}",
             f"Risk: {RISK_LABELS.get(c.risk, c.risk)}"]
    if c.group_name or c.assignee_name:
        lines.append(f"Assigned to: {' / '.join(x for x in (c.group_name, c.assignee_name) if x)}")
    if c.ci_names:
        lines.append(f"CIs: {', '.join(c.ci_names)}")
    ev.add("description", "\n".join(lines))
    ev.add("categories", [RISK_LABELS.get(c.risk, c.risk), CHANGE_TYPE_LABELS.get(c.change_type, c.change_type)])
    ev.add("status", "CANCELLED" if c.state == "canceled" else
           "CONFIRMED" if c.state in ("scheduled", "implement", "review", "closed") else "TENTATIVE")
    return ev


def _window_event(w: ScheduleWindow) -> icalendar.Event:
    zone = ZoneInfo(w.tz)
    ev = icalendar.Event()
    ev.add("uid", f"{w.id}@deskside")
    ev.add("dtstart", w.start.replace(tzinfo=zone))
    ev.add("dtend", (w.start + w.duration).replace(tzinfo=zone))
    if w.rrule:
        ev.add("rrule", icalendar.vRecur.from_ical(w.rrule.removeprefix("RRULE:")))
    if isinstance(w, BlackoutWindow):
        label = "Freeze" if w.blocking else "Blackout"
        ev.add("summary", f"{label}: {w.name}")
        ev.add("categories", ["Blackout"])
    else:
        ev.add("summary", f"Maintenance window: {w.name}")
        ev.add("categories", ["Maintenance window"])
        ev.add("transp", "TRANSPARENT")
    assert isinstance(w, (MaintenanceWindow, BlackoutWindow))
    return ev


def _holiday_event(h: HolidayItem) -> icalendar.Event:
    ev = icalendar.Event()
    ev.add("uid", f"holiday-{h.calendar}-{h.day.isoformat()}@deskside")
    ev.add("dtstart", h.day)
    ev.add("dtend", h.day + timedelta(days=1))
    ev.add("summary", h.name)
    ev.add("categories", ["Holiday"])
    ev.add("transp", "TRANSPARENT")
    return ev


def write_ics_file(_session: Session, *, path: Path, changes: Sequence[PlanningChange],
                   windows: Sequence[ScheduleWindow], holidays: Sequence[HolidayItem]) -> int:
    """Save the calendar's export to `path`; returns how many changes it holds. Runs as a runner query (a read
    connection), so a slow share stalls neither the GUI nor the writer; it writes no database row."""
    path.write_bytes(export_ics([*changes, *windows, *holidays]))
    return len(changes)
