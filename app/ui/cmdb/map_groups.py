"""Folding many CIs of one class that hang off the same CI in the same way (the hundred workstations that depend
on the mail service) into one group node ("94 × Workstation"), so the map around a busy CI stays readable; a
group opens on double-click."""
# Siblings: CIs one hop further from the centre than the CI that reaches them (their parent in the walk), of one
# class, related to that parent by one relation type in one direction. The group's other relations are the union
# of its members' (one edge per other CI, type and direction): it reads "some of these connect to sw-01".

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from app.cmdb.records import GraphEdge, GraphNode
from app.ui.cmdb.map_layout import hop_distances

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
    """`nodes` and `edges` with each set of at least `minimum` siblings (see above) folded into one group node,
    unless its id is in `open_groups`. A group node carries the members' summed open incidents, their most
    critical criticality and their most common status."""
    edges = [e for e in edges if e.source_id in nodes and e.target_id in nodes]
    hops = hop_distances(centre_id, nodes, [(e.source_id, e.target_id) for e in edges])
    parent: dict[str, tuple[str, str, bool]] = {}  # CI -> (parent, relation type, the CI is the source)
    for e in sorted(edges, key=lambda e: e.id):
        for child, other, child_is_source in ((e.source_id, e.target_id, True), (e.target_id, e.source_id, False)):
            if child in hops and other in hops and hops[child] == hops[other] + 1 and child not in parent:
                parent[child] = (other, e.type, child_is_source)
    buckets: dict[tuple[str, str, str, bool], list[str]] = {}
    for child, (other, relation_type, child_is_source) in parent.items():
        buckets.setdefault((other, nodes[child].ci_class, relation_type, child_is_source), []).append(child)
    shown = dict(nodes)
    rep: dict[str, str] = {}  # a folded CI -> its group node
    groups: dict[str, tuple[str, ...]] = {}
    for (_hub, ci_class, _type, _direction), members in sorted(buckets.items(), key=lambda kv: (-len(kv[1]),
                                                                                                min(kv[1]))):
        ids = tuple(sorted(m for m in members if m not in rep))
        if len(ids) < minimum:
            continue
        gid = f"{GROUP_PREFIX}{ci_class}:{ids[0]}"
        if gid in open_groups:
            continue
        rows = [nodes[i] for i in ids]
        status = Counter(r.status for r in rows).most_common(1)[0][0]
        shown[gid] = GraphNode(gid, name_for(len(ids), ci_class), ci_class, status, min(r.criticality for r in rows),
                               sum(r.open_incidents for r in rows))
        for ci_id in ids:
            shown.pop(ci_id)
            rep[ci_id] = gid
        groups[gid] = ids
    if not groups:
        return Folded(shown, list(edges), groups)
    out: list[GraphEdge] = []
    seen: set[tuple[str, str, str]] = set()
    for e in edges:
        source, target = rep.get(e.source_id, e.source_id), rep.get(e.target_id, e.target_id)
        if source == target or (source, target, e.type) in seen:
            continue
        seen.add((source, target, e.type))
        folded = source != e.source_id or target != e.target_id
        out.append(GraphEdge(f"edge-{source}-{target}-{e.type}", source, target, e.type) if folded else e)
    return Folded(shown, out, groups)
