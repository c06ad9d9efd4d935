"""The CMDB on the server: CIs, relations and CI classes pushed by desks, checked with the desk's own rules."""
# Who may change what: every signed-in user (agents, technicians in the field) may add a CI, edit its fields
# and relate or unrelate CIs: recording what is there is everyday work. Marking a CI mission critical or
# changing any CI's criticality, retiring a CI, and defining classes are for managers and admins: they move
# impact figures and change-risk for everyone. Every write lands in the change log, so all desks receive it.
# An update is merged field by field like a person's (server.reference): a field changed here since the desk
# read it is refused, never overwritten; attributes merge key by key (core.cmdb.rules.merge_attributes).

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.cmdb.classes import BUILTIN, CmdbInvalid, check_class_definition, parse_class
from core.cmdb.rules import CLASS_COLUMNS, RELATION_COLUMNS, WIRE_COLUMNS, check_relation, clean_ci, merge_attributes
from core.schema import utcnow
from server import changelog
from server.cmdb_models import CiClass, CiRelation
from server.models import ConfigurationItem, Group, Person, Service
from server.scope import Scope
from server.validate import Rejected, ident, row_shape

ENTITIES = ("configuration_item", "ci_relation", "ci_class")
_MANAGERS = ("manager", "admin")
_REFS = {"owner_id": (Person, "owner"), "support_group_id": (Group, "support group"),
         "service_id": (Service, "service"), "parent_id": (ConfigurationItem, "parent CI")}


def apply(session: Session, scope: Scope, *, entity: str, op: str, entity_id: str, payload: dict) -> dict[str, Any]:
    """Apply one desk mutation of a CMDB entity; Rejected with the reason otherwise."""
    if entity == "ci_class":
        return _apply_class(session, scope, op, entity_id, payload)
    ident(entity_id, "Id")
    if entity == "configuration_item":
        if op == "create":
            return _create_ci(session, scope, entity_id, payload)
        if op == "update":
            return _update_ci(session, scope, entity_id, payload)
        raise Rejected("A CI is created or updated; it is retired, never deleted.")
    if op == "create":
        return _create_relation(session, entity_id, payload)
    if op == "delete":
        return _delete_relation(session, entity_id)
    raise Rejected("A relation is created or deleted.")


def _clean(values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    try:
        return clean_ci(values, partial=partial)
    except CmdbInvalid as exc:
        raise Rejected(str(exc)) from None


def _check_refs(session: Session, values: dict[str, Any], ci_id: str) -> None:
    key = values.get("ci_class")
    if key is not None and key not in BUILTIN and session.get(CiClass, key) is None:
        raise Rejected(f"There is no CI class {key!r}.")
    for field, (model, word) in _REFS.items():
        if values.get(field) is not None and session.get(model, values[field]) is None:
            raise Rejected(f"The {word} does not exist on the server.")
    if values.get("parent_id") == ci_id:
        raise Rejected("A CI cannot be its own parent.")


def _create_ci(session: Session, scope: Scope, entity_id: str, payload: dict) -> dict[str, Any]:
    row = row_shape(payload, list(WIRE_COLUMNS), entity_id, "CI")
    values = _clean({k: v for k, v in row.items() if k not in ("id", "updated_at")}, partial=False)
    if values.get("criticality") == 1 and scope.role not in _MANAGERS:
        raise Rejected("Only a manager or an administrator marks a CI as mission critical.")
    if session.get(ConfigurationItem, entity_id) is not None:
        raise Rejected("A CI with this id already exists.")
    _check_refs(session, values, entity_id)
    values.setdefault("ci_class", "server")
    values.setdefault("status", "active")
    values.setdefault("criticality", 3)
    session.add(ConfigurationItem(id=entity_id, updated_at=utcnow(), **values))
    session.flush()
    changelog.record(session, entity="configuration_item", entity_id=entity_id)
    return {"status": "applied"}


def _update_ci(session: Session, scope: Scope, entity_id: str, payload: dict) -> dict[str, Any]:
    ci = session.get(ConfigurationItem, entity_id)
    if ci is None:
        raise Rejected("Unknown CI.")
    fields = payload.get("fields") if set(payload) == {"fields"} else None
    if not isinstance(fields, dict) or not fields or not all(isinstance(c, dict) and "new" in c
                                                             for c in fields.values()):
        raise Rejected('A CI update carries {"fields": {name: {"base": ..., "new": ...}}}.')
    new = _clean({f: c["new"] for f, c in fields.items()}, partial=True)
    if scope.role not in _MANAGERS and ("criticality" in new or new.get("status") == "retired"):
        raise Rejected("Only a manager or an administrator changes a CI's criticality or retires it.")
    for field, value in list(new.items()):
        current = getattr(ci, field)
        if field == "attributes":
            try:
                base = _clean({"attributes": fields[field].get("base")}, partial=True)["attributes"]
                new[field] = merge_attributes(base, value, current)
            except CmdbInvalid as exc:
                raise Rejected(str(exc)) from None
        elif current != value and current != fields[field].get("base"):
            raise Rejected(f"{field} was changed on the server meanwhile (now {current!r}).")
    _check_refs(session, new, entity_id)
    changed = False
    for field, value in new.items():
        if getattr(ci, field) != value:
            setattr(ci, field, value)
            changed = True
    if changed:
        ci.updated_at = utcnow()
        session.flush()
        changelog.record(session, entity="configuration_item", entity_id=entity_id)
    return {"status": "applied"}


def _create_relation(session: Session, entity_id: str, payload: dict) -> dict[str, Any]:
    row = row_shape(payload, list(RELATION_COLUMNS), entity_id, "relation")
    source, target, type_ = ident(row.get("source_id"), "The relation's source"), \
        ident(row.get("target_id"), "The relation's target"), row.get("type")
    if not isinstance(type_, str):
        raise Rejected("A relation has a type.")
    try:
        check_relation(source, target, type_)
    except CmdbInvalid as exc:
        raise Rejected(str(exc)) from None
    if session.get(CiRelation, entity_id) is not None:
        raise Rejected("A relation with this id already exists.")
    if session.get(ConfigurationItem, source) is None or session.get(ConfigurationItem, target) is None:
        raise Rejected("Both CIs of a relation must exist on the server.")
    if session.scalar(select(CiRelation.id).where(CiRelation.source_id == source, CiRelation.target_id == target,
                                                  CiRelation.type == type_)) is not None:
        raise Rejected("These two CIs are already related this way.")
    session.add(CiRelation(id=entity_id, source_id=source, target_id=target, type=type_, created_at=utcnow()))
    session.flush()
    changelog.record(session, entity="ci_relation", entity_id=entity_id)
    return {"status": "applied"}


def _delete_relation(session: Session, entity_id: str) -> dict[str, Any]:
    relation = session.get(CiRelation, entity_id)
    if relation is not None:  # already gone (another desk removed it): the wish is met
        session.delete(relation)
        session.flush()
        changelog.record(session, entity="ci_relation", entity_id=entity_id, op="delete")
    return {"status": "applied"}


def _apply_class(session: Session, scope: Scope, op: str, entity_id: str, payload: dict) -> dict[str, Any]:
    if scope.role not in _MANAGERS:
        raise Rejected("Only a manager or an administrator defines CI classes.")
    if op == "create":
        row = row_shape(payload, list(CLASS_COLUMNS), entity_id, "CI class")
        values = {k: row.get(k) for k in CLASS_COLUMNS if k != "id"}
    elif op == "update":
        fields = payload.get("fields")
        if not isinstance(fields, dict) or set(fields) - set(CLASS_COLUMNS) - {"id"}:
            raise Rejected('A CI class update carries {"fields": {label|description|attributes: ...}}.')
        existing = session.get(CiClass, entity_id)
        if existing is None:
            raise Rejected("Unknown CI class.")
        values = {k: getattr(existing, k) for k in CLASS_COLUMNS if k != "id"}
        values.update({f: c.get("new") for f, c in fields.items() if isinstance(c, dict)})
    else:
        raise Rejected("A CI class is created or updated.")
    label = values.get("label")
    if not isinstance(label, str):
        raise Rejected("A CI class has a label.")
    try:
        attributes = check_class_definition(entity_id, label, [
            {"key": a.key, "label": a.label, "kind": a.kind}
            for a in parse_class(entity_id, label, values.get("attributes") or "[]").attributes])
    except CmdbInvalid as exc:
        raise Rejected(str(exc)) from None
    row_obj = session.get(CiClass, entity_id)
    if op == "create" and row_obj is not None:
        raise Rejected("A CI class with this key already exists.")
    if row_obj is None:
        row_obj = CiClass(id=entity_id)
        session.add(row_obj)
    row_obj.label = label.strip()
    row_obj.description = values.get("description")
    row_obj.attributes = attributes
    position = values.get("position")
    row_obj.position = position if isinstance(position, int) and not isinstance(position, bool) else 0
    session.flush()
    changelog.record(session, entity="ci_class", entity_id=entity_id)
    return {"status": "applied"}
