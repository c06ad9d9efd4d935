"""Closes a modal dialog that stays up with nobody to answer it, and remembers which one it was."""

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


class DialogWatchdog:
    """Looks at the active modal widget every `interval_ms`; one up for `seconds` is rejected (or closed)
    and described in `stuck`. The check runs inside the dialog's own event loop, which a test timeout
    cannot interrupt."""

    def __init__(self, seconds: float = 20, interval_ms: int = 1000) -> None:
        self.seconds = seconds
        self.stuck: list[str] = []
        self._first_seen: dict[int, float] = {}
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _check(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            self._first_seen.clear()
            return
        since = self._first_seen.setdefault(id(widget), time.monotonic())
        if time.monotonic() - since < self.seconds:
            return
        text = widget.text() if isinstance(widget, QMessageBox) else ""
        self.stuck.append(f"{type(widget).__name__} {widget.windowTitle()!r} {text!r}")
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()
