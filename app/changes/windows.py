"""Maintenance and blackout windows as stored (ScheduleWindowRow): list, save with validation, delete, convert."""
# The conversion is to schedules.MaintenanceWindow / BlackoutWindow, which the conflict rules read.

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes.schedules import BlackoutWindow, MaintenanceWindow, Scope
from app.models import ConfigurationItem, ScheduleWindowRow, Service
from app.outbox.journal import record_event
from core.errors import NotFoundError, ValidationError
from core.schema import utcnow

log = logging.getLogger(__name__)

WINDOW_KINDS = {"maintenance": "Maintenance window", "blackout": "Blackout / freeze"}
NAME_MAX = 200
RRULE_MAX = 500
# A window longer than this is almost certainly a typo (minutes for hours).
MAX_DURATION_MINUTES = 60 * 24 * 62


@dataclass(frozen=True)
class WindowItem:
    """One stored window as the management dialog shows it. `start_local` is naive wall time in `tz`."""

    id: str
    kind: str
    name: str
    start_local: datetime
    duration_minutes: int
    tz: str
    rrule: str | None
    everything: bool
    ci_ids: tuple[str, ...]
    service_ids: tuple[str, ...]
    blocking: bool
    updated_at: datetime

    @property
    def recurring(self) -> bool:
        return self.rrule is not None


def _ids(text: str) -> tuple[str, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def to_item(row: ScheduleWindowRow) -> WindowItem:
    return WindowItem(id=row.id, kind=row.kind, name=row.name, start_local=row.start_local,
                      duration_minutes=row.duration_minutes, tz=row.tz, rrule=row.rrule,
                      everything=row.everything, ci_ids=_ids(row.ci_ids), service_ids=_ids(row.service_ids),
                      blocking=row.blocking, updated_at=row.updated_at)


def to_window(item: WindowItem) -> MaintenanceWindow | BlackoutWindow:
    """The schedules form of a stored window; raises ValidationError when it cannot be expanded."""
    scope = Scope(everything=item.everything, ci_ids=frozenset(item.ci_ids), service_ids=frozenset(item.service_ids))
    common: dict[str, Any] = dict(id=item.id, name=item.name, start=item.start_local,
                  duration=timedelta(minutes=item.duration_minutes), tz=item.tz, scope=scope, rrule=item.rrule)
    if item.kind == "blackout":
        return BlackoutWindow(**common, blocking=item.blocking)
    return MaintenanceWindow(**common)


def list_windows(session: Session, *, kind: str | None = None) -> tuple[WindowItem, ...]:
    stmt = select(ScheduleWindowRow).order_by(ScheduleWindowRow.kind, ScheduleWindowRow.name)
    if kind is not None:
        stmt = stmt.where(ScheduleWindowRow.kind == kind)
    return tuple(to_item(r) for r in session.scalars(stmt))


def load_windows(session: Session) -> tuple[tuple[MaintenanceWindow, ...], tuple[BlackoutWindow, ...]]:
    """Every stored window in schedules form. A row that cannot be expanded (a time zone this system
    lacks, a damaged rule from a sync) is left out and logged, so one bad row never blanks the calendar."""
    maintenance: list[MaintenanceWindow] = []
    blackouts: list[BlackoutWindow] = []
    for item in list_windows(session):
        try:
            w = to_window(item)
        except ValidationError as exc:
            log.warning("schedule window %s (%s) skipped: %s", item.id, item.name, exc)
            continue
        if isinstance(w, BlackoutWindow):
            blackouts.append(w)
        else:
            maintenance.append(w)
    return tuple(maintenance), tuple(blackouts)


def _clean_rrule(rrule: str | None) -> str | None:
    if rrule is None or not rrule.strip():
        return None
    text = rrule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:].strip()
    if len(text) > RRULE_MAX:
        raise ValidationError(f"The recurrence is longer than {RRULE_MAX} characters.", field="rrule")
    if "DTSTART" in text.upper():
        raise ValidationError("Give the recurrence without DTSTART; the window start is its first occurrence.",
                              field="rrule")
    return text


def _check_refs(session: Session, model, ids: tuple[str, ...], what: str, field: str) -> None:
    if not ids:
        return
    found = set(session.scalars(select(model.id).where(model.id.in_(ids))))
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(f"{len(missing)} of the chosen {what} no longer exist.", field=field)


def save_window(session: Session, *, window_id: str | None = None, kind: str, name: str,
                start_local: datetime, duration_minutes: int, tz: str, rrule: str | None = None,
                everything: bool = False, ci_ids: tuple[str, ...] = (), service_ids: tuple[str, ...] = (),
                blocking: bool = True, actor_id: str | None = None) -> WindowItem:
    """Create (window_id None) or replace a window. Validates everything first (kind, name, a positive
    duration, a known time zone, a readable RRULE, a non-empty scope) and changes nothing on error."""
    if kind not in WINDOW_KINDS:
        raise ValidationError("A window is a maintenance window or a blackout.", field="kind")
    name = (name or "").strip()
    if not name:
        raise ValidationError("Give the window a name.", field="name")
    if len(name) > NAME_MAX:
        raise ValidationError(f"The name is longer than {NAME_MAX} characters.", field="name")
    if isinstance(duration_minutes, bool) or not isinstance(duration_minutes, int) or duration_minutes <= 0:
        raise ValidationError("A window needs a positive duration.", field="duration")
    if duration_minutes > MAX_DURATION_MINUTES:
        raise ValidationError("A window cannot be longer than 62 days.", field="duration")
    if not isinstance(start_local, datetime):
        raise ValidationError("Give the window a start.", field="start")
    start_local = start_local.replace(second=0, microsecond=0)
    ci_ids, service_ids = tuple(dict.fromkeys(ci_ids)), tuple(dict.fromkeys(service_ids))
    if not everything and not ci_ids and not service_ids:
        raise ValidationError("Choose what the window applies to: everything, or some CIs or services.",
                              field="scope")
    _check_refs(session, ConfigurationItem, ci_ids, "CIs", "ci_ids")
    _check_refs(session, Service, service_ids, "services", "service_ids")
    item = WindowItem(id=window_id or "new", kind=kind, name=name, start_local=start_local,
                      duration_minutes=duration_minutes, tz=(tz or "").strip(), rrule=_clean_rrule(rrule),
                      everything=bool(everything), ci_ids=ci_ids, service_ids=service_ids,
                      blocking=bool(blocking) if kind == "blackout" else True, updated_at=utcnow())
    to_window(item)  # raises ValidationError for an unknown zone or an unreadable rule
    if window_id is None:
        row = ScheduleWindowRow()
        session.add(row)
        created = True
    else:
        found = session.get(ScheduleWindowRow, window_id)
        if found is None:
            raise NotFoundError("The window no longer exists.")
        row = found
        created = False
    row.kind, row.name, row.start_local = item.kind, item.name, item.start_local
    row.duration_minutes, row.tz, row.rrule = item.duration_minutes, item.tz, item.rrule
    row.everything, row.blocking = item.everything, item.blocking
    row.ci_ids, row.service_ids = json.dumps(list(ci_ids)), json.dumps(list(service_ids))
    row.updated_at = item.updated_at
    session.flush()
    record_event(session, entity="schedule_window", entity_id=row.id, field="created" if created else "edited",
                 new=name, actor_id=actor_id)
    return to_item(row)


def delete_window(session: Session, *, window_id: str, actor_id: str | None = None) -> None:
    row = session.get(ScheduleWindowRow, window_id)
    if row is None:
        raise NotFoundError("The window no longer exists.")
    record_event(session, entity="schedule_window", entity_id=row.id, field="deleted", old=row.name, new=None,
                 actor_id=actor_id)
    session.delete(row)
