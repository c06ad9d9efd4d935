"""Apply the change rows of a pulled page, keeping pending and refused local values shown on top."""
# Called by app.sync.apply.apply_page inside its transaction (rows and cursor commit together). Change
# rows are upserted by id with their CI set replaced (`ci_ids` on the wire); CAB approvals and links are
# appended once by id; a link's tombstone deletes it. As for tickets, the fields of pending local
# updates, and of refused ones nobody has decided on yet (app.outbox.refusals), are put back on top of a
# pulled change, so the user keeps seeing their own work. Writes no outbox and no audit rows.

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.models import CabApproval, Change, ChangeLink, ConfigurationItem, OutboxMutation, Ticket, change_ci
from app.outbox import refusals
from app.sync import bulk
from app.sync.apply import _keep_numbers_ahead, wire_value
from core.feed import note

ENTITIES = ("change", "cab_approval", "change_link")
CHILDREN = {"cab_approval": CabApproval, "change_link": ChangeLink}
CHANGED_CHANGES = "deskside_changed_change_ids"  # session.info key: ids of the changes pages touched


def set_change_fields(session: Session, change_id: str, values: dict[str, Any]) -> None:
    """Write wire values to a local change; `ci_ids` (comma-joined or a list) replaces its CI set."""
    columns = Change.__table__.columns
    clean = {f: wire_value(columns[f], v) for f, v in values.items() if f in columns and f != "id"}
    if clean:
        session.execute(update(Change).where(Change.id == change_id).values(**clean))
    if "ci_ids" in values:
        raw = values["ci_ids"]
        ids = [i for i in (raw.split(",") if isinstance(raw, str) else raw or []) if i]
        _replace_cis(session, {change_id: ids})


def _replace_cis(session: Session, sets: dict[str, list[str]]) -> None:
    """Replace the CI sets of these changes; CIs this store does not hold are left out (foreign key)."""
    if not sets:
        return
    held = bulk.existing(session, ConfigurationItem, [i for ids in sets.values() for i in ids])
    for start in range(0, len(sets), bulk.CHUNK):
        session.execute(delete(change_ci).where(change_ci.c.change_id.in_(list(sets)[start:start + bulk.CHUNK])))
    pairs = [{"change_id": c, "ci_id": i} for c, ids in sets.items() for i in sorted(set(ids)) if i in held]
    if pairs:
        session.execute(insert(change_ci), pairs)


def reapply_pending(session: Session, rows: dict[str, dict[str, Any]]) -> None:
    """Put refused, then pending, local values of these changes back on top of the rows just applied
    (`rows`: id -> the pulled row)."""
    if not rows:
        return
    refusals.overlay(session, "change", rows, set_change_fields)
    change_ids = set(rows)
    values: dict[str, dict[str, Any]] = {}
    for entity_id, payload in session.execute(select(OutboxMutation.entity_id, OutboxMutation.payload).where(
            OutboxMutation.entity == "change", OutboxMutation.op == "update").order_by(OutboxMutation.seq)):
        if entity_id in change_ids:
            for name, change in json.loads(payload).get("fields", {}).items():
                values.setdefault(entity_id, {})[name] = change.get("new")
    for change_id, fields in values.items():
        set_change_fields(session, change_id, fields)


def _put_changes(session: Session, rows: list[dict[str, Any]]) -> None:
    # Server numbers are unique; a local holder of the same number is a draft whose own number the
    # server has not given yet (its receipt will).
    numbers = {r["number"]: r["id"] for r in rows if r.get("number")}
    for number, held_by in bulk.number_holders(session, Change, numbers).items():
        if held_by != numbers[number]:
            session.execute(update(Change).where(Change.id == held_by).values(number=None))
    # Templates are each desk's own catalogue: a template this desk lacks is left blank.
    bulk.upsert_rows(session, Change, bulk.blank_unknown_references(session, Change, rows))
    for number in sorted(numbers)[-1:]:
        _keep_numbers_ahead(session, number)
    _replace_cis(session, {r["id"]: list(r.get("ci_ids") or []) for r in rows})
    reapply_pending(session, {r["id"]: r for r in rows})


def apply_change_page(session: Session, page: dict[str, Any], rows: dict[str, dict[str, dict[str, Any]]]) -> set[str]:
    """Apply the page's changes, approvals and links (`rows` keyed by entity, then id); returns the
    ids of the changes touched. Rows without a change entry (none today) are applied as upserts."""
    last: dict[tuple[str, str], str] = {}
    for entry in page.get("changes", []):
        if entry["entity"] in ENTITIES:
            last[(entry["entity"], entry["entity_id"])] = entry["op"]

    def wanted(entity: str) -> list[dict[str, Any]]:
        return [r for i, r in rows.get(entity, {}).items() if last.get((entity, i), "upsert") == "upsert"]

    touched: set[str] = set()
    gone = [i for (e, i), op in last.items() if e == "change" and op != "upsert"]
    bulk.delete_ids(session, Change, gone)  # children go by foreign-key cascade
    changes = wanted("change")
    _put_changes(session, changes)
    touched.update(gone, (r["id"] for r in changes))
    for entity, model in CHILDREN.items():
        bulk.delete_ids(session, model, [i for (e, i), op in last.items() if e == entity and op != "upsert"])
        kids = wanted(entity)
        held = bulk.existing(session, Change, [r.get("change_id") for r in kids if r.get("change_id")])
        if entity == "change_link":
            # A link to a ticket outside this user's scope cannot be stored (foreign key); it is skipped.
            tickets = bulk.existing(session, Ticket, [r.get("ticket_id") for r in kids if r.get("ticket_id")])
            kids = [r for r in kids if r.get("ticket_id") in tickets]
        kids = [r for r in kids if r.get("change_id") in held]
        bulk.upsert_rows(session, model, bulk.blank_unknown_references(session, model, kids))
        touched.update(r["change_id"] for r in kids)
        gone_kids = [i for (e, i), op in last.items() if e == entity and op != "upsert"]
        if kids or gone_kids:
            note(session, entity, [*gone_kids, *(r["id"] for r in kids)])
    if touched:
        note(session, "change", touched)
    return touched


def map_change_number(session: Session, change_id: str, number: str) -> None:
    """Give a created change the number the server chose (a local draft holding it loses it)."""
    session.execute(update(Change).where(Change.number == number, Change.id != change_id).values(number=None))
    session.execute(update(Change).where(Change.id == change_id).values(number=number))
    _keep_numbers_ahead(session, number)
