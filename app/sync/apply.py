"""Apply pulled pages to the local store: upserts, tombstones, evictions, conflict records.

Runs inside the caller's transaction (the engine's, on the database worker thread) so that the rows
and the cursor commit together. Writes no outbox rows and no audit rows: pulled rows are the server's
truth, not local edits. The FTS triggers index tickets and worklogs on insert and update.
After a ticket is applied, the fields of its still-pending local updates are applied again on top, so
the user keeps seeing their own work until the server has answered for it.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.models import (
    Attachment, Category, ConfigurationItem, Group, NumberSequence, OutboxMutation, Person, Service, SyncConflict,
    Ticket, TicketLink, WorklogEntry, group_member,
)
from app.models.base import UtcDateTime

REFERENCE = {"group": Group, "person": Person, "category": Category, "service": Service,
             "configuration_item": ConfigurationItem}
CHILDREN = {"worklog_entry": WorklogEntry, "attachment": Attachment, "ticket_link": TicketLink}
MODELS = {**REFERENCE, "ticket": Ticket, **CHILDREN}


def wire_value(column, value: Any) -> Any:
    """A wire value typed for the local column (ISO text to an aware UTC datetime)."""
    if isinstance(column.type, UtcDateTime) and isinstance(value, str):
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return value


def local_values(model, row: dict[str, Any]) -> dict[str, Any]:
    """The row's values for the local table: known columns only (never the local row_id), typed."""
    columns = model.__table__.columns
    return {c.name: wire_value(c, row[c.name]) for c in columns if c.name in row and c.name != "row_id"}


def _drop_unknown_references(session: Session, model, values: dict[str, Any]) -> None:
    """Blank references to reference rows this store does not hold yet (a priority_first head start
    comes before any reference data); the ordered pull that follows brings the row again, complete."""
    for column in model.__table__.columns:
        for fk in column.foreign_keys:
            target = fk.column
            if target.table.name != "ticket" and values.get(column.name) is not None and session.execute(
                    select(target).where(target == values[column.name])).first() is None:
                values[column.name] = None


def _upsert(session: Session, model, row: dict[str, Any], *, head_start: bool = False) -> None:
    values = local_values(model, row)
    if head_start:
        _drop_unknown_references(session, model, values)
    stmt = insert(model.__table__).values(**values)
    rest = {k: stmt.excluded[k] for k in values if k != "id"}
    session.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=rest) if rest
                    else stmt.on_conflict_do_nothing())


def _ticket_exists(session: Session, ticket_id: str | None) -> bool:
    return ticket_id is not None and session.scalar(select(Ticket.row_id).where(Ticket.id == ticket_id)) is not None


def reapply_pending(session: Session, ticket_id: str) -> None:
    """Put the fields of the ticket's pending outbox updates back on top of the row just applied."""
    values: dict[str, Any] = {}
    columns = Ticket.__table__.columns
    for payload in session.scalars(select(OutboxMutation.payload).where(
            OutboxMutation.entity == "ticket", OutboxMutation.entity_id == ticket_id,
            OutboxMutation.op == "update").order_by(OutboxMutation.seq)):
        for name, change in json.loads(payload).get("fields", {}).items():
            if name in columns and name not in ("id", "row_id"):
                values[name] = wire_value(columns[name], change.get("new"))
    if values:
        session.execute(update(Ticket).where(Ticket.id == ticket_id).values(**values))


def upsert_ticket(session: Session, row: dict[str, Any], *, head_start: bool = False) -> None:
    # Server numbers are unique; a local holder of the same number is a draft whose own number the
    # server has not given yet (its receipt will), so it shows as a draft until then.
    if row.get("number"):
        session.execute(update(Ticket).where(Ticket.number == row["number"], Ticket.id != row["id"])
                        .values(number=None))
    _upsert(session, Ticket, row, head_start=head_start)
    _keep_numbers_ahead(session, row.get("number"))
    reapply_pending(session, row["id"])


def _keep_numbers_ahead(session: Session, number: str | None) -> None:
    """Move this desk's number sequence past a pulled number, so the next local create does not
    propose a number a pulled ticket already holds (the unique index would refuse the create)."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", number or "")
    if match is None:
        return
    seq = session.get(NumberSequence, match.group(1))
    if seq is not None and seq.next_value <= int(match.group(2)):
        seq.next_value = int(match.group(2)) + 1
        session.flush()


def _upsert_child(session: Session, entity: str, row: dict[str, Any], *, head_start: bool = False) -> bool:
    parents = (row.get("source_id"), row.get("target_id")) if entity == "ticket_link" else (row.get("ticket_id"),)
    # A link to a ticket outside this user's scope cannot be stored (foreign key); it is skipped.
    if not all(_ticket_exists(session, p) for p in parents):
        return False
    _upsert(session, CHILDREN[entity], row, head_start=head_start)
    return True


def drop_ticket(session: Session, ticket_id: str) -> None:
    """Delete a ticket and (by foreign-key cascade) its children; pending outbox rows stay queued, so
    the server answers for them (refused) and they reach the conflict inbox."""
    session.execute(delete(Ticket).where(Ticket.id == ticket_id))


def _membership(session: Session, entity_id: str, row: dict[str, Any] | None) -> None:
    group_id, _, person_id = entity_id.partition(":")
    if row is None:
        session.execute(delete(group_member).where(group_member.c.group_id == group_id,
                                                   group_member.c.person_id == person_id))
    else:
        session.execute(insert(group_member).values(group_id=group_id, person_id=person_id)
                        .on_conflict_do_nothing())


def record_pulled_conflict(session: Session, record: dict[str, Any]) -> None:
    """A conflict record of this user from the server: add it to the inbox or update its status."""
    existing = session.scalar(select(SyncConflict).where(SyncConflict.mutation_id == record["mutation_id"],
                                                         SyncConflict.field == record["field"]))
    if existing is None:
        existing = SyncConflict(kind="conflict", ticket_id=record["ticket_id"], entity="ticket",
                                entity_id=record["ticket_id"], op="update", field=record["field"],
                                base=json.dumps(record.get("base")), theirs=json.dumps(record.get("theirs")),
                                mine=json.dumps(record.get("mine")), reason=record.get("reason"),
                                mutation_id=record["mutation_id"])
        session.add(existing)
    existing.server_id = record["id"]
    existing.status = record.get("status") or existing.status
    session.flush()


def apply_page(session: Session, page: dict[str, Any]) -> set[str]:
    """Apply one pull page in the caller's transaction; returns the ids of the tickets it touched.

    Order: reference rows first (they are referenced), then the page's changes in log order, then
    the rows no change named (children of tickets that came into scope). Foreign keys are checked at
    commit (a category may name a parent that comes later in the same page).
    """
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    rows: dict[str, dict[str, dict[str, Any]]] = {
        entity: {(r["id"] if "id" in r else f"{r['group_id']}:{r['person_id']}"): r for r in items}
        for entity, items in (page.get("rows") or {}).items()}
    touched: set[str] = set()
    for entity in REFERENCE:
        for row in rows.get(entity, {}).values():
            _upsert(session, REFERENCE[entity], row)
    done: set[tuple[str, str]] = set()
    for change in page.get("changes", []):
        entity, entity_id, op = change["entity"], change["entity_id"], change["op"]
        done.add((entity, entity_id))
        if entity == "group_member":
            _membership(session, entity_id, rows.get(entity, {}).get(entity_id) if op == "upsert" else None)
        elif entity == "ticket":
            touched.add(entity_id)
            row = rows.get("ticket", {}).get(entity_id)
            if op == "upsert" and row is not None:
                upsert_ticket(session, row)
            elif op in ("delete", "evict"):
                drop_ticket(session, entity_id)
        elif entity in CHILDREN:
            row = rows.get(entity, {}).get(entity_id)
            if op == "upsert" and row is not None:
                if _upsert_child(session, entity, row):
                    touched.add(row.get("ticket_id") or row.get("source_id"))
            elif op in ("delete", "evict"):
                session.execute(delete(CHILDREN[entity]).where(CHILDREN[entity].id == entity_id))
        # Reference deletes are not applied: tickets may still name the row (the server keeps it too).
    head_start = not page.get("changes") and page.get("next_cursor") == 0 and bool(page.get("has_more"))
    for entity_id, row in rows.get("ticket", {}).items():
        if ("ticket", entity_id) not in done:  # a priority_first head start names no changes
            upsert_ticket(session, row, head_start=head_start)
            touched.add(entity_id)
    for entity in CHILDREN:
        for entity_id, row in rows.get(entity, {}).items():
            if (entity, entity_id) not in done and _upsert_child(session, entity, row, head_start=head_start):
                touched.add(row.get("ticket_id") or row.get("source_id"))
    for record in page.get("conflicts", []):
        record_pulled_conflict(session, record)
    return touched
