"""Imports a feature's modules on a thread of their own, then builds the feature on the GUI thread.

Importing runs module code (class bodies, SQLAlchemy mappings, regular expressions): for the sync features
~270 ms of the GUI thread's time in one piece, right after the first queue page was painted, while the user
may already scroll or type. On a thread the GUI thread keeps the interpreter lock for its events (the switch
interval is 1 ms, app.ui.gui_gc), and only the widgets are built on it. An import must not make QObjects:
module code here only defines classes and constants.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

log = logging.getLogger(__name__)

POLL_MS = 15  # how often the GUI thread looks whether the imports are done
QUIT_WAIT_S = 10.0  # how long quitting waits for an import under way


class ImportsAhead(QObject):
    """Imports `modules` on a thread, then calls `then` on the GUI thread (once; also when an import
    failed: `then` imports them again and raises where the error can be shown). Dies with `parent`, and then
    never calls `then`. The thread touches no Qt object: the GUI thread polls it, so a parent deleted meanwhile
    is never signalled from the other thread."""

    def __init__(self, modules: Iterable[str], then: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._then: Callable[[], object] | None = then
        # Not a daemon: the interpreter's exit waits for it. Killed at exit in the middle of an import that makes Qt
        # types (pyqtgraph), the process crashed (SIGSEGV: a test process whose window closed during the import).
        self._thread = threading.Thread(target=_import, args=(tuple(modules),), name="imports-ahead", daemon=False)
        self._thread.start()
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._poll.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_app_about_to_quit)

    def _on_app_about_to_quit(self) -> None:
        """The app quits while the thread imports: it finishes first. A module that makes Qt types as it is imported
        (pyqtgraph makes every PySide6 class) crashed the process (SIGSEGV) when Qt was torn down under it."""
        self._thread.join(QUIT_WAIT_S)

    def _on_poll_timeout(self) -> None:
        if self._thread.is_alive():
            return
        self._poll.stop()
        then, self._then = self._then, None
        if then is not None:
            then()
        self.deleteLater()


def _import(modules: tuple[str, ...]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - reported by `then`, which imports it again on the GUI thread
            log.exception("Importing %s ahead failed", name)
            return
