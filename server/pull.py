"""Build a pull page: the change log after the client's cursor, filtered by the user's scope, with
current rows, tombstones, evictions and the user's conflicts. Long-polls when nothing is newer."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from server.config import Settings
from server.db import Database
from server.models import (
    Attachment, Category, ChangeLog, ConfigurationItem, Conflict, Group, Person, Service, Ticket, TicketLink,
    WorklogEntry, group_member,
)
from server.notify import Notifier
from server.protocol import PullResponse
from server.scope import Scope
from server.tickets import to_wire

REFERENCE = {"person": Person, "group": Group, "category": Category, "service": Service,
             "configuration_item": ConfigurationItem}
CHILDREN = {"worklog_entry": WorklogEntry, "attachment": Attachment, "ticket_link": TicketLink}


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
        self.rows.setdefault(entity, {})[obj.id] = to_wire(obj)

    def change(self, entry: ChangeLog, op: str) -> None:
        self.changes.append({"seq": entry.seq, "entity": entry.entity, "entity_id": entry.entity_id, "op": op})
        ref = {"entity": entry.entity, "entity_id": entry.entity_id, "seq": entry.seq}
        if op == "delete":
            self.tombstones.append(ref)
        elif op == "evict":
            self.evictions.append(ref)

    def children_of(self, session: Session, ticket_ids: set[str]) -> None:
        if not ticket_ids:
            return
        ids = sorted(ticket_ids)
        for entity, model in CHILDREN.items():
            column = model.source_id if model is TicketLink else model.ticket_id
            for obj in session.scalars(select(model).where(column.in_(ids))):
                self.row(entity, obj)

    def response(self, next_cursor: int, has_more: bool) -> PullResponse:
        return PullResponse(next_cursor=next_cursor, has_more=has_more, changes=self.changes,
                            rows={e: list(r.values()) for e, r in self.rows.items()}, tombstones=self.tombstones,
                            evictions=self.evictions, conflicts=self.conflicts)


def _conflict_record(c: Conflict) -> dict[str, Any]:
    return {"id": c.id, "ticket_id": c.ticket_id, "field": c.field, "base": (c.base or {}).get("v"),
            "theirs": (c.theirs or {}).get("v"), "mine": (c.mine or {}).get("v"), "reason": c.reason,
            "client_id": c.client_id, "mutation_id": c.mutation_id, "status": c.status,
            "created_at": c.created_at.isoformat()}


def _page(session: Session, scope: Scope, cursor: int, limit: int) -> PullResponse:
    entries = list(session.scalars(select(ChangeLog).where(ChangeLog.seq > cursor).order_by(ChangeLog.seq)
                                   .limit(limit + 1)))
    has_more = len(entries) > limit
    entries = entries[:limit]
    if not entries:
        latest = session.scalar(select(ChangeLog.seq).order_by(ChangeLog.seq.desc()).limit(1)) or 0
        if cursor > latest:
            raise CursorAhead()
        return _Page().response(cursor, False)
    ticket_ids = {e.ticket_id for e in entries if e.ticket_id}
    current = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(sorted(ticket_ids))))} \
        if ticket_ids else {}
    page, entered = _Page(), set()
    for e in entries:
        ticket = current.get(e.ticket_id) if e.ticket_id else None
        if e.entity in REFERENCE or e.entity == "group_member":
            _reference(session, page, e)
        elif e.entity == "ticket":
            if e.op == "delete":
                if scope.allows(e.old_group_id, e.old_assignee_id):
                    page.change(e, "delete")
            elif scope.allows_ticket(ticket):
                page.row("ticket", ticket)
                page.change(e, "upsert")
                if not scope.allows(e.old_group_id, e.old_assignee_id):
                    entered.add(ticket.id)  # came into scope: its older children were never sent
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
            elif scope.allows_ticket(ticket) and (obj := session.get(CHILDREN[e.entity], e.entity_id)) is not None:
                page.row(e.entity, obj)
                page.change(e, "upsert")
        elif e.entity == "conflict" and e.account_id == scope.account_id:
            conflict = session.get(Conflict, e.entity_id)
            if conflict is not None:
                page.conflicts.append(_conflict_record(conflict))
                page.change(e, "upsert")
    page.children_of(session, entered)
    return page.response(entries[-1].seq, has_more)


def _reference(session: Session, page: _Page, e: ChangeLog) -> None:
    if e.entity == "group_member":
        group_id, _, person_id = e.entity_id.partition(":")
        exists = session.execute(select(group_member).where(group_member.c.group_id == group_id,
                                                            group_member.c.person_id == person_id)).first()
        if exists:
            page.rows.setdefault("group_member", {})[e.entity_id] = {"group_id": group_id, "person_id": person_id}
        page.change(e, "upsert" if exists else "delete")
        return
    obj = session.get(REFERENCE[e.entity], e.entity_id)
    if obj is not None:
        page.row(e.entity, obj)
    page.change(e, "upsert" if obj is not None else "delete")


def own_open_first(session: Session, scope: Scope, limit: int) -> PullResponse:
    """The user's own open tickets and their children, before the ordered pull from 0 begins."""
    page = _Page()
    for ticket in session.scalars(select(Ticket).where(Ticket.assignee_id == scope.person_id, Ticket.is_open)
                                  .order_by(Ticket.priority, Ticket.updated_at.desc()).limit(limit)):
        page.row("ticket", ticket)
    page.children_of(session, set(page.rows.get("ticket", {})))
    return page.response(0, True)


async def pull(db: Database, notifier: Notifier, settings: Settings, scope: Scope, *, cursor: int, limit: int,
               wait: float, priority_first: bool) -> PullResponse:
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


def _read(db: Database, build, *args) -> PullResponse:
    with db.read() as session:
        return build(session, *args)
