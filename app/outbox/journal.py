"""Audit rows and outbox rows: written by every edit, in the edit's own transaction (docs/SYNC_PROTOCOL.md)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.models import AuditEvent, OutboxMutation
from app.outbox.refusals import rebase_edit
from core.feed import note
from core.ids import new_id
from core.schema import utcnow


def to_wire(value: Any) -> Any:
    """A JSON-safe form of a field value: datetimes as ISO-8601 UTC, dates as YYYY-MM-DD, the rest as is."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def to_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(to_wire(value))


def record_changes(session: Session, *, entity: str, entity_id: str, changes: dict[str, tuple[Any, Any]],
                   actor_id: str | None, batch_id: str | None, at: datetime | None = None) -> None:
    """Audit each changed field and queue one update mutation carrying base and new values."""
    if not changes:
        return
    note(session, entity, [entity_id], changes)
    at = at or utcnow()
    for field, (old, new) in changes.items():
        session.add(AuditEvent(entity=entity, entity_id=entity_id, field=field, old_value=to_text(old),
                               new_value=to_text(new), actor_id=actor_id, at=at, batch_id=batch_id))
    payload = {"fields": {f: {"base": to_wire(o), "new": to_wire(n)} for f, (o, n) in changes.items()}}
    if not rebase_edit(session, entity, entity_id, payload["fields"]):
        return  # the row's create was refused: Send again carries this value with the rest of the row
    queue_mutation(session, entity=entity, entity_id=entity_id, op="update", payload=payload)


def record_event(session: Session, *, entity: str, entity_id: str, field: str, new: Any,
                 actor_id: str | None, batch_id: str | None = None, old: Any = None) -> None:
    """Audit a single event that is not a field edit (created, note added, link added)."""
    note(session, entity, [entity_id], [field])
    session.add(AuditEvent(entity=entity, entity_id=entity_id, field=field, old_value=to_text(old),
                           new_value=to_text(new), actor_id=actor_id, at=utcnow(), batch_id=batch_id))


OUTBOX = "outbox"  # the change feed's entity for queued mutations: the sync's push-after-edit listens to it


def queue_mutation(session: Session, *, entity: str, entity_id: str, op: str, payload: dict) -> None:
    # Every local edit that syncs passes here, so the change record of the transaction (published by
    # whoever commits it) says that a push is due, whatever the edit was: a ticket, a note, an
    # attachment, a change, an approval.
    note(session, OUTBOX, [entity_id])
    note(session, entity, [entity_id], payload.get("fields", ()) if op == "update" else ())
    session.add(OutboxMutation(mutation_id=new_id(), entity=entity, entity_id=entity_id, op=op,
                               payload=json.dumps(payload, sort_keys=True)))


def append_row(session: Session, row: Any, *, entity: str, columns: list[str]) -> None:
    """Add an append-only child row (a worklog entry, an attachment, a link, an approval) and queue its
    append for the sync with its `columns` as the payload. Flushes first, so the row has its id."""
    session.add(row)
    session.flush()
    queue_mutation(session, entity=entity, entity_id=row.id, op="append", payload={"row": row_payload(row, columns)})


def row_payload(obj, columns: list[str]) -> dict[str, Any]:
    return {c: to_wire(getattr(obj, c)) for c in columns}
