"""Refused local work kept on this desk: its values stay shown over pulled rows until a person decides."""
# A refused mutation is an open SyncConflict of kind "rejected" holding the whole payload (`mine`). For a
# refused update, `theirs` maps each field the refusal still holds to the server's value (what the row
# showed before the edit, then what every later pull brought), so the refused value can be put back on
# top of a pulled row, sent again from the right base, or discarded for the server's value. Nothing here
# pushes: a refused value travels again only when a person chooses *Send again*. Runs in the caller's
# transaction; Qt-free.

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import OutboxMutation, SyncConflict

Writer = Callable[[Session, str, dict[str, Any]], None]  # (session, row id, wire values) -> writes them


def open_refusals(session: Session, entity: str, entity_ids: list[str] | set[str] | None = None,
                  op: str | None = None) -> list[SyncConflict]:
    """Open refusals of `entity` (of these ids, of this op), oldest mutation first."""
    stmt = select(SyncConflict).where(SyncConflict.kind == "rejected", SyncConflict.status == "open",
                                      SyncConflict.entity == entity)
    if op is not None:
        stmt = stmt.where(SyncConflict.op == op)
    if entity_ids is not None:
        ids = sorted(set(entity_ids))
        if not ids:
            return []
        found: list[SyncConflict] = []
        for start in range(0, len(ids), 500):
            found += session.scalars(stmt.where(SyncConflict.entity_id.in_(ids[start:start + 500]))).all()
        return sorted(found, key=lambda c: (c.seq or 0, c.created_at))
    return list(session.scalars(stmt.order_by(SyncConflict.seq, SyncConflict.created_at)))


def held_fields(record: SyncConflict) -> dict[str, Any]:
    """{field: server value} of a refused update: the fields whose refused value is still shown."""
    return json.loads(record.theirs) if record.theirs else {}


def refused_values(record: SyncConflict) -> dict[str, Any]:
    """{field: the refused (wanted) value} for the fields the refusal still holds."""
    fields = (json.loads(record.mine) or {}).get("fields", {}) if record.mine else {}
    return {f: (fields.get(f) or {}).get("new") for f in held_fields(record)}


def overlay(session: Session, entity: str, rows: dict[str, dict[str, Any]], write: Writer) -> None:
    """After pulled rows were written: note each refused field's new server value, then put the refused
    value back on top (the user keeps seeing their work until they send it again or discard it).
    `rows` maps id -> the pulled row (wire form). Pending outbox values go on top of these afterwards."""
    for record in open_refusals(session, entity, set(rows), op="update"):
        held = held_fields(record)
        if not held:
            continue
        row = rows[record.entity_id]
        record.theirs = json.dumps({f: row.get(f, v) for f, v in held.items()}, sort_keys=True)
        write(session, record.entity_id, refused_values(record))


def rebase_edit(session: Session, entity: str, entity_id: str, fields: dict[str, dict[str, Any]]) -> bool:
    """A new local edit of a row with refused work; False when no update should be queued.

    A row whose create was refused is unknown to the server: the edit stays local and *Send again*
    creates the row with every current value. Otherwise each edited field that a refusal still holds
    takes the server's value as its base (the server never had the refused one, so the edit applies
    cleanly) and leaves the refusal, which is settled once it holds no field: the newer edit is the
    user's answer to it.
    """
    records = open_refusals(session, entity, [entity_id])
    if any(r.op == "create" for r in records):
        return False
    for record in records:
        held = held_fields(record)
        if record.op != "update" or not held.keys() & fields.keys():
            continue
        for name in held.keys() & fields.keys():
            fields[name]["base"] = held.pop(name)
        record.theirs = json.dumps(held, sort_keys=True) if held else None
        if not held:
            record.status = "settled"
    return True


def requeue_refused_updates(session: Session, entity: str, entity_id: str, records: list[SyncConflict]) -> int:
    """*Send again* for refused updates of one row: each goes out once more from the server's value it holds
    (as base) to the refused value; returns the mutations queued. The caller settles the records."""
    from app.outbox.journal import queue_mutation  # the journal builds on this module

    queued = 0
    for record in records:
        held, wanted = held_fields(record), refused_values(record)
        if held:
            queue_mutation(session, entity=entity, entity_id=entity_id, op="update",
                           payload={"fields": {f: {"base": held[f], "new": wanted[f]} for f in held}})
            queued += 1
    return queued


def settle_refusals(session: Session, records: list[SyncConflict]) -> None:
    """Mark `records` settled (sent again or given up); the caller has queued what goes out."""
    for r in records:
        r.status, r.theirs = "settled", None
    session.flush()


def resend_refused_row(session: Session, entity: str, row: Any, columns: tuple[str, ...] | list[str],
                       records: list[SyncConflict]) -> int:
    """*Send again* for a row's open refusals, then settle them; returns the mutations queued. A refused create
    goes out once more as a create of the row as it stands now (same id, so a retry stays idempotent), in
    place of whatever was still queued for it; otherwise each refused update goes out again."""
    from app.outbox.journal import queue_mutation, row_payload  # the journal builds on this module

    if any(r.op == "create" for r in records):
        for m in session.scalars(select(OutboxMutation).where(OutboxMutation.entity == entity,
                                                              OutboxMutation.entity_id == row.id)):
            session.delete(m)
        session.flush()
        queue_mutation(session, entity=entity, entity_id=row.id, op="create",
                       payload={"row": row_payload(row, list(columns))})
        queued = 1
    else:
        queued = requeue_refused_updates(session, entity, row.id, records)
    settle_refusals(session, records)
    return queued
