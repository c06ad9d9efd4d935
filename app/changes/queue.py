"""The change queue: filter, sort and count changes in SQL, with each row's live conflict count."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.changes.conflicts import ConflictIndex, PlannedChange, _us
from app.changes.planning import load_change_cis, load_ci_graph, load_names
from app.changes.schedules import BlackoutWindow
from app.changes.windows import load_windows
from app.models import Change, ConfigurationItem, Group, Person, change_ci
from app.records.queue_sql import join_name_sort, owner_clauses
from core.changes.workflow import INACTIVE_STATES, change_state_label

UNKNOWN = -1  # ChangeRow.conflicts not counted yet (list_changes with_conflicts=False)
# A desk has at most ~10,000 changes (the demo's cap): the model holds them all, so no paging.
ROW_LIMIT = 20_000
SORTS = {"number": Change.number, "title": Change.title, "type": Change.change_type, "state": Change.state,
         "risk": Change.risk, "planned_start": Change.planned_start, "planned_end": Change.planned_end,
         "updated_at": Change.updated_at, "created_at": Change.created_at}
NAME_SORTS: dict[str, tuple[type[Group] | type[Person], InstrumentedAttribute[str | None]]] = {
              "group": (Group, Change.group_id), "assignee": (Person, Change.assignee_id)}


@dataclass(frozen=True)
class ChangeFilter:
    """What the change queue shows; empty tuples mean any. `open_only` None shows open and closed."""

    states: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    group_ids: tuple[str, ...] = ()  # may hold MY_GROUPS
    assignee_ids: tuple[str, ...] = ()  # may hold ME or UNASSIGNED
    open_only: bool | None = None
    text: str = ""

    def with_text(self, text: str) -> ChangeFilter:
        return replace(self, text=text)


@dataclass(frozen=True)
class ChangeSort:
    key: str = "planned_start"
    descending: bool = False


@dataclass(frozen=True)
class ChangeRow:
    id: str
    number: str
    title: str
    change_type: str
    state: str
    state_label: str
    risk: str
    risk_overridden: bool
    planned_start: datetime | None
    planned_end: datetime | None
    ci_names: str
    group: str
    assignee: str
    conflicts: int  # UNKNOWN until counted
    blocking: bool  # one of the conflicts is a freeze
    updated_at: datetime


@dataclass(frozen=True)
class ChangeQueue:
    rows: tuple[ChangeRow, ...]
    total: int  # matching changes; rows stop at ROW_LIMIT
    state_counts: tuple[tuple[str, int], ...]  # over the whole filter, in workflow order


def _where(session: Session, flt: ChangeFilter, me: str | None) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if flt.states:
        clauses.append(Change.state.in_(flt.states))
    if flt.types:
        clauses.append(Change.change_type.in_(flt.types))
    if flt.risks:
        clauses.append(Change.risk.in_(flt.risks))
    if flt.open_only is not None:
        clauses.append(Change.state.not_in(INACTIVE_STATES) if flt.open_only else Change.state.in_(INACTIVE_STATES))
    clauses.extend(owner_clauses(session, group_column=Change.group_id, assignee_column=Change.assignee_id,
                                 group_ids=flt.group_ids, assignee_ids=flt.assignee_ids, me=me))
    text = flt.text.strip()
    if text:
        # LIKE metacharacters are taken literally: a search for "50%" means those three characters.
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        ci_match = select(change_ci.c.change_id).join(ConfigurationItem, ConfigurationItem.id == change_ci.c.ci_id) \
            .where(ConfigurationItem.name.ilike(pattern, escape="\\"))
        clauses.append(or_(Change.number.ilike(pattern, escape="\\"), Change.title.ilike(pattern, escape="\\"),
                           Change.id.in_(ci_match)))
    return clauses


def list_changes(session: Session, *, flt: ChangeFilter = ChangeFilter(), sort: ChangeSort = ChangeSort(),
                 me: str | None = None, limit: int = ROW_LIMIT, with_conflicts: bool = True) -> ChangeQueue:
    """Rows for the queue, sorted in SQL (nulls last for times), with conflict counts for open changes.
    One query for rows, one for counts, then the conflict index over the rows' time span.

    with_conflicts=False leaves `conflicts` at UNKNOWN on open planned rows (fill them with
    conflict_counts), so a big queue paints first and counts after: at 10,000 changes the counts are
    about half of the time."""
    clauses = _where(session, flt, me)
    # Plain rows, not ORM objects: loading 10,000 Change objects (and their CI relationship) costs more
    # than the whole query.
    stmt = select(Change.__table__).where(*clauses)
    key: SQLColumnExpression[Any]
    if sort.key in NAME_SORTS:
        stmt, key = join_name_sort(stmt, *NAME_SORTS[sort.key])
    else:
        key = SORTS.get(sort.key, Change.planned_start)
    order = key.desc() if sort.descending else key.asc()
    stmt = stmt.order_by(key.is_(None), order, Change.number.desc()).limit(limit)
    changes = session.execute(stmt).all()
    counts = dict(session.execute(select(Change.state, func.count()).where(*clauses).group_by(Change.state)).all())
    from core.changes.workflow import CHANGE_STATES

    state_counts = tuple((s.key, counts.get(s.key, 0)) for s in CHANGE_STATES)
    cis = load_change_cis(session, [c.id for c in changes])
    ci_names = load_names(session, ConfigurationItem, {i for ids in cis.values() for i in ids})
    people = load_names(session, Person, {c.assignee_id for c in changes})
    groups = load_names(session, Group, {c.group_id for c in changes})
    placed = [c for c in changes if c.state not in INACTIVE_STATES and c.planned_start is not None
              and c.planned_end is not None]
    conflicts = _conflict_counts(session, placed, cis) if with_conflicts else {c.id: (UNKNOWN, False) for c in placed}
    rows = tuple(ChangeRow(
        id=c.id, number=c.number or "", title=c.title, change_type=c.change_type, state=c.state,
        state_label=change_state_label(c.state), risk=c.risk, risk_overridden=c.risk_overridden,
        planned_start=c.planned_start, planned_end=c.planned_end,
        ci_names=", ".join(sorted(ci_names.get(i, "") for i in cis.get(c.id, ()))),
        group=groups.get(c.group_id or "", ""), assignee=people.get(c.assignee_id or "", ""),
        conflicts=conflicts.get(c.id, (0, False))[0], blocking=conflicts.get(c.id, (0, False))[1],
        updated_at=c.updated_at) for c in changes)
    return ChangeQueue(rows=rows, total=sum(counts.values()), state_counts=state_counts)


def conflict_counts(session: Session, *, change_ids: list[str]) -> dict[str, tuple[int, bool]]:
    """{change id: (conflicts, whether one is a blocking freeze)} for the open planned ones among
    `change_ids`, against every active change; the second step after list_changes(with_conflicts=False)."""
    changes: list[Any] = []  # rows of the columns below
    for i in range(0, len(change_ids), 900):
        changes.extend(session.execute(select(Change.id, Change.planned_start, Change.planned_end,
                                              Change.assignee_id, Change.state)
                                       .where(Change.id.in_(change_ids[i:i + 900]),
                                              Change.state.not_in(INACTIVE_STATES),
                                              Change.planned_start.is_not(None), Change.planned_end.is_not(None))))
    return _conflict_counts(session, changes, load_change_cis(session, [c.id for c in changes]))


def _conflict_counts(session: Session, changes: list, cis: dict[str, tuple[str, ...]],
                     ) -> dict[str, tuple[int, bool]]:
    """Conflicts of each given change against every active change in their span."""
    if not changes:
        return {}
    lo = min(c.planned_start for c in changes)
    hi = max(c.planned_end for c in changes)
    others = session.execute(select(Change.id, Change.planned_start, Change.planned_end, Change.assignee_id,
                                    Change.state).where(Change.planned_start < hi, Change.planned_end > lo,
                                                        Change.state.not_in(INACTIVE_STATES))).all()
    other_cis = load_change_cis(session, [o.id for o in others])
    planned = [PlannedChange(o.id, o.planned_start, o.planned_end, other_cis.get(o.id, ()), o.assignee_id, o.state)
               for o in others]
    maintenance, blackouts = load_windows(session)
    index = ConflictIndex(changes=planned, graph=load_ci_graph(session), maintenance_windows=maintenance,
                          blackouts=blackouts, horizon_start=lo - timedelta(days=1), horizon_end=hi + timedelta(days=1))
    return {c.id: _count(index, PlannedChange(c.id, c.planned_start, c.planned_end, cis.get(c.id, ()),
                                              c.assignee_id, c.state)) for c in changes}


def _count(index: ConflictIndex, change: PlannedChange) -> tuple[int, bool]:
    """(number of conflicts, whether one is a blocking freeze): what ConflictIndex.conflicts would return,
    counted with its own de-duplication but without writing a sentence per conflict, which is most of
    its cost on a crowded calendar (10,000 changes: 1.0 s -> 0.2 s)."""
    seen: set[tuple] = set()
    blocking = False
    for kind, other, ci, os_, _oe, detail, _clear in index._scan(change.id, _us(change.start), _us(change.end),
                                                                 change.ci_ids, change.assignee_id):
        key = (kind, other, os_) if kind == "blackout" else (kind, other, ci, detail)
        if key not in seen:
            seen.add(key)
            blocking = blocking or (kind == "blackout" and isinstance(detail, BlackoutWindow) and detail.blocking)
    return len(seen), blocking
