"""Reference data on the server: the admin's JSON import (sites, categories, services, CIs) and desks' people."""
# The upserts are written to the change log so every client receives them. Used by `deskside-server reference import`.

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.people.rules import EDITABLE, PersonInvalid, clean_person
from server import changelog
from server.cmdb_models import CiRelation
from server.db import Database
from server.models import Category, ConfigurationItem, Person, Service, Site
from server.scope import Scope
from server.validate import Rejected, ident, row_shape

# Parents first, so references inside the file resolve.
KINDS: dict[str, tuple[type, tuple[str, ...]]] = {
    "site": (Site, ("name", "address", "timezone", "active")),
    "category": (Category, ("name", "parent_id", "active")),
    "service": (Service, ("name", "description", "owner_group_id", "owner_id", "criticality", "sla_policy", "hours",
                          "active")),
    "configuration_item": (ConfigurationItem, ("name", "ci_class", "parent_id", "service_id", "criticality",
                                               "status", "description", "owner_id", "support_group_id", "site",
                                               "serial", "asset_tag", "attributes")),
    "ci_relation": (CiRelation, ("source_id", "target_id", "type")),
}


class ReferenceFileError(ValueError):
    """The file is not usable; nothing was imported."""


def import_file(db: Database, path: Path) -> dict[str, int]:
    """Upsert every row of {"category": [...], "service": [...], "configuration_item": [...],
    "ci_relation": [...]}; rows
    are matched by `id` (made when missing). All or nothing: references are checked by the
    database's foreign keys. Returns rows written per kind."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReferenceFileError(f"Cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or set(data) - set(KINDS):
        raise ReferenceFileError(f"The file holds an object with the keys {', '.join(KINDS)}.")
    counts = {}
    with db.write() as session:
        for kind, (model, columns) in KINDS.items():
            rows = data.get(kind, [])
            named = "type" if kind == "ci_relation" else "name"
            if not isinstance(rows, list) or not all(isinstance(r, dict) and isinstance(r.get(named), str)
                                                     for r in rows):
                raise ReferenceFileError(f"{kind}: a list of objects, each with a {named}.")
            for row in rows:
                _upsert(session, kind, model, columns, row)
            if kind in data:
                counts[kind] = len(rows)
            session.flush()
        if session.info.get("last_seq") is not None:
            from server.notify import Notifier

            Notifier(db.url).send(session, session.info["last_seq"])
    return counts


def _upsert(session, kind: str, model: type, columns: tuple[str, ...], row: dict[str, Any]) -> None:
    unknown = set(row) - set(columns) - {"id"}
    if unknown:
        raise ReferenceFileError(f"{kind}: unknown column(s) {', '.join(sorted(unknown))}.")
    row_id = str(row.get("id") or uuid.uuid4())
    obj = session.get(model, row_id)
    if obj is None:
        obj = model(id=row_id)
        session.add(obj)
    for column in columns:
        if column in row:
            setattr(obj, column, row[column])
    changelog.record(session, entity=kind, entity_id=row_id)


# --- people pushed by desks (the caller lookup's New caller, the people screen) -------------------------
# Who may change what: any signed-in user may add a requester and edit a requester's contact details (a
# caller's new phone number is everyday desk work); VIP status and agents' rows are for managers and admins;
# whether a person is an agent belongs with accounts (the admin CLI), so a push never changes it.

PERSON_COLUMNS = ("id", *EDITABLE)
_MANAGERS = ("manager", "admin")


def apply_person(session: Session, scope: Scope, *, op: str, entity_id: str, payload: dict) -> dict[str, Any]:
    """Create or update one person from a desk's mutation; Rejected with the reason otherwise."""
    ident(entity_id, "Person id")
    if op == "create":
        return _create_person(session, scope, entity_id, payload)
    if op == "update":
        return _update_person(session, scope, entity_id, payload)
    raise Rejected("A person is created or updated; people are deactivated, never deleted.")


def _clean(values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    try:
        return clean_person(values, partial=partial)
    except PersonInvalid as exc:
        raise Rejected(str(exc)) from None


def _check_email(session: Session, email: str | None, person_id: str) -> None:
    if email and session.scalar(select(Person.id).where(func.lower(Person.email) == email, Person.id != person_id)
                                .limit(1)) is not None:
        raise Rejected(f"Another person already has the e-mail address {email}.")


def _create_person(session: Session, scope: Scope, entity_id: str, payload: dict) -> dict[str, Any]:
    row = row_shape(payload, list(PERSON_COLUMNS), entity_id, "person")
    values = _clean({k: v for k, v in row.items() if k != "id"}, partial=False)
    if values.get("is_agent"):
        raise Rejected("Agents are added with their accounts, by an administrator (deskside-server admin).")
    if values.get("vip") and scope.role not in _MANAGERS:
        raise Rejected("Only a manager or an administrator marks a person as VIP.")
    if session.get(Person, entity_id) is not None:
        raise Rejected("A person with this id already exists.")
    _check_email(session, values.get("email"), entity_id)
    values.update(is_agent=False, active=values.get("active", True), vip=values.get("vip", False))
    session.add(Person(id=entity_id, **values))
    session.flush()
    changelog.record(session, entity="person", entity_id=entity_id)
    return {"status": "applied"}


def _update_person(session: Session, scope: Scope, entity_id: str, payload: dict) -> dict[str, Any]:
    person = session.get(Person, entity_id)
    if person is None:
        raise Rejected("Unknown person.")
    fields = payload.get("fields") if set(payload) == {"fields"} else None
    if not isinstance(fields, dict) or not fields or not all(isinstance(c, dict) and "new" in c
                                                             for c in fields.values()):
        raise Rejected('A person update carries {"fields": {name: {"base": ..., "new": ...}}}.')
    if "is_agent" in fields:
        raise Rejected("Whether a person is an agent goes with their account (deskside-server admin).")
    new = _clean({f: c["new"] for f, c in fields.items()}, partial=True)
    if scope.role not in _MANAGERS and (person.is_agent and entity_id != scope.person_id or "vip" in new):
        raise Rejected("Only a manager or an administrator changes an agent or a VIP flag.")
    # A field someone else changed since this desk read it is refused rather than overwritten: the desk
    # keeps its value in the refusal inbox, where the user sees both.
    for field, value in new.items():
        current = getattr(person, field)
        if current != value and current != fields[field].get("base"):
            raise Rejected(f"{field} was changed on the server meanwhile (now {current!r}).")
    if "email" in new:
        _check_email(session, new["email"], entity_id)
    changed = False
    for field, value in new.items():
        if getattr(person, field) != value:
            setattr(person, field, value)
            changed = True
    if changed:
        session.flush()
        changelog.record(session, entity="person", entity_id=entity_id)
    return {"status": "applied"}
