"""Pulled reference rows (people, groups, categories, services, sites, memberships) under this desk's pending work."""
# Called by app.sync.apply.apply_page right after it wrote a page's reference rows and memberships, in the same
# transaction. A pulled row is the server's truth, but a local edit the server has not answered yet (a pending
# outbox update), or one it refused and nobody has decided on, must stay shown: the user keeps seeing their own
# work until it is settled (docs/SYNC.md), as tickets do (app.sync.apply.reapply_pending). The same holds for a
# membership added or removed here and not yet pushed.

from __future__ import annotations

import json
from contextlib import suppress
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.models import OutboxMutation, group_member
from app.outbox import refusals
from app.sync.apply import REFERENCE, wire_value
from core.cmdb.rules import AttributeConflict, merge_attributes

# Fields whose pending value is merged onto the pulled one rather than put back whole: a CI's attributes are one
# JSON object, and a colleague filling in another attribute must stay visible beside the local edit.
MERGED = {("configuration_item", "attributes"): merge_attributes}


def _writer(model):
    columns = model.__table__.columns

    def write(session: Session, row_id: str, values: dict[str, Any]) -> None:
        clean = {f: wire_value(columns[f], v) for f, v in values.items() if f in columns and f != "id"}
        if clean:
            session.execute(update(model).where(model.id == row_id).values(**clean))

    return write


def reapply_pending(session: Session, entity: str, model, rows: dict[str, dict[str, Any]]) -> None:
    """Put refused values nobody has decided on, then pending outbox updates, back on the pulled `rows`
    (id -> wire row) of `entity`. Reads only the outbox and refusal rows of those ids."""
    if not rows:
        return
    write = _writer(model)
    refusals.overlay(session, entity, rows, write)
    ids = sorted(rows)
    pending: dict[str, dict[str, Any]] = {}
    bases: dict[tuple[str, str], Any] = {}
    for start in range(0, len(ids), 500):
        for entity_id, payload in session.execute(select(OutboxMutation.entity_id, OutboxMutation.payload).where(
                OutboxMutation.entity == entity, OutboxMutation.op == "update",
                OutboxMutation.entity_id.in_(ids[start:start + 500])).order_by(OutboxMutation.seq)):
            for name, change in json.loads(payload).get("fields", {}).items():
                pending.setdefault(entity_id, {})[name] = change.get("new")
                bases.setdefault((entity_id, name), change.get("base"))
    for entity_id, values in pending.items():
        for name in values:
            merge = MERGED.get((entity, name))
            if merge is not None:
                # the same key changed on both sides: the local value shows until the push settles it
                with suppress(AttributeConflict):
                    values[name] = merge(bases[(entity_id, name)], values[name], rows[entity_id].get(name))
        write(session, entity_id, values)


def reapply_memberships(session: Session, member_ids: set[str]) -> None:
    """Memberships a pull just wrote or removed that this desk has pending (or refused, undecided) changes
    of: the local change shown again, the last one made winning."""
    if not member_ids:
        return
    wanted: dict[str, str] = {}
    for entity_id, op in session.execute(select(OutboxMutation.entity_id, OutboxMutation.op).where(
            OutboxMutation.entity == "group_member").order_by(OutboxMutation.seq)):
        if entity_id in member_ids:
            wanted[entity_id] = op
    for record in refusals.open_refusals(session, "group_member", member_ids):
        wanted.setdefault(record.entity_id, record.op)
    for entity_id, op in wanted.items():
        group_id, _, person_id = entity_id.partition(":")
        if op == "delete":
            session.execute(delete(group_member).where(group_member.c.group_id == group_id,
                                                       group_member.c.person_id == person_id))
        else:
            session.execute(insert(group_member).values(group_id=group_id, person_id=person_id)
                            .on_conflict_do_nothing())


def reapply_pending_deletes(session: Session, entity: str, model, ids: set[str]) -> None:
    """Rows of `entity` a pull just wrote that this desk has a pending delete of (or a refused delete nobody has
    decided on): deleted again, so a removal made here stays removed until the server has answered."""
    if not ids:
        return
    gone = set(session.scalars(select(OutboxMutation.entity_id).where(
        OutboxMutation.entity == entity, OutboxMutation.op == "delete", OutboxMutation.entity_id.in_(sorted(ids)))))
    gone.update(r.entity_id for r in refusals.open_refusals(session, entity, ids, op="delete"))
    if gone:
        session.execute(delete(model).where(model.id.in_(sorted(gone))))


def reapply_pending_rows(session: Session, rows: dict[str, dict[str, dict[str, Any]]]) -> None:
    """reapply_pending for every reference entity of a page ({entity: {id: wire row}}), the models being
    app.sync.apply.REFERENCE's."""
    for entity, pulled in rows.items():
        reapply_pending(session, entity, REFERENCE[entity], pulled)
