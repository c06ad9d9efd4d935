"""A scroll area for a form beside other panes: never narrower than the form can go, so nothing is clipped."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget

from app.ui.widgets.see_through import see_through


class FormScrollArea(QScrollArea):
    """Scrolls `form` vertically. Its minimum width is the form's minimum plus the scroll bar, so a splitter
    or a small window cannot squeeze the form under what its fields need (a QScrollArea's own minimum
    ignores its widget, which clipped the fields mid-word). A horizontal scroll bar appears only when the
    window itself is narrower than that."""

    def __init__(self, form: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(form)
        see_through(self)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._fit_width()

    def _fit_width(self) -> None:
        """The form's minimum width (and the bar's) set as this area's own minimum width, which every layout and
        splitter holds to. Set, not answered from a sizeHint override: layouts asked for those about a hundred
        times per ticket opened, each a trip into Python that waited for the interpreter lock while a read
        thread held it. Setting a different width asks the holder to lay out again; the same, nothing."""
        form = self.widget()
        if form is None:
            return
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width = form.minimumSizeHint().width() + bar + 2 * self.frameWidth()
        if self.minimumWidth() != width:
            self.setMinimumWidth(width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Rows shown or hidden (an error, the resolution fields) change what the form needs; a requester's card or
        # an error row taller than before changes nothing the holder uses (it laid the whole editor out again and
        # repainted it, ~100 widgets, when this area asked for a new layout each time).
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_width()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_width()
