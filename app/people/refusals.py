"""Settling a person the server refused (a VIP flag set without the right, an address taken meanwhile...)."""
# Called by app.sync.refused_work for refusals of the person entity, in the caller's transaction. Send again
# re-queues the refused work as the row stands now; Discard takes it off this desk. Nothing is lost silently:
# a refused create that tickets on this desk name as requester is not discarded.

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import OutboxMutation, Person, SyncConflict, Ticket
from app.outbox.journal import queue_mutation, row_payload
from app.outbox.refusals import held_fields, requeue_refused_updates
from app.people.ops import ENTITY, WIRE_COLUMNS
from core.errors import NotFoundError, ValidationError
from core.feed import note


def _open(session: Session, person_id: str) -> list[SyncConflict]:
    return list(session.scalars(select(SyncConflict).where(
        SyncConflict.kind == "rejected", SyncConflict.status == "open", SyncConflict.entity == ENTITY,
        SyncConflict.entity_id == person_id).order_by(SyncConflict.seq, SyncConflict.created_at)))


def send_again(session: Session, record: SyncConflict) -> int:
    """Queue the person's open refusals again; returns the mutations queued. A refused create goes out as a
    create of the row as it is now (same id: a retry stays idempotent)."""
    person = session.get(Person, record.entity_id)
    if person is None:
        raise NotFoundError("This person is no longer on this desk; discard this entry instead.")
    records = _open(session, person.id)
    note(session, ENTITY, [person.id])
    queued = 0
    if any(r.op == "create" for r in records):
        for m in session.scalars(select(OutboxMutation).where(OutboxMutation.entity == ENTITY,
                                                              OutboxMutation.entity_id == person.id)):
            session.delete(m)
        session.flush()
        queue_mutation(session, entity=ENTITY, entity_id=person.id, op="create",
                       payload={"row": row_payload(person, WIRE_COLUMNS)})
        queued = 1
    else:
        queued = requeue_refused_updates(session, ENTITY, person.id, records)
    for r in records:
        r.status, r.theirs = "settled", None
    session.flush()
    return queued


def discard(session: Session, record: SyncConflict) -> str:
    """Take a refusal off this desk: a refused create deletes the person ("row"; refused while a ticket here
    names them), a refused edit shows the server's values again ("values")."""
    person = session.get(Person, record.entity_id)
    note(session, ENTITY, [record.entity_id])
    if record.op == "create":
        if person is not None:
            if session.scalar(select(Ticket.id).where(Ticket.requester_id == person.id).limit(1)) is not None:
                raise ValidationError(f"Tickets on this desk name {person.name} as requester: choose another "
                                      "requester on them first, or send the person again.")
            session.delete(person)
        for r in _open(session, record.entity_id):
            r.status = "settled"
        session.flush()
        return "row"
    held = held_fields(record)
    if person is not None:
        for field, value in held.items():
            if field in WIRE_COLUMNS and field != "id":
                setattr(person, field, value)
    record.status, record.theirs = "settled", None
    session.flush()
    return "values"
