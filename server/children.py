"""Appends of a ticket's children (worklog entries, attachment metadata, links)."""
# Never conflicting, deduplicated by the client-made id, authored by the signed-in person whatever the client claims.

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from core.tickets.children import (
    ATTACHMENT_COLUMNS,
    BODY_MAX,
    KINDS,
    LINK_COLUMNS,
    LINK_KINDS,
    REQUESTER_KIND,
    SENT_VIA,
    WORKLOG_COLUMNS,
    sanitize_file_name,
)
from core.tickets.workflow import is_final
from server import blobs, changelog
from server.mail.delivery import responded
from server.models import Attachment, Blob, Ticket, TicketLink, WorklogEntry, utcnow
from server.scope import Scope
from server.tickets import load, was_deleted
from server.validate import Rejected, choice, clean_text, ident, int_range, row_shape, timestamp

MODELS: dict[str, type[WorklogEntry] | type[Attachment] | type[TicketLink]] = {
    "worklog_entry": WorklogEntry, "attachment": Attachment, "ticket_link": TicketLink}
COLUMNS = {"worklog_entry": WORKLOG_COLUMNS, "attachment": ATTACHMENT_COLUMNS, "ticket_link": LINK_COLUMNS}


def append(session: Session, scope: Scope, *, entity: str, entity_id: str, payload: dict,
           max_blob_bytes: int) -> dict[str, Any]:
    model = MODELS[entity]
    row = row_shape(payload, COLUMNS[entity], entity_id, entity.replace("_", " "))
    ident(entity_id, "Id")
    if session.get(model, entity_id) is not None:
        return {"status": "applied", "reason": "already present"}  # the same append from a retry or twin
    if was_deleted(session, entity, entity_id):
        return {"status": "applied", "reason": "already deleted"}
    created_at = timestamp(row.get("created_at"), "created_at") or utcnow()
    obj: WorklogEntry | Attachment | TicketLink
    if entity == "worklog_entry":
        ticket = load(session, scope, row.get("ticket_id"))
        if row.get("kind") == REQUESTER_KIND:
            raise Rejected("An entry from the requester is written by the team server's mail in, not by a desk.")
        if row.get("kind") == "reply" and is_final(ticket.type, ticket.state):
            raise Rejected(f"{ticket.number} is {ticket.state} and final: it takes internal notes, not replies.")
        kind = choice(row.get("kind"), KINDS, "Kind", nullable=False)
        sent_via = choice(row.get("sent_via"), SENT_VIA, "Sent via", nullable=True)
        if sent_via is not None and kind != "reply":
            raise Rejected("Only a public reply is given through a channel (sent_via); an internal note is not.")
        obj = WorklogEntry(id=entity_id, ticket_id=ticket.id, author_id=scope.person_id, kind=kind,
                           body=clean_text(row.get("body"), "The entry", required=True, limit=BODY_MAX),
                           time_spent_minutes=int_range(row.get("time_spent_minutes", 0), "Time spent", 0, 7 * 24 * 60),
                           created_at=created_at, sent_via=sent_via)
    elif entity == "attachment":
        ticket = load(session, scope, row.get("ticket_id"))
        content_hash = row.get("content_hash")
        if not isinstance(content_hash, str) or not blobs.SHA256.match(content_hash):
            raise Rejected("content_hash must be a lowercase SHA-256 in hex.")
        # A hash alone is no capability: the pusher sent these bytes itself or already reads them.
        if not blobs.may_attach(session, scope, content_hash):
            raise Rejected(blobs.NOT_UPLOADED)
        size = int_range(row.get("size"), "Size", 0, max_blob_bytes)
        stored = session.get(Blob, content_hash)
        if stored is not None and stored.size != size:
            raise Rejected(f"The size ({size} bytes) is not the uploaded file's ({stored.size} bytes).")
        name = clean_text(row.get("file_name"), "File name", required=True, limit=1000)
        obj = Attachment(id=entity_id, ticket_id=ticket.id, file_name=sanitize_file_name(name),
                         content_hash=content_hash, size=size,
                         mime_type=clean_text(row.get("mime_type") or "application/octet-stream", "MIME type",
                                              required=True, limit=120),
                         author_id=scope.person_id, created_at=created_at)
    else:
        ticket = load(session, scope, row.get("source_id"))
        ident(row.get("target_id"), "Link target")
        target = session.get(Ticket, row.get("target_id"))
        if target is None:
            raise Rejected("The linked ticket does not exist on the server.")
        if target.id == ticket.id:
            raise Rejected("A ticket cannot link to itself.")
        obj = TicketLink(id=entity_id, source_id=ticket.id, target_id=target.id,
                         kind=choice(row.get("kind"), LINK_KINDS, "Link kind", nullable=False), created_at=created_at)
    session.add(obj)
    session.flush()
    changelog.record(session, entity=entity, entity_id=entity_id, ticket_id=ticket.id)
    # The response clock (server/mail/delivery.py): a reply given by phone, in person... stops it when it
    # was written; a mailed one only when the sender has its mail accepted.
    if isinstance(obj, WorklogEntry) and obj.kind == "reply" and obj.sent_via is not None:
        responded(session, ticket, created_at)
    return {"status": "applied"}


def remove_link(session: Session, scope: Scope, entity_id: str) -> dict[str, Any]:
    """Delete a link between two tickets (a desk's *Remove link*): a tombstone in the change log takes it off
    every desk. Whoever may link from the source ticket may unlink; a retry after the delete is a no-op."""
    ident(entity_id, "Id")
    link = session.get(TicketLink, entity_id)
    if link is None:
        if was_deleted(session, "ticket_link", entity_id):
            return {"status": "applied", "reason": "already deleted"}
        raise Rejected("The link does not exist on the server.")
    ticket = load(session, scope, link.source_id)
    changelog.record(session, entity="ticket_link", entity_id=entity_id, op="delete", ticket_id=ticket.id)
    session.delete(link)
    return {"status": "applied"}
