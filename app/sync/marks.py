"""What the sync left on a ticket for its user to settle: open conflicts and refused work (the editor's banners)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.sync.refused_work import Refusal, refusal_for
from app.sync.resolution import open_count


@dataclass(frozen=True)
class SyncMarks:
    """What the sync left on a ticket for its user to settle."""

    conflicts: int  # open conflicts between the user's edits and the server's
    refusal: Refusal | None  # work of the ticket the server refused, if any


def sync_marks(session: Session, *, ticket_id: str) -> SyncMarks:
    """The editor's banners: open sync conflicts of the ticket and the server's refusal of its work."""
    return SyncMarks(conflicts=open_count(session, ticket_id=ticket_id, kind="conflict"),
                     refusal=refusal_for(session, ticket_id=ticket_id))
