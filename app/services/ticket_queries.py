"""Named reads of the ticket editor and the main window: a ticket with its draft, its sync marks, a ticket by number."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.services.conflict_resolution import open_count
from app.services.detail import ticket_detail
from app.services.drafts import DraftInfo, get_draft
from app.services.links import find_by_number
from app.services.records import TicketDetail
from app.services.refusals import Refusal, refusal_for


@dataclass(frozen=True)
class EditorTicket:
    """One load of the editor: the ticket, and the draft of unsaved input kept for it (first load only)."""

    detail: TicketDetail
    draft: DraftInfo | None


@dataclass(frozen=True)
class SyncMarks:
    """What the sync left on a ticket for its user to settle."""

    conflicts: int  # open conflicts between the user's edits and the server's
    refusal: Refusal | None  # work of the ticket the server refused, if any


def editor_ticket(session: Session, *, ticket_id: str, with_draft: bool) -> EditorTicket:
    """The ticket an editor shows, with its kept draft when `with_draft` (the editor's first load)."""
    detail = ticket_detail(session, ticket_id=ticket_id)
    return EditorTicket(detail=detail, draft=get_draft(session, key=ticket_id) if with_draft else None)


def sync_marks(session: Session, *, ticket_id: str) -> SyncMarks:
    """The editor's banners: open sync conflicts of the ticket and the server's refusal of its work."""
    return SyncMarks(conflicts=open_count(session, ticket_id=ticket_id, kind="conflict"),
                     refusal=refusal_for(session, ticket_id=ticket_id))


def ticket_id_for_number(session: Session, *, number: str) -> str:
    """The id of the ticket numbered `number` (Find ticket); NotFoundError names the number when none is."""
    return find_by_number(session, number).id
