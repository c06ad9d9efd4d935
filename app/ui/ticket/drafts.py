"""Autosave of unsaved editor input as a draft in the store, so a crash or a closed tab loses nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from app.tickets.drafts import discard_draft, save_draft
from app.ui.tasks import TaskRunner


class DraftKeeper(QObject):
    """Writes `payload()` under `key` every `seconds` while it is not empty and has changed.

    `payload` is called on the GUI thread and must return plain JSON-able data ({} means nothing
    to keep). Writes run on the runner's worker and carry no owner: a draft flushed as its editor
    closes is still written.
    """

    def __init__(self, runner: TaskRunner, key: str, seconds: int, payload: Callable[[], dict[str, Any]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.key = key
        self._payload = payload
        self._written: dict[str, Any] = {}
        self.paused = False  # while a recovered draft waits for the user's choice, it is not overwritten
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(seconds)) * 1000)
        self._timer.timeout.connect(self._on_timer_timeout)

    def input_changed(self) -> None:
        """Call when the input changed: runs the timer while there is something to keep."""
        if self._payload():
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def flush(self) -> None:
        """Write the payload now, or discard the stored draft when there is nothing to keep."""
        if self.paused:
            return
        payload = self._payload()
        if payload == self._written:
            return
        if payload:
            self._runner.op(save_draft, key=self.key, payload=payload, label="save draft")
        else:
            self._runner.op(discard_draft, key=self.key, label="discard draft")
        self._written = payload

    def discard(self) -> None:
        """Drop the stored draft whatever the input holds (saved, reverted or thrown away)."""
        self._timer.stop()
        self.paused = False
        self._runner.op(discard_draft, key=self.key, label="discard draft")
        self._written = {}

    def reset(self, key: str) -> None:
        """Keep drafts under `key` from now on (a reused editor's next ticket); nothing written is touched."""
        self._timer.stop()
        self.key, self._written, self.paused = key, {}, False

    def adopt(self, key: str, payload: dict[str, Any]) -> None:
        """Take over a stored draft (restored by the user) so the next write replaces it."""
        self.key, self._written, self.paused = key, payload, False

    def _on_timer_timeout(self) -> None:
        self.flush()
        if not self._payload():
            self._timer.stop()
