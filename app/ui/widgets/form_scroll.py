"""A scroll area for a form beside other panes: never narrower than the form can go, so nothing is clipped."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget


class FormScrollArea(QScrollArea):
    """Scrolls `form` vertically. Its minimum width is the form's minimum plus the scroll bar, so a splitter
    or a small window cannot squeeze the form under what its fields need (a QScrollArea's own minimum
    ignores its widget, which clipped the fields mid-word). A horizontal scroll bar appears only when the
    window itself is narrower than that."""

    def __init__(self, form: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # Layouts ask for it dozens of times a pass (each call a trip into Python): kept until the form's
        # layout or this area's style or font changes.
        self._minimum: QSize | None = None

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        if self._minimum is None:
            hint = super().minimumSizeHint()
            form = self.widget()
            if form is not None:
                bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
                width = form.minimumSizeHint().width() + bar + 2 * self.frameWidth()
                hint = QSize(max(hint.width(), width), hint.height())
            self._minimum = hint
        return QSize(self._minimum)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Rows shown or hidden (an error, the resolution fields) change what the form needs: tell the
        # splitter or layout holding this area.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            before = self._minimum
            self._minimum = None
            if before is None or self.minimumSizeHint() != before:
                self.updateGeometry()
            # else nothing the holder uses changed: a requester's card or an error row taller than before laid the
            # whole editor out again and repainted it (~100 widgets, 5-7 ms), for the same minimum.
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._minimum = None
        super().changeEvent(event)
