"""The queue: filters, sort, exact count, ordered ids and pages of rows, all done in SQL on indexes."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, and_, bindparam, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from app.models import Category, Group, Person, Service, SyncConflict, Ticket, TicketSla
from app.records.queue_sql import ME, MY_GROUPS, UNASSIGNED, join_name_sort, owner_clauses
from app.tickets.queue_conditions import condition_clause, valid_pair
from app.tickets.records import QueueRow
from app.tickets.search import fts_match_count, search_clause
from core.schema import utcnow
from core.tickets.workflow import state_label

MAX_DAYS = 36_500  # "updated within" beyond a century means any time

# Sort keys the queue offers, with the column they sort on. Name sorts go through a join.
SORTS = {
    "number": Ticket.number, "type": Ticket.type, "title": Ticket.title, "state": Ticket.state,
    "priority": Ticket.priority, "updated_at": Ticket.updated_at, "created_at": Ticket.created_at,
    "channel": Ticket.channel,
}
# Due time of the SLA clock due first; tickets without a running clock sort after every due time.
SLA_DUE_SORT = "sla_due"
NAME_SORTS: dict[str, tuple[type[Group] | type[Person], InstrumentedAttribute[str | None]]] = {
              "group": (Group, Ticket.group_id), "assignee": (Person, Ticket.assignee_id),
              "requester": (Person, Ticket.requester_id)}


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows. Empty tuples mean 'any'. `open_only` None means open and closed."""

    types: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()
    group_ids: tuple[str, ...] = ()  # may hold MY_GROUPS
    assignee_ids: tuple[str, ...] = ()  # may hold ME or UNASSIGNED
    open_only: bool | None = None
    updated_within_days: int | None = None
    text: str = ""
    # Named conditions owned by other features, e.g. ("sla", "breaching:240") or ("kpi", "<bucket>");
    # see app.tickets.queue_conditions.
    conditions: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> QueueFilter:
        """A filter from saved JSON. A value of the wrong type means 'any': a view written by another
        version or damaged on disk must give a filter the queue can run, not an error later."""
        data = data if isinstance(data, dict) else {}

        def items(key: str, kind: type) -> tuple:
            value = data.get(key)
            if not isinstance(value, (list, tuple)):
                return ()
            return tuple(v for v in value if isinstance(v, kind) and not isinstance(v, bool))

        open_only = data.get("open_only")
        days = data.get("updated_within_days")
        text = data.get("text")
        return cls(types=items("types", str), states=items("states", str), priorities=items("priorities", int),
                   group_ids=items("group_ids", str), assignee_ids=items("assignee_ids", str),
                   open_only=open_only if isinstance(open_only, bool) else None,
                   updated_within_days=days if type(days) is int and 0 < days <= MAX_DAYS else None,
                   text=text if isinstance(text, str) else "",
                   conditions=tuple(tuple(c) for c in data.get("conditions") or () if valid_pair(c))
                   if isinstance(data.get("conditions"), (list, tuple)) else ())

    def with_text(self, text: str) -> QueueFilter:
        return replace(self, text=text)


@dataclass(frozen=True)
class QueueSort:
    key: str = "updated_at"
    descending: bool = True


@dataclass(frozen=True)
class BuiltinView:
    key: str
    name: str
    filter: QueueFilter
    sort: QueueSort = field(default_factory=QueueSort)


BUILTIN_VIEWS = (
    BuiltinView("my_open", "My open tickets", QueueFilter(assignee_ids=(ME,), open_only=True)),
    BuiltinView("group_unassigned", "My group's unassigned",
                QueueFilter(group_ids=(MY_GROUPS,), assignee_ids=(UNASSIGNED,), open_only=True),
                QueueSort("priority", False)),
    BuiltinView("all_open", "All open", QueueFilter(open_only=True)),
    BuiltinView("recently_updated", "Recently updated", QueueFilter(updated_within_days=7)),
    BuiltinView("all", "All tickets", QueueFilter()),
    # The queue page puts the sla_warning_hours setting into the condition (sla_queue.breaching_value).
    BuiltinView("breaching_soon", "Breaching soon", QueueFilter(open_only=True, conditions=(("sla", "breaching:240"),)),
                QueueSort(SLA_DUE_SORT, False)),
)


# From this many full-text matches on, the first page walks the sort index (see search_clause).
WALK_INDEX_FROM = 2000


def where_clauses(session: Session, flt: QueueFilter, *, me: str | None, has_fts: bool,
                  walk_sort_index: bool = False) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if flt.types:
        clauses.append(Ticket.type.in_(flt.types))
    if flt.states:
        clauses.append(Ticket.state.in_(flt.states))
    if flt.priorities:
        clauses.append(Ticket.priority.in_(flt.priorities))
    if flt.open_only is not None:
        clauses.append(Ticket.is_open.is_(flt.open_only))
    clauses.extend(owner_clauses(session, group_column=Ticket.group_id, assignee_column=Ticket.assignee_id,
                                 group_ids=flt.group_ids, assignee_ids=flt.assignee_ids, me=me))
    if flt.updated_within_days:
        # Clamped: a huge count would overflow the date arithmetic instead of meaning "any time".
        days = min(flt.updated_within_days, MAX_DAYS)
        clauses.append(Ticket.updated_at >= utcnow() - timedelta(days=days))
    for kind, value in flt.conditions:
        clauses.append(condition_clause(session, kind, value, me=me))
    text_clause = search_clause(flt.text, has_fts=has_fts, walk_sort_index=walk_sort_index)
    if text_clause is not None:
        clauses.append(text_clause)
    return clauses


def _ordered(stmt: Select, sort: QueueSort) -> Select:
    key: SQLColumnExpression[Any]
    if sort.key in NAME_SORTS:
        stmt, key = join_name_sort(stmt, *NAME_SORTS[sort.key])
    elif sort.key == SLA_DUE_SORT:
        stmt = stmt.outerjoin(TicketSla, TicketSla.ticket_id == Ticket.id)
        key = func.coalesce(TicketSla.due_at, literal("9999-12-31"))
    else:
        key = SORTS.get(sort.key, Ticket.updated_at)
    tiebreak = Ticket.row_id.desc() if sort.descending else Ticket.row_id
    return stmt.order_by(key.desc() if sort.descending else key, tiebreak)


def count_tickets(session: Session, *, flt: QueueFilter, me: str | None, has_fts: bool) -> int:
    if has_fts and flt.text and replace(flt, text="") == QueueFilter():
        matched = fts_match_count(session, flt.text)  # text alone: the index knows the count
        if matched is not None:
            return matched
    clauses = where_clauses(session, flt, me=me, has_fts=has_fts)
    return session.scalar(select(func.count()).select_from(Ticket).where(and_(True, *clauses))) or 0


def ticket_ids(session: Session, *, flt: QueueFilter, sort: QueueSort, me: str | None, has_fts: bool,
               limit: int | None = None) -> array:
    """Row ids in display order, as a compact array (8 bytes a row: 1,000,000 rows take 8 MB)."""
    walk = False
    if has_fts and limit is not None and flt.text and sort.key not in NAME_SORTS \
            and sort.key != SLA_DUE_SORT:
        matched = fts_match_count(session, flt.text)
        walk = matched is not None and matched >= WALK_INDEX_FROM
    clauses = where_clauses(session, flt, me=me, has_fts=has_fts, walk_sort_index=walk)
    stmt = _ordered(select(Ticket.row_id).where(and_(True, *clauses)), sort)
    if limit is not None:
        stmt = stmt.limit(limit)
    out = array("q")
    result = session.execute(stmt)
    for chunk in result.partitions(50_000):
        out.extend(r[0] for r in chunk)
    return out


def _page_statement() -> Select:
    assignee, requester = aliased(Person), aliased(Person)
    return (
        select(Ticket.row_id, Ticket.id, Ticket.number, Ticket.type, Ticket.title, Ticket.state, Ticket.priority,
               Group.name, assignee.name, requester.name, Category.name, Service.name, Ticket.channel,
               Ticket.created_at, Ticket.updated_at, Ticket.is_open, TicketSla.state, TicketSla.due_at,
               TicketSla.warn_at, TicketSla.warning)
        .outerjoin(Group, Group.id == Ticket.group_id)
        .outerjoin(assignee, assignee.id == Ticket.assignee_id)
        .outerjoin(requester, requester.id == Ticket.requester_id)
        .outerjoin(Category, Category.id == Ticket.category_id)
        .outerjoin(Service, Service.id == Ticket.service_id)
        .outerjoin(TicketSla, TicketSla.ticket_id == Ticket.id)
        .where(Ticket.row_id.in_(bindparam("row_ids", expanding=True)))
    )


# Built once: constructing the eight-table statement cost more than running it for a page.
_PAGE = _page_statement()


def queue_rows(session: Session, *, row_ids: Iterable[int]) -> dict[int, QueueRow]:
    """The display rows for these ids (a page), keyed by row id, with the SLA summary of each and
    whether the server refused work of it that waits for the user (one indexed read per page)."""
    ids = list(row_ids)
    if not ids:
        return {}
    stmt = _PAGE
    out = {}
    rows = session.execute(stmt, {"row_ids": ids}).all()
    refused = set(session.scalars(select(SyncConflict.ticket_id).where(
        SyncConflict.kind == "rejected", SyncConflict.status == "open",
        SyncConflict.ticket_id.in_([r[1] for r in rows])))) if rows else set()
    for r in rows:
        out[r[0]] = QueueRow(
            row_id=r[0], id=r[1], number=r[2] or "Draft", type=r[3], title=r[4], state=r[5],
            state_label=state_label(r[3], r[5]), priority=r[6], group=r[7] or "", assignee=r[8] or "",
            requester=r[9] or "", category=r[10] or "", service=r[11] or "", channel=r[12],
            created_at=r[13], updated_at=r[14], is_open=bool(r[15]), sla_state=r[16], sla_due_at=r[17],
            sla_warn_at=r[18], sla_warning=r[19] or 0, refused=r[1] in refused,
        )
    return out


@dataclass(frozen=True)
class FirstPage:
    """What the queue paints first: how many tickets match, the first ids in order and their rows."""

    count: int
    ids: array
    rows: dict[int, QueueRow]


def first_page(session: Session, *, flt: QueueFilter, sort: QueueSort, me: str | None, has_fts: bool,
               limit: int) -> FirstPage:
    """The count and the first `limit` rows of a filter, in one read: the queue shows them before the full id list."""
    ids = ticket_ids(session, flt=flt, sort=sort, me=me, has_fts=has_fts, limit=limit)
    return FirstPage(count=count_tickets(session, flt=flt, me=me, has_fts=has_fts), ids=ids,
                     rows=queue_rows(session, row_ids=ids))


def ids_for_rows(session: Session, *, row_ids: Iterable[int]) -> dict[int, str]:
    """Ticket UUIDs for row ids (for bulk actions on a selection)."""
    ids = list(row_ids)
    return dict(session.execute(select(Ticket.row_id, Ticket.id).where(Ticket.row_id.in_(ids))).all())


def view_counts(session: Session, *, filters: Mapping[str, QueueFilter], me: str | None,
                has_fts: bool) -> dict[str, int]:
    """The views panel's counts: how many tickets each view's filter holds, by view key."""
    return {key: count_tickets(session, flt=flt, me=me, has_fts=has_fts) for key, flt in filters.items()}


def ticket_id_for_row(session: Session, *, row_id: int) -> str | None:
    """The ticket UUID behind a queue row, or None when the row is gone (opening a row not yet loaded)."""
    return ids_for_rows(session, row_ids=[row_id]).get(row_id)
