"""Imports a feature's modules on a thread of their own, then builds the feature on the GUI thread.

Importing runs module code (class bodies, SQLAlchemy mappings, regular expressions): for the sync features
~270 ms of the GUI thread's time in one piece, right after the first queue page was painted, while the user
may already scroll or type. On a thread the GUI thread keeps the interpreter lock for its events (the switch
interval is 1 ms, app.ui.gui_gc), and only the widgets are built on it. An import must not make QObjects:
module code here only defines classes and constants.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class ImportsAhead(QObject):
    """Imports `modules` on a daemon thread, then calls `then` on the GUI thread (once; also when an import
    failed: `then` imports them again and raises where the error can be shown). Dies with `parent`."""

    _imported = Signal()

    def __init__(self, modules: Iterable[str], then: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._then: Callable[[], object] | None = then
        self._imported.connect(self._call)  # queued: emitted from the import thread, delivered on the GUI thread
        self._modules = tuple(modules)
        threading.Thread(target=self._import, name="imports-ahead", daemon=True).start()

    def _import(self) -> None:
        for name in self._modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - reported by `then`, which imports it again on the GUI thread
                log.exception("Importing %s ahead failed", name)
                break
        with contextlib.suppress(RuntimeError):  # the parent (a closed window) is gone: nothing to build
            self._imported.emit()

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()
        self.deleteLater()
