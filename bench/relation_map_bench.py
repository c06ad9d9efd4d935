"""Relation map figures for a 200-node neighbourhood: layout, scene build, and the first paint of the map
fitted into a 1280x720 view (offscreen, rendered into a QImage); goal: layout + build + first paint <= 100 ms.
Prints a table and the load average, records it in docs/PERFORMANCE.md; never asserts."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

from bench.measure import busy, load_average, load_text, pct
from bench.report import record

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_MS = 100.0
CLASSES = ("server", "application", "database", "network_device", "storage", "business_service")
STATUSES = ("operational", "operational", "operational", "degraded", "maintenance", "planned")
TYPES = ("depends_on", "runs_on", "connected_to", "hosted_on")


def graph(nodes: int, seed: int = 7):
    """A neighbourhood as the query hands it over: a tree from the centre (fan-out 2 to 6) plus cross links
    (about one in five nodes), so rings, crossings and labels are all there."""
    from app.cmdb.records import CiGraph, GraphEdge, GraphNode

    rnd = random.Random(seed)
    out = [GraphNode(id=f"ci{i}", name=f"{CLASSES[i % 6][:3]}-{i:04d}.example.net", ci_class=CLASSES[i % 6],
                     status=rnd.choice(STATUSES), criticality=rnd.randint(1, 4),
                     open_incidents=rnd.choice((0, 0, 0, 0, 1, 2, 5))) for i in range(nodes)]
    edges, parent, children = [], 0, 0
    for i in range(1, nodes):
        edges.append(GraphEdge(id=f"t{i}", source_id=f"ci{parent}", target_id=f"ci{i}", type=rnd.choice(TYPES)))
        children += 1
        if children >= rnd.randint(2, 6):
            parent, children = parent + 1, 0
    for i in range(nodes // 5):
        a, b = rnd.randrange(nodes), rnd.randrange(nodes)
        if a != b:
            edges.append(GraphEdge(id=f"x{i}", source_id=f"ci{a}", target_id=f"ci{b}", type=rnd.choice(TYPES)))
    return CiGraph(centre_id="ci0", nodes=tuple(out), edges=tuple(edges), truncated=False)


def measure(nodes: int, repeats: int) -> dict[str, list[float]]:
    import shiboken6
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from app.ui.cmdb.map_layout import radial_layout
    from app.ui.cmdb.map_scene import RelationScene
    from app.ui.cmdb.map_view import RelationMapView

    app = QApplication.instance() or QApplication([])
    g = graph(nodes)
    links = [(e.source_id, e.target_id) for e in g.edges]
    ids = [n.id for n in g.nodes]
    res: dict[str, list[float]] = {key: [] for key in ("layout", "build", "paint", "total", "repaint", "paint_1to1")}
    image = QImage(1280, 720, QImage.Format.Format_ARGB32_Premultiplied)
    for _ in range(repeats + 2):  # the first two warm Qt's own caches (fonts, glyphs) and are dropped
        # A new scene and view each time: the map's own caches (elided names, pens) start cold, as for the
        # first map of a CI.
        scene = RelationScene(app.font())
        view = RelationMapView(scene)
        view.resize(1280, 720)
        t0 = time.perf_counter()
        radial_layout("ci0", ids, links, sort_key=lambda i: (i,))
        t1 = time.perf_counter()
        scene.show_graph(g)
        view.fit()
        t2 = time.perf_counter()
        painter = QPainter(image)
        view.render(painter)
        painter.end()
        t3 = time.perf_counter()
        painter = QPainter(image)
        view.render(painter)
        painter.end()
        t4 = time.perf_counter()
        view.set_zoom(1.0)  # readable size: names, classes, edge labels all drawn
        view.centerOn(0, 0)
        t5 = time.perf_counter()
        painter = QPainter(image)
        view.render(painter)
        painter.end()
        t6 = time.perf_counter()
        shiboken6.delete(view)  # no event loop runs here to honour a deleteLater
        shiboken6.delete(scene)
        for key, value in (("layout", t1 - t0), ("build", t2 - t1), ("paint", t3 - t2), ("total", t3 - t1),
                           ("repaint", t4 - t3), ("paint_1to1", t6 - t5)):
            res[key].append(value * 1000)
    for values in res.values():
        del values[:2]
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--no-record", action="store_true", help="print only; leave docs/PERFORMANCE.md alone")
    args = parser.parse_args(argv)
    before = load_average()
    res = measure(args.nodes, args.repeats)
    after = load_average()

    mark = "*" if busy(before) or busy(after) else ""  # taken with more runnable work than cores

    def row(name: str, key: str, goal: float | None) -> str:
        p50, p95 = statistics.median(res[key]), pct(res[key], 0.95)
        verdict = "" if goal is None else f"<= {goal:.0f} ms: {'met' if p95 <= goal else 'MISSED'}"
        return f"| {name} | {p50:.1f}{mark} | {p95:.1f}{mark} | {len(res[key])} | {verdict} |"

    lines = ["| Measure | p50 ms | p95 ms | samples | goal (p95) |", "|---|---|---|---|---|",
             row("Layout alone (radial rings by hop)", "layout", None),
             row("Scene built: layout, node and edge items, fit", "build", None),
             row("First paint of the fitted map (1280x720)", "paint", None),
             row(f"Map of {args.nodes} nodes on screen: build + first paint", "total", GOAL_MS),
             row("Repaint (pan, zoom, selection)", "repaint", None),
             row("Paint at 1:1 around the centre (texts and edge labels drawn)", "paint_1to1", None)]
    print("\n".join(lines))
    print(f"load average before: {load_text(before)}; after: {load_text(after)}")
    if not args.no_record:
        record("relation_map", f"Relation map ({args.nodes} nodes)", lines,
               f"`python -m bench.relation_map_bench`: a {args.nodes}-node neighbourhood (tree plus cross links, "
               "four relation types), a new scene and view each run (cold caches), painted offscreen into a QImage, "
               f"{args.repeats} runs after two warm-ups. Load average before {load_text(before)}, "
               f"after {load_text(after)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
