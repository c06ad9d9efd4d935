"""Named operations on the CMDB: create, edit and retire a CI, relate two CIs or unrelate them, define a class."""
# Each is one transaction on the runner's writer: the rows, their audit entries and their outbox mutations
# together (app.outbox.journal), so the edit reaches the team server like any other. The server decides who
# may make it (server.cmdb); a refusal comes back through the refusal inbox (app.cmdb.refusals).
# Feed entities: "configuration_item", "ci_relation", "ci_class".

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cmdb.queries import ci_detail, class_of
from app.cmdb.records import CiDetail
from app.models import CiClassRow, CiRelation, ConfigurationItem, Group, Person, Service
from app.outbox.journal import queue_mutation, record_changes, record_event, row_payload
from core.cmdb.classes import CmdbInvalid, check_class_definition, clean_attribute, load_attributes
from core.cmdb.relations import PARENT_PREFIX, label
from core.cmdb.rules import CLASS_COLUMNS, RELATION_COLUMNS, WIRE_COLUMNS, check_relation, clean_ci, merge_attributes
from core.errors import NotFoundError, StaleEditError
from core.feed import note
from core.schema import utcnow

ENTITY = "configuration_item"
RELATION = "ci_relation"
CLASS = "ci_class"
_REFS = {"owner_id": (Person, "owner"), "support_group_id": (Group, "support group"),
         "service_id": (Service, "service"), "parent_id": (ConfigurationItem, "parent CI")}


def check_values(session: Session, clean: dict[str, Any], *, ci_id: str | None, ci_class: str) -> None:
    """Store-side checks of cleaned values: the class exists, references exist, attribute values fit the class
    (keys the class does not name are kept as they are), a parent is not the CI itself."""
    if "ci_class" in clean and class_of(session, clean["ci_class"]).builtin is False and \
            session.get(CiClassRow, clean["ci_class"]) is None:
        raise CmdbInvalid(f"There is no CI class {clean['ci_class']!r}.", "ci_class")
    for field, (model, word) in _REFS.items():
        value = clean.get(field)
        if value is not None and session.get(model, value) is None:
            raise CmdbInvalid(f"The {word} is not in this desk's data.", field)
    if ci_id is not None and clean.get("parent_id") == ci_id:
        raise CmdbInvalid("A CI cannot be its own parent.", "parent_id")
    if clean.get("attributes"):
        defs = {a.key: a for a in class_of(session, ci_class).attributes}
        values = load_attributes(clean["attributes"])
        for key, value in values.items():
            if key in defs:
                clean_attribute(defs[key], value)


def _detail(session: Session, ci_id: str) -> CiDetail:
    detail = ci_detail(session, ci_id=ci_id)
    assert detail is not None
    return detail


def create_ci(session: Session, *, values: dict[str, Any], actor_id: str | None) -> CiDetail:
    """Add a CI (active, medium criticality, class server unless given), audited and queued for the server."""
    clean = clean_ci(values)
    clean.setdefault("ci_class", "server")
    clean.setdefault("status", "active")
    clean.setdefault("criticality", 3)
    check_values(session, clean, ci_id=None, ci_class=clean["ci_class"])
    ci = ConfigurationItem(**clean, updated_at=utcnow())
    session.add(ci)
    session.flush()
    record_event(session, entity=ENTITY, entity_id=ci.id, field="created", new=ci.name, actor_id=actor_id)
    queue_mutation(session, entity=ENTITY, entity_id=ci.id, op="create",
                   payload={"row": row_payload(ci, list(WIRE_COLUMNS))})
    return _detail(session, ci.id)


def update_ci(session: Session, *, ci_id: str, changes: dict[str, Any], actor_id: str | None,
              base: dict[str, Any] | None = None) -> CiDetail:
    """Change a CI's fields; each changed field is audited and sent with its base value. `base` holds the
    values the editor showed: a field someone changed since (a pull, another window) raises StaleEditError
    and nothing is written. Attributes merge key by key, so two people filling in different attributes do
    not collide. Returns the detail as now stored."""
    ci = session.get(ConfigurationItem, ci_id)
    if ci is None:
        raise NotFoundError("This CI is not in this desk's data.")
    clean = clean_ci(changes, partial=True)
    for field in clean:
        if base is None or field not in base:
            continue
        if field == "attributes":
            clean[field] = merge_attributes(clean_ci({"attributes": base[field]}, partial=True)["attributes"],
                                            clean[field], ci.attributes)
        elif getattr(ci, field) != base[field]:
            raise StaleEditError(f"{field.replace('_', ' ').capitalize()} was changed meanwhile; "
                                 f"reload the CI to see the new value.", field)
    check_values(session, clean, ci_id=ci_id, ci_class=clean.get("ci_class", ci.ci_class))
    diffs = {f: (getattr(ci, f), v) for f, v in clean.items() if getattr(ci, f) != v}
    if diffs:
        for f, (_, new) in diffs.items():
            setattr(ci, f, new)
        ci.updated_at = utcnow()
        session.flush()
        record_changes(session, entity=ENTITY, entity_id=ci_id, changes=diffs, actor_id=actor_id, batch_id=None)
    return _detail(session, ci_id)


def retire_ci(session: Session, *, ci_id: str, actor_id: str | None) -> CiDetail:
    """Retire a CI: it stays (tickets and changes keep naming it, its relations stay as history)."""
    return update_ci(session, ci_id=ci_id, changes={"status": "retired"}, actor_id=actor_id)


def add_relation(session: Session, *, source_id: str, target_id: str, type: str, actor_id: str | None) -> str:
    """Relate two CIs (source `type` target); returns the relation's id. Cycles are allowed; the same
    relation twice is not."""
    check_relation(source_id, target_id, type)
    source, target = session.get(ConfigurationItem, source_id), session.get(ConfigurationItem, target_id)
    if source is None or target is None:
        raise NotFoundError("Both CIs must be in this desk's data.")
    if session.scalar(select(CiRelation.id).where(CiRelation.source_id == source_id,
                                                  CiRelation.target_id == target_id, CiRelation.type == type)):
        raise CmdbInvalid(f"{source.name} already {label(type, outgoing=True)} {target.name}.", "target_id")
    relation = CiRelation(source_id=source_id, target_id=target_id, type=type, created_at=utcnow())
    session.add(relation)
    session.flush()
    words = f"{label(type, outgoing=True)} {target.name}"
    record_event(session, entity=ENTITY, entity_id=source_id, field="relation_added", new=words, actor_id=actor_id)
    record_event(session, entity=ENTITY, entity_id=target_id, field="relation_added",
                 new=f"{label(type, outgoing=False)} {source.name}", actor_id=actor_id)
    note(session, RELATION, [relation.id])
    queue_mutation(session, entity=RELATION, entity_id=relation.id, op="create",
                   payload={"row": row_payload(relation, list(RELATION_COLUMNS))})
    return relation.id


def remove_relation(session: Session, *, relation_id: str, actor_id: str | None) -> None:
    """Remove a relation. A legacy parent link ("parent:<child id>") is removed by clearing the child's parent."""
    if relation_id.startswith(PARENT_PREFIX):
        update_ci(session, ci_id=relation_id[len(PARENT_PREFIX):], changes={"parent_id": None}, actor_id=actor_id)
        return
    relation = session.get(CiRelation, relation_id)
    if relation is None:
        raise NotFoundError("This relation is no longer in this desk's data.")
    source, target = session.get(ConfigurationItem, relation.source_id), session.get(ConfigurationItem,
                                                                                      relation.target_id)
    words = f"{label(relation.type, outgoing=True)} {target.name if target else relation.target_id}"
    record_event(session, entity=ENTITY, entity_id=relation.source_id, field="relation_removed", old=words, new=None,
                 actor_id=actor_id)
    record_event(session, entity=ENTITY, entity_id=relation.target_id, field="relation_removed", new=None,
                 old=f"{label(relation.type, outgoing=False)} {source.name if source else relation.source_id}",
                 actor_id=actor_id)
    session.delete(relation)
    session.flush()
    note(session, RELATION, [relation_id])
    queue_mutation(session, entity=RELATION, entity_id=relation_id, op="delete", payload={})


def define_class(session: Session, *, key: str, label: str, attributes: list[dict[str, str]],
                 description: str = "", actor_id: str | None) -> str:
    """Define a user class (or redefine one: its label, description and attributes); returns its key.
    Attribute values CIs already hold are kept whatever the new definition says."""
    attrs = check_class_definition(key, label, attributes)
    row = session.get(CiClassRow, key)
    values = {"label": label.strip(), "description": (description or "").strip() or None, "attributes": attrs}
    if row is None:
        position = len(list(session.scalars(select(CiClassRow.id))))
        row = CiClassRow(id=key, position=position, **values)
        session.add(row)
        session.flush()
        record_event(session, entity=CLASS, entity_id=key, field="created", new=row.label, actor_id=actor_id)
        queue_mutation(session, entity=CLASS, entity_id=key, op="create",
                       payload={"row": row_payload(row, list(CLASS_COLUMNS))})
        return key
    diffs = {f: (getattr(row, f), v) for f, v in values.items() if getattr(row, f) != v}
    for f, (_, new) in diffs.items():
        setattr(row, f, new)
    session.flush()
    record_changes(session, entity=CLASS, entity_id=key, changes=diffs, actor_id=actor_id, batch_id=None)
    return key
