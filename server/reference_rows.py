"""Services, categories, sites, groups and memberships pushed by desks: who may change what, and the same checks."""
# Who may change what (docs/SYNC_PROTOCOL.md, "Reference data"):
#   services, categories, sites   a manager or an administrator (they shape every ticket's form and SLA),
#                                 except a new site with only a name, which anyone may add (a caller's new
#                                 site typed at the desk: app.people.reference_ops.ensure_sites);
#   groups and their members      an administrator only: accounts and membership stay the server's, whether
#                                 changed here (`deskside-server admin`) or by an admin signed in to a desk.
# Rows are created and updated, never deleted (retired with active = false; tickets keep naming them). An
# update carries {"fields": {name: {"base": ..., "new": ...}}}; a field someone else changed since the desk
# read it is refused rather than overwritten, so the desk keeps its value in the refusal inbox.

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from core.errors import ValidationError
from core.people.reference_rules import check_parent, clean_category, clean_group, clean_service, clean_site
from server import changelog
from server.models import Category, Group, Person, Service, Site, group_member
from server.scope import Scope
from server.validate import Rejected, ident, row_shape

_MANAGERS = ("manager", "admin")
KINDS: dict[str, tuple[type, Any, tuple[str, ...]]] = {
    "group": (Group, clean_group, ("id", "name", "description", "active")),
    "category": (Category, clean_category, ("id", "name", "parent_id", "active")),
    "service": (Service, clean_service, ("id", "name", "description", "owner_id", "owner_group_id", "criticality",
                                         "sla_policy", "hours", "active")),
    "site": (Site, clean_site, ("id", "name", "address", "timezone", "active")),
}
ENTITIES = (*KINDS, "group_member")
NOT_MANAGER = "Only a manager or an administrator changes services, categories and sites."
NOT_ADMIN = "Groups and their members are an administrator's to change (deskside-server admin, or an admin " \
            "signed in to the app)."


def apply(session: Session, scope: Scope, *, entity: str, op: str, entity_id: str, payload: dict) -> dict[str, Any]:
    """Apply one desk mutation of a reference list; Rejected with the reason otherwise."""
    if entity == "group_member":
        return _membership(session, scope, op, entity_id, payload)
    ident(entity_id, f"{entity.capitalize()} id")
    model, clean, columns = KINDS[entity]
    row = row_shape(payload, list(columns), entity_id, entity) if op == "create" else {}
    if scope.role != "admin" and (entity == "group" or scope.role not in _MANAGERS) \
            and not (op == "create" and _name_only_site(entity, row)):
        raise Rejected(NOT_ADMIN if entity == "group" else NOT_MANAGER)
    if op == "create":
        values = _clean(clean, {k: v for k, v in row.items() if k != "id"}, partial=False)
        if session.get(model, entity_id) is not None:
            raise Rejected(f"A {entity} with this id already exists.")
        _check(session, entity, model, entity_id, values, current=None)
        values.setdefault("active", True)
        if entity == "service":
            values.setdefault("criticality", 3)
        session.add(model(id=entity_id, **values))
        session.flush()
        changelog.record(session, entity=entity, entity_id=entity_id)
        return {"status": "applied"}
    if op != "update":
        raise Rejected(f"A {entity} is created or updated; it is retired, never deleted.")
    obj = session.get(model, entity_id)
    if obj is None:
        raise Rejected(f"Unknown {entity}.")
    fields = payload.get("fields") if set(payload) == {"fields"} else None
    if not isinstance(fields, dict) or not fields or not all(isinstance(c, dict) and "new" in c
                                                             for c in fields.values()):
        raise Rejected(f'A {entity} update carries {{"fields": {{name: {{"base": ..., "new": ...}}}}}}.')
    new = _clean(clean, {f: c["new"] for f, c in fields.items()}, partial=True)
    for field, value in new.items():
        current = getattr(obj, field)
        if current != value and current != fields[field].get("base"):
            raise Rejected(f"{field} was changed on the server meanwhile (now {current!r}).")
    _check(session, entity, model, entity_id, new, current=obj)
    old_name = obj.name
    changed = {f: v for f, v in new.items() if getattr(obj, f) != v}
    for field, value in changed.items():
        setattr(obj, field, value)
    if changed:
        session.flush()
        changelog.record(session, entity=entity, entity_id=entity_id)
    if entity == "site" and "name" in changed:
        _rename_site_on_people(session, old_name, obj.name)
    return {"status": "applied"}


def _name_only_site(entity: str, row: dict[str, Any]) -> bool:
    """A new site with nothing but its name: what a desk makes when anyone types a caller's new site."""
    return entity == "site" and not row.get("address") and not row.get("timezone") and row.get("active", True) is True


def _clean(clean, values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    try:
        return clean(values, partial=partial)
    except ValidationError as exc:
        raise Rejected(str(exc)) from None


def _check(session: Session, entity: str, model, entity_id: str, values: dict[str, Any], *, current) -> None:
    """References exist, names stay unique, a category never goes under itself."""
    for field, target, what in (("owner_id", Person, "owner"), ("owner_group_id", Group, "support group"),
                                ("parent_id", Category, "parent category")):
        if values.get(field) is not None and session.get(target, values[field]) is None:
            raise Rejected(f"The {what} is not on the server.")
    if entity == "category" and "parent_id" in values:
        parents = {i: p for i, p in session.execute(select(Category.id, Category.parent_id))}
        try:
            check_parent(parents, entity_id, values["parent_id"])
        except ValidationError as exc:
            raise Rejected(str(exc)) from None
    if "name" not in values and not (entity == "category" and "parent_id" in values):
        return
    name = values.get("name", current.name if current is not None else None)
    stmt = select(model.id).where(func.lower(model.name) == (name or "").lower(), model.id != entity_id)
    if entity == "category":
        parent = values.get("parent_id", current.parent_id if current is not None else None)
        stmt = stmt.where(model.parent_id.is_(None) if parent is None else model.parent_id == parent)
    if session.scalar(stmt.limit(1)) is not None:
        raise Rejected(f"There is a {entity} named {name} already.")


def _rename_site_on_people(session: Session, old: str, new: str) -> None:
    """A person names their site by name: a renamed site is renamed on its people, each sent to desks."""
    ids = list(session.scalars(select(Person.id).where(Person.site == old)))
    if not ids:
        return
    session.execute(update(Person).where(Person.site == old).values(site=new))
    for person_id in ids:
        changelog.record(session, entity="person", entity_id=person_id)


def _membership(session: Session, scope: Scope, op: str, entity_id: str, payload: dict) -> dict[str, Any]:
    group_id, _, person_id = entity_id.partition(":")
    ident(group_id, "Group id")
    ident(person_id, "Person id")
    if scope.role != "admin":
        raise Rejected(NOT_ADMIN)
    row = payload.get("row") if isinstance(payload, dict) else None
    if not isinstance(row, dict) or row.get("group_id") != group_id or row.get("person_id") != person_id:
        raise Rejected('A membership carries {"row": {"group_id": ..., "person_id": ...}} matching its id.')
    if session.get(Group, group_id) is None:
        raise Rejected("Unknown group.")
    person = session.get(Person, person_id)
    if person is None:
        raise Rejected("Unknown person.")
    where = (group_member.c.group_id == group_id, group_member.c.person_id == person_id)
    exists = session.execute(select(group_member).where(*where)).first() is not None
    if op == "create":
        if not person.is_agent:
            raise Rejected(f"{person.name} is a requester; groups hold agents.")
        if not exists:
            session.execute(insert(group_member).values(group_id=group_id, person_id=person_id))
            changelog.record(session, entity="group_member", entity_id=entity_id)
    elif op == "delete":
        if exists:
            session.execute(delete(group_member).where(*where))
            changelog.record(session, entity="group_member", entity_id=entity_id)
    else:
        raise Rejected("A membership is created or deleted.")
    return {"status": "applied"}
