"""Named operations of the change editor and the New change dialog: one user intent, one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.changes.detail import ChangeDetail, change_detail
from app.changes.links import link_ticket, record_approval
from app.changes.writes import create_change, transition_change, update_change


def save_change(session: Session, *, change_id: str, changes: dict[str, Any], clear_override: bool,
                move: str | None, move_values: dict[str, Any], actor_id: str | None,
                expected_updated_at: datetime | None) -> ChangeDetail:
    """Save the editor's edits and, when `move` names a state, move the change there, in one transaction;
    returns the change as the editor shows it next. The edit is checked against `expected_updated_at`;
    the move after it is not (the edit itself just moved the stamp). Nothing is stored on error."""
    expected = expected_updated_at
    if changes or clear_override:
        update_change(session, change_id=change_id, changes=changes, actor_id=actor_id,
                      expected_updated_at=expected_updated_at, clear_override=clear_override)
        expected = None
    if move is not None:
        transition_change(session, change_id=change_id, target=move, actor_id=actor_id,
                          expected_updated_at=expected, **move_values)
    return change_detail(session, change_id=change_id)


def new_change(session: Session, *, change_type: str, title: str, actor_id: str | None,
               template_id: str | None = None) -> str:
    """Create a change from the New change dialog; returns its id (the editor opens on it)."""
    return create_change(session, change_type=change_type, title=title, actor_id=actor_id,
                         template_id=template_id).id


def add_approval(session: Session, *, change_id: str, decision: str, comment: str, actor_id: str | None,
                 cab_group: str | None) -> None:
    """Record the user's own CAB decision from the editor (record_approval's row stays in the session)."""
    record_approval(session, change_id=change_id, decision=decision, comment=comment, actor_id=actor_id,
                    cab_group=cab_group)


def add_link(session: Session, *, change_id: str, ticket_number: str, kind: str, actor_id: str | None) -> None:
    """Link an incident or problem, by number, to the change from the editor (the row stays in the session)."""
    link_ticket(session, change_id=change_id, ticket_number=ticket_number, kind=kind, actor_id=actor_id)
