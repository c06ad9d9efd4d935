"""Build a pull page: the change log after the client's cursor, filtered by the user's scope."""
# The page holds current rows, tombstones, evictions and the user's conflicts. Long-polls when nothing is newer.

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Row, Text, select, type_coerce
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from core.schema import UtcDateTime
from server import change_sync, knowledge, macros, problem_cis
from server.changelog import LogEntry, latest_seq
from server.cmdb_models import CiClass, CiRelation
from server.config import Settings
from server.db import Database
from server.horizon import check_cursor
from server.models import (
    Attachment,
    Category,
    ChangeLog,
    ConfigurationItem,
    Conflict,
    Group,
    Person,
    Service,
    Site,
    Ticket,
    TicketLink,
    WorklogEntry,
    group_member,
)
from server.notify import Notifier
from server.scope import Scope
from server.tickets import to_wire

REFERENCE = {"person": Person, "group": Group, "category": Category, "service": Service,
             "configuration_item": ConfigurationItem, "site": Site, "ci_relation": CiRelation, "ci_class": CiClass}
CHILDREN: dict[str, type[WorklogEntry] | type[Attachment] | type[TicketLink]] = {
    "worklog_entry": WorklogEntry, "attachment": Attachment, "ticket_link": TicketLink}
PARENT_COLUMNS = {"worklog_entry": WorklogEntry.ticket_id, "attachment": Attachment.ticket_id,
                  "ticket_link": TicketLink.source_id}  # the ticket a child belongs to


class CursorAhead(Exception):
    """The client's cursor is past the newest change: the server's data was replaced; pull from 0."""


class _Page:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict[str, Any]]] = {}
        self.changes: list[dict[str, Any]] = []
        self.tombstones: list[dict[str, Any]] = []
        self.evictions: list[dict[str, Any]] = []
        self.conflicts: list[dict[str, Any]] = []

    def row(self, entity: str, obj: Any) -> None:
        """Add the current row (an ORM object or a Core row) once per page."""
        rows = self.rows.setdefault(entity, {})
        if obj.id not in rows:  # (not hasattr(obj, "_mapping"): a Row builds a new mapping for each ask)
            rows[obj.id] = _wire(obj) if isinstance(obj, Row) else to_wire(obj)

    def change(self, entry: LogEntry, op: str) -> None:
        self.changes.append({"seq": entry.seq, "entity": entry.entity, "entity_id": entry.entity_id, "op": op})
        if op == "delete" or op == "evict":  # (most are upserts: no reference built for them)
            ref = {"entity": entry.entity, "entity_id": entry.entity_id, "seq": entry.seq}
            (self.tombstones if op == "delete" else self.evictions).append(ref)

    def children_of(self, session: Session, ticket_ids: set[str]) -> None:
        if not ticket_ids:
            return
        ids = sorted(ticket_ids)
        for entity, model in CHILDREN.items():
            for obj in _rows(session, model, ids, PARENT_COLUMNS[entity]):
                self.row(entity, obj)

    def response(self, next_cursor: int, has_more: bool) -> PageOut:
        return PageOut({"next_cursor": next_cursor, "has_more": has_more, "changes": self.changes,
                        "rows": {e: list(r.values()) for e, r in self.rows.items()}, "tombstones": self.tombstones,
                        "evictions": self.evictions, "conflicts": self.conflicts})


@dataclass(frozen=True)
class PageOut:
    """A built page in the shape of protocol.PullResponse (plain data: the route writes it with orjson;
    validating 1,000 rows through pydantic on the way out cost a first sync ~15 ms a page)."""

    body: dict[str, Any]

    @property
    def next_cursor(self) -> int:
        return self.body["next_cursor"]

    def json(self) -> bytes:
        return orjson.dumps(self.body)


def _iso(value: Any) -> Any:
    """A stored UTC time in wire form. SQLite hands the stored text ("YYYY-MM-DD HH:MM:SS.ffffff"),
    rewritten without parsing (a first sync sends hundreds of thousands); PostgreSQL a naive datetime."""
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " ":
            return f"{value[:10]}T{value[11:]}+00:00"
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    return value


_LAST_SHAPE: tuple[Any, tuple[str, ...], tuple[str, ...] | None] = (None, (), None)


def _shape(row: Any) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """(field names, raw time fields or None) of a row; asked once per result, not per row (Row._fields
    builds a new tuple on every call). One entry: a page's rows come result by result."""
    global _LAST_SHAPE
    last = _LAST_SHAPE  # read once: another worker thread may replace it meanwhile
    if last[0] is row._parent:
        return last[1], last[2]
    fields = tuple(row._fields)
    _LAST_SHAPE = (row._parent, fields, _RAW_TIMES.get(fields))
    return fields, _LAST_SHAPE[2]


def _wire(row: Any) -> dict[str, Any]:
    fields, times = _shape(row)
    out = dict(zip(fields, row, strict=True))
    if times is None:  # a row read with its types processed
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in out.items()}
    for key in times:
        if out[key] is not None:
            out[key] = _iso(out[key])
    return out


_RAW_TIMES: dict[tuple[str, ...], tuple[str, ...]] = {}  # fields of a _raw_columns select -> its time fields


@cache
def _raw_columns(model) -> tuple[Any, ...]:
    """The table's columns with the UTC times read as stored (no datetime parsing per value)."""
    columns = model.__table__.columns
    out = tuple(type_coerce(c, Text).label(c.name) if isinstance(c.type, UtcDateTime) else c for c in columns)
    _RAW_TIMES[tuple(c.name for c in columns)] = tuple(c.name for c in columns if isinstance(c.type, UtcDateTime))
    return out


def _rows(session: Session, model, ids, column=None) -> list[Any]:
    """Core rows (no ORM objects: a first sync reads hundreds of thousands) of `model` whose `column`
    (default: id) is in `ids`, fetched in chunks that stay under the databases' bind limits. Time
    columns come as stored (see _iso); only _wire reads them."""
    ids = sorted(ids)
    column = column if column is not None else model.id
    out: list[Any] = []
    conn = session.connection()  # Core execution: the ORM layer would wrap every row once more
    for start in range(0, len(ids), 5000):
        out += conn.execute(select(*_raw_columns(model)).where(column.in_(ids[start:start + 5000]))).all()
    return out


def _scope_rows(session: Session, ids: set[str]) -> list[Any]:
    ids_sorted = sorted(ids)
    out: list[Any] = []
    for start in range(0, len(ids_sorted), 5000):
        out += session.connection().execute(select(Ticket.id, Ticket.group_id, Ticket.assignee_id)
                               .where(Ticket.id.in_(ids_sorted[start:start + 5000]))).all()
    return out


def _conflict_record(c: Conflict) -> dict[str, Any]:
    return {"id": c.id, "ticket_id": c.ticket_id, "field": c.field, "base": (c.base or {}).get("v"),
            "theirs": (c.theirs or {}).get("v"), "mine": (c.mine or {}).get("v"), "reason": c.reason,
            "client_id": c.client_id, "mutation_id": c.mutation_id, "status": c.status,
            "created_at": c.created_at.isoformat(), "entity": c.entity}


# A change log entry as a plain named tuple: a page reads each entry's fields a dozen times or more (here and in
# the load_rows of changes and articles), and a Core Row's attribute costs about 17 times a tuple's (measured:
# 2.4 ms against 0.14 ms a page for the seven entity scans alone; the conversion 0.4 ms).
class _Entry(NamedTuple):
    """The columns of change_log, in the table's order (as _raw_columns selects them)."""

    seq: int
    entity: str
    entity_id: str
    op: str
    ticket_id: str | None
    old_group_id: str | None
    old_assignee_id: str | None
    new_group_id: str | None
    new_assignee_id: str | None
    account_id: str | None
    at: Any


def _page(session: Session, scope: Scope, cursor: int, limit: int) -> PageOut:
    check_cursor(session, cursor)
    entries = list(map(_Entry._make, session.connection().execute(  # (all(): fetched at once, not a row a call)
        select(*_raw_columns(ChangeLog)).where(ChangeLog.seq > cursor).order_by(ChangeLog.seq).limit(limit + 1)).all()))
    has_more = len(entries) > limit
    entries = entries[:limit]
    if not entries:
        if cursor > latest_seq(session):
            raise CursorAhead()
        return _Page().response(cursor, False)
    ticket_ids = {e.ticket_id for e in entries if e.ticket_id}
    # Whole rows for the tickets this page sends; for the parents of children only what scope needs
    # (a page of 1,000 notes names up to 1,000 tickets it does not send).
    current = {t.id: t for t in _rows(session, Ticket, {e.entity_id for e in entries if e.entity == "ticket"})}
    current.update((t.id, t) for t in _scope_rows(session, ticket_ids - current.keys()))
    named: dict[str, set[str]] = {entity: set() for entity in CHILDREN}  # one pass over the entries
    for e in entries:
        if e.entity in named and e.op != "delete":
            named[e.entity].add(e.entity_id)
    children = {entity: {c.id: c for c in _rows(session, model, named[entity])} for entity, model in CHILDREN.items()}
    change_rows = change_sync.load_rows(session, entries)
    article_rows = knowledge.load_rows(session, entries)
    page, entered = _Page(), set()
    for e in entries:
        ticket = current.get(e.ticket_id) if e.ticket_id else None
        if e.entity in REFERENCE or e.entity == "group_member":
            # From cursor 0 the client holds nothing yet: every ticket comes by its own entries.
            if _reference(session, page, e) and e.entity_id.endswith(":" + scope.person_id) and not scope.sees_all \
                    and cursor > 0:
                entered |= _membership_changed(session, page, scope, e)
        elif e.entity == "ticket":
            if e.op == "delete":
                if scope.allows(e.old_group_id, e.old_assignee_id):
                    page.change(e, "delete")
            elif ticket is not None and scope.allows_ticket(ticket):
                page.row("ticket", ticket)
                page.change(e, "upsert")
                if e.op != "create" and not scope.allows(e.old_group_id, e.old_assignee_id):
                    entered.add(ticket.id)  # came into scope: its older children were never sent
                # (a create has no older children: each of its children's own entries comes later)
            elif ticket is None:
                # Deleted since: its tombstone follows, but only for those who could see it at the
                # end; whoever could see it at this step is told to drop it now.
                if not scope.sees_all and (scope.allows(e.old_group_id, e.old_assignee_id)
                                           or scope.allows(e.new_group_id, e.new_assignee_id)):
                    page.change(e, "evict")
            elif scope.allows(e.old_group_id, e.old_assignee_id) or scope.allows(e.new_group_id, e.new_assignee_id):
                page.change(e, "evict")  # the row left this user's scope; children go with it
        elif e.entity in CHILDREN:
            if e.op == "delete":
                if ticket is None or scope.allows_ticket(ticket):
                    page.change(e, "delete")
            elif scope.allows_ticket(ticket) and (obj := children[e.entity].get(e.entity_id)) is not None:
                page.row(e.entity, obj)
                page.change(e, "upsert")
        elif e.entity in change_sync.ENTITIES:
            change_sync.add_to_page(page, e, change_rows)  # every account reads every change
        elif e.entity in macros.ENTITIES:
            macros.add_to_page(session, page, scope, e)  # shared to all, personal to the owner only
        elif e.entity in knowledge.ENTITIES:
            knowledge.add_to_page(page, e, article_rows)  # and every article
        elif e.entity == "conflict" and e.account_id == scope.account_id:
            conflict = session.get(Conflict, e.entity_id)
            if conflict is not None:
                page.conflicts.append(_conflict_record(conflict))
                page.change(e, "upsert")
    page.children_of(session, entered)
    problem_cis.attach(session, page.rows.get("ticket", {}))
    return page.response(entries[-1].seq, has_more)


def _membership_changed(session: Session, page: _Page, scope: Scope, e: LogEntry) -> set[str]:
    """The user joined or left a group: evict the group's tickets the user may no longer see, or send
    all of them (a backfill). Decided by the membership as it is now, like every row of a pull, so
    pulling the same history again gives the same result. Returns the backfilled ticket ids."""
    group_id = e.entity_id.partition(":")[0]
    in_group = Ticket.group_id == group_id
    if group_id in scope.group_ids:
        tickets = list(session.scalars(select(Ticket).where(in_group)))
        for ticket in tickets:
            page.row("ticket", ticket)
        return {t.id for t in tickets}
    # Checked here rather than with NOT(filter): a NULL assignee makes the negated SQL filter NULL.
    for ticket_id, assignee_id in session.execute(select(Ticket.id, Ticket.assignee_id).where(in_group)):
        if scope.allows(group_id, assignee_id):
            continue
        page.changes.append({"seq": e.seq, "entity": "ticket", "entity_id": ticket_id, "op": "evict"})
        page.evictions.append({"entity": "ticket", "entity_id": ticket_id, "seq": e.seq})
    return set()


def _reference(session: Session, page: _Page, e: LogEntry) -> bool:
    """Add a reference row's change; True for a group membership (whose holder may gain or lose tickets)."""
    if e.entity == "group_member":
        group_id, _, person_id = e.entity_id.partition(":")
        exists = session.execute(select(group_member).where(group_member.c.group_id == group_id,
                                                            group_member.c.person_id == person_id)).first()
        if exists:
            page.rows.setdefault("group_member", {})[e.entity_id] = {"group_id": group_id, "person_id": person_id}
        page.change(e, "upsert" if exists else "delete")
        return True
    obj = session.get(REFERENCE[e.entity], e.entity_id)
    if obj is not None:
        page.row(e.entity, obj)
    page.change(e, "upsert" if obj is not None else "delete")
    return False


def own_open_first(session: Session, scope: Scope, limit: int) -> PageOut:
    """The user's own open tickets and their children, before the ordered pull from 0 begins."""
    page = _Page()
    for ticket in session.scalars(select(Ticket).where(Ticket.assignee_id == scope.person_id, Ticket.is_open)
                                  .order_by(Ticket.priority, Ticket.updated_at.desc()).limit(limit)):
        page.row("ticket", ticket)
    page.children_of(session, set(page.rows.get("ticket", {})))
    problem_cis.attach(session, page.rows.get("ticket", {}))
    return page.response(0, True)


async def pull(db: Database, notifier: Notifier, settings: Settings, scope: Scope, *, cursor: int, limit: int,
               wait: float, priority_first: bool) -> PageOut:
    """Runs on the event loop; each query goes to a worker thread, the waiting stays on the loop."""
    if priority_first and cursor == 0:
        return await run_in_threadpool(_read, db, own_open_first, scope, limit)
    deadline = time.monotonic() + min(max(wait, 0), settings.max_wait_s)
    while True:
        seen = notifier.version  # read before querying, so a commit in between is not missed
        page = await run_in_threadpool(_read, db, _page, scope, cursor, limit)
        remaining = deadline - time.monotonic()
        if page.next_cursor != cursor or remaining <= 0:
            return page
        await notifier.wait(seen, min(remaining, settings.poll_fallback_s))


def _read(db: Database, build, *args) -> PageOut:
    with db.read() as session:
        return build(session, *args)
