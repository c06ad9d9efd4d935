"""Links between tickets: child of, duplicate of, caused by (a problem)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Ticket, TicketLink
from app.outbox.journal import append_row, queue_mutation, record_event, row_payload
from app.tickets.writes import get_ticket
from core.errors import NotFoundError, ValidationError
from core.schema import utcnow
from core.tickets.children import INBOUND_KINDS, LINK_COLUMNS, LINK_KINDS


def find_by_number(session: Session, number: str) -> Ticket:
    ticket = session.scalar(select(Ticket).where(Ticket.number == (number or "").strip().upper()))
    if ticket is None:
        raise NotFoundError(f"No ticket is numbered {(number or '').strip() or '(empty)'}.")
    return ticket


def add_link(session: Session, *, source_id: str, target_number: str, kind: str,
             actor_id: str | None) -> TicketLink:
    if kind not in LINK_KINDS:
        raise ValidationError("Unknown link type.", field="kind")
    source = get_ticket(session, source_id)
    target = find_by_number(session, target_number)
    if target.id == source.id:
        raise ValidationError("A ticket cannot link to itself.", field="target")
    if kind == "caused_by" and target.type != "problem":
        raise ValidationError("'Caused by' links to a problem.", field="target")
    exists = session.scalar(select(TicketLink.id).where(
        or_((TicketLink.source_id == source.id) & (TicketLink.target_id == target.id),
            (TicketLink.source_id == target.id) & (TicketLink.target_id == source.id))))
    if exists:
        raise ValidationError(f"{source.number} and {target.number} are already linked.", field="target")
    if kind == "child_of" and _is_ancestor(session, source.id, target.id):
        raise ValidationError(f"{target.number} is already below {source.number}; that would make a loop.")
    link = TicketLink(source_id=source.id, target_id=target.id, kind=kind)
    append_row(session, link, entity="ticket_link", columns=LINK_COLUMNS)
    record_event(session, entity="ticket", entity_id=source.id, field="link",
                 new=f"{LINK_KINDS[kind]} {target.number}", actor_id=actor_id)
    record_event(session, entity="ticket", entity_id=target.id, field="link",
                 new=f"{INBOUND_KINDS[kind]} {source.number}", actor_id=actor_id)
    source.updated_at = target.updated_at = link.created_at
    return link


def remove_link(session: Session, *, link_id: str, actor_id: str | None) -> None:
    """Remove a link between two tickets; synced as a delete carrying the link's row (its two ends and kind,
    which a backend without the desk's link ids, RT, needs) and audited on both tickets."""
    link = session.get(TicketLink, link_id)
    if link is None:
        raise NotFoundError("The link no longer exists.")
    source, target = get_ticket(session, link.source_id), get_ticket(session, link.target_id)
    queue_mutation(session, entity="ticket_link", entity_id=link.id, op="delete",
                   payload={"id": link.id, "row": row_payload(link, LINK_COLUMNS)})
    label = LINK_KINDS.get(link.kind, link.kind)
    record_event(session, entity="ticket", entity_id=source.id, field="link", old=f"{label} {target.number}",
                 new=None, actor_id=actor_id)
    record_event(session, entity="ticket", entity_id=target.id, field="link",
                 old=f"{INBOUND_KINDS.get(link.kind, link.kind)} {source.number}", new=None, actor_id=actor_id)
    session.delete(link)
    source.updated_at = target.updated_at = utcnow()


def _is_ancestor(session: Session, ancestor_id: str, node_id: str) -> bool:
    """True when ancestor_id is reachable from node_id by walking child_of links upwards."""
    seen, frontier = set(), [node_id]
    while frontier:
        current = frontier.pop()
        if current == ancestor_id:
            return True
        if current in seen:
            continue
        seen.add(current)
        frontier.extend(session.scalars(select(TicketLink.target_id).where(
            TicketLink.source_id == current, TicketLink.kind == "child_of")))
    return False
