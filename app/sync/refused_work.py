"""Settling refused work: send it again as it stands now, or discard it (the only way it is ever deleted)."""
# Qt-free; each function runs in the caller's transaction (the UI's task runner). Refused work belongs
# to an owner, a ticket or a change: *Send again* re-queues every open refusal of that owner, in the
# order it was first made, with new mutation ids (the server keeps its receipt of the refused ones) and
# the values the rows hold now, so a refused create goes out again with the same client id and whatever
# the user changed since (say, a group in their scope). *Discard* settles one refusal by taking its
# effect off this desk: a refused create deletes its row, a refused edit shows the server's values again,
# a refused note or attachment leaves.

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.changes import writes as change_service
from app.cmdb import refusals as cmdb_refusals
from app.knowledge import writes as article_service
from app.macros import refusals as macro_refusals
from app.models import (
    Article,
    ArticleFlag,
    ArticleUse,
    ArticleVersion,
    Attachment,
    CabApproval,
    Change,
    ChangeLink,
    OutboxMutation,
    SyncConflict,
    Ticket,
    TicketLink,
    WorklogEntry,
)
from app.outbox.journal import queue_mutation, row_payload
from app.outbox.refusals import held_fields, refused_values
from app.people import refusals as people_refusals
from app.sync.apply import drop_ticket, write_ticket_fields
from app.sync.apply_changes import set_change_fields
from app.sync.apply_knowledge import set_article_fields
from app.tickets import writes as ticket_service
from core.errors import NotFoundError
from core.feed import note

TICKET_CHILDREN = {"worklog_entry": WorklogEntry, "attachment": Attachment, "ticket_link": TicketLink}
CHANGE_CHILDREN = {"cab_approval": CabApproval, "change_link": ChangeLink}
ARTICLE_CHILDREN = {"article_version": ArticleVersion, "article_use": ArticleUse, "article_flag": ArticleFlag}
CHILDREN_OF = {"change": CHANGE_CHILDREN, "article": ARTICLE_CHILDREN}


@dataclass(frozen=True)
class Refusal:
    """What a ticket's or change's banner says: the server's reason for the oldest open refusal, how
    many there are, and whether the row itself was refused (it exists only on this desk)."""

    conflict_id: str
    reason: str
    count: int
    create_refused: bool


def _payload(record: SyncConflict) -> dict[str, Any]:
    mine = json.loads(record.mine) if record.mine else None
    return mine if isinstance(mine, dict) else {}


def _owner(record: SyncConflict) -> tuple[str, str | None]:
    """("ticket" | "change" | "article", id) the refused work belongs to."""
    for kind, children in CHILDREN_OF.items():
        if record.entity == kind:
            return kind, record.entity_id
        if record.entity in children:
            row = _payload(record).get("row") or {}
            return kind, row.get(f"{kind}_id") or record.entity_id
    return "ticket", record.entity_id if record.entity == "ticket" else record.ticket_id


def _open_of(session: Session, kind: str, owner_id: str) -> list[SyncConflict]:
    """Open refusals of a ticket or a change, oldest mutation first."""
    stmt = select(SyncConflict).where(SyncConflict.kind == "rejected", SyncConflict.status == "open")
    if kind == "ticket":
        stmt = stmt.where(SyncConflict.ticket_id == owner_id)
    else:
        stmt = stmt.where(SyncConflict.entity.in_((kind, *CHILDREN_OF[kind])))
    records = [r for r in session.scalars(stmt) if _owner(r) == (kind, owner_id)]
    return sorted(records, key=lambda r: (r.seq or 0, r.created_at))


def _get_open(session: Session, conflict_id: str) -> SyncConflict:
    record = session.get(SyncConflict, conflict_id)
    if record is None or record.status != "open" or record.kind != "rejected":
        raise NotFoundError("This refusal was settled meanwhile.")
    kind, owner_id = _owner(record)
    note(session, "conflict", [record.id])
    note(session, kind, [owner_id])  # its banner and its row's "refused" marker
    return record


def refusal_for(session: Session, *, ticket_id: str | None = None, change_id: str | None = None) -> Refusal | None:
    """The banner's facts for one ticket or change, or None when nothing of it is refused."""
    kind, owner_id = ("ticket", ticket_id) if ticket_id is not None else ("change", change_id)
    if owner_id is None:
        return None
    records = _open_of(session, kind, owner_id)
    if not records:
        return None
    creates = [r for r in records if r.op == "create" and r.entity == kind]
    first = creates[0] if creates else records[0]
    return Refusal(conflict_id=first.id, reason=first.reason or "", count=len(records),
                   create_refused=bool(creates))


def _row_of(session: Session, kind: str, owner_id: str) -> Ticket | Change | Article:
    row: Ticket | Change | Article | None
    if kind == "article":
        row = session.scalar(select(Article).where(Article.id == owner_id))
        if row is None:
            raise NotFoundError("The article is no longer on this desk; discard this entry instead.")
        return row
    row = session.scalar(select(Ticket).where(Ticket.id == owner_id)) if kind == "ticket" \
        else session.get(Change, owner_id)
    if row is None:
        raise NotFoundError("The ticket is no longer on this desk; discard this entry instead." if kind == "ticket"
                            else "The change is no longer on this desk; discard this entry instead.")
    return row


def _create_payload(session: Session, kind: str, row: Ticket | Change | Article) -> dict[str, Any]:
    if kind == "ticket":
        return {"row": row_payload(row, ticket_service.CREATE_COLUMNS)}
    if kind == "article":
        article = row_payload(row, article_service.rules.CREATE_COLUMNS)
        for field in article_service.LINKS:
            article[field] = ",".join(article_service.linked_ids(session, row.id, field))
        return {"row": article}
    values = row_payload(row, change_service.CREATE_COLUMNS)
    values["ci_ids"] = ",".join(change_service.ci_ids_of(session, row.id))
    return {"row": values}


def _pending_of(session: Session, kind: str, owner_id: str) -> list[OutboxMutation]:
    """Queued mutations of the owner and of its children, in seq order."""
    children = TICKET_CHILDREN if kind == "ticket" else CHILDREN_OF[kind]
    found = []
    for m in session.scalars(select(OutboxMutation).order_by(OutboxMutation.seq)):
        if m.entity == kind and m.entity_id == owner_id:
            found.append(m)
        elif m.entity in children:
            row = json.loads(m.payload).get("row") or {}
            parent = row.get("ticket_id") or row.get("source_id") if kind == "ticket" else row.get(f"{kind}_id")
            if parent == owner_id:
                found.append(m)
    return found


def send_again(session: Session, *, conflict_id: str) -> int:
    """Queue every open refusal of this entry's ticket or change again; returns the mutations queued.

    A refused create goes out as a create of the row as it is now (same id, so a retry stays
    idempotent); queued edits of that row are folded into it and queued notes, attachments and links
    of it are moved behind it, so none reaches the server before the row does. A refused edit goes out
    with the server's last known values as its base.
    """
    record = _get_open(session, conflict_id)
    if record.entity in people_refusals.ENTITIES:  # reference rows: the directory settles its own
        return people_refusals.send_again(session, record)
    if record.entity in macro_refusals.ENTITIES:  # a template or macro (issue 13)
        return macro_refusals.send_again(session, record)
    if record.entity in cmdb_refusals.ENTITIES:  # a CI, relation or class: the CMDB settles its own
        return cmdb_refusals.send_again(session, record)
    kind, owner_id = _owner(record)
    if owner_id is None:
        raise NotFoundError("This refusal names no ticket or change; discard it instead.")
    records = _open_of(session, kind, owner_id)
    create = any(r.entity == kind and r.op == "create" for r in records)
    queued = 0
    if create:
        row = _row_of(session, kind, owner_id)
        moved = _pending_of(session, kind, owner_id)
        for m in moved:
            session.delete(m)
        session.flush()
        queue_mutation(session, entity=kind, entity_id=owner_id, op="create",
                       payload=_create_payload(session, kind, row))
        queued += 1
        for m in moved:
            if m.entity != kind:  # the row's own edits are in the create already
                queue_mutation(session, entity=m.entity, entity_id=m.entity_id, op=m.op,
                               payload=json.loads(m.payload))
                queued += 1
    for record in records:
        record.status = "settled"
        if create and record.entity == kind:
            continue  # the row went out whole above
        if record.op == "update":
            held = held_fields(record)
            wanted = refused_values(record)
            if held:
                queue_mutation(session, entity=record.entity, entity_id=record.entity_id, op="update",
                               payload={"fields": {f: {"base": held[f], "new": wanted[f]} for f in held}})
                queued += 1
            record.theirs = None
        else:
            queue_mutation(session, entity=record.entity, entity_id=record.entity_id, op=record.op,
                           payload=_payload(record))
            queued += 1
    session.flush()
    return queued


def discard(session: Session, *, conflict_id: str) -> str:
    """Take one refusal's effect off this desk and settle it; returns what went: "row" (a refused
    create: the ticket or change and all its refused work), "values" (a refused edit: the server's
    values shown again) or "child" (a note, attachment, link or approval)."""
    record = _get_open(session, conflict_id)
    if record.entity in people_refusals.ENTITIES:
        return people_refusals.discard(session, record)
    if record.entity in macro_refusals.ENTITIES:
        return macro_refusals.discard(session, record)
    if record.entity in cmdb_refusals.ENTITIES:
        return cmdb_refusals.discard(session, record)
    kind, owner_id = _owner(record)
    if record.entity == kind and record.op == "create" and owner_id is not None:
        for m in _pending_of(session, kind, owner_id):
            session.delete(m)
        for r in _open_of(session, kind, owner_id):
            r.status = "settled"
        if kind == "ticket":
            drop_ticket(session, owner_id)
        elif kind == "article":
            session.execute(delete(Article).where(Article.id == owner_id))
        else:
            session.execute(delete(Change).where(Change.id == owner_id))
        session.flush()
        return "row"
    record.status = "settled"
    if record.op == "update":
        held = held_fields(record)
        record.theirs = None
        if record.entity == "ticket":
            write_ticket_fields(session, record.entity_id, held)
        elif record.entity == "change" and session.get(Change, record.entity_id) is not None:
            set_change_fields(session, record.entity_id, held)
        elif record.entity == "article":
            set_article_fields(session, record.entity_id, held)
        session.flush()
        return "values"
    model = {**TICKET_CHILDREN, **CHANGE_CHILDREN, **ARTICLE_CHILDREN}.get(record.entity)
    if model is not None and record.op == "append":
        session.execute(delete(model).where(model.id == record.entity_id))
    session.flush()
    return "child"
