"""Everything the ticket editor shows for one ticket, read in one task."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Attachment, AuditEvent, Person, Ticket, TicketLink
from app.sla.tracking import ticket_status
from app.tickets.backend_moves import moves_from
from app.tickets.csat import csat_source
from app.tickets.links import find_by_number
from app.tickets.records import AttachmentItem, HistoryItem, LinkItem, TicketDetail, WorklogItem
from app.tickets.writes import get_ticket
from core.tickets.workflow import allowed_moves, is_final, state_label

HISTORY_LIMIT = 2000
READ_AGAIN_AFTER = 500  # more new entries than this since the last read: read them all again
# A first read of a ticket with more entries than this takes the newest this many (the editor shows the newest
# dozen, and reads the rest once it has painted): the 5,000 entries of the bench's largest ticket cost ~45-55 ms
# of its read thread's CPU (~25 ms of SQL, the rest making the items), the tail ~4 ms.
WORKLOG_TAIL = 100


def ticket_detail(session: Session, *, ticket_id: str | None = None, number: str | None = None,
                  known_worklog: tuple[WorklogItem, ...] = (), worklog_tail: int | None = None) -> TicketDetail:
    """`known_worklog`: the entries an earlier read gave (a refresh); still there in the same order, they
    are reused and only the entries added since are read. `worklog_tail`: at most this many entries, the newest
    (the others counted in `worklog_earlier`; `worklog_entries` reads them all)."""
    if number is not None:
        ticket = find_by_number(session, number)
    elif ticket_id is not None:
        ticket = get_ticket(session, ticket_id)
    else:
        raise TypeError("ticket_detail needs a ticket_id or a number")
    earlier = (0, 0, 0)
    if worklog_tail is not None and not known_worklog:
        worklog, earlier = _worklog_tail(session, ticket.id, worklog_tail)
    else:
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
        worklog_earlier=earlier,
    )


# The worklog is read through the driver: a ticket may hold thousands of entries, and SQLAlchemy's per-value
# result processing (two datetimes a row) and Row objects were most of the read (5,000 entries: 52 ms of which
# 10 ms SQL). Timestamps are stored as naive UTC ISO text (core.schema.UtcDateTime).
_ENTRY_COLUMNS = ("w.id, w.kind, p.name, w.body, w.time_spent_minutes, w.created_at, w.sent_via, w.mail_state, "
                  "w.mail_error, w.mail_at, w.original_id")
_ENTRIES = (f"SELECT {_ENTRY_COLUMNS} FROM worklog_entry w LEFT JOIN person p ON p.id = w.author_id "
            "WHERE w.ticket_id = ? ORDER BY w.created_at, w.id")
# The newest entries: their row ids sorted apart (a sort of ~5,000 narrow rows), then only those rows read whole.
_TAIL = (f"SELECT {_ENTRY_COLUMNS} FROM worklog_entry w LEFT JOIN person p ON p.id = w.author_id WHERE w.rowid IN "
         "(SELECT rowid FROM worklog_entry WHERE ticket_id = ? ORDER BY created_at DESC, id DESC LIMIT ?) "
         "ORDER BY w.created_at, w.id")
_TOTALS = ("SELECT count(*), total(kind = 'reply'), total(time_spent_minutes) FROM worklog_entry "
           "WHERE ticket_id = ?")
_DELIVERIES = ("SELECT w.id, w.mail_state, w.mail_error, w.mail_at FROM worklog_entry w WHERE w.ticket_id = ? "
               "ORDER BY w.created_at, w.id")


def _worklog(session: Session, ticket_id: str, known: tuple[WorklogItem, ...]) -> tuple[WorklogItem, ...]:
    """The ticket's entries, oldest first: only the columns shown, authors named in the same statement
    (no ORM objects: a ticket may hold thousands of entries). Entries are never edited by a desk, so the
    `known` ones still there, in the same order and with the same mail state (the team server's only
    change to an entry), are kept and only the ones after them are read."""
    conn = session.connection()
    if known:
        ids = conn.exec_driver_sql(_DELIVERIES, (ticket_id,)).all()
        if len(ids) >= len(known) and all((a[0], a[1], a[2], _utc_or_none(a[3])) == (b.id, *b.delivery)
                                          for a, b in zip(ids, known, strict=False)):
            added = [row[0] for row in ids[len(known):]]
            if not added:
                return known
            if len(added) <= READ_AGAIN_AFTER:
                marks = ", ".join("?" * len(added))
                rows = conn.exec_driver_sql(
                    f"SELECT {_ENTRY_COLUMNS} FROM worklog_entry w LEFT JOIN person p ON p.id = w.author_id "
                    f"WHERE w.id IN ({marks}) ORDER BY w.created_at, w.id", tuple(added))
                return known + _items(rows)
    return worklog_entries(session, ticket_id=ticket_id)


def _worklog_tail(session: Session, ticket_id: str, tail: int
                  ) -> tuple[tuple[WorklogItem, ...], tuple[int, int, int]]:
    """The newest `tail` entries, oldest first, and (entries, replies, minutes) of the older ones left out."""
    conn = session.connection()
    count, replies, minutes = conn.exec_driver_sql(_TOTALS, (ticket_id,)).one()
    if count <= tail:
        return worklog_entries(session, ticket_id=ticket_id), (0, 0, 0)
    items = _items(conn.exec_driver_sql(_TAIL, (ticket_id, tail)))
    tail_replies = sum(1 for item in items if item.kind == "reply")
    tail_minutes = sum(item.time_spent_minutes or 0 for item in items)
    return items, (count - len(items), int(replies) - tail_replies, int(minutes) - tail_minutes)


def worklog_entries(session: Session, *, ticket_id: str) -> tuple[WorklogItem, ...]:
    """All of a ticket's entries, oldest first (what a first read with `worklog_tail` left out, and the rest)."""
    return _items(session.connection().exec_driver_sql(_ENTRIES, (ticket_id,)))


def _utc(value: str | datetime) -> datetime:
    """A stored timestamp (naive UTC ISO text) as an aware UTC datetime."""
    stamp = datetime.fromisoformat(value) if isinstance(value, str) else value
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def _utc_or_none(value: str | datetime | None) -> datetime | None:
    return None if value is None else _utc(value)


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
    """WorklogItems of driver rows (_ENTRY_COLUMNS), built positionally (a keyword call per field costs more);
    the stored naive UTC text parses straight to an aware datetime with "+00:00" appended."""
    rows = rows.all()
    parse = datetime.fromisoformat
    try:
        return tuple(WorklogItem(entry_id, kind, author or "", body, minutes, parse(created_at + "+00:00"), via,
                                 state, error, None if mail_at is None else parse(mail_at + "+00:00"), original)
                     for entry_id, kind, author, body, minutes, created_at, via, state, error, mail_at, original
                     in rows)
    except (TypeError, ValueError):  # a timestamp written with its offset, or not as text: the careful way
        return tuple(WorklogItem(entry_id, kind, author or "", body, minutes, _utc(created_at), via, state, error,
                                 _utc_or_none(mail_at), original)
                     for entry_id, kind, author, body, minutes, created_at, via, state, error, mail_at, original
                     in rows)


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
