"""Apply pulled pages to the local store: upserts, tombstones, evictions, conflict records."""
# Runs inside the caller's transaction (the engine's, on the database worker thread) so that the rows
# and the cursor commit together. Writes no outbox rows and no audit rows: pulled rows are the server's
# truth, not local edits. The FTS triggers index tickets and worklogs on insert and update (except in a
# first sync into an empty store, which builds the index once at its end: app.sync.fts_pause).
# Each page measures the SLA clocks of the tickets it writes, in one pass (app.sla.tracking).
# After a ticket is applied, the fields of its still-pending local updates (and of refused ones nobody
# has decided on yet) are applied again on top, so the user keeps seeing their own work.

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.models import (
    Attachment,
    Category,
    ConfigurationItem,
    Group,
    NumberSequence,
    OutboxMutation,
    Person,
    Service,
    Site,
    SyncConflict,
    Ticket,
    TicketLink,
    WorklogEntry,
    group_member,
)
from app.outbox import refusals
from app.sla import tracking as sla_tracking
from app.sla.policies import load_policies
from app.sync import apply_problems, bulk, sla_clocks
from core.feed import note
from core.schema import UtcDateTime

REFERENCE = {"group": Group, "person": Person, "category": Category, "service": Service,
             "configuration_item": ConfigurationItem, "site": Site}
CHILDREN = {"worklog_entry": WorklogEntry, "attachment": Attachment, "ticket_link": TicketLink}
MODELS = {**REFERENCE, "ticket": Ticket, **CHILDREN}
SLA_CLOCKS = "deskside_sync_sla_clocks"  # session.info: a first sync's PageClocks (app.sync.sla_clocks)


def wire_value(column, value: Any) -> Any:
    """A wire value typed for the local column (ISO text to an aware UTC datetime)."""
    if isinstance(column.type, UtcDateTime) and isinstance(value, str):
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
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


def write_ticket_fields(session: Session, ticket_id: str, values: dict[str, Any]) -> None:
    """Write wire values to a local ticket's columns (unknown names and ids are left out)."""
    columns = Ticket.__table__.columns
    clean = {f: wire_value(columns[f], v) for f, v in values.items() if f in columns and f not in ("id", "row_id")}
    if clean:
        session.execute(update(Ticket).where(Ticket.id == ticket_id).values(**clean))
    if apply_problems.FIELD in values:  # a problem's CI set: rows of its own table
        apply_problems.apply_wire(session, ticket_id, values[apply_problems.FIELD])


def reapply_pending(session: Session, row: dict[str, Any]) -> None:
    """Put the ticket's refused values nobody has decided on (app.outbox.refusals), then the fields of its
    pending outbox updates, back on top of the pulled `row` just applied."""
    ticket_id = row["id"]
    refusals.overlay(session, "ticket", {ticket_id: row}, write_ticket_fields)
    values: dict[str, Any] = {}
    for payload in session.scalars(select(OutboxMutation.payload).where(
            OutboxMutation.entity == "ticket", OutboxMutation.entity_id == ticket_id,
            OutboxMutation.op == "update").order_by(OutboxMutation.seq)):
        for name, change in json.loads(payload).get("fields", {}).items():
            values[name] = change.get("new")
    write_ticket_fields(session, ticket_id, values)


def upsert_ticket(session: Session, row: dict[str, Any], *, head_start: bool = False) -> None:
    # Server numbers are unique; a local holder of the same number is a draft whose own number the
    # server has not given yet (its receipt will), so it shows as a draft until then.
    if row.get("number"):
        session.execute(update(Ticket).where(Ticket.number == row["number"], Ticket.id != row["id"])
                        .values(number=None))
    _upsert(session, Ticket, row, head_start=head_start)
    apply_problems.apply_wire_rows(session, [row])
    _keep_numbers_ahead(session, row.get("number"))
    reapply_pending(session, row)


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
    """A conflict record of this user from the server: add it to the inbox or update its status (never
    reopening an entry settled here). Matched by mutation id and field, which the server copies from the
    push."""
    existing = session.scalar(select(SyncConflict).where(SyncConflict.mutation_id == record["mutation_id"],
                                                         SyncConflict.field == record["field"]))
    if existing is None:
        entity = record.get("entity") or "ticket"  # "change": ticket_id holds the change's id
        existing = SyncConflict(kind="conflict", ticket_id=record["ticket_id"] if entity == "ticket" else None,
                                entity=entity,
                                entity_id=record["ticket_id"], op="update", field=record["field"],
                                base=json.dumps(record.get("base")), theirs=json.dumps(record.get("theirs")),
                                mine=json.dumps(record.get("mine")), reason=record.get("reason"),
                                mutation_id=record["mutation_id"])
        session.add(existing)
    existing.server_id = record["id"]
    # Settled only ever moves forward: an entry this desk settled ("keep theirs" settles it here only)
    # must not come back open when the server's record is pulled again (a full resync, a later pull).
    if existing.status != "settled":
        existing.status = record.get("status") or existing.status
    session.flush()


def _put_tickets(session: Session, rows: list[dict[str, Any]], *, head_start: bool) -> set[str]:
    """upsert_ticket for a whole page at once: numbers freed, rows written by executemany, the number
    sequence moved once per prefix, pending and refused local edits put back on top of the few tickets
    having them (their ids are returned)."""
    if not rows:
        return set()
    if head_start:  # before any reference data: references this store lacks yet are blanked
        rows = bulk.blank_unknown_references(session, Ticket, rows)
    numbers = {r["number"]: r["id"] for r in rows if r.get("number")}
    stale = [(held_by,) for number, held_by in bulk.number_holders(session, Ticket, numbers).items()
             if held_by != numbers[number]]
    if stale:
        session.connection().exec_driver_sql("UPDATE ticket SET number = NULL WHERE id = ?", stale)
    bulk.upsert_rows(session, Ticket, rows)
    apply_problems.apply_wire_rows(session, rows)
    highest: dict[str, int] = {}
    for number in numbers:
        match = re.fullmatch(r"([A-Z]+)(\d+)", number)
        if match:
            highest[match.group(1)] = max(highest.get(match.group(1), 0), int(match.group(2)))
    for prefix, value in highest.items():
        _keep_numbers_ahead(session, f"{prefix}{value}")
    pending = set(session.scalars(select(OutboxMutation.entity_id).where(
        OutboxMutation.entity == "ticket", OutboxMutation.op == "update").distinct()))
    pending |= {r.entity_id for r in refusals.open_refusals(session, "ticket", op="update")}
    reapplied = set()
    for row in rows:
        if row["id"] in pending:
            reapply_pending(session, row)
            reapplied.add(row["id"])
    return reapplied


def _take_clocks(session: Session, clocks: sla_clocks.PageClocks, ids: list[str], reapplied: set[str],
                 now: datetime) -> None:
    """Write the clocks the second process measured from the wire rows, except for tickets whose stored row or
    history differs from the wire here (local edits put back on top, audited changes): those, and every ticket
    when the process failed, are measured from the store as in any other pull."""
    rows = clocks.take()
    if rows is None:
        sla_tracking.recompute_ticket_sla(session, ids, now=now)
        return
    here = reapplied | bulk.existing(session, "audit_event", ids, "entity_id")
    conn = session.connection()
    kept = [row for row in rows if row[0] not in here]
    if kept:
        conn.exec_driver_sql(sla_clocks.UPSERT_SLA, kept)
    measured = {row[0] for row in rows}
    unmeasured = [(i,) for i in ids if i not in measured and i not in here]  # no policy applies (any more)
    if unmeasured:
        conn.exec_driver_sql("DELETE FROM ticket_sla WHERE ticket_id = ?", unmeasured)
    sla_tracking.recompute_ticket_sla(session, [i for i in ids if i in here], now=now)


def _parent_ids(entity: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """The tickets a child row hangs on: both ends of a link, else its own ticket."""
    if entity == "ticket_link":
        return row.get("source_id"), row.get("target_id")
    return (row.get("ticket_id"),)


def apply_page(session: Session, page: dict[str, Any]) -> set[str]:
    """Apply one pull page in the caller's transaction; returns the ids of the tickets it touched.

    Rows are current, so each row's last change in the page decides: upserted (its row) or dropped
    (delete / evict). Order: reference rows (they are referenced), memberships in log order, ticket
    drops and upserts, then children, whose parents must be held here (rows no change named are
    children of tickets that came into scope). Foreign keys are checked at commit (a category may
    name a parent that comes later in the same page).
    """
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    rows: dict[str, dict[str, dict[str, Any]]] = {
        entity: {(r["id"] if "id" in r else f"{r['group_id']}:{r['person_id']}"): r for r in items}
        for entity, items in (page.get("rows") or {}).items()}
    touched: set[str] = set()
    for entity, model in REFERENCE.items():
        bulk.upsert_rows(session, model, rows.get(entity, {}).values())
        if rows.get(entity):
            note(session, entity, rows[entity])
    from app.sync.apply_cmdb import apply_cmdb_page  # relations and classes, after the CIs they name

    apply_cmdb_page(session, page, rows)
    last: dict[tuple[str, str], str] = {}
    for change in page.get("changes", []):
        entity, entity_id, op = change["entity"], change["entity_id"], change["op"]
        if entity == "group_member":
            note(session, "group", [entity_id.partition(":")[0]], ["members"])
            _membership(session, entity_id, rows.get(entity, {}).get(entity_id) if op == "upsert" else None)
        elif entity == "ticket" or entity in CHILDREN:
            last[(entity, entity_id)] = op
        # Reference deletes are not applied: tickets may still name the row (the server keeps it too).
    from app.sync.apply_reference import reapply_memberships, reapply_pending_rows  # it builds on this module
    reapply_pending_rows(session, {e: rows.get(e, {}) for e in REFERENCE})
    reapply_memberships(session, {c["entity_id"] for c in page.get("changes", []) if c["entity"] == "group_member"})
    head_start = not page.get("changes") and page.get("next_cursor") == 0 and bool(page.get("has_more"))
    tickets = rows.get("ticket", {})
    dropped = [i for (e, i), op in last.items() if e == "ticket" and op != "upsert"]
    touched.update(i for (e, i) in last if e == "ticket")
    bulk.delete_ids(session, Ticket, dropped)  # children go by foreign-key cascade
    upserted = [row for i, row in tickets.items() if last.get(("ticket", i), "upsert") == "upsert"]
    # Their SLA clocks in the same transaction, in one pass for the page: a pull writes no audit rows, so
    # nothing else a page holds moves a clock (app.sync.derived brings the KPI figures up after the pull).
    # In a first sync they are measured from the wire rows in a second process while the rows are written.
    clocks: sla_clocks.PageClocks | None = session.info.get(SLA_CLOCKS)
    now = sla_tracking.utcnow()  # the instant the clocks are measured at, as recompute_ticket_sla takes it
    apart = clocks is not None and bool(upserted) and not head_start and clocks.send(
        load_policies(session), now, sla_clocks.inputs(upserted))
    reapplied = _put_tickets(session, upserted, head_start=head_start)
    if apart and clocks is not None:
        _take_clocks(session, clocks, [row["id"] for row in upserted], reapplied, now)
    else:
        sla_tracking.recompute_ticket_sla(session, [row["id"] for row in upserted])
    touched.update(row["id"] for row in upserted)
    for entity, model in CHILDREN.items():
        bulk.delete_ids(session, model, [i for (e, i), op in last.items() if e == entity and op != "upsert"])
        wanted = [r for i, r in rows.get(entity, {}).items() if last.get((entity, i), "upsert") == "upsert"]
        held = bulk.existing(session, Ticket, [p for r in wanted for p in _parent_ids(entity, r) if p])
        # A link to a ticket outside this user's scope cannot be stored (foreign key); it is skipped.
        kept = [r for r in wanted if all(p in held for p in _parent_ids(entity, r))]
        bulk.upsert_rows(session, model, bulk.blank_unknown_references(session, model, kept) if head_start else kept)
        touched.update(r.get("ticket_id") or r.get("source_id") for r in kept)
        gone = [i for (e, i), op in last.items() if e == entity and op != "upsert"]
        if kept or gone:
            note(session, entity, [*gone, *(r["id"] for r in kept)])
    from app.sync.apply_changes import CHANGED_CHANGES, apply_change_page  # it builds on this module
    session.info.setdefault(CHANGED_CHANGES, set()).update(apply_change_page(session, page, rows))
    from app.sync.apply_macros import apply_macro_page  # templates and macros (issue 13)
    apply_macro_page(session, page, rows)
    from app.sync.apply_knowledge import apply_knowledge_page
    apply_knowledge_page(session, page, rows)
    for record in page.get("conflicts", []):
        record_pulled_conflict(session, record)
        note(session, "conflict")
        note(session, record.get("entity") or "ticket", [record["ticket_id"]])
    if touched:
        note(session, "ticket", touched)
    return touched
