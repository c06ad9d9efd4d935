"""A scroll area for a whole page: the page fills the area, and scrolls only once the area is smaller than it needs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget

from app.ui.widgets.see_through import see_through


class PageScrollArea(QScrollArea):
    """Holds `page` at the area's size, never under the page's minimum size: at or above it no scroll bar shows and
    the page lays itself out as it would without the area; below it (a short window) the page keeps what its parts
    need and scrolls, instead of squeezing them until they clip. QScrollArea's own resizing gives a page with
    word-wrapped labels its preferred height for the width, taller than the window, and scrolled where nothing
    needed it."""

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(page)
        see_through(self)
        page.installEventFilter(self)  # its minimum changes (a strip shown): fitted again
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        page = self.widget()
        if page is None:
            return
        need = page.minimumSizeHint().expandedTo(page.minimumSize())
        room = self.maximumViewportSize()  # the viewport's size without scroll bars
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width, height = max(room.width(), need.width()), max(room.height(), need.height())
        if height > room.height():  # a vertical bar will show: it takes its width from the page
            width = max(room.width() - bar, need.width())
        if width > room.width():  # and a horizontal one its height
            height = max(room.height() - bar, need.height())
        if page.width() != width or page.height() != height:
            page.resize(width, height)
