"""A backend's own status moves on the desk (backend_move): what a pull page carries under PAGE_KEY, saved in
the page's transaction. RT fills it from its queues' lifecycles (app.sync.backends.rt.lifecycles); the desk's
workflow offers the moves through app.tickets.backend_moves."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.models import BackendMove

PAGE_KEY = "backend_moves"  # [group id, from state, [[to state, label, to_open], ...]] of a pull page


def save_moves(session: Session, *, page: dict[str, Any]) -> None:
    """Replace the moves of each (group, state) the page names with the ones it carries."""
    for group_id, from_state, moves in page.get(PAGE_KEY) or ():
        session.execute(delete(BackendMove).where(BackendMove.group_id == group_id,
                                                  BackendMove.from_state == from_state))
        seen: set[str] = set()
        for position, (to_state, label, to_open) in enumerate(moves):
            if to_state in seen or to_state == from_state:
                continue
            seen.add(to_state)
            session.add(BackendMove(group_id=group_id, from_state=from_state, to_state=str(to_state)[:64],
                                    label=str(label)[:200], to_open=to_open, position=position))
