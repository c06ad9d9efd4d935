"""Named reads of the ticket editor and the main window: a ticket with its draft and a ticket by number."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.tickets.detail import ticket_detail
from app.tickets.drafts import DraftInfo, get_draft
from app.tickets.links import find_by_number
from app.tickets.records import TicketDetail


@dataclass(frozen=True)
class EditorTicket:
    """One load of the editor: the ticket, and the draft of unsaved input kept for it (first load only)."""

    detail: TicketDetail
    draft: DraftInfo | None


def editor_ticket(session: Session, *, ticket_id: str, with_draft: bool, worklog_tail: int | None = None
                  ) -> EditorTicket:
    """The ticket an editor shows, with its kept draft when `with_draft` (the editor's first load); `worklog_tail`:
    the newest entries only (app.tickets.detail.ticket_detail)."""
    detail = ticket_detail(session, ticket_id=ticket_id, worklog_tail=worklog_tail)
    return EditorTicket(detail=detail, draft=get_draft(session, key=ticket_id) if with_draft else None)


def ticket_id_for_number(session: Session, *, number: str) -> str:
    """The id of the ticket numbered `number` (Find ticket); NotFoundError names the number when none is."""
    return find_by_number(session, number).id
