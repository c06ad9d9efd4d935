"""The CI graph as stored: expand functions for core.cmdb.traversal, one indexed query per level and direction."""
# A level of a walk asks for the whole frontier at once (chunks of CHUNK ids), so a walk costs a few queries
# per level rather than one per CI. Relations come from `ci_relation` (ix_ci_relation_source_type and
# ix_ci_relation_target_type) and from the legacy `parent_id` read as "child runs on parent"
# (ix_configuration_item_parent_id). Runs on the caller's session (a runner task); nothing is cached.

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from core.cmdb.relations import DOWNSTREAM_TYPES, PARENT_PREFIX, PARENT_TYPE, RELATION_TYPES, UPSTREAM_TYPES
from core.cmdb.traversal import Expand, Walk, walk

CHUNK = 500
IMPACT_LIMIT = 20_000  # CIs an impact walk may reach before it stops and says so

_IN = (bindparam("ids", expanding=True), bindparam("types", expanding=True))
INCOMING = text("SELECT target_id, source_id, id, type FROM ci_relation WHERE target_id IN :ids "
                "AND type IN :types").bindparams(*_IN)
OUTGOING = text("SELECT source_id, target_id, id, type FROM ci_relation WHERE source_id IN :ids "
                "AND type IN :types").bindparams(*_IN)
CHILDREN = text("SELECT parent_id, id FROM configuration_item WHERE parent_id IN :ids").bindparams(_IN[0])
PARENTS = text("SELECT id, parent_id FROM configuration_item WHERE id IN :ids AND parent_id IS NOT NULL"
               ).bindparams(_IN[0])
ALL_TYPES = tuple(t.key for t in RELATION_TYPES)


def _chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start:start + CHUNK])


def _rows(session: Session, stmt, ids: Sequence[str], types: Sequence[str] | None = None) -> Iterator[tuple]:
    for chunk in _chunks(ids):
        params: dict = {"ids": chunk}
        if types is not None:
            params["types"] = list(types)
        yield from session.execute(stmt, params)


def impact_expand(session: Session) -> Expand:
    """The direction an outage spreads (core.cmdb.relations): to sources of upstream types, to targets of
    member-of, and from a parent to its children."""
    def expand(frontier: list[str]) -> Iterable[tuple[str, str, str | None]]:
        for here, there, rid, _type in _rows(session, INCOMING, frontier, UPSTREAM_TYPES):
            yield here, there, rid
        for here, there, rid, _type in _rows(session, OUTGOING, frontier, DOWNSTREAM_TYPES):
            yield here, there, rid
        for parent, child in _rows(session, CHILDREN, frontier):
            yield parent, child, PARENT_PREFIX + child
    return expand


def upstream_expand(session: Session) -> Expand:
    """The reverse of impact_expand: from a CI to what it depends on, runs on, its cluster's members, its parent."""
    def expand(frontier: list[str]) -> Iterable[tuple[str, str, str | None]]:
        for here, there, rid, _type in _rows(session, OUTGOING, frontier, UPSTREAM_TYPES):
            yield here, there, rid
        for here, there, rid, _type in _rows(session, INCOMING, frontier, DOWNSTREAM_TYPES):
            yield here, there, rid
        for child, parent in _rows(session, PARENTS, frontier):
            yield child, parent, PARENT_PREFIX + child
    return expand


def related_cis(session: Session, ci_ids: Sequence[str], *, limit: int = 2_000) -> list[str]:
    """The CIs `ci_ids` depend on and those depending on them, transitively (each walk bounded by `limit`),
    `ci_ids` excluded: every CI whose change can conflict with a change on these."""
    down = walk(list(ci_ids), impact_expand(session), limit=limit).order
    up = walk(list(ci_ids), upstream_expand(session), limit=limit).order
    own = set(ci_ids)
    return [c for c in dict.fromkeys((*down, *up)) if c not in own]


def impact_walk(session: Session, starts: str | Sequence[str], *, limit: int = IMPACT_LIMIT) -> Walk:
    """Every CI an outage of `starts` reaches, cycle-safe, starts first."""
    return walk(starts, impact_expand(session), limit=limit)


class EdgeCollector:
    """An expand function over both directions that remembers each edge it crossed (for a drawn map)."""

    def __init__(self, session: Session, types: frozenset[str] | None) -> None:
        self.session = session
        self.types = tuple(sorted(types)) if types else ALL_TYPES
        self.with_parent = PARENT_TYPE in self.types
        self.edges: dict[str, tuple[str, str, str]] = {}  # id -> (source, target, type)

    def __call__(self, frontier: list[str]) -> Iterable[tuple[str, str, str | None]]:
        s = self.session
        for here, there, rid, type_ in _rows(s, OUTGOING, frontier, self.types):
            self.edges[rid] = (here, there, type_)
            yield here, there, rid
        for here, there, rid, type_ in _rows(s, INCOMING, frontier, self.types):
            self.edges[rid] = (there, here, type_)
            yield here, there, rid
        if self.with_parent:
            for parent, child in _rows(s, CHILDREN, frontier):
                self.edges[PARENT_PREFIX + child] = (child, parent, PARENT_TYPE)
                yield parent, child, PARENT_PREFIX + child
            for child, parent in _rows(s, PARENTS, frontier):
                self.edges[PARENT_PREFIX + child] = (child, parent, PARENT_TYPE)
                yield child, parent, PARENT_PREFIX + child


def hurt_by_map(session: Session) -> dict[str, tuple[str, ...]]:
    """{ci id: the CIs whose outage hurts it directly} over every relation (parents aside: CiRef has them),
    for the change conflict index (app.changes.conflicts). One scan of ci_relation."""
    out: dict[str, list[str]] = {}
    for source, target, type_ in session.execute(text("SELECT source_id, target_id, type FROM ci_relation")):
        if type_ in UPSTREAM_TYPES:
            out.setdefault(source, []).append(target)
        elif type_ in DOWNSTREAM_TYPES:
            out.setdefault(target, []).append(source)
    return {k: tuple(v) for k, v in out.items()}
