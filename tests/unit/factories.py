"""Small builders and snapshots shared by the core unit tests: people, groups, tickets, table dumps."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import AuditEvent, Group, OutboxMutation, Person, Ticket
from app.tickets import writes as tickets
from core.tickets.workflow import workflow_for

HOLD_REASON = "awaiting_vendor"
RESOLUTION = {"resolution_code": "solved_permanently", "resolution_notes": "Replaced the cable."}


@dataclass(frozen=True)
class Desk:
    """Reference rows for a test: two groups, three agents, a requester."""

    me: str
    alice: str
    bob: str
    requester: str
    network: str
    desk: str


def make_desk(session: Session, me: str) -> Desk:
    """me and alice are in Service Desk; bob in Network; me also in Network."""
    alice = Person(name="Alice Agent", is_agent=True)
    bob = Person(name="Bob Builder", is_agent=True)
    requester = Person(name="Rita Requester", is_agent=False)
    desk = Group(name="Service Desk")
    network = Group(name="Network")
    session.add_all([alice, bob, requester, desk, network])
    session.flush()
    me_person = session.get(Person, me)
    desk.members.extend([me_person, alice])
    network.members.extend([me_person, bob])
    session.flush()
    return Desk(me=me, alice=alice.id, bob=bob.id, requester=requester.id, network=network.id, desk=desk.id)


def required_fields(state: str, ticket_type: str) -> dict:
    """The fields a move into `state` needs."""
    kind = workflow_for(ticket_type).state(state).kind
    if state == "on_hold":
        return {"on_hold_reason": HOLD_REASON}
    if kind == "resolved":
        return dict(RESOLUTION)
    return {}


def path_to(ticket_type: str, state: str) -> list[str]:
    """The shortest list of moves from the initial state to `state` (empty for the initial one)."""
    wf = workflow_for(ticket_type)
    came_from: dict[str, str | None] = {wf.initial: None}
    todo = deque([wf.initial])
    while todo:
        current = todo.popleft()
        for nxt in wf.allowed(current):
            if nxt not in came_from:
                came_from[nxt] = current
                todo.append(nxt)
    assert state in came_from, f"{state} cannot be reached in {ticket_type}"
    path = []
    while state != wf.initial:
        path.append(state)
        state = came_from[state]
    return list(reversed(path))


def ticket_in_state(session: Session, ticket_type: str, state: str, actor_id: str, **fields) -> Ticket:
    """A new ticket walked through the workflow to `state`."""
    ticket = tickets.create_ticket(session, ticket_type=ticket_type, title=f"{ticket_type} to {state}",
                                   actor_id=actor_id, **fields)
    for step in path_to(ticket_type, state):
        tickets.update_ticket(session, ticket_id=ticket.id, actor_id=actor_id,
                              changes={"state": step, **required_fields(step, ticket_type)})
    assert ticket.state == state
    return ticket


def ticket_row(session: Session, ticket_id: str) -> dict:
    """The ticket's row as the database holds it (not the identity map)."""
    row = session.execute(text("SELECT * FROM ticket WHERE id = :id"), {"id": ticket_id}).mappings().one()
    return dict(row)


def journal_counts(session: Session) -> tuple[int, int]:
    audit = session.execute(text("SELECT count(*) FROM audit_event")).scalar_one()
    outbox = session.execute(text("SELECT count(*) FROM outbox_mutation")).scalar_one()
    return audit, outbox


def snapshot(session: Session, ticket_id: str) -> tuple:
    """Everything an edit of this ticket could touch: its row and the whole journal."""
    audit = session.execute(text("SELECT * FROM audit_event ORDER BY id")).all()
    outbox = session.execute(text("SELECT * FROM outbox_mutation ORDER BY seq")).all()
    return ticket_row(session, ticket_id), audit, outbox


def outbox(session: Session, entity_id: str | None = None) -> list[tuple[int, str, str, dict]]:
    """(seq, entity, op, payload) per outbox row, in seq order."""
    stmt = select(OutboxMutation).order_by(OutboxMutation.seq)
    if entity_id is not None:
        stmt = stmt.where(OutboxMutation.entity_id == entity_id)
    return [(m.seq, m.entity, m.op, json.loads(m.payload)) for m in session.scalars(stmt)]


def audit(session: Session, entity_id: str) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.entity_id == entity_id)
                                .order_by(AuditEvent.at, AuditEvent.id)))
