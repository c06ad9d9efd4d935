"""The status moves a sync backend's server adds to the workflow (RT: a queue's own lifecycle), read from the
desk's store (backend_move, filled by the pull) for one ticket: the workflow's extension point."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import BackendMove, Ticket
from core.errors import TransitionError
from core.tickets.workflow import StateDef, external_state, workflow_for


def moves_from(session: Session, *, ticket: Ticket) -> dict[str, StateDef]:
    """Target state -> its definition, for the moves the backend allows from the ticket's state in its group
    (in the backend's order); empty with the reference server or for a group without such moves. A target
    that is a Deskside state keeps the workflow's definition (and its rules: a reason, a resolution)."""
    if ticket.group_id is None:
        return {}
    rows = session.execute(select(BackendMove.to_state, BackendMove.label, BackendMove.to_open).where(
        BackendMove.group_id == ticket.group_id, BackendMove.from_state == ticket.state)
        .order_by(BackendMove.position)).all()
    workflow = workflow_for(ticket.type)
    out: dict[str, StateDef] = {}
    for to_state, label, to_open in rows:
        try:
            out[to_state] = workflow.state(to_state)
        except TransitionError:
            out[to_state] = external_state(to_state, label, to_open)
    return out
