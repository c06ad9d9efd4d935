"""Settling refused reference work: a person, group, category, service, site or membership the server refused."""
# Called by app.sync.refused_work for refusals of these entities, in the caller's transaction. Send again
# re-queues the refused work as the row stands now; Discard takes it off this desk. Nothing is lost silently: a
# refused create that something on this desk still names (a ticket's requester, a subcategory, a member) is not
# discarded. Examples: a VIP flag set without the right, an address taken meanwhile, an agent's group changed
# by someone who is not an administrator.

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.models import (
    Category,
    Group,
    Person,
    Service,
    SyncConflict,
    Ticket,
    group_member,
)
from app.outbox.journal import queue_mutation
from app.outbox.refusals import held_fields, resend_refused_row
from app.people.ops import ENTITY, WIRE_COLUMNS
from app.people.reference_ops import KINDS, MEMBER
from core.errors import NotFoundError, ValidationError
from core.feed import note

# entity -> (model, the columns a create carries)
TABLES: dict[str, tuple[Any, list[str]]] = {ENTITY: (Person, WIRE_COLUMNS),
                                            **{e: (k.model, list(k.wire)) for e, k in KINDS.items()}}
ENTITIES = (*TABLES, MEMBER)


def _open(session: Session, entity: str, entity_id: str) -> list[SyncConflict]:
    return list(session.scalars(select(SyncConflict).where(
        SyncConflict.kind == "rejected", SyncConflict.status == "open", SyncConflict.entity == entity,
        SyncConflict.entity_id == entity_id).order_by(SyncConflict.seq, SyncConflict.created_at)))


def _membership(record: SyncConflict) -> tuple[str, str]:
    group_id, _, person_id = record.entity_id.partition(":")
    return group_id, person_id


def send_again(session: Session, record: SyncConflict) -> int:
    """Queue the row's open refusals again; returns the mutations queued. A refused create goes out as a
    create of the row as it is now (same id: a retry stays idempotent)."""
    if record.entity == MEMBER:
        records = _open(session, MEMBER, record.entity_id)
        group_id, person_id = _membership(record)
        present = session.execute(select(group_member).where(group_member.c.group_id == group_id,
                                                             group_member.c.person_id == person_id)).first()
        note(session, "group", [group_id], ["members"])
        queue_mutation(session, entity=MEMBER, entity_id=record.entity_id, op="create" if present else "delete",
                       payload={"row": {"group_id": group_id, "person_id": person_id}})
        for r in records:
            r.status = "settled"
        session.flush()
        return 1
    model, columns = TABLES[record.entity]
    row = session.get(model, record.entity_id)
    if row is None:
        raise NotFoundError("This row is no longer on this desk; discard this entry instead.")
    records = _open(session, record.entity, row.id)
    note(session, record.entity, [row.id])
    return resend_refused_row(session, record.entity, row, columns, records)


def _in_use(session: Session, entity: str, row: Any) -> str | None:
    """Why a refused create cannot simply go: what on this desk still names the row."""
    count = lambda stmt: session.scalar(select(func.count()).select_from(stmt.subquery())) or 0  # noqa: E731
    checks = {
        "person": [(select(Ticket.id).where(Ticket.requester_id == row.id), "tickets name {} as requester")],
        "group": [(select(Ticket.id).where(Ticket.group_id == row.id), "tickets are assigned to {}"),
                  (select(group_member.c.person_id).where(group_member.c.group_id == row.id), "{} has members"),
                  (select(Service.id).where(Service.owner_group_id == row.id), "services name {} as support group")],
        "category": [(select(Ticket.id).where(Ticket.category_id == row.id), "tickets are filed under {}"),
                     (select(Category.id).where(Category.parent_id == row.id), "{} has subcategories")],
        "service": [(select(Ticket.id).where(Ticket.service_id == row.id), "tickets name {}")],
        "site": [(select(Person.id).where(Person.site == row.name), "people work at {}")],
    }
    for stmt, words in checks.get(entity, []):
        if count(stmt.limit(1)):
            return words.format(row.name)
    return None


def discard(session: Session, record: SyncConflict) -> str:
    """Take a refusal off this desk: a refused create deletes the row ("row"; refused while something here
    names it), a refused edit shows the server's values again ("values"), a refused membership change is
    undone ("values")."""
    if record.entity == MEMBER:
        group_id, person_id = _membership(record)
        where = (group_member.c.group_id == group_id, group_member.c.person_id == person_id)
        if record.op == "create":
            session.execute(delete(group_member).where(*where))
        elif session.get(Group, group_id) is not None and session.get(Person, person_id) is not None:
            session.execute(insert(group_member).values(group_id=group_id, person_id=person_id)
                            .on_conflict_do_nothing())
        note(session, "group", [group_id], ["members"])
        for r in _open(session, MEMBER, record.entity_id):
            r.status = "settled"
        session.flush()
        return "values"
    model, columns = TABLES[record.entity]
    row = session.get(model, record.entity_id)
    note(session, record.entity, [record.entity_id])
    if record.op == "create":
        if row is not None:
            why = _in_use(session, record.entity, row)
            if why is not None:
                raise ValidationError(f"On this desk {why}: change that first, or send it again.")
            session.delete(row)
        for r in _open(session, record.entity, record.entity_id):
            r.status = "settled"
        session.flush()
        return "row"
    held = held_fields(record)
    if row is not None:
        for field, value in held.items():
            if field in columns and field != "id":
                setattr(row, field, value)
    record.status, record.theirs = "settled", None
    session.flush()
    return "values"




_KIND_WORDS = {"person": "Person", "group": "Group", "category": "Category", "service": "Service", "site": "Site",
               MEMBER: "Membership"}


def inbox_label(session: Session, record: SyncConflict) -> tuple[str, str] | None:
    """What the conflict inbox names a reference refusal by: (kind, the row's name as this desk holds it),
    e.g. ("Service", "Payroll") or ("Membership", "Ann Agent in Nights"); None for other entities."""
    if record.entity not in _KIND_WORDS:
        return None
    if record.entity == MEMBER:
        group_id, person_id = _membership(record)
        group, person = session.get(Group, group_id), session.get(Person, person_id)
        return _KIND_WORDS[MEMBER], f"{person.name if person else person_id} in {group.name if group else group_id}"
    model, _ = TABLES[record.entity]
    row = session.get(model, record.entity_id)
    return _KIND_WORDS[record.entity], row.name if row is not None else record.entity_id
