"""Named operations of the ticket editor and the New ticket dialog: one user intent, one transaction, plain data out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.tickets.attachments import add_attachment
from app.tickets.detail import ticket_detail
from app.tickets.drafts import discard_draft
from app.tickets.links import add_link, remove_link
from app.tickets.records import TicketDetail
from app.tickets.worklog import add_worklog
from app.tickets.writes import create_ticket, update_ticket
from core.tickets.priority import DEFAULT_MATRIX


@dataclass(frozen=True)
class CreatedTicket:
    """What the New ticket dialog needs of the ticket it created: to open it and to name it."""

    id: str
    row_id: int
    number: str | None  # the desk's number column: empty until the server numbers the ticket


def create(session: Session, *, ticket_type: str, title: str, fields: dict[str, Any], actor_id: str | None,
           matrix=DEFAULT_MATRIX) -> CreatedTicket:
    """Create a ticket from the New ticket dialog's form (`fields`: the form's other values)."""
    ticket = create_ticket(session, ticket_type=ticket_type, title=title, actor_id=actor_id, matrix=matrix,
                           **fields)
    return CreatedTicket(id=ticket.id, row_id=ticket.row_id, number=ticket.number)


def save_edit(session: Session, *, ticket_id: str, changes: dict[str, Any], actor_id: str | None,
              matrix=DEFAULT_MATRIX, expected_updated_at: datetime | None = None) -> TicketDetail:
    """Save the editor's field edits (a workflow move included); returns the ticket as now stored.

    The editor's draft goes in the same transaction, so a tab closed right after the save cannot leave
    it behind; a refused save (stale, invalid) keeps it.
    """
    update_ticket(session, ticket_id=ticket_id, changes=changes, actor_id=actor_id, matrix=matrix,
                  expected_updated_at=expected_updated_at)
    discard_draft(session, key=ticket_id)
    return ticket_detail(session, ticket_id=ticket_id)


def add_entry(session: Session, *, ticket_id: str, kind: str, body: str, actor_id: str | None,
              time_spent_minutes: int = 0, sent_via: str | None = None) -> str:
    """Add the composer's public reply or internal note to a ticket's worklog; returns the entry's id.
    `sent_via`: the reply was given by phone, in person... (None: the team server mails it)."""
    return add_worklog(session, ticket_id=ticket_id, kind=kind, body=body, actor_id=actor_id,
                       time_spent_minutes=time_spent_minutes, sent_via=sent_via).id


def attach_file(session: Session, *, blob_dir: Path, ticket_id: str, source: Path, actor_id: str | None) -> str:
    """Attach one local file to a ticket (its bytes copied into blob_dir); returns the attachment's id."""
    return add_attachment(session, blob_dir=blob_dir, ticket_id=ticket_id, source=Path(source),
                          actor_id=actor_id).id


def link(session: Session, *, source_id: str, target_number: str, kind: str, actor_id: str | None) -> str:
    """Link a ticket to the ticket numbered target_number; returns the other ticket's id."""
    return add_link(session, source_id=source_id, target_number=target_number, kind=kind, actor_id=actor_id).target_id


def unlink(session: Session, *, link_id: str, actor_id: str | None) -> None:
    """Remove a link between two tickets (synced as the link's delete)."""
    remove_link(session, link_id=link_id, actor_id=actor_id)
