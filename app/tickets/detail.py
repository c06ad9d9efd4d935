"""Everything the ticket editor shows for one ticket, read in one task."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Attachment, AuditEvent, Person, Ticket, TicketLink, WorklogEntry
from app.sla.tracking import ticket_status
from app.tickets.backend_moves import moves_from
from app.tickets.csat import csat_source
from app.tickets.links import find_by_number
from app.tickets.records import AttachmentItem, HistoryItem, LinkItem, TicketDetail, WorklogItem
from app.tickets.writes import get_ticket
from core.tickets.workflow import allowed_moves, is_final, state_label

HISTORY_LIMIT = 2000
READ_AGAIN_AFTER = 500  # more new entries than this since the last read: read them all again


def ticket_detail(session: Session, *, ticket_id: str | None = None, number: str | None = None,
                  known_worklog: tuple[WorklogItem, ...] = ()) -> TicketDetail:
    """`known_worklog`: the entries an earlier read gave (a refresh); still there in the same order, they
    are reused and only the entries added since are read."""
    if number is not None:
        ticket = find_by_number(session, number)
    elif ticket_id is not None:
        ticket = get_ticket(session, ticket_id)
    else:
        raise TypeError("ticket_detail needs a ticket_id or a number")
    worklog = _worklog(session, ticket.id, known_worklog)
    files = session.scalars(select(Attachment).where(Attachment.ticket_id == ticket.id)
                            .order_by(Attachment.created_at)).all()
    names = _names(session, {a.author_id for a in files})
    attachments = tuple(
        AttachmentItem(id=a.id, file_name=a.file_name, size=a.size, mime_type=a.mime_type,
                       content_hash=a.content_hash, author=names.get(a.author_id, ""), created_at=a.created_at)
        for a in files
    )
    source = csat_source(session, ticket.id) if ticket.csat_score is not None else None
    history = _history(session, ticket.id)
    return TicketDetail(
        id=ticket.id, row_id=ticket.row_id, number=ticket.number or "Draft", type=ticket.type,
        title=ticket.title, description=ticket.description, state=ticket.state,
        state_label=state_label(ticket.type, ticket.state), is_open=ticket.is_open,
        on_hold_reason=ticket.on_hold_reason, impact=ticket.impact, urgency=ticket.urgency,
        priority=ticket.priority, priority_overridden=ticket.priority_overridden,
        category_id=ticket.category_id, service_id=ticket.service_id, ci_id=ticket.ci_id,
        requester_id=ticket.requester_id, group_id=ticket.group_id, assignee_id=ticket.assignee_id,
        channel=ticket.channel, created_at=ticket.created_at, updated_at=ticket.updated_at,
        first_response_at=ticket.first_response_at, resolved_at=ticket.resolved_at, closed_at=ticket.closed_at,
        resolution_code=ticket.resolution_code, resolution_notes=ticket.resolution_notes,
        csat_score=ticket.csat_score, reopen_count=ticket.reopen_count,
        allowed_states=allowed_moves(ticket.type, ticket.state, moves_from(session, ticket=ticket)),
        worklog=worklog, attachments=attachments, links=_links(session, ticket), history=history,
        sla=ticket_status(session, ticket.id), is_final=is_final(ticket.type, ticket.state),
        csat_source=source[0] if source else None, csat_comment=source[1] if source else None,
        csat_at=source[2] if source else None, cc=ticket.cc,
        requester_email=session.scalar(select(Person.email).where(Person.id == ticket.requester_id))
        if ticket.requester_id else None,
    )


def _worklog(session: Session, ticket_id: str, known: tuple[WorklogItem, ...]) -> tuple[WorklogItem, ...]:
    """The ticket's entries, oldest first: only the columns shown, authors named in the same statement
    (no ORM objects: a ticket may hold thousands of entries). Entries are never edited by a desk, so the
    `known` ones still there, in the same order and with the same mail state (the team server's only
    change to an entry), are kept and only the ones after them are read."""
    w = WorklogEntry.__table__.c
    order = (w.created_at, w.id)
    query = (select(w.id, w.kind, Person.name, w.body, w.time_spent_minutes, w.created_at, w.sent_via,
                    w.mail_state, w.mail_error, w.mail_at, w.original_id)
             .outerjoin(Person, Person.id == w.author_id).order_by(*order))
    if known:
        ids = session.execute(select(w.id, w.mail_state, w.mail_error, w.mail_at)
                              .where(w.ticket_id == ticket_id).order_by(*order)).all()
        if len(ids) >= len(known) and all((a[0], *a[1:]) == (b.id, *b.delivery)
                                          for a, b in zip(ids, known, strict=False)):
            added = [row[0] for row in ids[len(known):]]
            if len(added) <= READ_AGAIN_AFTER:
                return known + (_items(session.execute(query.where(w.id.in_(added)))) if added else ())
    return _items(session.execute(query.where(w.ticket_id == ticket_id)))


def _history(session: Session, ticket_id: str) -> tuple[HistoryItem, ...]:
    """The newest HISTORY_LIMIT audit events, newest first, actors named in the same statement."""
    a = AuditEvent.__table__.c
    rows = session.execute(
        select(a.at, Person.name, a.field, a.old_value, a.new_value, a.batch_id)
        .outerjoin(Person, Person.id == a.actor_id)
        .where(a.entity_id == ticket_id)
        .order_by(a.at.desc()).limit(HISTORY_LIMIT))
    return tuple(HistoryItem(at=at, actor="System" if actor is None else actor, field=field, old_value=old,
                             new_value=new, batch_id=batch_id)
                 for at, actor, field, old, new, batch_id in rows)


def _items(rows) -> tuple[WorklogItem, ...]:
    return tuple(WorklogItem(id=entry_id, kind=kind, author=author or "", body=body, time_spent_minutes=minutes,
                             created_at=created_at, sent_via=via, mail_state=state, mail_error=error, mail_at=mail_at,
                             original_id=original)
                 for entry_id, kind, author, body, minutes, created_at, via, state, error, mail_at, original in rows)


def _names(session: Session, ids: set[str | None]) -> dict[str | None, str]:
    """Names of just the people this ticket's children mention (a desk may have 20,000 requesters),
    keyed so that a child's nullable person id looks itself up."""
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    return dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted))).all())


def _links(session: Session, ticket: Ticket) -> tuple[LinkItem, ...]:
    rows = session.execute(
        select(TicketLink, Ticket)
        .join(Ticket, or_(
            (TicketLink.source_id == ticket.id) & (Ticket.id == TicketLink.target_id),
            (TicketLink.target_id == ticket.id) & (Ticket.id == TicketLink.source_id)))
        .order_by(TicketLink.created_at)
    ).all()
    return tuple(
        LinkItem(id=link.id, kind=link.kind, direction="out" if link.source_id == ticket.id else "in",
                 other_id=other.id, other_number=other.number or "Draft", other_title=other.title,
                 other_state=state_label(other.type, other.state))
        for link, other in rows
    )
