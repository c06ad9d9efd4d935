"""Settling CMDB work the server refused (a mission-critical flag without the right, a field changed meanwhile)."""
# Called by app.sync.refused_work for refusals of the CMDB's entities, in the caller's transaction. Send again
# re-queues the refused work as the rows stand now; Discard takes it off this desk. Nothing is lost silently:
# a refused CI that tickets or changes on this desk name is not discarded.

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.cmdb.ops import CLASS, ENTITY, RELATION
from app.models import CiClassRow, CiRelation, ConfigurationItem, OutboxMutation, SyncConflict, Ticket, change_ci
from app.outbox.journal import queue_mutation, row_payload
from app.outbox.refusals import held_fields, refused_values
from core.cmdb.rules import CLASS_COLUMNS, RELATION_COLUMNS, WIRE_COLUMNS
from core.errors import NotFoundError, ValidationError
from core.feed import note

ENTITIES = (ENTITY, RELATION, CLASS)
_ROWS = {ENTITY: (ConfigurationItem, WIRE_COLUMNS), RELATION: (CiRelation, RELATION_COLUMNS),
         CLASS: (CiClassRow, CLASS_COLUMNS)}


def _open(session: Session, entity: str, entity_id: str) -> list[SyncConflict]:
    return list(session.scalars(select(SyncConflict).where(
        SyncConflict.kind == "rejected", SyncConflict.status == "open", SyncConflict.entity == entity,
        SyncConflict.entity_id == entity_id).order_by(SyncConflict.seq, SyncConflict.created_at)))


def send_again(session: Session, record: SyncConflict) -> int:
    """Queue the row's open refusals again; a refused create goes out as the row is now (same id)."""
    model, columns = _ROWS[record.entity]
    records = _open(session, record.entity, record.entity_id)
    row = session.get(model, record.entity_id)
    note(session, record.entity, [record.entity_id])
    queued = 0
    if any(r.op == "create" for r in records):
        if row is None:
            raise NotFoundError("This row is no longer on this desk; discard this entry instead.")
        for m in session.scalars(select(OutboxMutation).where(OutboxMutation.entity == record.entity,
                                                              OutboxMutation.entity_id == record.entity_id)):
            session.delete(m)
        session.flush()
        queue_mutation(session, entity=record.entity, entity_id=record.entity_id, op="create",
                       payload={"row": row_payload(row, list(columns))})
        queued = 1
    else:
        for r in records:
            if r.op == "delete":
                queue_mutation(session, entity=r.entity, entity_id=r.entity_id, op="delete", payload={})
                queued += 1
                continue
            held, wanted = held_fields(r), refused_values(r)
            if held:
                queue_mutation(session, entity=r.entity, entity_id=r.entity_id, op="update",
                               payload={"fields": {f: {"base": held[f], "new": wanted[f]} for f in held}})
                queued += 1
    for r in records:
        r.status, r.theirs = "settled", None
    session.flush()
    return queued


def discard(session: Session, record: SyncConflict) -> str:
    """Take a refusal off this desk: a refused create deletes the row ("row"), a refused edit shows the
    server's values again ("values"). A refused delete of a relation has nothing to undo here ("values")."""
    model, columns = _ROWS[record.entity]
    row = session.get(model, record.entity_id)
    note(session, record.entity, [record.entity_id])
    if record.op == "create":
        if row is not None:
            if record.entity == ENTITY:
                _check_unused(session, record.entity_id, getattr(row, "name", ""))
                for m in session.scalars(select(OutboxMutation).where(OutboxMutation.entity == RELATION)):
                    if record.entity_id in m.payload:  # its relations' creates cannot reach the server either
                        session.delete(m)
                for relation in session.scalars(select(CiRelation).where(or_(
                        CiRelation.source_id == record.entity_id, CiRelation.target_id == record.entity_id))):
                    session.delete(relation)
            session.delete(row)
        for r in _open(session, record.entity, record.entity_id):
            r.status = "settled"
        session.flush()
        return "row"
    if row is not None:
        for field, value in held_fields(record).items():
            if field in columns and field != "id":
                setattr(row, field, value)
    record.status, record.theirs = "settled", None
    session.flush()
    return "values"


def _check_unused(session: Session, ci_id: str, name: str) -> None:
    if session.scalar(select(Ticket.id).where(Ticket.ci_id == ci_id).limit(1)) is not None or \
            session.scalar(select(change_ci.c.change_id).where(change_ci.c.ci_id == ci_id).limit(1)) is not None:
        raise ValidationError(f"Tickets or changes on this desk name {name}: choose another CI on them first, "
                              "or send the CI again.")
    if session.scalar(select(ConfigurationItem.id).where(ConfigurationItem.parent_id == ci_id).limit(1)):
        raise ValidationError(f"Other CIs on this desk run on {name}: change their parent first, or send it again.")

