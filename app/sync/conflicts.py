"""Turn push receipts into local state: receipts kept, numbers mapped, conflicts and refusals recorded."""
# Acknowledged outbox rows are deleted; refused work stays on the local rows (app.outbox.refusals).
#
# Runs inside the caller's transaction (the engine's, on the database worker thread): the receipt, its
# effects and the outbox row's deletion commit together, so a crash leaves either the row (pushed again,
# answered from the server's stored receipt) or its complete handling.

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.models import OutboxMutation, SyncConflict, SyncReceipt, Ticket
from app.sync.apply import _keep_numbers_ahead, write_ticket_fields
from app.sync.apply_changes import map_change_number, set_change_fields
from app.sync.apply_knowledge import map_article_number, set_article_fields

log = logging.getLogger(__name__)
UNREADABLE = ("The server's answer to this change could not be read ({0}). It is kept here as you made it: "
              "send it again or discard it.")


def ticket_of(mutation: OutboxMutation) -> str | None:
    """The ticket a mutation is about (a child's parent ticket)."""
    if mutation.entity == "ticket":
        return mutation.entity_id
    if mutation.entity == "ci_relation":  # its source_id is a CI, not a ticket
        return None
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


KNOWN = ("applied", "merged", "conflict", "rejected")


def malformed(receipt: Any) -> str | None:
    """What makes a receipt unusable (None when it is sound): an unknown status, a conflict without its
    list of field conflicts, a field conflict without a field name."""
    if not isinstance(receipt, dict):
        return "the answer is not a receipt"
    status = receipt.get("status")
    if status not in KNOWN:
        return f"unknown status {str(status)[:40]!r}" if status is not None else "no status"
    if status == "conflict":
        conflicts = receipt.get("conflicts")
        if not isinstance(conflicts, list) or not conflicts:
            return "a conflict without the fields that conflict"
        if not all(isinstance(c, dict) and isinstance(c.get("field"), str) and c["field"] for c in conflicts):
            return "a field conflict without its field"
    return None


def _hold_refused(session: Session, mutation: OutboxMutation, reason: str) -> None:
    """Record a refused (or unreadable) mutation; its local effect stays as the user made it. A refused
    update holds its fields' server values (the base it was made on) so a pull can show the refused
    values again on top, and *Discard* knows what to go back to; fields a later pending edit of the
    same row sets are that edit's to show."""
    payload = json.loads(mutation.payload)
    _add_record(session, mutation, kind="rejected", field="", base=None, theirs=None, mine=payload, reason=reason)
    if mutation.op == "update" and isinstance(payload.get("fields"), dict):
        later = _later_fields(session, mutation)
        held = {f: (c or {}).get("base") for f, c in payload["fields"].items() if f not in later}
        record = session.scalar(select(SyncConflict).where(SyncConflict.mutation_id == mutation.mutation_id,
                                                           SyncConflict.field == ""))
        if record is not None and record.status == "open":
            record.theirs = json.dumps(held, sort_keys=True) if held else None


def handle_receipt(session: Session, mutation: OutboxMutation, receipt: dict[str, Any]) -> str:
    """Record one receipt and its effects, then delete the outbox row; returns the receipt's status.

    applied / merged: done (a create takes the server's number). conflict: one open inbox record per
    field with base / theirs / mine, and the field shows the server's value again. rejected: an inbox
    record holding the whole mutation and the reason; the local rows keep what the user made (see
    app.outbox.refusals). A receipt this client cannot read (unknown status, a conflict without its
    fields) is never taken as done: it is logged and recorded as a refusal saying so, and "rejected"
    is returned, so the user sees it and can send it again or discard it.
    """
    problem = malformed(receipt)
    if problem is not None:
        log.warning("Unreadable receipt for mutation %s (%s %s): %s; kept in the conflict inbox",
                    mutation.mutation_id, mutation.entity, mutation.op, problem)
        if session.get(SyncReceipt, mutation.seq) is None:
            session.add(SyncReceipt(seq=mutation.seq, mutation_id=mutation.mutation_id, entity=mutation.entity,
                                    entity_id=mutation.entity_id, op=mutation.op, status="unreadable",
                                    reason=problem))
        _hold_refused(session, mutation, UNREADABLE.format(problem))
        session.execute(delete(OutboxMutation).where(OutboxMutation.seq == mutation.seq))
        return "rejected"
    status = receipt["status"]
    if session.get(SyncReceipt, mutation.seq) is None:
        session.add(SyncReceipt(seq=mutation.seq, mutation_id=mutation.mutation_id, entity=mutation.entity,
                                entity_id=mutation.entity_id, op=mutation.op, status=status,
                                reason=receipt.get("reason"), number=receipt.get("number")))
    if mutation.entity == "ticket" and mutation.op == "create" and receipt.get("number") and status != "rejected":
        map_number(session, mutation.entity_id, receipt["number"])
    if mutation.entity == "change" and mutation.op == "create" and receipt.get("number") and status != "rejected":
        map_change_number(session, mutation.entity_id, receipt["number"])
    if mutation.entity == "article" and mutation.op == "create" and receipt.get("number") and status != "rejected":
        map_article_number(session, mutation.entity_id, receipt["number"])
    if status == "conflict":
        later = _later_fields(session, mutation)
        theirs: dict[str, Any] = {}
        for c in receipt["conflicts"]:
            _add_record(session, mutation, kind="conflict", field=c["field"], base=c.get("base"),
                        theirs=c.get("theirs"), mine=c.get("mine"), reason=c.get("reason") or receipt.get("reason"))
            if c["field"] not in later:
                theirs[c["field"]] = c.get("theirs")
        writer = {"change": set_change_fields, "article": set_article_fields}.get(mutation.entity, write_ticket_fields)
        writer(session, mutation.entity_id, theirs)
    elif status == "rejected":
        _hold_refused(session, mutation, receipt.get("reason") or "")
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
