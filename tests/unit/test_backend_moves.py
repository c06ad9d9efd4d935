"""The workflow's extension point for a sync backend's own status moves (RT: a queue's own lifecycle), through
tickets.update_ticket and the ticket detail on a real store: the moves in backend_move are offered beside the
workflow's, taken with their open/done meaning, and nothing else is allowed from a backend-only state."""

from __future__ import annotations

import pytest

from app.models import BackendMove
from app.sync.backends.moves import PAGE_KEY, save_moves
from app.tickets import writes as tickets
from app.tickets.detail import ticket_detail
from core.errors import TransitionError
from tests.unit.factories import make_desk


@pytest.fixture
def lifecycle(store, me):
    """A ticket In Progress in a group whose backend lifecycle adds `waiting-vendor` (open) and `closed-won`
    (done); saved as a pull page carries them."""
    with store.session() as s:
        desk = make_desk(s, me)
        save_moves(s, page={PAGE_KEY: [
            [desk.desk, "in_progress", [["waiting-vendor", "waiting-vendor", None], ["resolved", "resolved", None]]],
            [desk.desk, "waiting-vendor", [["in_progress", "open", None], ["closed-won", "closed-won", False]]],
            [desk.desk, "closed-won", [["in_progress", "open", None], ["closed-won", "closed-won", False]]]]})
        ticket = tickets.create_ticket(s, ticket_type="incident", title="Vendor case", actor_id=me,
                                       group_id=desk.desk)
        tickets.update_ticket(s, ticket_id=ticket.id, actor_id=me, changes={"state": "in_progress"})
        other = tickets.create_ticket(s, ticket_type="incident", title="Elsewhere", actor_id=me,
                                      group_id=desk.network)
        tickets.update_ticket(s, ticket_id=other.id, actor_id=me, changes={"state": "in_progress"})
        return ticket.id, other.id


def test_backend_moves_are_offered_beside_the_workflows_and_taken(store, me, lifecycle):
    ticket_id, other_id = lifecycle
    with store.session() as s:
        moves = ticket_detail(s, ticket_id=ticket_id).allowed_states
        assert moves == (("on_hold", "On Hold"), ("resolved", "Resolved"), ("canceled", "Canceled"),
                         ("waiting-vendor", "waiting-vendor"))  # the workflow's, then the backend's new one
        assert "waiting-vendor" not in dict(ticket_detail(s, ticket_id=other_id).allowed_states)  # another group
        with pytest.raises(TransitionError):
            tickets.update_ticket(s, ticket_id=other_id, actor_id=me, changes={"state": "waiting-vendor"})
        tickets.update_ticket(s, ticket_id=ticket_id, actor_id=me, changes={"state": "waiting-vendor"})
    with store.session() as s:
        detail = ticket_detail(s, ticket_id=ticket_id)
        assert (detail.state, detail.is_open, detail.is_final) == ("waiting-vendor", True, False)
        assert detail.allowed_states == (("in_progress", "In Progress"), ("closed-won", "closed-won"))
        with pytest.raises(TransitionError, match="Allowed from waiting-vendor: In Progress, closed-won"):
            tickets.update_ticket(s, ticket_id=ticket_id, actor_id=me, changes={"state": "resolved"})
        tickets.update_ticket(s, ticket_id=ticket_id, actor_id=me, changes={"state": "closed-won"})
    with store.session() as s:
        detail = ticket_detail(s, ticket_id=ticket_id)
        assert (detail.state, detail.is_open) == ("closed-won", False) and detail.resolved_at is not None
        changed = tickets.update_ticket(s, ticket_id=ticket_id, actor_id=me, changes={"state": "in_progress"})
        assert changed["is_open"] == (False, True) and changed["resolved_at"][1] is None  # reopened
        assert changed["reopen_count"] == (0, 1)


def test_a_pull_page_replaces_the_moves_of_a_state(store, me, lifecycle):
    with store.session() as s:
        group = s.query(BackendMove.group_id).first()[0]
        save_moves(s, page={PAGE_KEY: [[group, "waiting-vendor", [["in_progress", "open", None]]]]})
        assert [m.to_state for m in s.query(BackendMove).filter_by(from_state="waiting-vendor")] == ["in_progress"]
