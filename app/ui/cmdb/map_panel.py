"""The relation map with its controls: depth, relation-type filter, colour by status or criticality, legend,
expand, zoom, and export as PNG or SVG."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.cmdb import queries as cmdb_queries
from app.cmdb.records import CiGraph
from app.ui.cmdb import map_reads
from app.ui.cmdb.map_export import export_png, export_svg
from app.ui.cmdb.map_scene import CRITICALITY, STATUS, RelationScene
from app.ui.cmdb.map_style import card_colours, criticality_colour, criticality_label, status_colour, status_label
from app.ui.cmdb.map_view import RelationMapView
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.theme import is_dark
from app.ui.widgets.inline_error import InlineError

FIRST_ZOOM = 0.7  # the least zoom a new map opens at: names still readable
MAP_LIMIT = 200  # nodes per neighbourhood read; the bench paints this many within 100 ms


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class RelationMapPanel(QWidget):
    """Reads `cmdb_queries.neighbourhood` through the runner: `show_ci` starts a map around a CI, double-click
    or Expand adds a node's neighbours to it. Type filter and colours act on what is held, without a read.
    GUI thread only."""

    map_shown = Signal(str)  # the map around this CI is on screen
    expanded = Signal(str, int)  # a node's neighbours were merged in: (ci id, how many nodes were new)
    open_requested = Signal(str)  # the user wants this CI's record
    exported = Signal(str)  # a file was written

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._type_boxes: dict[str, QCheckBox] = {}
        self._expanded: list[str] = []  # nodes expanded on this map, oldest first: a refresh reads them again
        self.scene = RelationScene(self.font(), self)
        self.scene.set_dark(is_dark())
        self.scene.node_activated.connect(self.expand)
        self.scene.selectionChanged.connect(self._update_buttons)
        self.scene.graph_changed.connect(self._on_scene_graph_changed)
        self.view = RelationMapView(self.scene, self)
        self.view.node_menu_requested.connect(self._on_view_node_menu_requested)
        self._build()
        self._update_buttons()

    def _build(self) -> None:
        self.title = QLabel(self.tr("No CI on the map"), self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.hops = QSpinBox(self)
        self.hops.setRange(1, 4)
        self.hops.setValue(2)
        self.hops.setPrefix(self.tr("Hops: "))
        self.hops.setToolTip(self.tr("How many relations away from the CI the map reaches"))
        self.hops.valueChanged.connect(self.reload)
        self.colour_by = QComboBox(self)
        self.colour_by.setAccessibleName(self.tr("Colour by"))
        self.colour_by.addItem(self.tr("Colour by status"), STATUS)
        self.colour_by.addItem(self.tr("Colour by criticality"), CRITICALITY)
        self.colour_by.currentIndexChanged.connect(self._on_colour_by_changed)
        self.expand_button = QPushButton(self.tr("E&xpand"), self)
        self.expand_button.setToolTip(self.tr("Add the selected CI's neighbours to the map (or double-click it)"))
        self.expand_button.clicked.connect(self._on_expand_clicked)
        self.recentre_button = QPushButton(self.tr("&Centre here"), self)
        self.recentre_button.setToolTip(self.tr("Draw the map again around the selected CI"))
        self.recentre_button.clicked.connect(self._on_recentre_clicked)
        self.open_button = QPushButton(self.tr("&Open CI"), self)
        self.open_button.clicked.connect(self._on_open_clicked)
        zoom_out = self._tool("−", self.tr("Zoom out (Ctrl+-)"), self.view.zoom_out)
        zoom_in = self._tool("+", self.tr("Zoom in (Ctrl+=)"), self.view.zoom_in)
        fit = self._tool(self.tr("Fit"), self.tr("Show the whole map (Ctrl+0)"), self.view.fit)
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        png = QAction(self.tr("As PNG image…"), menu)
        png.triggered.connect(lambda: self._ask_export("png"))
        svg = QAction(self.tr("As SVG drawing…"), menu)
        svg.triggered.connect(lambda: self._ask_export("svg"))
        menu.addActions([png, svg])
        self.export_button.setMenu(menu)
        for keys, slot in (("Ctrl+=", self.view.zoom_in), ("Ctrl++", self.view.zoom_in),
                           ("Ctrl+-", self.view.zoom_out), ("Ctrl+0", self.view.fit)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        for widget in (self.hops, self.colour_by, self.expand_button, self.recentre_button, self.open_button,
                       zoom_out, zoom_in, fit, self.export_button):
            bar.addWidget(widget)
        self.types_row = QHBoxLayout()
        self.types_row.addWidget(QLabel(self.tr("Relations:"), self))
        self.types_row.addStretch(1)
        help_line = QLabel(self.tr("Drag to pan · wheel to zoom · double-click or Enter expands · N / P step through"),
                      self)
        help_line.setEnabled(False)  # a muted line of help
        self.types_row.addWidget(help_line)
        self.legend_row = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.error = InlineError(self)
        below = QHBoxLayout()
        below.addLayout(self.legend_row)
        below.addStretch(1)
        below.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(self.types_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(below)
        layout.addWidget(self.error)

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:  # the theme switched: the canvas follows
            self.scene.set_dark(is_dark())
        super().changeEvent(event)

    # ----- reading

    @property
    def centre_id(self) -> str | None:
        return self.scene.centre_id

    def show_ci(self, ci_id: str) -> None:
        """Draw the map around `ci_id`, as far as the hop count reaches."""
        self.error.clear_message()
        self._expanded = []
        self._ctx.runner.query(cmdb_queries.neighbourhood, ci_id=ci_id, depth=self.hops.value(), limit=MAP_LIMIT,
                               slot=("ci-map", id(self)), on_done=self._on_graph_loaded, on_error=self._on_failed,
                               owner=self, label="relation map")

    def reload(self) -> None:
        if self.scene.centre_id is not None:
            self.show_ci(self.scene.centre_id)

    def refresh(self) -> None:
        """Read the map again as it stands (after a change): the same centre, expansions, opened groups, zoom
        and selection; new values on the nodes, relations added or gone."""
        centre = self.scene.centre_id
        if centre is None:
            return
        self._ctx.runner.query(map_reads.map_graph, centre_id=centre, depth=self.hops.value(),
                               expanded=tuple(self._expanded), limit=MAP_LIMIT, slot=("ci-map", id(self)),
                               on_done=self._on_refreshed, on_error=self._on_failed, owner=self,
                               label="relation map again")

    def _on_refreshed(self, graph: CiGraph) -> None:
        if graph.centre_id == self.scene.centre_id:
            self.scene.replace_graph(graph)
            self.map_shown.emit(graph.centre_id)

    def expand(self, ci_id: str) -> None:
        """Add the neighbours of `ci_id` (one hop) to the map; a group node opens instead."""
        self.error.clear_message()
        if ci_id in self.scene.groups:
            count = len(self.scene.groups[ci_id])
            self.scene.open_group(ci_id)
            self.expanded.emit(ci_id, count)
            return
        self._ctx.runner.query(cmdb_queries.neighbourhood, ci_id=ci_id, depth=1, limit=MAP_LIMIT,
                               on_done=lambda graph: self._on_expanded(ci_id, graph), on_error=self._on_failed,
                               owner=self, label="expand relation map")

    def _on_graph_loaded(self, graph: CiGraph) -> None:
        self._apply_type_labels()
        self.scene.show_graph(graph)
        self.view.fit()
        if self.view.zoom < FIRST_ZOOM:  # a big map opens readable around its centre; Fit shows all of it
            self.view.set_zoom(FIRST_ZOOM)
            self.view.centre_on_node(graph.centre_id)
        centre = self.scene.nodes.get(graph.centre_id)
        self.title.setText(self.tr("Relation map of {0}").format(centre.name) if centre
                           else self.tr("No CI on the map"))
        self.map_shown.emit(graph.centre_id)

    def _on_expanded(self, ci_id: str, graph: CiGraph) -> None:
        if self.scene.centre_id is None:
            return
        new = self.scene.merge_graph(graph)
        if ci_id in self._expanded:
            self._expanded.remove(ci_id)
        self._expanded.append(ci_id)
        self.scene.select_node(ci_id)
        self.view.centre_on_node(ci_id)
        self._ctx.events.status_message.emit(self.tr("%n CI(s) added to the map", "", new))
        self.expanded.emit(ci_id, new)

    def _on_failed(self, exc: Exception) -> None:
        self.error.show_message(describe_error(exc))

    def _apply_type_labels(self) -> None:
        if not self.scene.type_labels:
            self.scene.type_labels = dict(_relation_labels())

    # ----- controls

    def _on_scene_graph_changed(self) -> None:
        self._sync_type_boxes()
        self._fill_legend()
        scene = self.scene
        drawn = sum(1 for i in scene.node_items if i not in scene.groups)
        text = self.tr("%n CI(s)", "", drawn) + ", " + self.tr("%n relation(s)", "", len(scene.edge_items))
        folded = scene.folded_count()
        if folded:
            text += "; " + self.tr("%n CI(s) in groups (double-click a group to open it)", "", folded)
        hidden = scene.hidden_count()
        if hidden:
            text += "; " + self.tr("%n CI(s) hidden by the relation filter", "", hidden)
        if scene.truncated:
            text += self.tr("; more lie beyond: expand a node or add hops")
        self.status.setText(text)
        self._update_buttons()

    def _sync_type_boxes(self) -> None:
        for relation_type in self.scene.types_present():
            if relation_type in self._type_boxes:
                continue
            box = QCheckBox(self.scene.type_label(relation_type), self)
            box.setObjectName("RelationType_" + relation_type)
            box.setIcon(swatch(self.scene.type_colour(relation_type)))
            box.setChecked(relation_type not in self.scene.hidden_types)
            box.toggled.connect(self._on_type_box_toggled)
            self.types_row.insertWidget(self.types_row.count() - 2, box)  # before the stretch and the help
            self._type_boxes[relation_type] = box

    def set_type_visible(self, relation_type: str, visible: bool) -> None:
        box = self._type_boxes.get(relation_type)
        if box is not None:
            box.setChecked(visible)

    def _on_type_box_toggled(self, _checked: bool) -> None:
        self.scene.set_hidden_types(t for t, box in self._type_boxes.items() if not box.isChecked())

    def _fill_legend(self) -> None:
        while self.legend_row.count():
            item = self.legend_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        nodes = [self.scene.shown[i] for i in self.scene.node_items]
        if self.scene.colour_mode == CRITICALITY:
            entries = [(criticality_colour(c), criticality_label(c)) for c in sorted({n.criticality for n in nodes})]
        else:
            entries = [(status_colour(s), status_label(s)) for s in sorted({n.status for n in nodes})]
        for colour, text in entries:
            label = QLabel(self)
            label.setPixmap(swatch(colour).pixmap(12, 12))
            self.legend_row.addWidget(label)
            entry = QLabel(text, self)
            entry.setTextFormat(Qt.TextFormat.PlainText)  # a status is data: shown literally
            self.legend_row.addWidget(entry)
        if any(n.open_incidents for n in nodes):
            dot = QLabel(self)
            dot.setPixmap(swatch(card_colours(self.scene.dark).badge).pixmap(12, 12))
            self.legend_row.addWidget(dot)
            self.legend_row.addWidget(QLabel(self.tr("open incidents (badge)"), self))

    def _on_colour_by_changed(self, _index: int) -> None:
        self.scene.set_colour_mode(self.colour_by.currentData())

    def _update_buttons(self) -> None:
        selected = self._selected()
        self.expand_button.setEnabled(selected is not None)
        for button in (self.recentre_button, self.open_button):
            button.setEnabled(selected is not None and selected not in self.scene.groups)
        self.export_button.setEnabled(bool(self.scene.node_items))

    def _selected(self) -> str | None:
        ids = self.scene.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def node_menu(self, ci_id: str) -> QMenu:
        """The actions on one node: expand (or open a group), centre the map on it, open its record."""
        menu = QMenu(self)
        group = ci_id in self.scene.groups
        expand = menu.addAction(self.tr("Show the CIs in this group") if group else self.tr("Expand neighbours"))
        expand.triggered.connect(lambda: self.expand(ci_id))
        if not group:
            centre = menu.addAction(self.tr("Centre the map here"))
            centre.triggered.connect(lambda: self.show_ci(ci_id))
            record = menu.addAction(self.tr("Open the CI's record"))
            record.triggered.connect(lambda: self.open_requested.emit(ci_id))
        return menu

    def _on_view_node_menu_requested(self, ci_id: str, where: QPoint) -> None:
        menu = self.node_menu(ci_id)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)

    def _on_expand_clicked(self) -> None:
        ci_id = self._selected()
        if ci_id:
            self.expand(ci_id)

    def _on_recentre_clicked(self) -> None:
        ci_id = self._selected()
        if ci_id and ci_id not in self.scene.groups:
            self.show_ci(ci_id)

    def _on_open_clicked(self) -> None:
        ci_id = self._selected()
        if ci_id and ci_id not in self.scene.groups:
            self.open_requested.emit(ci_id)

    # ----- export

    def _ask_export(self, kind: str) -> None:
        centre = self.scene.nodes.get(self.scene.centre_id or "")
        name = (centre.name if centre else "relation-map").replace("/", "-") + "." + kind
        title = self.tr("Export the relation map")
        pattern = self.tr("PNG image (*.png)") if kind == "png" else self.tr("SVG drawing (*.svg)")
        path, _ = QFileDialog.getSaveFileName(self, title, name, pattern)
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        """Write the map to `path`, as SVG when it ends in .svg, else PNG. Says so in the status bar, or why not."""
        centre = self.scene.nodes.get(self.scene.centre_id or "")
        title = self.tr("Relation map of {0}").format(centre.name) if centre else self.tr("Relation map")
        ok = export_svg(self.scene, path, title) if path.lower().endswith(".svg") else export_png(self.scene, path)
        if not ok:
            self.error.show_message(self.tr("The map could not be written to {0}.").format(path))
            return False
        self._ctx.events.status_message.emit(self.tr("Relation map saved to {0}").format(path))
        self.exported.emit(path)
        return True


def _relation_labels() -> list[tuple[str, str]]:
    """(type, label read from the source's side) for the known relation types."""
    return [(t.key, t.outgoing_label) for t in cmdb_queries.relation_types()]
