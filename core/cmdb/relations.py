"""Relation types between CIs, with a label for each direction, and which way an outage travels along them."""
# A relation is stored once, source -> target, and read from both ends: "App depends on DB" is "DB used by
# App" seen from the database. Impact (core.cmdb.traversal) follows the direction in which a failure spreads:
# for depends on, runs on and connects to a failed target hurts the source; for member of cluster a failed
# member degrades the cluster (the source hurts the target). A CI's legacy `parent_id` is read as "runs on
# the parent" everywhere a graph is walked (PARENT_TYPE), so CIs imported with parents keep their meaning.

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelationType:
    key: str
    outgoing_label: str   # seen from the source
    incoming_label: str   # seen from the target
    impact_upstream: bool  # True: a failed target affects the source


RELATION_TYPES: tuple[RelationType, ...] = (
    RelationType("depends_on", "depends on", "used by", True),
    RelationType("runs_on", "runs on", "hosts", True),
    RelationType("connects_to", "connects to", "connected from", True),
    RelationType("member_of", "member of cluster", "cluster of", False),
)
BY_KEY = {t.key: t for t in RELATION_TYPES}
PARENT_TYPE = "runs_on"
PARENT_PREFIX = "parent:"  # the relation id a parent_id is shown under: "parent:<child id>"

# For impact: the types whose source is hurt when the target fails, and those whose target is hurt.
UPSTREAM_TYPES = tuple(t.key for t in RELATION_TYPES if t.impact_upstream)
DOWNSTREAM_TYPES = tuple(t.key for t in RELATION_TYPES if not t.impact_upstream)


def label(type_key: str, *, outgoing: bool) -> str:
    t = BY_KEY.get(type_key)
    if t is None:
        return type_key.replace("_", " ")
    return t.outgoing_label if outgoing else t.incoming_label
