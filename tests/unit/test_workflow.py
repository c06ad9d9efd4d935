"""The workflow through tickets.update_ticket: every (from, to) pair of every ticket type, and what
each move needs and sets."""

from __future__ import annotations

import pytest

from app.store import open_store
from app.tickets import writes as tickets
from core.errors import TransitionError, ValidationError
from core.tickets.workflow import ON_HOLD_REASONS, TICKET_TYPES, TYPE_LABELS, WORKFLOWS, workflow_for
from tests.unit.factories import (
    HOLD_REASON,
    RESOLUTION,
    audit,
    outbox,
    required_fields,
    snapshot,
    ticket_in_state,
    ticket_row,
)

PAIRS = [
    (ticket_type, src.key, dst.key)
    for ticket_type in TICKET_TYPES
    for src in WORKFLOWS[ticket_type].states
    for dst in WORKFLOWS[ticket_type].states
]
OPEN_STATES = [
    (ticket_type, s.key) for ticket_type in TICKET_TYPES for s in WORKFLOWS[ticket_type].states if s.is_open
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """One store for the module: each test works on tickets of its own, so they cannot interfere."""
    from app.people import reference

    st = open_store(tmp_path_factory.mktemp("workflow") / "store.sqlite3")
    with st.session() as s:
        me = reference.ensure_local_user(s, name="Flow Agent")
    yield st, me
    st.close()


def _label(ticket_type: str, state: str) -> str:
    return workflow_for(ticket_type).state(state).label


@pytest.mark.parametrize(("ticket_type", "src", "dst"), PAIRS, ids=[f"{t}:{a}->{b}" for t, a, b in PAIRS])
def test_every_pair_of_states(desk, ticket_type, src, dst):
    st, me = desk
    wf = workflow_for(ticket_type)
    with st.session() as s:
        tid = ticket_in_state(s, ticket_type, src, me).id
    with st.session() as s:
        before = snapshot(s, tid)
        old_row = before[0]
        old_outbox = outbox(s)
        if src == dst:
            # Setting the state it already has is no move at all: nothing is written.
            assert tickets.update_ticket(s, ticket_id=tid, changes={"state": dst}, actor_id=me) == {}
            assert snapshot(s, tid) == before
            return
        changes = {"state": dst, **required_fields(dst, ticket_type)}
        if dst not in wf.allowed(src):
            with pytest.raises(TransitionError) as err:
                tickets.update_ticket(s, ticket_id=tid, changes=changes, actor_id=me)
            message = str(err.value)
            assert _label(ticket_type, src) in message and _label(ticket_type, dst) in message
            assert f"cannot move from {_label(ticket_type, src)} to {_label(ticket_type, dst)}" in message
            assert err.value.field == "state"
            assert snapshot(s, tid) == before  # autoflush would have written any half-made change
            return
        done = tickets.update_ticket(s, ticket_id=tid, changes=changes, actor_id=me)
    assert done["state"] == (src, dst)
    with st.session() as s:
        row = ticket_row(s, tid)
        new_def, old_def = wf.state(dst), wf.state(src)
        assert row["state"] == dst
        assert bool(row["is_open"]) == (new_def.kind in ("open", "hold"))
        if dst == "on_hold":
            assert row["on_hold_reason"] == HOLD_REASON
        else:
            assert row["on_hold_reason"] is None
        if new_def.kind == "resolved":
            assert row["resolved_at"] is not None
            assert row["resolution_code"] == RESOLUTION["resolution_code"]
            assert row["resolution_notes"] == RESOLUTION["resolution_notes"]
        if new_def.kind == "closed":
            assert row["closed_at"] is not None
        if old_def.kind == "resolved" and new_def.is_open:
            assert row["reopen_count"] == old_row["reopen_count"] + 1
            assert row["resolved_at"] is None
        else:
            assert row["reopen_count"] == old_row["reopen_count"]
        # One outbox mutation for the move, carrying base and new of every field it set.
        new_mutations = outbox(s)[len(old_outbox):]
        assert len(new_mutations) == 1
        _, entity, op, payload = new_mutations[0]
        assert (entity, op) == ("ticket", "update")
        assert payload["fields"]["state"] == {"base": src, "new": dst}
        state_events = [e for e in audit(s, tid) if e.field == "state"]
        assert (state_events[-1].old_value, state_events[-1].new_value, state_events[-1].actor_id) == (src, dst, me)


@pytest.mark.parametrize(("ticket_type", "src"), OPEN_STATES, ids=[f"{t}:{s}" for t, s in OPEN_STATES])
def test_cancel_from_every_open_state(desk, ticket_type, src):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, ticket_type, src, me)
        tickets.update_ticket(s, ticket_id=t.id, changes={"state": "canceled"}, actor_id=me)
        assert t.state == "canceled" and t.is_open is False and t.on_hold_reason is None


@pytest.mark.parametrize("reason", [None, "", "because", "Awaiting vendor", 3])
def test_on_hold_needs_a_known_reason(desk, reason):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, "incident", "in_progress", me)
        before = snapshot(s, t.id)
        with pytest.raises(ValidationError):
            tickets.update_ticket(s, ticket_id=t.id, changes={"state": "on_hold", "on_hold_reason": reason},
                                  actor_id=me)
        assert snapshot(s, t.id) == before


@pytest.mark.parametrize("reason", sorted(ON_HOLD_REASONS))
def test_every_on_hold_reason_is_accepted_and_cleared_on_leaving(desk, reason):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, "incident", "in_progress", me)
        tickets.update_ticket(s, ticket_id=t.id, changes={"state": "on_hold", "on_hold_reason": reason}, actor_id=me)
        assert (t.state, t.on_hold_reason, t.is_open) == ("on_hold", reason, True)
        done = tickets.update_ticket(s, ticket_id=t.id, changes={"state": "in_progress"}, actor_id=me)
        assert t.on_hold_reason is None
        assert done["on_hold_reason"] == (reason, None)


@pytest.mark.parametrize(("code", "notes", "field"), [
    (None, "notes", "resolution_code"),
    ("solved_permanently", None, "resolution_notes"),
    ("solved_permanently", "", "resolution_notes"),
    ("solved_permanently", "   \n\t ", "resolution_notes"),
    ("solved_permanently", "\x00\x01\x02", "resolution_notes"),
])
def test_resolving_needs_code_and_notes(desk, code, notes, field):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, "incident", "in_progress", me)
        before = snapshot(s, t.id)
        with pytest.raises(TransitionError) as err:
            tickets.update_ticket(s, ticket_id=t.id, actor_id=me, changes={
                "state": "resolved", "resolution_code": code, "resolution_notes": notes})
        assert err.value.field == field
        assert snapshot(s, t.id) == before


def test_unknown_resolution_code_is_refused(desk):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, "incident", "in_progress", me)
        with pytest.raises(ValidationError):
            tickets.update_ticket(s, ticket_id=t.id, actor_id=me, changes={
                "state": "resolved", "resolution_code": "magic", "resolution_notes": "x"})


def test_reopen_counts_and_clears_resolved_at_then_close_sets_closed_at(desk):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, "incident", "resolved", me)
        assert t.resolved_at is not None and t.reopen_count == 0
        tickets.update_ticket(s, ticket_id=t.id, changes={"state": "in_progress"}, actor_id=me)
        assert (t.reopen_count, t.resolved_at, t.is_open) == (1, None, True)
        tickets.update_ticket(s, ticket_id=t.id, changes={"state": "resolved", **RESOLUTION}, actor_id=me)
        tickets.update_ticket(s, ticket_id=t.id, changes={"state": "in_progress"}, actor_id=me)
        assert t.reopen_count == 2
        tickets.update_ticket(s, ticket_id=t.id, changes={"state": "resolved", **RESOLUTION}, actor_id=me)
        assert t.closed_at is None
        resolved_at = t.resolved_at
        tickets.update_ticket(s, ticket_id=t.id, changes={"state": "closed"}, actor_id=me)
        assert t.closed_at is not None and t.resolved_at == resolved_at and t.is_open is False


def test_unknown_state_is_refused_with_its_name(desk):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, "incident", "new", me)
        with pytest.raises(TransitionError, match="bogus"):
            tickets.update_ticket(s, ticket_id=t.id, changes={"state": "bogus"}, actor_id=me)


def test_message_names_the_type_and_the_allowed_moves(desk):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, "service_request", "new", me)
        with pytest.raises(TransitionError) as err:
            tickets.update_ticket(s, ticket_id=t.id, changes={"state": "closed"}, actor_id=me)
    assert str(err.value).startswith("A service request cannot move from New to Closed.")
    assert "Awaiting Approval" in str(err.value)
    assert TYPE_LABELS["incident"] == "Incident"


def test_hold_reason_cannot_be_set_outside_on_hold_or_removed_while_on_hold(desk):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, "incident", "in_progress", me)
        with pytest.raises(ValidationError):
            tickets.update_ticket(s, ticket_id=t.id, changes={"on_hold_reason": "awaiting_caller"}, actor_id=me)
        assert t.on_hold_reason is None
        tickets.update_ticket(s, ticket_id=t.id, changes={"state": "on_hold", "on_hold_reason": HOLD_REASON},
                              actor_id=me)
        for bad in (None, "nonsense"):
            with pytest.raises(ValidationError):
                tickets.update_ticket(s, ticket_id=t.id, changes={"on_hold_reason": bad}, actor_id=me)
            assert t.on_hold_reason == HOLD_REASON
        # Changing to another valid reason while on hold is an ordinary edit.
        done = tickets.update_ticket(s, ticket_id=t.id, changes={"on_hold_reason": "awaiting_caller"}, actor_id=me)
        assert done == {"on_hold_reason": (HOLD_REASON, "awaiting_caller")}


def test_resolution_cannot_be_blanked_on_a_resolved_ticket(desk):
    st, me = desk
    with st.session() as s:
        t = ticket_in_state(s, "incident", "resolved", me)
        for bad in ({"resolution_notes": "  "}, {"resolution_code": None}):
            with pytest.raises(ValidationError):
                tickets.update_ticket(s, ticket_id=t.id, changes=bad, actor_id=me)
        assert t.resolution_notes == RESOLUTION["resolution_notes"]
        done = tickets.update_ticket(s, ticket_id=t.id, changes={"resolution_notes": "Better notes."}, actor_id=me)
        assert done == {"resolution_notes": (RESOLUTION["resolution_notes"], "Better notes.")}
