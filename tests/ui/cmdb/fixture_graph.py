"""A hand-built relation graph for the map's widget tests: a service on two apps, their hosts and a database."""

from __future__ import annotations

from app.cmdb.records import CiGraph, GraphEdge, GraphNode


def Node(*args) -> GraphNode:  # noqa: N802 - reads like the record it makes
    return GraphNode(*args)


def Edge(*args) -> GraphEdge:  # noqa: N802
    return GraphEdge(*args)


def Graph(centre_id: str, nodes: tuple, edges: tuple, truncated: bool = False) -> CiGraph:  # noqa: N802
    return CiGraph(centre_id, nodes, edges, truncated)


NODES = {
    "svc": Node("svc", "Payroll service", "business_service", "operational", 1, 2),
    "app1": Node("app1", "Payroll web", "application", "operational", 1, 1),
    "app2": Node("app2", "Payroll batch", "application", "maintenance", 2, 0),
    "srv1": Node("srv1", "srv-web-01", "server", "operational", 2, 0),
    "srv2": Node("srv2", "srv-batch-01", "server", "degraded", 3, 3),
    "db": Node("db", "payroll-db", "database", "operational", 1, 0),
    "san": Node("san", "san-01", "storage", "operational", 2, 0),
}
EDGES = (
    Edge("e1", "svc", "app1", "depends_on"),
    Edge("e2", "svc", "app2", "depends_on"),
    Edge("e3", "app1", "srv1", "runs_on"),
    Edge("e4", "app2", "srv2", "runs_on"),
    Edge("e5", "app1", "db", "depends_on"),
    Edge("e6", "app2", "db", "depends_on"),
    Edge("e7", "db", "san", "connected_to"),
)


def graph_around(centre: str, ids: set[str] | None = None) -> CiGraph:
    """The fixture's nodes in `ids` (all by default) and the edges between them."""
    ids = set(NODES) if ids is None else ids
    return Graph(centre, tuple(NODES[i] for i in sorted(ids)),
                 tuple(e for e in EDGES if e.source_id in ids and e.target_id in ids))


def big_graph(count: int = 200) -> CiGraph:
    """A tree-ish graph of `count` nodes with some cross links, like a data centre's neighbourhood."""
    nodes = [Node(f"n{i}", f"ci-{i:03d}", ("server", "application", "database")[i % 3],
                  ("operational", "degraded", "maintenance")[i % 3], 1 + i % 4, i % 5) for i in range(count)]
    edges = [Edge(f"t{i}", f"n{(i - 1) // 4}", f"n{i}", ("depends_on", "runs_on")[i % 2]) for i in range(1, count)]
    edges += [Edge(f"x{i}", f"n{i}", f"n{(i * 7) % count}", "connected_to") for i in range(5, count, 9)]
    return Graph("n0", tuple(nodes), tuple(edges))


def hub_graph(leaves: int = 10) -> CiGraph:
    """The fixture plus `leaves` workstations that depend on the web app (a hub), one of them with incidents."""
    base = graph_around("svc")
    extra = tuple(Node(f"ws{i}", f"ws-{i:02d}", "workstation", "active", 4, 2 if i == 3 else 0)
                  for i in range(leaves))
    links = tuple(Edge(f"w{i}", f"ws{i}", "app1", "depends_on") for i in range(leaves))
    return Graph("svc", base.nodes + extra, base.edges + links)
