"""The relation map's scene: the graph it holds (merged from neighbourhood reads), its filter, colours and layout."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from app.ui.cmdb.map_groups import fold_leaves
from app.ui.cmdb.map_items import EdgeItem, MapStyle, NodeItem
from app.ui.cmdb.map_layout import radial_layout
from app.ui.cmdb.map_style import card_colours, class_text, criticality_colour, status_colour, type_colour

if TYPE_CHECKING:
    from app.cmdb.records import CiGraph, GraphEdge, GraphNode

STATUS, CRITICALITY = "status", "criticality"


def group_name(count: int, ci_class: str) -> str:
    return QCoreApplication.translate("RelationMap", "{0} × {1}").format(count, class_text(ci_class))


class RelationScene(QGraphicsScene):
    """Holds the nodes and edges read so far around `centre_id`. Edges of `hidden_types` are not drawn, and
    neither are the nodes they alone connected to the centre. Every change rebuilds the items (cheap: a
    200-node map builds in a few ms) and keeps the selection. GUI thread only."""

    node_activated = Signal(str)  # a node was double-clicked: the map expands it
    graph_changed = Signal()  # nodes, edges, the filter or the colours changed; items are rebuilt

    def __init__(self, font: QFont, parent=None) -> None:
        super().__init__(parent)
        self.item_font = QFont(font)
        self.centre_id: str | None = None
        self.nodes: dict[str, GraphNode] = {}
        self.edges: dict[str, GraphEdge] = {}
        self.type_order: list[str] = []  # relation types in the order met: their colours stay put
        self.type_labels: dict[str, str] = {}
        self.hidden_types: frozenset[str] = frozenset()
        self.colour_mode = STATUS
        self.dark = False
        self.truncated = False
        self.open_groups: set[str] = set()  # group nodes the user opened
        self.groups: dict[str, tuple[str, ...]] = {}  # group node id -> CI ids folded into it, as drawn
        self.shown: dict[str, GraphNode] = {}  # what is drawn: CIs and group nodes
        self._style: MapStyle | None = None  # remade when the theme changes
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[str, EdgeItem] = {}

    # ----- what it holds

    def show_graph(self, graph: CiGraph) -> None:
        """Replace everything with `graph` (a new centre)."""
        self.centre_id = graph.centre_id
        self.nodes, self.edges = {}, {}
        self.open_groups = set()
        self.truncated = False
        self.merge_graph(graph, rebuild=False)
        self.rebuild(keep_selection=False)

    def replace_graph(self, graph: CiGraph) -> None:
        """The same map read again (after a change): new nodes and edges, kept centre, opened groups and
        selection."""
        self.centre_id = graph.centre_id
        self.nodes, self.edges = {}, {}
        self.truncated = False
        self.merge_graph(graph)

    def merge_graph(self, graph: CiGraph, *, rebuild: bool = True) -> int:
        """Add what `graph` has that the map lacks (an expanded node's neighbours); newer node values win.
        Returns how many nodes were new."""
        new = sum(1 for n in graph.nodes if n.id not in self.nodes)
        for node in graph.nodes:
            self.nodes[node.id] = node
        for edge in graph.edges:
            self.edges[edge.id] = edge
            if edge.type not in self.type_order:
                self.type_order.append(edge.type)
        self.truncated = self.truncated or graph.truncated
        if rebuild:
            self.rebuild()
        return new

    def types_present(self) -> list[str]:
        present = {e.type for e in self.edges.values()}
        return [t for t in self.type_order if t in present]

    def type_colour(self, relation_type: str) -> str:
        index = self.type_order.index(relation_type) if relation_type in self.type_order else len(self.type_order)
        return type_colour(index)

    def type_label(self, relation_type: str) -> str:
        return self.type_labels.get(relation_type) or relation_type.replace("_", " ")

    def visible_edges(self) -> list[GraphEdge]:
        return [e for e in self.edges.values() if e.type not in self.hidden_types
                and e.source_id in self.nodes and e.target_id in self.nodes]

    # ----- how it shows

    def set_hidden_types(self, types: Iterable[str]) -> None:
        types = frozenset(types)
        if types != self.hidden_types:
            self.hidden_types = types
            self.rebuild()

    def set_colour_mode(self, mode: str) -> None:
        if mode != self.colour_mode:
            self.colour_mode = mode
            self._recolour()

    def set_dark(self, dark: bool) -> None:
        if dark != self.dark:
            self.dark = dark
            self.rebuild()

    def node_colour(self, node: GraphNode) -> str:
        return criticality_colour(node.criticality) if self.colour_mode == CRITICALITY else status_colour(node.status)

    def _recolour(self) -> None:
        style = self.map_style()
        for ci_id, item in self.node_items.items():
            item.set_colours(self.node_colour(self.shown[ci_id]), style)
        self.graph_changed.emit()

    def map_style(self) -> MapStyle:
        if self._style is None or self._style.colours != card_colours(self.dark):
            self._style = MapStyle(self.item_font, card_colours(self.dark))
        return self._style

    def selected_ids(self) -> list[str]:
        return [item.ci_id for item in self.selectedItems() if isinstance(item, NodeItem)]

    def select_node(self, ci_id: str) -> None:
        self.clearSelection()
        item = self.node_items.get(ci_id)
        if item is not None:
            item.setSelected(True)

    def rebuild(self, *, keep_selection: bool = True) -> None:
        """Lay out and (re)make every item from the held graph."""
        selected = set(self.selected_ids()) if keep_selection else set()
        self.clear()
        self.node_items, self.edge_items = {}, {}
        style = self.map_style()
        self.setBackgroundBrush(QBrush(QColor(style.colours.background)))
        if self.centre_id is None or self.centre_id not in self.nodes:
            self.graph_changed.emit()
            return
        folded = fold_leaves(self.centre_id, self.nodes, self.visible_edges(), self.open_groups, group_name)
        nodes, edges, self.groups, self.shown = folded.nodes, folded.edges, folded.groups, folded.nodes
        positions = radial_layout(self.centre_id, nodes, ((e.source_id, e.target_id) for e in edges),
                                  sort_key=lambda ci_id: (nodes[ci_id].ci_class, nodes[ci_id].name.lower(), ci_id))
        for ci_id, (x, y) in positions.items():
            node = nodes[ci_id]
            item = NodeItem(ci_id, node.name, class_text(node.ci_class), node.open_incidents,
                            centre=ci_id == self.centre_id, colour=self.node_colour(node), style=style,
                            group=ci_id in self.groups)
            if ci_id in self.groups:
                item.setToolTip(QCoreApplication.translate("RelationMap", "{0}\nDouble-click to show them one by one")
                                .format(node.name))
            item.setPos(QPointF(x, y))
            self.addItem(item)
            self.node_items[ci_id] = item
            if ci_id in selected:
                item.setSelected(True)
        pairs: dict[frozenset[str], list[str]] = {}
        for edge in edges:
            pairs.setdefault(frozenset((edge.source_id, edge.target_id)), []).append(edge.id)
        for edge in edges:
            source, target = self.node_items.get(edge.source_id), self.node_items.get(edge.target_id)
            if source is None or target is None:
                continue
            siblings = pairs[frozenset((edge.source_id, edge.target_id))]
            lane = 2 * siblings.index(edge.id) - (len(siblings) - 1)  # ..., -1, 1, ... or -2, 0, 2, ...
            line = EdgeItem(edge.id, source, target, self.type_label(edge.type), self.type_colour(edge.type),
                            style, lane)
            self.addItem(line)
            self.edge_items[edge.id] = line
        rect = self.itemsBoundingRect().adjusted(-80, -80, 80, 80)
        self.setSceneRect(rect)
        self.graph_changed.emit()

    def hidden_count(self) -> int:
        """CIs held but not drawn: only hidden relation types link them to the centre."""
        drawn = sum(1 for i in self.node_items if i not in self.groups)
        return len(self.nodes) - drawn - self.folded_count()

    def folded_count(self) -> int:
        """CIs drawn inside group nodes."""
        return sum(len(self.groups[g]) for g in self.node_items if g in self.groups)

    def open_group(self, group_id: str) -> None:
        """Draw a group node's CIs one by one."""
        if group_id in self.groups:
            self.open_groups.add(group_id)
            self.rebuild()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt override
        for item in self.items(event.scenePos()):
            if isinstance(item, NodeItem):
                self.node_activated.emit(item.ci_id)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)
