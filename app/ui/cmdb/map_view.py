"""The relation map's view: drag to pan, wheel or Ctrl+= / Ctrl+- to zoom, fit to the window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from app.ui.cmdb.map_items import NodeItem
from app.ui.cmdb.map_scene import RelationScene

MIN_ZOOM, MAX_ZOOM = 0.08, 4.0
STEP = 1.25


class RelationMapView(QGraphicsView):
    """Shows a RelationScene. Dragging the background pans, clicking a node selects it; `zoom` is the
    current scale (1.0 = one scene unit per pixel). GUI thread only."""

    zoom_changed = Signal(float)
    node_menu_requested = Signal(str, QPoint)  # a node's id and where (global) its context menu goes

    def __init__(self, scene: RelationScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene  # held here too: a scene without a Qt parent must outlive the view's use of it
        self.setObjectName("RelationMapView")
        self.setAccessibleName(self.tr("Relation map"))
        self.setAccessibleDescription(self.tr("Drag to pan, wheel or Ctrl+= and Ctrl+- to zoom, Ctrl+0 to fit; "
                                              "N and P select the next or previous CI, Enter expands it"))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Panned by dragging, like a map; scroll bars coming and going would also throw off fit().
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        factor = zoom / self.zoom
        if abs(factor - 1.0) > 1e-6:
            self.scale(factor, factor)
            self.zoom_changed.emit(self.zoom)

    def zoom_in(self) -> None:
        self._keyboard_zoom(self.zoom * STEP)

    def zoom_out(self) -> None:
        self._keyboard_zoom(self.zoom / STEP)

    def _keyboard_zoom(self, zoom: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_zoom(zoom)
        self.setTransformationAnchor(anchor)

    def fit(self) -> None:
        """The whole map in view, never magnified beyond 1:1 (a small map stays readable, not huge)."""
        rect = self.scene().itemsBoundingRect().adjusted(-30, -30, 30, 30)
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > 1.0:
            self.set_zoom(1.0)
        elif self.zoom < MIN_ZOOM:
            self.set_zoom(MIN_ZOOM)
        self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom)

    def centre_on_node(self, ci_id: str) -> None:
        item = self.map_scene.node_items.get(ci_id)
        if item is not None:
            self.centerOn(item)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        for item in self.items(event.pos()):
            if isinstance(item, NodeItem):
                self.map_scene.clearSelection()
                item.setSelected(True)
                self.node_menu_requested.emit(item.ci_id, event.globalPos())
                event.accept()
                return
        super().contextMenuEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter expands the selected node (as a double-click does); N / P select the next or previous node
        (by name), so the map can be walked from the keyboard; arrows pan."""
        scene = self.map_scene
        selected = scene.selected_ids()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and len(selected) == 1:
            scene.node_activated.emit(selected[0])
            event.accept()
            return
        if event.key() in (Qt.Key.Key_N, Qt.Key.Key_P) and scene.node_items and not event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier):
            order = sorted(scene.node_items, key=lambda i: (scene.node_items[i].name.lower(), i))
            at = order.index(selected[0]) if len(selected) == 1 else -1
            step = 1 if event.key() == Qt.Key.Key_N else -1
            ci_id = order[(at + step) % len(order)] if at >= 0 else order[0]
            scene.select_node(ci_id)
            self.centre_on_node(ci_id)
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.set_zoom(self.zoom * (STEP ** steps))
            event.accept()
        else:
            super().wheelEvent(event)
