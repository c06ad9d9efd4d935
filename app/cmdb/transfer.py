"""Configuration items in and out of the desk as CSV: the import preview (a named read), the import (one
operation, all or nothing, relations included) and the export."""
# The generic steps are app.records.csv_transfer's; this module names the CI file format (core.cmdb.csv_format),
# turns the names a file uses into this desk's ids, and checks each row against the store, so every problem is
# in the preview with its line: an unknown class, service, group or owner, an owner two people could be, an
# attribute value that is not a number or a date, a related CI that is neither here nor in the file. CIs are
# matched by name (case-insensitive): a matched row updates the CI's fields the file has, relations are added
# (never removed) and one transaction writes it all with audit entries and outbox mutations.

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.cmdb.ops import ENTITY, RELATION
from app.cmdb.queries import class_of
from app.models import AuditEvent, CiClassRow, CiRelation, ConfigurationItem, Group, OutboxMutation, Person, Service
from app.models.audit import new_event_id
from app.outbox.journal import OUTBOX
from app.records.csv_transfer import (
    ImportPreview,
    ImportResult,
    ImportRow,
    ImportTable,
    export_file,
    import_rows,
    preview_file,
)
from core.cmdb.classes import BUILTIN_CLASSES, CmdbInvalid, clean_attribute, load_attributes
from core.cmdb.csv_format import CIS, RELATION_COLUMNS, format_attributes
from core.cmdb.relations import RELATION_TYPES
from core.cmdb.rules import WIRE_COLUMNS
from core.csv_table import RowProblem, write_csv
from core.errors import ValidationError
from core.feed import note
from core.ids import new_id
from core.schema import utcnow

__all__ = ["CiImportPreview", "ImportResult", "export_cis", "import_cis", "preview_import"]


@dataclass(frozen=True)
class CiImportPreview:
    """What an import would do. `rows` carry model columns only; `relations` are (line, source name, target
    name, type) to add; nothing may be imported unless `problems` is empty."""

    base: ImportPreview
    relations: tuple[tuple[int, str, str, str], ...]

    @property
    def problems(self) -> tuple[RowProblem, ...]:
        return self.base.problems

    @property
    def new(self) -> int:
        return self.base.new

    @property
    def updates(self) -> int:
        return self.base.updates

    @property
    def total(self) -> int:
        return self.base.total

    @property
    def encoding(self) -> str:
        return self.base.encoding


def _lower_map(pairs) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        if key:
            out.setdefault(key.lower(), []).append(value)
    return out


class _Names:
    """The names a file may use, resolved against this desk's rows (one query per kind)."""

    def __init__(self, session: Session) -> None:
        self.classes = {c.key: c.key for c in BUILTIN_CLASSES}
        self.classes.update({c.label.lower(): c.key for c in BUILTIN_CLASSES})
        for key, label in session.execute(select(CiClassRow.id, CiClassRow.label)):
            self.classes[key] = key
            self.classes[label.lower()] = key
        self.services = _lower_map(session.execute(select(Service.name, Service.id)))
        self.groups = _lower_map(session.execute(select(Group.name, Group.id)))
        self.people = _lower_map(session.execute(select(Person.email, Person.id)))
        for name, pid in session.execute(select(Person.name, Person.id)):
            self.people.setdefault(name.lower(), []).append(pid)

    def one(self, table: dict[str, list[str]], name: str, column: str, word: str) -> str:
        found = list(dict.fromkeys(table.get(name.lower(), [])))
        if not found:
            raise CmdbInvalid(f"There is no {word} {name!r} on this desk.", column)
        if len(found) > 1:
            raise CmdbInvalid(f"{name!r} could be {len(found)} different {word}s; use the e-mail address.", column)
        return found[0]


def _resolve(session: Session, names: _Names, row: ImportRow, cis: dict[str, str],
             file_names: set[str]) -> tuple[ImportRow, list[tuple[str, str]]]:
    """The row with ids for its names (raises CmdbInvalid naming the column) and its relations (target, type)."""
    v = dict(row.values)
    given = v.pop("ci_class")
    if given:
        key = names.classes.get(given.lower()) or names.classes.get(given.lower().replace(" ", "_"))
        if key is None:
            raise CmdbInvalid(f"There is no CI class {given!r}.", "ci_class")
        v["ci_class"] = key
    elif row.existing_id is None:
        v["ci_class"] = "server"
    for column, table, word, target in (("service", names.services, "service", "service_id"),
                                        ("support_group", names.groups, "group", "support_group_id"),
                                        ("owner", names.people, "person", "owner_id")):
        value = v.pop(column)
        if value is not None:
            v[target] = names.one(table, value, column, word)
    parent = v.pop("parent")
    if parent is not None:
        if parent.lower() not in cis:
            raise CmdbInvalid(f"The parent CI {parent!r} is not on this desk.", "parent")
        v["parent_id"] = cis[parent.lower()]
    relations = []
    for column, t in zip(RELATION_COLUMNS, RELATION_TYPES, strict=True):
        for other in v.pop(column, []):
            if other.lower() not in cis and other.lower() not in file_names:
                raise CmdbInvalid(f"{other!r} ({t.outgoing_label}) is neither on this desk nor in the file.", column)
            if other.lower() == str(v.get("name", "")).lower():
                raise CmdbInvalid("A CI cannot be related to itself.", column)
            relations.append((other, t.key))
    if v.get("attributes"):
        defs = {a.key: a for a in class_of(session, v.get("ci_class") or "server").attributes}
        for key, value in load_attributes(v["attributes"]).items():
            if key in defs:
                clean_attribute(defs[key], value)
    return replace(row, values=v), relations


def preview_import(session: Session, *, path: str) -> CiImportPreview:
    """Read and check the file at `path` against this desk (read connection): every problem with its line.
    Raises ValidationError when the file cannot be read at all (encoding, no heading, binary data...)."""
    base = preview_file(session, path=path, spec=CIS, model=ConfigurationItem, match="name")
    names = _Names(session)
    cis = {n.lower(): i for n, i in session.execute(select(ConfigurationItem.name, ConfigurationItem.id)
                                                    .order_by(ConfigurationItem.id))}
    file_names = {str(r.values["name"]).lower() for r in base.rows}
    rows: list[ImportRow] = []
    relations: list[tuple[int, str, str, str]] = []
    problems = list(base.problems)
    for row in base.rows:
        try:
            resolved, rels = _resolve(session, names, row, cis, file_names)
        except CmdbInvalid as exc:
            problems.append(RowProblem(row.line, exc.field or "", str(exc)))
            continue
        rows.append(resolved)
        relations.extend((row.line, str(resolved.values["name"]), other, type_) for other, type_ in rels)
    problems.sort(key=lambda p: p.line)
    return CiImportPreview(replace(base, rows=tuple(rows), problems=tuple(problems)), tuple(relations))


def import_cis(session: Session, *, preview: CiImportPreview, actor_id: str | None) -> ImportResult:
    """Write a previewed file: new CIs added, CIs matched by name updated in the fields the file has, the file's
    relations added (those already there skipped). Refuses a preview with problems; one transaction."""
    now = utcnow()
    table = ImportTable(model=ConfigurationItem, entity=ENTITY, wire_columns=WIRE_COLUMNS,
                        defaults={"ci_class": "server", "status": "active", "criticality": 3, "updated_at": now})
    result = import_rows(session, preview=preview.base, table=table, actor_id=actor_id)
    if preview.relations:
        _add_relations(session, preview.relations, actor_id)
    return result


def _add_relations(session: Session, relations: Sequence[tuple[int, str, str, str]], actor_id: str | None) -> None:
    wanted = {n.lower() for _, s, t, _ in relations for n in (s, t)}
    ids: dict[str, str] = {}
    for start in range(0, len(wanted), 500):  # newest first: a CI just added wins over an older namesake
        chunk = sorted(wanted)[start:start + 500]
        for name, cid in session.execute(select(func.lower(ConfigurationItem.name), ConfigurationItem.id)
                                         .where(func.lower(ConfigurationItem.name).in_(chunk))
                                         .order_by(ConfigurationItem.id)):
            ids[name] = cid
    sources = sorted({ids[s.lower()] for _, s, _, _ in relations})
    have: set[tuple[str, str, str]] = set()
    for start in range(0, len(sources), 500):
        have.update((r[0], r[1], r[2]) for r in session.execute(
            select(CiRelation.source_id, CiRelation.target_id, CiRelation.type)
            .where(CiRelation.source_id.in_(sources[start:start + 500]))))
    rows: list[dict[str, Any]] = []
    now = utcnow()
    for _line, source, target, type_ in relations:
        key = (ids[source.lower()], ids[target.lower()], type_)
        if key in have or key[0] == key[1]:
            continue
        have.add(key)
        rows.append({"id": new_id(), "source_id": key[0], "target_id": key[1], "type": type_, "created_at": now})
    if not rows:
        return
    session.execute(insert(CiRelation), rows)
    session.execute(insert(AuditEvent), [
        {"id": new_event_id(), "entity": ENTITY, "entity_id": r["source_id"], "field": "relation_added",
         "old_value": None, "new_value": f"{r['type']} {r['target_id']}", "actor_id": actor_id, "at": now,
         "batch_id": None}
        for r in rows])
    session.execute(insert(OutboxMutation), [
        {"mutation_id": new_id(), "entity": RELATION, "entity_id": r["id"], "op": "create",
         "payload": json.dumps({"row": {**r, "created_at": now.isoformat()}}, sort_keys=True)} for r in rows])
    note(session, RELATION, [r["id"] for r in rows])
    note(session, OUTBOX, [r["id"] for r in rows])


def export_cis(session: Session, *, path: str, ids: Sequence[str]) -> int:
    """Write the CIs `ids` (a list's current filter, any number) to `path` as UTF-8 CSV that preview_import
    reads back: names for references, attributes as key=value, outgoing relations by type. Returns how many."""
    ids = list(ids)
    services = {i: n for i, n in session.execute(select(Service.id, Service.name))}
    groups = {i: n for i, n in session.execute(select(Group.id, Group.name))}
    rows: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for ci in session.scalars(select(ConfigurationItem).where(ConfigurationItem.id.in_(chunk))):
            rows[ci.id] = {"name": ci.name, "ci_class": ci.ci_class, "status": ci.status,
                           "criticality": ci.criticality, "service": services.get(ci.service_id or ""),
                           "support_group": groups.get(ci.support_group_id or ""), "owner": ci.owner_id,
                           "site": ci.site, "serial": ci.serial, "asset_tag": ci.asset_tag, "parent": ci.parent_id,
                           "description": ci.description,
                           "attributes": format_attributes(load_attributes(ci.attributes))}
        for source, target, type_, name in session.execute(
                select(CiRelation.source_id, CiRelation.target_id, CiRelation.type, ConfigurationItem.name)
                .join(ConfigurationItem, ConfigurationItem.id == CiRelation.target_id)
                .where(CiRelation.source_id.in_(chunk))):
            key = f"rel_{type_}"
            rows[source][key] = "; ".join(filter(None, (rows[source].get(key), name)))
            names[target] = name
    people = {i: (e or n) for i, e, n in session.execute(select(Person.id, Person.email, Person.name).where(
        Person.id.in_([r["owner"] for r in rows.values() if r["owner"]])))}
    parents = {i: n for i, n in session.execute(select(ConfigurationItem.id, ConfigurationItem.name).where(
        ConfigurationItem.id.in_([r["parent"] for r in rows.values() if r["parent"]])))}
    for row in rows.values():
        row["owner"] = people.get(row["owner"]) if row["owner"] else None
        row["parent"] = parents.get(row["parent"]) if row["parent"] else None
    export_file(path=path, text=write_csv([rows[i] for i in ids if i in rows], CIS))
    if not rows and ids:
        raise ValidationError("None of these CIs is on this desk any more.")
    return len(rows)
