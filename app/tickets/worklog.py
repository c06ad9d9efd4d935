"""Worklog: public replies and internal notes, appended and never edited."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import WorklogEntry
from app.outbox.journal import append_row, record_event
from app.tickets.writes import get_ticket, record_ticket_edit
from core.errors import ValidationError
from core.schema import utcnow
from core.tickets.children import BODY_MAX, KINDS, SENT_VIA, WORKLOG_COLUMNS
from core.tickets.workflow import is_final, state_label


def add_worklog(session: Session, *, ticket_id: str, kind: str, body: str, actor_id: str | None,
                time_spent_minutes: int = 0, sent_via: str | None = None) -> WorklogEntry:
    """Append a reply or note. A reply given through another channel (`sent_via`: phone, in person...)
    stops the response clock now (first_response_at, when not set yet); a reply without one is mailed
    by the team server, whose pull brings first_response_at once the mail is sent (docs/MAIL.md)."""
    if kind not in KINDS:
        raise ValidationError("A worklog entry is a public reply or an internal note.", field="kind")
    if sent_via is not None and (kind != "reply" or sent_via not in SENT_VIA):
        raise ValidationError("Only a public reply is recorded as given by phone, in person, chat, mail sent"
                              " elsewhere or another channel.", field="sent_via")
    if isinstance(body, str):
        # Strip controls first: a body of only NUL or DEL characters is as empty as a blank one.
        body = "".join(ch for ch in body if ch in "\t\n\r" or 32 <= ord(ch) != 127)
    if not isinstance(body, str) or not body.strip():
        raise ValidationError("Write something before adding the entry.", field="body")
    if len(body) > BODY_MAX:
        raise ValidationError(f"The entry is longer than {BODY_MAX} characters.", field="body")
    if (isinstance(time_spent_minutes, bool) or not isinstance(time_spent_minutes, int)
            or not 0 <= time_spent_minutes <= 24 * 60 * 7):
        raise ValidationError("Time spent must be between 0 minutes and a week.", field="time_spent_minutes")
    ticket = get_ticket(session, ticket_id)
    if kind == "reply" and is_final(ticket.type, ticket.state):
        # A closed ticket is final: an internal note (a post-mortem, a later finding) is still a record,
        # but a reply would reopen a conversation the ticket no longer carries.
        raise ValidationError(f"{ticket.number or 'This ticket'} is {state_label(ticket.type, ticket.state).lower()}"
                              " and final: add an internal note, or open a new ticket to answer the requester.",
                              field="kind")
    now = utcnow()
    entry = WorklogEntry(ticket_id=ticket.id, kind=kind, author_id=actor_id, body=body,
                         time_spent_minutes=time_spent_minutes, created_at=now, sent_via=sent_via)
    append_row(session, entry, entity="worklog_entry", columns=WORKLOG_COLUMNS)
    record_event(session, entity="ticket", entity_id=ticket.id, field=kind, new=_summary(body),
                 actor_id=actor_id)
    changes = {}
    if sent_via is not None and ticket.first_response_at is None:
        changes["first_response_at"] = (None, now)
        ticket.first_response_at = now
    ticket.updated_at = now
    record_ticket_edit(session, ticket.id, changes, actor_id=actor_id, batch_id=None, at=now)
    return entry


def _summary(body: str, limit: int = 120) -> str:
    """The first line of an entry, shortened, for the History tab (the entry itself is the record)."""
    line = body.strip().splitlines()[0] if body.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
