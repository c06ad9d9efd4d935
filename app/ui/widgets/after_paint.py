"""Work that waits for a widget's next paint, so it never delays what the user is about to see."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

AFTER_PAINT_LATEST_MS = 2000  # a widget that is shown but never paints (another tab in front) still gets its work


class AfterPaint(QObject):
    """Calls `callback` on a later event-loop turn once `widget` has painted (at once if it is not visible, at
    the latest after `latest_ms`), so the work (a warm-up, a side query) never delays the paint. GUI thread
    only; one-shot."""

    def __init__(self, widget: QWidget, callback: Callable[[], object], parent: QObject,
                 latest_ms: int = AFTER_PAINT_LATEST_MS) -> None:
        super().__init__(parent)
        self._callback: Callable[[], object] | None = callback
        if widget.isVisible():
            widget.installEventFilter(self)
            QTimer.singleShot(latest_ms, self, self._fire)
        else:
            QTimer.singleShot(0, self, self._fire)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)  # runs after this paint has finished
        return False

    def _fire(self) -> None:
        callback = self.__dict__.get("_callback")  # absent once collected while Qt still holds it
        if callback is not None:
            self._callback = None
            callback()
            self.deleteLater()
