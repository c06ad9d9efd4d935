"""The main window's tabs (the queue, the pages, the ticket editors), without a repaint of the whole page each
time something inside it is laid out again."""
# A layout change anywhere inside a page (a label's new text, a part a late answer shows) travels up as layout
# requests to the tab widget. QTabWidget answers each by placing its tab bar and page again and repainting
# itself, page and all, though what it places depends only on the tab bar and on the minimum size of the
# pages. An opening editor asks this 4-8 times as its parts arrive; on the 1M store each whole repaint was
# 5-12 ms of the GUI thread (bench/editor_probe.py). A request that changes neither is taken here, and the
# page repaints only what moved in it.

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QTabWidget, QWidget


class PageTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._laid_out_for: tuple[QSize, ...] | None = None

    def _layout_inputs(self) -> tuple[QSize, ...]:
        bar = self.tabBar()
        return (self.size(), bar.sizeHint(), bar.minimumSizeHint(), self.minimumSizeHint())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            inputs = self._layout_inputs()
            if inputs == self._laid_out_for:
                return True  # nothing the tab widget places has changed
            self._laid_out_for = inputs
        return super().event(event)

