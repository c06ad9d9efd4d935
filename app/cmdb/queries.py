"""Named reads of the CMDB: the CI list and its rows, a CI's detail, its neighbourhood, classes, impact."""
# Each runs on a runner read connection and returns frozen dataclasses (app.cmdb.records). The list is ids
# first (a Qt model over ids asks ci_rows for a page), every filter and sort through an index of migration
# 0023 (tests/unit/test_cmdb_plans.py). Impact reads live in app.cmdb.impact and are re-exported here.

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.cmdb.facts import class_labels, column, facts, rows_from_facts
from app.cmdb.graph import EdgeCollector
from app.cmdb.impact import change_impact, impact, incident_hint
from app.cmdb.records import (
    CiChoice,
    CiClassInfo,
    CiDetail,
    CiGraph,
    CiRelation,
    CiRow,
    CiTimelineEntry,
    GraphEdge,
    GraphNode,
)
from app.models import Change, CiClassRow, ConfigurationItem, Person, Service, Ticket, change_ci
from app.models import CiRelation as RelationRow
from core.changes.workflow import INACTIVE_STATES
from core.cmdb import relations as rel
from core.cmdb.classes import BUILTIN, BUILTIN_CLASSES, CiClass, load_attributes, parse_class
from core.cmdb.traversal import walk

__all__ = ["change_impact", "ci_choices", "ci_classes", "ci_detail", "ci_rows", "class_of", "find_ci", "impact",
           "incident_hint", "list_ci_ids", "neighbourhood", "relation_types"]

CI = ConfigurationItem
SORTS = {"name": (), "class": (CI.ci_class,), "ci_class": (CI.ci_class,), "status": (CI.status,),
         "criticality": (CI.criticality,)}
TIMELINE_LIMIT = 200
CHOICES_LIMIT = 20  # rows a CI picker's type-ahead offers


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_ci_ids(session: Session, *, text: str = "", ci_class: str | None = None, status: str | None = None,
                service_id: str | None = None, sort: str = "name", descending: bool = False) -> list[str]:
    """Ids of the CIs matching the filters, in the sort's order (then by name). `text` matches the name,
    serial or asset tag anywhere, or an id exactly. Unknown sorts sort by name."""
    stmt = select(CI.id)
    if ci_class:
        stmt = stmt.where(CI.ci_class == ci_class)
    if status:
        stmt = stmt.where(CI.status == status)
    if service_id:
        stmt = stmt.where(CI.service_id == service_id)
    words = (text or "").strip()
    if words:
        pattern = _like(words)
        stmt = stmt.where(or_(CI.name.ilike(pattern, escape="\\"), CI.serial.ilike(pattern, escape="\\"),
                              CI.asset_tag.ilike(pattern, escape="\\"), CI.id == words))
    keys = (*SORTS.get(sort, ()), CI.name)  # each (key, name) pair is an index (migration 0023)
    stmt = stmt.order_by(*(k.desc() if descending else k.asc() for k in keys))
    return column(session, stmt)


def ci_choices(session: Session, *, text: str, exclude_id: str | None = None,
               limit: int = CHOICES_LIMIT) -> tuple[CiChoice, ...]:
    """The type-ahead of a CI picker: CIs whose serial or asset tag is `text` (ix_configuration_item_serial,
    _asset_tag), then those whose name holds it, by name. The name match walks ix_configuration_item_name in
    order and stops at `limit` matches, so a common word costs a few rows and a rare one a scan of the index
    only (tests/unit/test_cmdb_plans.py); an empty `text` offers the first CIs by name."""
    words = (text or "").strip()
    exact: list[str] = []
    if words:
        exact = list(session.scalars(select(CI.id).where(CI.serial == words).limit(limit)))
        exact += session.scalars(select(CI.id).where(CI.asset_tag == words).limit(limit))
    stmt = select(CI.id).order_by(CI.name).limit(limit + len(exact) + 1)
    if words:
        # SQLite's LIKE ignores ASCII case by itself: no lower() per row of the index walk.
        stmt = stmt.where(CI.name.like(_like(words), escape="\\"))
    ids = list(dict.fromkeys([*exact, *session.scalars(stmt)]))
    ids = [i for i in ids if i != exclude_id][:limit]
    found = {r[0]: r for r in session.execute(select(CI.id, CI.name, CI.ci_class, CI.status).where(CI.id.in_(ids)))}
    labels = class_labels(session)
    return tuple(CiChoice(id=i, name=found[i][1], ci_class=found[i][2], status=found[i][3],
                          class_label=labels.get(found[i][2], found[i][2])) for i in ids if i in found)


def class_of(session: Session, key: str) -> CiClass:
    """A class by key: built-in, user-defined, or a bare one named after the key (a CI of a class since removed
    or not yet pulled keeps showing)."""
    if key in BUILTIN:
        return BUILTIN[key]
    row = session.get(CiClassRow, key)
    if row is not None:
        return parse_class(row.id, row.label, row.attributes, row.description)
    return CiClass(key, key.replace("_", " ").capitalize(), (), builtin=False)


def ci_rows(session: Session, *, ids: Sequence[str]) -> list[CiRow]:
    """The rows for `ids`, in that order (ids no longer stored are left out). A few statements for any count."""
    ids = list(ids)
    return rows_from_facts(session, ids, facts(session, ids))


def find_ci(session: Session, *, name_or_id: str) -> str | None:
    """The CI named (exactly, then ignoring case), or with this id, serial or asset tag; None if none."""
    key = (name_or_id or "").strip()
    if not key:
        return None
    for cond in (CI.id == key, CI.name == key, CI.serial == key, CI.asset_tag == key,
                 func.lower(CI.name) == key.lower()):
        found = session.scalar(select(CI.id).where(cond).order_by(CI.name).limit(1))
        if found is not None:
            return found
    return None


def _relations(session: Session, ci: ConfigurationItem) -> tuple[CiRelation, ...]:
    pairs: list[tuple[str, str, str, bool, str]] = []  # (relation id, type, label, outgoing, other id)
    for r in session.execute(select(RelationRow.id, RelationRow.type, RelationRow.target_id)
                             .where(RelationRow.source_id == ci.id)):
        pairs.append((r.id, r.type, rel.label(r.type, outgoing=True), True, r.target_id))
    for r in session.execute(select(RelationRow.id, RelationRow.type, RelationRow.source_id)
                             .where(RelationRow.target_id == ci.id)):
        pairs.append((r.id, r.type, rel.label(r.type, outgoing=False), False, r.source_id))
    if ci.parent_id:
        pairs.append((rel.PARENT_PREFIX + ci.id, rel.PARENT_TYPE, rel.label(rel.PARENT_TYPE, outgoing=True), True,
                      ci.parent_id))
    for child in session.scalars(select(CI.id).where(CI.parent_id == ci.id)):
        pairs.append((rel.PARENT_PREFIX + child, rel.PARENT_TYPE, rel.label(rel.PARENT_TYPE, outgoing=False), False,
                      child))
    others = {row.id: row for row in ci_rows(session, ids=list(dict.fromkeys(p[4] for p in pairs)))}
    out = [CiRelation(rid, type_, label, outgoing, others[other])
           for rid, type_, label, outgoing, other in pairs if other in others]
    order = {t.key: i for i, t in enumerate(rel.RELATION_TYPES)}
    out.sort(key=lambda r: (order.get(r.type, 99), not r.outgoing, r.other.name.lower()))
    return tuple(out)


def _timeline(session: Session, ci_id: str) -> tuple[CiTimelineEntry, ...]:
    entries = [CiTimelineEntry(t.type, t.id, t.number or "", t.title, t.state, t.created_at, bool(t.is_open))
               for t in session.execute(select(Ticket.type, Ticket.id, Ticket.number, Ticket.title, Ticket.state,
                                               Ticket.created_at, Ticket.is_open)
                                        .where(Ticket.ci_id == ci_id).order_by(Ticket.created_at.desc())
                                        .limit(TIMELINE_LIMIT))]
    for c in session.execute(select(Change.id, Change.number, Change.title, Change.state, Change.planned_start,
                                    Change.created_at)
                             .join(change_ci, change_ci.c.change_id == Change.id).where(change_ci.c.ci_id == ci_id)
                             .order_by(Change.created_at.desc()).limit(TIMELINE_LIMIT)):
        entries.append(CiTimelineEntry("change", c.id, c.number or "", c.title, c.state,
                                       c.planned_start or c.created_at, c.state not in INACTIVE_STATES))
    entries.sort(key=lambda e: e.at, reverse=True)
    return tuple(entries[:TIMELINE_LIMIT])


def ci_detail(session: Session, *, ci_id: str) -> CiDetail | None:
    """Everything the CI's detail shows: fields, per-class attributes, relations both ways, and its timeline of
    tickets and changes (newest first, at most 200)."""
    ci = session.get(CI, ci_id)
    if ci is None:
        return None
    row = ci_rows(session, ids=[ci_id])[0]
    owner = session.get(Person, ci.owner_id) if ci.owner_id else None
    values = load_attributes(ci.attributes)
    cls = class_of(session, ci.ci_class)
    attrs = tuple((a.label, values[a.key]) for a in cls.attributes if values.get(a.key))
    return CiDetail(row, ci.description or "", owner.name if owner else None, ci.serial, ci.asset_tag, attrs,
                    _relations(session, ci), _timeline(session, ci_id), ci.updated_at, ci.owner_id,
                    ci.support_group_id, ci.service_id, ci.parent_id, tuple(sorted(values.items())))


def neighbourhood(session: Session, *, ci_id: str, depth: int = 1, types: frozenset[str] | None = None,
                  limit: int = 200) -> CiGraph:
    """The CIs within `depth` hops of `ci_id` in either direction (only `types` if given), at most `limit`
    of them, and the relations among them; `truncated` says the limit or the depth left CIs out."""
    collector = EdgeCollector(session, types)
    result = walk(ci_id, collector, max_depth=max(depth, 0), limit=max(limit, 1))
    reached = set(result.order)
    rows = {r.id: r for r in ci_rows(session, ids=list(result.order))}
    nodes = tuple(GraphNode(r.id, r.name, r.ci_class, r.status, r.criticality, r.open_incidents, result.depth[r.id])
                  for i in result.order if (r := rows.get(i)) is not None)
    edges = tuple(GraphEdge(eid, s, t, type_) for eid, (s, t, type_) in sorted(collector.edges.items())
                  if s in reached and t in reached)
    return CiGraph(ci_id, nodes, edges, result.truncated)


def ci_classes(session: Session) -> tuple[CiClassInfo, ...]:
    """Built-in classes in their order, then user-defined ones by position and label, with their CI counts."""
    counts = {r[0]: r[1] for r in session.execute(select(CI.ci_class, func.count()).group_by(CI.ci_class))}
    user = [parse_class(r.id, r.label, r.attributes, r.description)
            for r in session.scalars(select(CiClassRow).order_by(CiClassRow.position, CiClassRow.label))]
    return tuple(CiClassInfo(c.key, c.label, tuple((a.key, a.label, a.kind) for a in c.attributes), c.builtin,
                             counts.get(c.key, 0), c.description) for c in (*BUILTIN_CLASSES, *user))


def relation_types() -> tuple[rel.RelationType, ...]:
    return rel.RELATION_TYPES


def services_with_cis(session: Session) -> list[tuple[str, str]]:
    """(service id, name) of the services some CI belongs to, by name: the list's service filter."""
    stmt = (select(Service.id, Service.name).where(
        select(CI.id).where(and_(CI.service_id == Service.id)).exists()).order_by(Service.name))
    return [(r[0], r[1]) for r in session.execute(stmt)]


