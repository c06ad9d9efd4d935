"""The relation map's read again after a change: the centre's neighbourhood and those of the nodes the user
expanded, in one task, merged into one graph (named CMDB queries only; no Qt, no SQL of its own)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.cmdb import queries as cmdb_queries
from app.cmdb.records import CiGraph, GraphEdge, GraphNode

EXPANDED_LIMIT = 20  # expanded nodes read again; beyond that the oldest expansions are let go


def map_graph(session: Session, *, centre_id: str, depth: int, expanded: Sequence[str], limit: int) -> CiGraph:
    """What the map shows now: the neighbourhood of `centre_id` to `depth` hops, plus one hop around each of
    `expanded` (the most recent EXPANDED_LIMIT) that still exists. Runs on a read connection."""
    graph = cmdb_queries.neighbourhood(session, ci_id=centre_id, depth=depth, limit=limit)
    nodes: dict[str, GraphNode] = {n.id: n for n in graph.nodes}
    edges: dict[str, GraphEdge] = {e.id: e for e in graph.edges}
    truncated = graph.truncated
    for ci_id in list(expanded)[-EXPANDED_LIMIT:]:
        if ci_id not in nodes:
            continue  # gone, or no longer related to what is drawn
        more = cmdb_queries.neighbourhood(session, ci_id=ci_id, depth=1, limit=limit)
        for node in more.nodes:
            nodes.setdefault(node.id, node)
        edges.update((e.id, e) for e in more.edges)
        truncated = truncated or more.truncated
    return CiGraph(centre_id, tuple(nodes.values()), tuple(edges.values()), truncated)
