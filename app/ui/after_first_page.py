"""Runs start-up work that the first painted queue page does not need on the turn after that paint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

LATEST_MS = 10_000  # a queue that never paints (a failed read) still gets it by then; a busy machine may take seconds


class AfterFirstPage(QObject):
    """Calls `callback` once: on the event-loop turn after the queue's viewport painted its first page (its
    rows, or nothing when the query matched nothing), or `LATEST_MS` after it was made, whichever comes
    first. A paint before the first page arrives does not count, so the work never competes with its reads.
    GUI thread only; dies with `parent`."""

    def __init__(self, page, callback: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._callback: Callable[[], object] | None = callback
        self._model = page.model
        self._page_in = False
        self._viewport = page.view.viewport()
        self._viewport.installEventFilter(self)
        self._model.first_page_loaded.connect(self._on_model_first_page_loaded)
        QTimer.singleShot(LATEST_MS, self, self._fire)

    def _on_model_first_page_loaded(self) -> None:
        self._page_in = True
        self._viewport.update()  # an empty page changes no cell: ask for the paint that counts

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.Paint and self._callback is not None and self._page_in
                and (not self._model.rowCount() or self._model.row_at(0) is not None)):
            QTimer.singleShot(0, self, self._fire)  # after this paint has reached the screen
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self._viewport.removeEventFilter(self)
        self._model.first_page_loaded.disconnect(self._on_model_first_page_loaded)
        callback()
        self.deleteLater()
