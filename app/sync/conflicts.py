"""Turn push receipts into local state: receipts kept, server numbers mapped, conflicts and refusals
recorded in the conflict inbox (SyncConflict), acknowledged outbox rows deleted.

Runs inside the caller's transaction (the engine's, on the database worker thread): the receipt, its
effects and the outbox row's deletion commit together, so a crash leaves either the row (pushed again,
answered from the server's stored receipt) or its complete handling.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.models import OutboxMutation, SyncConflict, SyncReceipt, Ticket
from app.sync.apply import CHILDREN, _keep_numbers_ahead, drop_ticket, wire_value
from app.sync.apply_changes import ENTITIES as CHANGE_ENTITIES, map_change_number, set_change_fields, undo_refused


def ticket_of(mutation: OutboxMutation) -> str | None:
    """The ticket a mutation is about (a child's parent ticket)."""
    if mutation.entity == "ticket":
        return mutation.entity_id
    row = json.loads(mutation.payload).get("row") or {}
    return row.get("ticket_id") or row.get("source_id")


def _later_fields(session: Session, mutation: OutboxMutation) -> set[str]:
    """Fields that later pending updates of the same ticket change (their values must stay shown)."""
    fields: set[str] = set()
    for payload in session.scalars(select(OutboxMutation.payload).where(
            OutboxMutation.entity == mutation.entity, OutboxMutation.entity_id == mutation.entity_id,
            OutboxMutation.op == "update", OutboxMutation.seq > mutation.seq)):
        fields |= set(json.loads(payload).get("fields", {}))
    return fields


def _set_fields(session: Session, ticket_id: str, values: dict[str, Any]) -> None:
    columns = Ticket.__table__.columns
    clean = {f: wire_value(columns[f], v) for f, v in values.items() if f in columns and f not in ("id", "row_id")}
    if clean:
        session.execute(update(Ticket).where(Ticket.id == ticket_id).values(**clean))


def map_number(session: Session, ticket_id: str, number: str) -> None:
    """Give a created ticket the number the server chose (a local draft holding it loses it), and move
    the local sequence past it in the same transaction: the pull that would do so may never come."""
    session.execute(update(Ticket).where(Ticket.number == number, Ticket.id != ticket_id).values(number=None))
    session.execute(update(Ticket).where(Ticket.id == ticket_id).values(number=number))
    _keep_numbers_ahead(session, number)


def _add_record(session: Session, mutation: OutboxMutation, *, kind: str, field: str, base: Any, theirs: Any,
                mine: Any, reason: str | None) -> None:
    exists = session.scalar(select(SyncConflict.id).where(SyncConflict.mutation_id == mutation.mutation_id,
                                                          SyncConflict.field == field))
    if exists is None:
        session.add(SyncConflict(kind=kind, ticket_id=ticket_of(mutation), entity=mutation.entity,
                                 entity_id=mutation.entity_id, op=mutation.op, field=field,
                                 base=json.dumps(base), theirs=json.dumps(theirs), mine=json.dumps(mine),
                                 reason=reason, mutation_id=mutation.mutation_id, seq=mutation.seq))
        session.flush()


def _undo_refused(session: Session, mutation: OutboxMutation) -> None:
    """Take a refused mutation's effect off the local rows (its record in the inbox keeps it)."""
    if mutation.entity in CHANGE_ENTITIES:
        undo_refused(session, mutation, _later_fields(session, mutation))
    elif mutation.entity == "ticket" and mutation.op == "create":
        drop_ticket(session, mutation.entity_id)
    elif mutation.entity == "ticket" and mutation.op == "update":
        later = _later_fields(session, mutation)
        fields = json.loads(mutation.payload).get("fields", {})
        _set_fields(session, mutation.entity_id, {f: c.get("base") for f, c in fields.items() if f not in later})
    elif mutation.op == "append" and mutation.entity in CHILDREN:
        model = CHILDREN[mutation.entity]
        session.execute(delete(model).where(model.id == mutation.entity_id))


def handle_receipt(session: Session, mutation: OutboxMutation, receipt: dict[str, Any]) -> str:
    """Record one receipt and its effects, then delete the outbox row; returns the receipt's status.

    applied / merged: done (a create takes the server's number). conflict: one open inbox record per
    field with base / theirs / mine, and the field shows the server's value again. rejected: an inbox
    record holding the whole mutation and the reason, and its local effect is taken back.
    """
    status = receipt["status"]
    if session.get(SyncReceipt, mutation.seq) is None:
        session.add(SyncReceipt(seq=mutation.seq, mutation_id=mutation.mutation_id, entity=mutation.entity,
                                entity_id=mutation.entity_id, op=mutation.op, status=status,
                                reason=receipt.get("reason"), number=receipt.get("number")))
    if mutation.entity == "ticket" and mutation.op == "create" and receipt.get("number") and status != "rejected":
        map_number(session, mutation.entity_id, receipt["number"])
    if mutation.entity == "change" and mutation.op == "create" and receipt.get("number") and status != "rejected":
        map_change_number(session, mutation.entity_id, receipt["number"])
    if status == "conflict":
        later = _later_fields(session, mutation)
        theirs: dict[str, Any] = {}
        for c in receipt.get("conflicts") or []:
            _add_record(session, mutation, kind="conflict", field=c["field"], base=c.get("base"),
                        theirs=c.get("theirs"), mine=c.get("mine"), reason=c.get("reason") or receipt.get("reason"))
            if c["field"] not in later:
                theirs[c["field"]] = c.get("theirs")
        (set_change_fields if mutation.entity == "change" else _set_fields)(session, mutation.entity_id, theirs)
    elif status == "rejected":
        _add_record(session, mutation, kind="rejected", field="", base=None, theirs=None,
                    mine=json.loads(mutation.payload), reason=receipt.get("reason"))
        _undo_refused(session, mutation)
    session.execute(delete(OutboxMutation).where(OutboxMutation.seq == mutation.seq))
    return status


def open_conflicts(session: Session) -> list[dict[str, Any]]:
    """The conflict inbox as plain dicts (values decoded from JSON), oldest first; for the UI's task."""
    out = []
    for c in session.scalars(select(SyncConflict).where(SyncConflict.status == "open")
                             .order_by(SyncConflict.created_at, SyncConflict.id)):
        out.append({"id": c.id, "kind": c.kind, "ticket_id": c.ticket_id, "entity": c.entity,
                    "entity_id": c.entity_id, "op": c.op,
                    "field": c.field, "base": json.loads(c.base) if c.base else None,
                    "theirs": json.loads(c.theirs) if c.theirs else None,
                    "mine": json.loads(c.mine) if c.mine else None, "reason": c.reason,
                    "mutation_id": c.mutation_id})
    return out
