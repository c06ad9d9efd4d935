"""Named operations on the reference lists: services, groups and their members, categories (a tree) and sites."""
# Each is one transaction on the runner's writer: the row, its audit entries and its outbox mutation together.
# The feed's and the outbox's entity names are the table names: "service", "group", "category", "site" and
# "group_member" (entity id "<group id>:<person id>", created or deleted). Rows are never deleted: they are
# retired (`active` False) and leave the pickers while tickets keep naming them. On a team server the server
# decides who may change what (server.reference_rows); a refusal comes back through the refusal inbox and the
# edit stays shown here until the user sends it again or discards it.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.models import Category, Group, Person, Service, Site, Ticket, group_member
from app.outbox.journal import queue_mutation, record_changes, record_event, row_payload
from app.sla.tracking import recompute_ticket_sla
from core.errors import NotFoundError
from core.feed import note
from core.people.reference_rules import (
    ReferenceInvalid,
    check_parent,
    clean_category,
    clean_group,
    clean_service,
    clean_site,
)


@dataclass(frozen=True)
class Kind:
    """A reference list: its table, feed entity, cleaning rule, the columns a create carries, and whether its
    names are unique (case-insensitively) across the list or among siblings (categories)."""

    entity: str
    model: type
    clean: Callable[..., dict[str, Any]]
    wire: tuple[str, ...]
    noun: str


GROUP = Kind("group", Group, clean_group, ("id", "name", "description", "active"), "group")
CATEGORY = Kind("category", Category, clean_category, ("id", "name", "parent_id", "active"), "category")
SERVICE = Kind("service", Service, clean_service, ("id", "name", "description", "owner_id", "owner_group_id",
                                                   "criticality", "sla_policy", "hours", "active"), "service")
SITE = Kind("site", Site, clean_site, ("id", "name", "address", "timezone", "active"), "site")
KINDS = {k.entity: k for k in (GROUP, CATEGORY, SERVICE, SITE)}
MEMBER = "group_member"


def _check_name(session: Session, kind: Kind, name: str | None, row_id: str | None,
                parent_id: str | None = None) -> None:
    if name is None:
        return
    model: Any = kind.model
    stmt = select(model.name).where(func.lower(model.name) == name.lower(), model.id != (row_id or ""))
    if kind is CATEGORY:  # a category's name is unique among its siblings: Hardware / Other, Software / Other
        stmt = stmt.where(model.parent_id.is_(None) if parent_id is None else model.parent_id == parent_id)
    if session.scalar(stmt.limit(1)) is not None:
        where = " here" if kind is CATEGORY else ""
        raise ReferenceInvalid(f"There is a {kind.noun} named {name}{where} already.", "name")


def _check_references(session: Session, values: dict[str, Any]) -> None:
    for field, model, what in (("owner_id", Person, "owner"), ("owner_group_id", Group, "support group"),
                               ("parent_id", Category, "parent category")):
        if values.get(field) is not None and session.get(model, values[field]) is None:
            raise ReferenceInvalid(f"The {what} is not on this desk.", field)


def _create(session: Session, kind: Kind, values: dict[str, Any], actor_id: str | None) -> str:
    clean = kind.clean(values)
    clean.setdefault("active", True)
    if kind is SERVICE:
        clean.setdefault("criticality", 3)
    _check_references(session, clean)
    _check_name(session, kind, clean["name"], None, clean.get("parent_id"))
    row = kind.model(**clean)
    session.add(row)
    session.flush()
    record_event(session, entity=kind.entity, entity_id=row.id, field="created", new=row.name, actor_id=actor_id)
    queue_mutation(session, entity=kind.entity, entity_id=row.id, op="create",
                   payload={"row": row_payload(row, list(kind.wire))})
    return row.id


def _update(session: Session, kind: Kind, row_id: str, changes: dict[str, Any], actor_id: str | None) -> str:
    row: Any = session.get(kind.model, row_id)
    if row is None:
        raise NotFoundError(f"This {kind.noun} is not on this desk.")
    clean = kind.clean(changes, partial=True)
    _check_references(session, clean)
    if kind is CATEGORY and "parent_id" in clean:
        parents = {i: p for i, p in session.execute(select(Category.id, Category.parent_id))}
        check_parent(parents, row_id, clean["parent_id"])
    if "name" in clean or "parent_id" in clean:
        _check_name(session, kind, clean.get("name", row.name), row_id, clean.get("parent_id", row.parent_id)
                    if kind is CATEGORY else None)
    diffs = {f: (getattr(row, f), v) for f, v in clean.items() if getattr(row, f) != v}
    for f, (_, new) in diffs.items():
        setattr(row, f, new)
    session.flush()
    record_changes(session, entity=kind.entity, entity_id=row_id, changes=diffs, actor_id=actor_id, batch_id=None)
    return row_id


# ----- the named operations (keyword-only after the session; each returns the row's id)

def create_group(session: Session, *, values: dict[str, Any], actor_id: str | None) -> str:
    return _create(session, GROUP, values, actor_id)


def update_group(session: Session, *, group_id: str, changes: dict[str, Any], actor_id: str | None) -> str:
    """Rename, describe, retire (`active` False) or bring back a group."""
    return _update(session, GROUP, group_id, changes, actor_id)


def create_category(session: Session, *, values: dict[str, Any], actor_id: str | None) -> str:
    return _create(session, CATEGORY, values, actor_id)


def update_category(session: Session, *, category_id: str, changes: dict[str, Any], actor_id: str | None) -> str:
    """Rename, move (`parent_id`; never under itself or its own subcategories), retire or bring back a
    category. Retiring keeps it on its tickets and its subcategories where they are."""
    return _update(session, CATEGORY, category_id, changes, actor_id)


def create_service(session: Session, *, values: dict[str, Any], actor_id: str | None) -> str:
    return _create(session, SERVICE, values, actor_id)


def update_service(session: Session, *, service_id: str, changes: dict[str, Any], actor_id: str | None) -> str:
    """Change a service; a new SLA policy (or a retirement) re-measures its open tickets in the same
    transaction (app.sla.policies.choose_policy prefers the policy a service names)."""
    before = session.scalar(select(Service.sla_policy).where(Service.id == service_id))
    _update(session, SERVICE, service_id, changes, actor_id)
    after = session.scalar(select(Service.sla_policy).where(Service.id == service_id))
    if before != after or "active" in changes:
        open_ids = session.scalars(select(Ticket.id).where(Ticket.service_id == service_id, Ticket.is_open))
        recompute_ticket_sla(session, list(open_ids))
    return service_id


def create_site(session: Session, *, values: dict[str, Any], actor_id: str | None) -> str:
    return _create(session, SITE, values, actor_id)


def update_site(session: Session, *, site_id: str, changes: dict[str, Any], actor_id: str | None) -> str:
    """Change a site; a new name is also the new name on its people (here at once; the server does the same
    to its rows and sends them, so no person edit is queued for it)."""
    old = session.scalar(select(Site.name).where(Site.id == site_id))
    _update(session, SITE, site_id, changes, actor_id)
    new = session.scalar(select(Site.name).where(Site.id == site_id))
    if old is not None and new != old:
        ids = list(session.scalars(select(Person.id).where(Person.site == old)))
        session.execute(update(Person).where(Person.site == old).values(site=new))
        note(session, "person", ids, ["site"])
    return site_id


def ensure_sites(session: Session, names: list[str | None], actor_id: str | None) -> dict[str, str]:
    """Make a site row for every name not yet one (a person typed or imported with a new site); returns
    {name lower-cased: the site's name as spelled}, so a person's "london" becomes the site's "London". Runs
    inside the person's operation, so a new site travels just before the person."""
    wanted = {n.lower(): n for n in names if n}
    if not wanted:
        return {}
    spelled: dict[str, str] = {}
    keys = sorted(wanted)
    for start in range(0, len(keys), 500):
        for name in session.scalars(select(Site.name).where(func.lower(Site.name).in_(keys[start:start + 500]))):
            spelled[name.lower()] = name
    for key in keys:
        if key not in spelled:
            _create(session, SITE, {"name": wanted[key]}, actor_id)
            spelled[key] = wanted[key]
    return spelled


def add_member(session: Session, *, group_id: str, person_id: str, actor_id: str | None) -> None:
    """Put an agent in a group (they see and work its tickets)."""
    group = session.get(Group, group_id)
    person = session.get(Person, person_id)
    if group is None or person is None:
        raise NotFoundError("This group or person is not on this desk.")
    if not person.is_agent:
        raise ReferenceInvalid(f"{person.name} is a requester; groups hold agents.", "person_id")
    if session.execute(select(group_member).where(group_member.c.group_id == group_id,
                                                  group_member.c.person_id == person_id)).first() is not None:
        return
    session.execute(insert(group_member).values(group_id=group_id, person_id=person_id))
    _membership_changed(session, group, person, "create", actor_id)


def remove_member(session: Session, *, group_id: str, person_id: str, actor_id: str | None) -> None:
    group = session.get(Group, group_id)
    person = session.get(Person, person_id)
    if group is None or person is None:
        raise NotFoundError("This group or person is not on this desk.")
    where = (group_member.c.group_id == group_id, group_member.c.person_id == person_id)
    if session.execute(select(group_member).where(*where)).first() is not None:
        session.execute(delete(group_member).where(*where))
        _membership_changed(session, group, person, "delete", actor_id)


def _membership_changed(session: Session, group: Group, person: Person, op: str, actor_id: str | None) -> None:
    member_id = f"{group.id}:{person.id}"
    record_event(session, entity="group", entity_id=group.id, field="member added" if op == "create"
                 else "member removed", new=person.name, actor_id=actor_id)
    note(session, "group", [group.id], ["members"])
    queue_mutation(session, entity=MEMBER, entity_id=member_id, op=op,
                   payload={"row": {"group_id": group.id, "person_id": person.id}})
