"""The CI graph as stored: a cached in-memory index for impact walks, and per-level queries for the relation map."""
# Impact walks (impact, incident hint, change preview, change conflicts) run over GraphIndex: the whole relation
# graph as adjacency lists in the direction an outage spreads, built with one scan of ci_relation and kept per
# store file until the graph's version moves (store_meta "cmdb_graph_version", bumped by triggers on every
# relation and parent write, migration 0023). A walk of 20,000 CIs then costs milliseconds instead of
# thousands of index probes (bench/cmdb_bench.py measured both, and a recursive CTE). The index is immutable
# once built and shared by the runner's read threads; building it is the only work under the lock.
# The relation map (neighbourhood) walks a few levels with one indexed query per level and direction
# (ix_ci_relation_source_type, ix_ci_relation_target_type), collecting the edges it crossed.

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.cmdb.facts import each
from core.cmdb.adjacency import PackedAdjacency
from core.cmdb.relations import DOWNSTREAM_TYPES, PARENT_PREFIX, PARENT_TYPE, RELATION_TYPES, UPSTREAM_TYPES
from core.cmdb.traversal import Expand, Walk, adjacency_walk

IMPACT_LIMIT = 20_000  # CIs an impact walk may reach before it stops and says so
GRAPH_KEY = "cmdb_graph_version"

_TYPES = "type IN ({})"
INCOMING = "SELECT target_id, source_id, id, type FROM ci_relation WHERE target_id IN ({}) AND "
OUTGOING = "SELECT source_id, target_id, id, type FROM ci_relation WHERE source_id IN ({}) AND "
CHILDREN = "SELECT parent_id, id FROM configuration_item WHERE parent_id IN ({})"
PARENTS = "SELECT id, parent_id FROM configuration_item WHERE id IN ({}) AND parent_id IS NOT NULL"
ALL_TYPES = tuple(t.key for t in RELATION_TYPES)


@dataclass(frozen=True)
class GraphIndex:
    """hurts[x]: the CIs an outage of x hurts directly; hurt_by[x]: those whose outage hurts x (parents too)."""

    version: str
    hurts: Mapping[str, tuple[str, ...]]
    hurt_by: Mapping[str, tuple[str, ...]]


_cache: dict[str, GraphIndex] = {}
_lock = threading.Lock()


def _build(session: Session, version: str) -> GraphIndex:
    # Each direction as two parallel lists of ids (one pair an edge), packed at the end (core.cmdb.adjacency): no
    # list or tuple per CI for the collector to walk on the GUI thread.
    failing: list[str] = []
    hurt: list[str] = []
    up, down = set(UPSTREAM_TYPES), set(DOWNSTREAM_TYPES)
    conn = session.connection()
    one: dict[str, str] = {}  # each id kept once: 200,000 relations name 50,000 CIs
    for source, target, type_ in conn.exec_driver_sql("SELECT source_id, target_id, type FROM ci_relation"):
        source, target = one.setdefault(source, source), one.setdefault(target, target)
        if type_ in up:
            failing.append(target)
            hurt.append(source)
        elif type_ in down:
            failing.append(source)
            hurt.append(target)
    for child, parent in conn.exec_driver_sql(
            "SELECT id, parent_id FROM configuration_item WHERE parent_id IS NOT NULL"):
        failing.append(one.setdefault(parent, parent))
        hurt.append(one.setdefault(child, child))
    return GraphIndex(version, PackedAdjacency.pack(failing, hurt), PackedAdjacency.pack(hurt, failing))


def graph_index(session: Session) -> GraphIndex:
    """The relation graph of the session's store, from the cache when its version has not moved. A store
    without the version row (never expected after migration 0023) gets a fresh index every time."""
    row = session.connection().exec_driver_sql(
        "SELECT value FROM store_meta WHERE \"key\" = ?", (GRAPH_KEY,)).first()
    if row is None:
        return _build(session, "")
    key = str(session.connection().engine.url.database)
    version = str(row[0])
    with _lock:
        index = _cache.get(key)
        if index is None or index.version != version:
            index = _cache[key] = _build(session, version)
    return index


def impact_walk(session: Session, starts: str | Sequence[str], *, limit: int = IMPACT_LIMIT) -> Walk:
    """Every CI an outage of `starts` reaches (core.cmdb.relations says which way each type carries it),
    cycle-safe, starts first; `truncated` when `limit` CIs were reached."""
    return adjacency_walk(starts, graph_index(session).hurts, limit=limit)


def related_cis(session: Session, ci_ids: Sequence[str], *, limit: int = 2_000) -> list[str]:
    """The CIs `ci_ids` depend on and those depending on them, transitively (each walk bounded by `limit`),
    `ci_ids` excluded: every CI whose change can conflict with a change on these."""
    index = graph_index(session)
    down = adjacency_walk(list(ci_ids), index.hurts, limit=limit).order
    up = adjacency_walk(list(ci_ids), index.hurt_by, limit=limit).order
    own = set(ci_ids)
    return [c for c in dict.fromkeys((*down, *up)) if c not in own]


class EdgeCollector:
    """An expand function over both directions that remembers each edge it crossed (for a drawn map)."""

    def __init__(self, session: Session, types: frozenset[str] | None) -> None:
        self.session = session
        self.types = tuple(sorted(types)) if types else ALL_TYPES
        self.with_parent = PARENT_TYPE in self.types
        # the types are known keys (or dropped), so they are written into the statement, not bound
        known = ", ".join(f"'{t}'" for t in self.types if t in ALL_TYPES) or "''"
        self.incoming = INCOMING + _TYPES.format(known)
        self.outgoing = OUTGOING + _TYPES.format(known)
        self.edges: dict[str, tuple[str, str, str]] = {}  # id -> (source, target, type)

    def __call__(self, frontier: list[str]) -> Iterable[tuple[str, str, str | None]]:
        s = self.session
        for here, there, rid, type_ in each(s, self.outgoing, frontier):
            self.edges[rid] = (here, there, type_)
            yield here, there, rid
        for here, there, rid, type_ in each(s, self.incoming, frontier):
            self.edges[rid] = (there, here, type_)
            yield here, there, rid
        if self.with_parent:
            for parent, child in each(s, CHILDREN, frontier):
                self.edges[PARENT_PREFIX + child] = (child, parent, PARENT_TYPE)
                yield parent, child, PARENT_PREFIX + child
            for child, parent in each(s, PARENTS, frontier):
                self.edges[PARENT_PREFIX + child] = (child, parent, PARENT_TYPE)
                yield child, parent, PARENT_PREFIX + child


__all__ = ["EdgeCollector", "Expand", "GraphIndex", "graph_index", "impact_walk", "related_cis"]
