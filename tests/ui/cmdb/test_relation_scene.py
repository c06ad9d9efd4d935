"""The relation map's scene and view on hand-built graphs: layout, type filter, colours, zoom, expand, export."""

import math
import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.ui.cmdb.map_items import NODE_H, NODE_W
from app.ui.cmdb.map_layout import hop_distances, radial_layout
from app.ui.cmdb.map_scene import CRITICALITY, RelationScene
from app.ui.cmdb.map_style import criticality_colour, status_colour
from app.ui.cmdb.map_view import RelationMapView
from tests.ui.cmdb.fixture_graph import big_graph, graph_around


def make_view(qtbot, graph):
    view = RelationMapView(RelationScene(qtbot_font(qtbot)))
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.map_scene.show_graph(graph)
    return view


def qtbot_font(_qtbot):
    from PySide6.QtWidgets import QApplication
    return QApplication.font()


def test_layout_puts_every_reachable_node_on_its_ring_without_overlaps():
    graph = big_graph(200)
    links = [(e.source_id, e.target_id) for e in graph.edges]
    ids = [n.id for n in graph.nodes]
    first = radial_layout("n0", ids, links, sort_key=lambda i: (i,))
    again = radial_layout("n0", list(reversed(ids)), links, sort_key=lambda i: (i,))
    assert first == again  # deterministic, whatever order the rows came in
    assert len(first) == 200 and first["n0"] == (0.0, 0.0)
    hops = hop_distances("n0", ids, links)
    radius = {i: math.hypot(*first[i]) for i in ids}
    for a in ids:  # farther hops sit on farther rings
        for b in ids[:40]:
            if hops[a] > hops[b]:
                assert radius[a] > radius[b]
    points = list(first.values())
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1:]:
            assert abs(x1 - x2) >= NODE_W or abs(y1 - y2) >= NODE_H, "two cards overlap"


def test_unreachable_nodes_get_no_position():
    positions = radial_layout("a", ["a", "b", "c"], [("a", "b")], sort_key=lambda i: (i,))
    assert set(positions) == {"a", "b"}


def test_type_filter_hides_edges_and_what_only_they_reach(qtbot):
    view = make_view(qtbot, graph_around("svc"))
    scene = view.map_scene
    assert set(scene.node_items) == {"svc", "app1", "app2", "srv1", "srv2", "db", "san"}
    assert scene.types_present() == ["depends_on", "runs_on", "connected_to"]
    scene.set_hidden_types({"runs_on"})
    assert set(scene.node_items) == {"svc", "app1", "app2", "db", "san"}
    assert {e.edge_id for e in scene.edge_items.values()} == {"e1", "e2", "e5", "e6", "e7"}
    assert scene.hidden_count() == 2
    scene.set_hidden_types(set())
    assert len(scene.node_items) == 7 and scene.hidden_count() == 0


def test_merge_adds_neighbours_and_keeps_selection(qtbot):
    view = make_view(qtbot, graph_around("svc", {"svc", "app1", "app2"}))
    scene = view.map_scene
    scene.select_node("app1")
    new = scene.merge_graph(graph_around("app1", {"app1", "srv1", "db", "svc"}))
    assert new == 2
    assert {"srv1", "db"} <= set(scene.node_items)
    assert scene.selected_ids() == ["app1"]
    assert scene.centre_id == "svc"


def test_colour_by_criticality_repaints_the_bands(qtbot):
    view = make_view(qtbot, graph_around("svc"))
    scene = view.map_scene
    item = scene.node_items["srv2"]
    assert item._band.name() == status_colour("degraded")
    scene.set_colour_mode(CRITICALITY)
    assert item._band.name() == criticality_colour(3)
    assert status_colour("degraded") != criticality_colour(3)


def test_zoom_and_fit(qtbot):
    view = make_view(qtbot, big_graph(200))
    view.show()
    qtbot.waitExposed(view)
    view.fit()
    fitted = view.zoom
    assert fitted < 1.0  # 200 cards do not fit at 1:1
    view.zoom_in()
    assert math.isclose(view.zoom, fitted * 1.25, rel_tol=1e-6)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom < fitted
    for _ in range(40):
        view.zoom_in()
    assert view.zoom == 4.0  # clamped
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # no shortcut on a bare view
    view.fit()
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    assert rect.contains(view.map_scene.itemsBoundingRect())


def test_double_click_on_a_node_asks_to_expand_it(qtbot):
    view = make_view(qtbot, graph_around("svc"))
    view.show()
    qtbot.waitExposed(view)
    view.fit()
    item = view.map_scene.node_items["db"]
    point = view.mapFromScene(item.scenePos())
    with qtbot.waitSignal(view.map_scene.node_activated) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["db"]


def test_export_png_and_svg_are_valid_files(qtbot, tmp_path):
    from app.ui.cmdb.map_export import export_png, export_svg
    view = make_view(qtbot, graph_around("svc"))
    scene = view.map_scene
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    assert export_png(scene, str(png))
    image = QImage(str(png))
    assert not image.isNull()
    source = scene.itemsBoundingRect().adjusted(-24, -24, 24, 24)
    assert abs(image.width() - source.width() * 2) <= 2
    on_card = image.pixelColor(int((70 - source.left()) * 2), int((21 - source.top()) * 2))  # the centre card
    assert on_card.name() == "#ffffff" != scene.backgroundBrush().color().name()
    assert export_svg(scene, str(svg), "Relation map of Payroll service")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    text = "".join(root.itertext())
    assert "Payroll service" in text and "payroll-db" in text


def test_export_to_an_unwritable_place_says_no(qtbot, tmp_path):
    from app.ui.cmdb.map_export import export_png, export_svg
    view = make_view(qtbot, graph_around("svc"))
    assert not export_png(view.map_scene, str(tmp_path / "missing" / "map.png"))
    assert not export_svg(view.map_scene, str(tmp_path / "missing" / "map.svg"), "x")


def test_a_hub_s_many_leaves_fold_into_a_group_that_opens(qtbot):
    from tests.ui.cmdb.fixture_graph import hub_graph
    view = make_view(qtbot, hub_graph(10))
    scene = view.map_scene
    groups = list(scene.groups)
    assert len(groups) == 1 and len(scene.groups[groups[0]]) == 10
    group = scene.node_items[groups[0]]
    assert group.is_group and group.name == "10 × Workstation" and group.open_incidents == 2
    assert not any(i.startswith("ws") for i in scene.node_items)
    assert scene.folded_count() == 10 and scene.hidden_count() == 0
    assert len(scene.node_items) == 8  # seven CIs and the group
    scene.open_group(groups[0])
    assert all(f"ws{i}" in scene.node_items for i in range(10))
    assert scene.folded_count() == 0


def test_few_leaves_stay_single(qtbot):
    from tests.ui.cmdb.fixture_graph import hub_graph
    view = make_view(qtbot, hub_graph(5))
    assert not view.map_scene.groups
    assert len(view.map_scene.node_items) == 12


def test_a_relation_and_its_reverse_draw_side_by_side(qtbot):
    from tests.ui.cmdb.fixture_graph import Edge, Graph, graph_around
    base = graph_around("svc")
    view = make_view(qtbot, Graph("svc", base.nodes, base.edges + (Edge("e8", "db", "app1", "depends_on"),)))
    items = view.map_scene.edge_items
    there, back = items["e5"], items["e8"]  # app1 -> db and db -> app1
    assert there.lane == -back.lane != 0
    assert there._line.center() != back._line.center()
    assert abs(there._line.center().x() - back._line.center().x()) + abs(
        there._line.center().y() - back._line.center().y()) > 5
    assert items["e1"].lane == 0


def test_keyboard_walks_the_nodes_and_enter_expands(qtbot):
    view = make_view(qtbot, graph_around("svc"))
    view.show()
    qtbot.waitExposed(view)
    scene = view.map_scene
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert scene.selected_ids() == ["app2"]  # "Payroll batch", first by name
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert scene.selected_ids() == ["svc"]
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert scene.selected_ids() == ["app2"]
    with qtbot.waitSignal(scene.node_activated) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == ["app2"]
