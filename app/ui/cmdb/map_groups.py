"""Folding a hub's many leaf neighbours of one class into one group node ("94 × Workstation"), so a map around
a CI that a hundred devices depend on stays readable; a group opens on double-click."""
# Only leaves fold (CIs with no other visible relation), grouped by hub, class, relation type and direction:
# folding never hides a path between two CIs that are both drawn.

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from app.cmdb.records import GraphEdge, GraphNode

GROUP_MIN = 8  # leaves of one kind on one hub before they fold
GROUP_PREFIX = "group:"


@dataclass(frozen=True)
class Folded:
    nodes: dict[str, GraphNode]  # what is drawn: CIs and group nodes
    edges: list[GraphEdge]
    groups: dict[str, tuple[str, ...]]  # group node id -> the CI ids folded into it


def fold_leaves(centre_id: str, nodes: Mapping[str, GraphNode], edges: Sequence[GraphEdge],
                open_groups: Collection[str], name_for: Callable[[int, str], str],
                minimum: int = GROUP_MIN) -> Folded:
    """`nodes` and `edges` with each hub's leaves of one class, relation type and direction folded into one
    group node, unless its id is in `open_groups`. A group node carries the members' summed open incidents,
    their most critical criticality and their most common status."""
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e.source_id] += 1
        degree[e.target_id] += 1
    buckets: dict[tuple[str, str, str, bool], list[tuple[str, GraphEdge]]] = {}
    for e in edges:
        for leaf, hub, leaf_is_source in ((e.source_id, e.target_id, True), (e.target_id, e.source_id, False)):
            if leaf != centre_id and degree[leaf] == 1 and leaf in nodes and hub in nodes:
                buckets.setdefault((hub, nodes[leaf].ci_class, e.type, leaf_is_source), []).append((leaf, e))
                break
    shown = dict(nodes)
    folded_edges: set[str] = set()
    extra: list[GraphEdge] = []
    groups: dict[str, tuple[str, ...]] = {}
    for (hub, ci_class, relation_type, leaf_is_source), members in sorted(buckets.items()):
        gid = f"{GROUP_PREFIX}{hub}:{ci_class}:{relation_type}:{'out' if leaf_is_source else 'in'}"
        if len(members) < minimum or gid in open_groups:
            continue
        ids = tuple(sorted(leaf for leaf, _ in members))
        rows = [nodes[i] for i in ids]
        status = Counter(r.status for r in rows).most_common(1)[0][0]
        shown[gid] = GraphNode(gid, name_for(len(ids), ci_class), ci_class, status, min(r.criticality for r in rows),
                               sum(r.open_incidents for r in rows))
        for leaf, edge in members:
            shown.pop(leaf, None)
            folded_edges.add(edge.id)
        extra.append(GraphEdge("edge-" + gid, gid if leaf_is_source else hub, hub if leaf_is_source else gid,
                               relation_type))
        groups[gid] = ids
    return Folded(shown, [e for e in edges if e.id not in folded_edges] + extra, groups)
