"""A calendar view with a vertical scroll bar beside it."""
# The view paints its own fixed header and scrolls the rest, so the day names and the time axis stay visible.

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QWidget

from app.ui.calendar.canvas import CalendarCanvas


class ScrollFrame(QWidget):
    def __init__(self, canvas: CalendarCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        canvas.setParent(self)
        row.addWidget(canvas, 1)
        self.bar = QScrollBar(Qt.Orientation.Vertical, self)
        self.bar.setSingleStep(20)
        row.addWidget(self.bar)
        self.bar.valueChanged.connect(self._on_bar_value_changed)
        canvas.scroll_changed.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        room = max(0, self.canvas.content_height() - self.canvas.height())
        self.bar.blockSignals(True)
        self.bar.setRange(0, room)
        self.bar.setPageStep(max(1, self.canvas.height()))
        self.bar.setValue(min(self.canvas.scroll_y, room))
        self.bar.blockSignals(False)
        self.bar.setVisible(room > 0)

    def _on_bar_value_changed(self, value: int) -> None:
        user_scrolled = getattr(self.canvas, "user_scrolled", None)
        if user_scrolled is not None:
            user_scrolled(value)
        else:
            self.canvas.set_scroll(value)
