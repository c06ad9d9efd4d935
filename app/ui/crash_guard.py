"""Catches unexpected exceptions (GUI thread and worker threads), logs and reports them, and tells the UI."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from app.logs import write_crash_report

log = logging.getLogger(__name__)


class CrashGuard(QObject):
    """Installs sys.excepthook and threading.excepthook. Each unexpected exception is logged (scrubbed),
    written to a crash report in the log folder, and announced by `crashed` on the GUI thread (the
    signal is queued when the exception happened on another thread). Ctrl+C keeps its usual meaning.

    Made and installed by the composition root; `uninstall()` puts the previous hooks back.
    """

    crashed = Signal(str, str)  # scrubbed details, path of the report ("" when it could not be written)

    def __init__(self, directory: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.directory = directory
        self._previous = None
        self._previous_thread = None
        self._handling = False

    def install(self) -> None:
        self._previous, self._previous_thread = sys.excepthook, threading.excepthook
        sys.excepthook = self._on_sys_exception
        threading.excepthook = self._on_thread_exception

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous, self._previous_thread
            self._previous = self._previous_thread = None

    def _on_sys_exception(self, exc_type: type[BaseException], exc: BaseException,
                          tb: TracebackType | None) -> None:
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)) or self._handling:
            # A failure while reporting a failure must not loop: leave it to Python's own hook.
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._handling = True
        try:
            self.report(exc, tb, thread=threading.current_thread().name)
        finally:
            self._handling = False

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.report(args.exc_value, args.exc_traceback, thread=args.thread.name if args.thread else "")

    def report(self, exc: BaseException, tb: TracebackType | None, *, thread: str = "") -> None:
        log.error("unexpected exception in thread %s", thread, exc_info=(type(exc), exc, tb))
        try:
            path, details = write_crash_report(exc, tb, directory=self.directory, thread=thread)
        except OSError as error:
            log.error("could not write a crash report: %s", error)
            path, details = "", ""
        self.crashed.emit(details, str(path))
