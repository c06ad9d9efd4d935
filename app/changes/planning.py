"""What the change calendar reads and writes: planned changes, what surrounds them, a drag-and-drop reschedule."""
# Planned changes in a range with their display fields, the windows, CIs and holidays around them, the conflict index
# over them, and a drag-and-drop reschedule.
#
# Qt-free. Every function takes a Session (run it on the DB worker) and returns frozen dataclasses; times
# are aware UTC throughout.

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.changes.conflicts import CiGraph, Conflict, ConflictIndex, PlannedChange, find_conflicts, next_free_slot
from app.changes.schedules import BlackoutWindow, MaintenanceWindow
from app.cmdb.graph import graph_index, related_cis
from app.models import Change, Group, Holiday, Person, change_ci
from app.outbox.journal import record_changes
from core.changes.workflow import INACTIVE_STATES, change_state_label
from core.errors import ValidationError
from core.schema import utcnow

# How far past the loaded range the index reaches for a free-slot search (next_free_slot's default).
SLOT_SEARCH_DAYS = 90
# Open changes without planned times the calendar offers to drag on (newest first).
UNSCHEDULED_LIMIT = 500


@dataclass(frozen=True)
class PlanningChange:
    """A change on the calendar: what the conflict rules read (`planned`) plus what a bar shows."""

    planned: PlannedChange
    number: str
    title: str
    change_type: str  # standard | normal | emergency
    risk: str  # low | moderate | high
    state: str
    state_label: str
    group_id: str | None
    group_name: str
    assignee_id: str | None
    assignee_name: str
    ci_names: tuple[str, ...]
    updated_at: datetime  # pass back as expected_updated_at when rescheduling

    @property
    def id(self) -> str:
        return self.planned.id

    @property
    def start(self) -> datetime | None:
        return self.planned.start

    @property
    def end(self) -> datetime | None:
        return self.planned.end


@dataclass(frozen=True)
class HolidayItem:
    day: date
    name: str
    calendar: str


@dataclass(frozen=True)
class PlanningData:
    """Everything the calendar draws for [start, end), loaded in one task.

    `changes` overlap the range (closed and canceled ones too, which hold no slot); `unscheduled` are open
    changes without planned times. `graph` is the CMDB for the parent/child rules and the windows scoped by
    service, `ci_names` and `people` map ids to names for conflict text. Windows are all stored windows (they recur).
    """

    start: datetime
    end: datetime
    changes: tuple[PlanningChange, ...]
    unscheduled: tuple[PlanningChange, ...]
    maintenance_windows: tuple[MaintenanceWindow, ...]
    blackouts: tuple[BlackoutWindow, ...]
    graph: CiGraph
    holidays: tuple[HolidayItem, ...]
    ci_names: Mapping[str, str] = field(default_factory=dict)
    people: Mapping[str, str] = field(default_factory=dict)

    @property
    def planned(self) -> tuple[PlannedChange, ...]:
        return tuple(c.planned for c in self.changes)

    def change(self, change_id: str) -> PlanningChange | None:
        for c in self.changes:
            if c.id == change_id:
                return c
        for c in self.unscheduled:
            if c.id == change_id:
                return c
        return None


@dataclass(frozen=True)
class RescheduleResult:
    """A stored move. Undo it with restore_change(values=before, expected_updated_at=updated_at): that
    puts back everything the move changed (the times, and the risk it re-proposed), not only the times."""

    change_id: str
    number: str
    old_start: datetime | None
    old_end: datetime | None
    new_start: datetime | None
    new_end: datetime | None
    updated_at: datetime
    planned: PlannedChange  # for ConflictIndex.update
    risk: str = ""  # the change's risk after the move (a move re-proposes it from the new lead time)
    before: Mapping[str, object] = field(default_factory=dict)  # every field the move changed: its old value

# What a calendar move may change, and so what its undo puts back.
MOVE_FIELDS = ("planned_start", "planned_end", "risk", "risk_proposed", "risk_overridden", "risk_reason")


@dataclass(frozen=True)
class ConflictItem:
    """One conflict with a sentence naming changes, CIs, people and windows by their names."""

    kind: str
    severity: str  # blocking | warning
    text: str
    other_id: str | None
    other_number: str | None
    start: datetime | None
    end: datetime | None


@dataclass(frozen=True)
class ConflictReport:
    """The conflicts of one change at the given times, and the earliest free slot (None: none in range)."""

    change_id: str
    start: datetime | None
    end: datetime | None
    conflicts: tuple[ConflictItem, ...]
    next_slot: tuple[datetime, datetime] | None


def _aware(dt: datetime, name: str) -> datetime:
    if dt.tzinfo is None:
        raise ValidationError(f"The {name} needs a time zone.", field=name)
    return dt.astimezone(UTC)


def planning_data(session: Session, *, start: datetime, end: datetime,
                  related_to: tuple[tuple[str, ...], str | None] | None = None) -> PlanningData:
    """Load the calendar for [start, end) (aware datetimes). Cost: one query per table; 5 weeks of a
    10,000-change desk load in about 0.1-0.2 s. For a free-slot search past `end`, load with a later
    `end` (build_conflict_index only knows the changes loaded here).

    `related_to` = (ci_ids, assignee_id) loads only the changes that can conflict with a change on those
    CIs (or their parents and children) or that assignee, and no unscheduled ones: one change's check.
    """
    from app.changes.windows import load_windows

    start, end = _aware(start, "start"), _aware(end, "end")
    if end <= start:
        raise ValidationError("The calendar range must end after it starts.", field="end")
    in_range = and_(Change.planned_start < end, Change.planned_end > start)
    if related_to is not None:
        in_range = and_(in_range, _related(session, *related_to))
    # Plain rows, not ORM objects: cheaper by far for thousands of changes (no identity map, no CI loads).
    rows = session.execute(select(Change.__table__).where(in_range).order_by(Change.planned_start)).all()
    loose = () if related_to is not None else session.execute(select(Change.__table__).where(
        Change.planned_start.is_(None) | Change.planned_end.is_(None), Change.state.not_in(INACTIVE_STATES))
        .order_by(Change.created_at.desc()).limit(UNSCHEDULED_LIMIT)).all()
    ci_names: dict[str, str] = dict(iter(session.connection().exec_driver_sql(
        "SELECT id, name FROM configuration_item")))
    all_rows = list(rows) + list(loose)
    ci_map = load_change_cis(session, [c.id for c in all_rows])
    people = load_names(session, Person, {c.assignee_id for c in all_rows})
    groups = load_names(session, Group, {c.group_id for c in all_rows})
    maintenance, blackouts = load_windows(session)
    holidays = tuple(HolidayItem(h.day, h.name, h.calendar) for h in session.scalars(
        select(Holiday).where(Holiday.day >= start.date() - timedelta(days=1), Holiday.day <= end.date())
        .order_by(Holiday.day)))

    def item(c) -> PlanningChange:
        return to_planning_change(c, ci_ids=ci_map.get(c.id, ()), ci_names=ci_names, people=people,
                                  groups=groups)

    return PlanningData(start=start, end=end, changes=tuple(item(c) for c in rows),
                        unscheduled=tuple(item(c) for c in loose), maintenance_windows=maintenance,
                        blackouts=blackouts, graph=load_ci_graph(session), holidays=holidays,
                        ci_names=MappingProxyType(ci_names), people=MappingProxyType(people))


def _related(session: Session, ci_ids: tuple[str, ...], assignee_id: str | None):
    """Changes that share a CI, one it depends on or one depending on it (the CMDB's relations, transitively,
    parents and children included), or the assignee: the only ones that can conflict."""
    family = set(ci_ids)
    if ci_ids:
        family |= set(related_cis(session, ci_ids))
    touching = select(change_ci.c.change_id).where(change_ci.c.ci_id.in_(sorted(family)))
    clause = Change.id.in_(touching)
    return or_(clause, Change.assignee_id == assignee_id) if assignee_id is not None else clause


def to_planning_change(c, *, ci_ids: tuple[str, ...], ci_names: Mapping[str, str],
                       people: Mapping[str, str], groups: Mapping[str, str]) -> PlanningChange:
    """A change row (ORM object or plain row with the change table's columns) as the calendar shows it."""
    planned = PlannedChange(c.id, c.planned_start, c.planned_end, ci_ids, c.assignee_id, c.state)
    return PlanningChange(
        planned=planned, number=c.number or "", title=c.title, change_type=c.change_type, risk=c.risk,
        state=c.state, state_label=change_state_label(c.state), group_id=c.group_id,
        group_name=groups.get(c.group_id or "", ""), assignee_id=c.assignee_id,
        assignee_name=people.get(c.assignee_id or "", ""),
        ci_names=tuple(sorted(ci_names.get(i, i) for i in ci_ids)), updated_at=c.updated_at)


def load_ci_graph(session: Session) -> CiGraph:
    """The CMDB as the conflict rules walk it: the store's cached relation index (parents included) and each CI's
    service, read row by row into one dict (no row or object per CI kept alive meanwhile)."""
    index = graph_index(session)
    services: dict[str, str] = dict(iter(session.connection().exec_driver_sql(
        "SELECT id, service_id FROM configuration_item WHERE service_id IS NOT NULL")))
    return CiGraph(index.hurt_by, index.hurts, MappingProxyType(services))


def load_change_cis(session: Session, change_ids: list[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    # Chunked: SQLite limits the number of bound parameters in one IN list.
    for i in range(0, len(change_ids), 900):
        chunk = change_ids[i:i + 900]
        for cid, ci in session.execute(select(change_ci.c.change_id, change_ci.c.ci_id)
                                       .where(change_ci.c.change_id.in_(chunk))):
            out.setdefault(cid, []).append(ci)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def load_names(session: Session, model, ids: set[str | None]) -> dict[str, str]:
    wanted = [i for i in ids if i]
    out: dict[str, str] = {}
    for i in range(0, len(wanted), 900):
        out.update(session.execute(select(model.id, model.name).where(model.id.in_(wanted[i:i + 900]))).all())
    return out


def build_conflict_index(data: PlanningData, *, search_days: int = SLOT_SEARCH_DAYS) -> ConflictIndex:
    """The conflict index over the loaded changes and windows, its window horizon covering the range
    plus `search_days` for next_free_slot. Pure; tens of ms for thousands of changes. Not thread-safe:
    build it where it is used."""
    return ConflictIndex(changes=data.planned, graph=data.graph, maintenance_windows=data.maintenance_windows,
                         blackouts=data.blackouts, horizon_start=data.start,
                         horizon_end=data.end + timedelta(days=search_days))


def describe_conflicts(conflicts: list[Conflict], data: PlanningData, *,
                       numbers: Mapping[str, str] | None = None) -> tuple[ConflictItem, ...]:
    """Conflicts as sentences with names instead of ids. `numbers` adds change numbers for changes
    that are not in `data` (defaults to those in it)."""
    known = {c.id: c for c in data.changes}
    nums = {cid: c.number for cid, c in known.items()}
    nums.update(numbers or {})
    windows = {w.id: w for w in (*data.maintenance_windows, *data.blackouts)}
    out = []
    for c in conflicts:
        other_number = nums.get(c.other_id or "")
        ci = data.ci_names.get(c.ci_id or "", c.ci_id or "")
        when = _span(c.start, c.end)
        if c.kind == "same_ci":
            text = f"{ci} is also changed by {other_number} from {when}."
        elif c.kind == "parent_ci":
            text = f"A CI that {ci} depends on is changed by {other_number} from {when}."
        elif c.kind == "child_ci":
            text = f"A CI that depends on {ci} is changed by {other_number} from {when}."
        elif c.kind == "outside_window":
            text = f"{ci} has maintenance windows, but none covers these times."
        elif c.kind == "blackout":
            w = windows.get(c.other_id or "")
            label = "freeze" if c.severity == "blocking" else "blackout (warning only)"
            text = f'Inside the {label} "{w.name if w else c.other_id}" from {when}.'
        else:
            other = known.get(c.other_id or "")
            who = other.assignee_name if other is not None and other.assignee_name else "The assignee"
            text = f"{who} is also booked on {other_number} from {when}."
        out.append(ConflictItem(kind=c.kind, severity=c.severity, text=text, other_id=c.other_id,
                                other_number=other_number if c.kind not in ("blackout", "outside_window") else None,
                                start=c.start, end=c.end))
    return tuple(out)


def _span(start: datetime | None, end: datetime | None) -> str:
    if start is None or end is None:
        return ""
    return f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC"


def change_conflicts(session: Session, *, change_id: str, start: datetime | None = None,
                     end: datetime | None = None, ci_ids: tuple[str, ...] | None = None,
                     assignee_id: str | None = None, keep_assignee: bool = True,
                     search_days: int = SLOT_SEARCH_DAYS) -> ConflictReport:
    """The conflicts of a change at its stored times, or at the given ones (an unsaved edit), and the
    next free slot from there. `ci_ids`/`assignee_id` override the stored ones when given
    (keep_assignee=False with assignee_id None means 'no assignee')."""
    from app.changes.writes import get_change

    change = get_change(session, change_id)
    start = _aware(start, "planned_start") if start is not None else change.planned_start
    end = _aware(end, "planned_end") if end is not None else change.planned_end
    if ci_ids is None:
        ci_ids = tuple(sorted(ci.id for ci in change.cis))
    if assignee_id is None and keep_assignee:
        assignee_id = change.assignee_id
    if start is None or end is None or end <= start:
        return ConflictReport(change_id, start, end, (), None)
    data = planning_data(session, start=start - timedelta(days=1), end=end + timedelta(days=search_days),
                         related_to=(tuple(ci_ids), assignee_id))
    probe = PlannedChange(change.id, start, end, tuple(ci_ids), assignee_id, "scheduled")
    index = build_conflict_index(data, search_days=search_days)
    found = find_conflicts(probe, index)
    slot = next_free_slot(probe, index, horizon_days=search_days) if found else (start, end)
    return ConflictReport(change.id, start, end, describe_conflicts(found, data), slot)


def reschedule_change(session: Session, *, change_id: str, start: datetime, end: datetime,
                      actor_id: str | None, expected_updated_at: datetime | None) -> RescheduleResult:
    """Move a change to [start, end): audited, one outbox update, risk re-proposed for the new lead
    time. A change in Scheduled cannot be moved into a blocking freeze (TransitionError naming it);
    closed and canceled changes cannot move. StaleEditError when it changed since `expected_updated_at`
    (None skips the check). Nothing is changed on error."""
    from app.changes.writes import get_change, update_change

    start, end = _aware(start, "planned_start"), _aware(end, "planned_end")
    change = get_change(session, change_id)
    if change.state in INACTIVE_STATES:
        raise ValidationError(f"{change.number} is {change_state_label(change.state).lower()}; it can no longer "
                              "be rescheduled.", field="planned_start")
    old_start, old_end = change.planned_start, change.planned_end
    done = update_change(session, change_id=change_id, changes={"planned_start": start, "planned_end": end},
                         actor_id=actor_id, expected_updated_at=expected_updated_at)
    return _result(change, old_start, old_end, {f: old for f, (old, _new) in done.items() if f in MOVE_FIELDS})


def _result(change, old_start, old_end, before: Mapping[str, object]) -> RescheduleResult:
    ci_ids = tuple(sorted(ci.id for ci in change.cis))
    planned = PlannedChange(change.id, change.planned_start, change.planned_end, ci_ids, change.assignee_id,
                            change.state)
    return RescheduleResult(change_id=change.id, number=change.number or "", old_start=old_start,
                            old_end=old_end, new_start=change.planned_start, new_end=change.planned_end,
                            updated_at=change.updated_at, planned=planned, risk=change.risk,
                            before=MappingProxyType(dict(before)))


def restore_change(session: Session, *, change_id: str, values: Mapping[str, object], actor_id: str | None,
                   expected_updated_at: datetime | None) -> RescheduleResult:
    """Undo of a calendar move: put back exactly the values the move replaced (RescheduleResult.before),
    the risk it re-proposed included, without proposing anything anew. Audited, one outbox update.
    Refused like a move: closed and canceled changes stay put, a Scheduled change does not go back into a
    freeze made since, StaleEditError when it changed since `expected_updated_at`. Returns the undo's
    own result (its `before` redoes it)."""
    from app.changes.writes import _check_stale, check_freeze, ci_ids_of, get_change

    unknown = set(values) - set(MOVE_FIELDS)
    if unknown:
        raise ValidationError(f"A calendar undo does not set {', '.join(sorted(unknown))}.")
    change = get_change(session, change_id)
    _check_stale(change, expected_updated_at)
    if change.state in INACTIVE_STATES:
        raise ValidationError(f"{change.number} is {change_state_label(change.state).lower()}; it can no longer "
                              "be rescheduled.", field="planned_start")
    start = values.get("planned_start", change.planned_start)
    end = values.get("planned_end", change.planned_end)
    if (start is None) != (end is None) or (start is not None and end <= start):
        raise ValidationError("The planned end must be after the planned start.", field="planned_end")
    if change.state == "scheduled" and start is not None:
        check_freeze(session, change=change, start=start, end=end, ci_ids=ci_ids_of(session, change.id))
    old_start, old_end = change.planned_start, change.planned_end
    done = {f: (getattr(change, f), v) for f, v in values.items() if getattr(change, f) != v}
    if done:
        for f, (_old, v) in done.items():
            setattr(change, f, v)
        change.updated_at = utcnow()
        record_changes(session, entity="change", entity_id=change.id, changes=done, actor_id=actor_id,
                       batch_id=None, at=change.updated_at)
    return _result(change, old_start, old_end, {f: old for f, (old, _new) in done.items()})

