"""The task runner: database work on one worker thread, results delivered on the GUI thread by signal."""

from __future__ import annotations

import itertools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import OperationalError

from app.services.errors import ServiceError
from app.store import Store
from core.feed import collected

log = logging.getLogger(__name__)


@dataclass
class Task:
    """A handle to submitted work. Cancelling drops the result; work already running finishes."""

    id: int
    label: str
    cancelled: bool = False
    done: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self.cancelled = True


class TaskRunner(QObject):
    """Runs `fn(session)` on the single database worker, inside a transaction that commits when fn
    returns and rolls back when it raises. `on_done(result)` or `on_error(exc)` then run on the GUI
    thread, unless the task was cancelled or `owner` was destroyed meanwhile.

    Work functions must not touch widgets and must return plain data (frozen dataclasses), never ORM
    objects: the session closes when the task ends.

    A task that committed publishes what it noted (core.feed: the journal notes every edit) on
    `committed`, before its on_done runs; nobody announces a change by hand.
    """

    _delivered = Signal(int, object, object, object)  # task id, result, error, ChangeRecord committed or None
    task_failed = Signal(str)  # user-facing message for errors nobody handled
    busy_changed = Signal(bool)
    committed = Signal(object)  # ChangeRecord: what a committed task changed (UiContext hands it to the feed)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deskside-db")
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Task, Callable | None, Callable | None, QObject | None]] = {}
        self._delivered.connect(self._on_delivered)
        self._closed = False

    def run(self, fn: Callable[[Any], Any], *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[Exception], None] | None = None, owner: QObject | None = None,
            label: str = "") -> Task:
        task = Task(next(self._ids), label or getattr(fn, "__name__", "task"))
        if self._closed:
            task.cancel()
            return task
        self._pending[task.id] = (task, on_done, on_error, owner)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._executor.submit(self._work, task, fn)
        return task

    def _work(self, task: Task, fn: Callable[[Any], Any]) -> None:
        result: Any = None
        error: Exception | None = None
        record = None
        attempt = 0
        while not task.cancelled:
            attempt += 1
            started = time.monotonic()
            try:
                # A retry takes the write lock at BEGIN: it then waits (up to the busy timeout) for a
                # sync transaction holding it, where a deferred one is refused at once again.
                with self.store.session(immediate=attempt > 1) as session:
                    result = fn(session)
                    record = collected(session, operation=task.label)
                error = None  # committed: the session's with-block ended without an error
                break
            except Exception as exc:  # delivered to the GUI thread; nothing is lost silently
                error = exc
                if attempt < SNAPSHOT_RETRIES and _lost_snapshot(exc, time.monotonic() - started):
                    # Another connection (the sync thread) committed between this task's first read
                    # and its first write, or holds the write lock; SQLite refuses such a write at
                    # once rather than waiting. The transaction rolled back, so running it again is safe.
                    time.sleep(0.02 * attempt)
                    continue
                if not isinstance(exc, ServiceError):
                    log.exception("task %s failed", task.label)
                break
        task.done.set()
        if not self._closed:
            self._delivered.emit(task.id, result, error, record if error is None else None)

    def _on_delivered(self, task_id: int, result: Any, error: Exception | None, record: Any) -> None:
        if record is not None:  # also when nobody waits for the result any more: the change is saved
            self.committed.emit(record)
        entry = self._pending.pop(task_id, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if entry is None:
            return
        task, on_done, on_error, owner = entry
        if task.cancelled or (owner is not None and not shiboken6.isValid(owner)):
            return
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                self.task_failed.emit(describe_error(error))
        elif on_done is not None:
            on_done(result)

    def is_idle(self) -> bool:
        return not self._pending

    def shutdown(self) -> None:
        """Finish running work, drop queued results, stop the worker thread. Idempotent."""
        if self._closed:
            return
        self._closed = True
        for task, *_ in self._pending.values():
            task.cancel()
        self._executor.shutdown(wait=True)
        self._pending.clear()


SNAPSHOT_RETRIES = 4


def _lost_snapshot(error: Exception, seconds: float) -> bool:
    """A "database is locked" that came at once: a stale read snapshot, not a lock held elsewhere (that
    one only comes after the store's busy timeout of seconds, and is the user's to hear about)."""
    return isinstance(error, OperationalError) and "locked" in str(error.orig).lower() and seconds < 1.0


def describe_error(error: Exception) -> str:
    """A message for the user: service errors speak for themselves; the rest are explained."""
    if isinstance(error, ServiceError):
        return str(error)
    text = str(getattr(error, "orig", error)).lower()
    if "disk" in text and "full" in text or "no space" in text:
        return "The disk is full, so the change was not saved. Free some space and try again; your input is kept."
    if "locked" in text or "busy" in text:
        return "The store is busy or locked by another program. Try again in a moment; your input is kept."
    if "readonly" in text or "read-only" in text:
        return "The store is read-only, so the change was not saved. Your input is kept."
    if "malformed" in text or "not a database" in text:
        return "The store is damaged. Your input is kept; restore a backup or start a new store."
    return "Something went wrong and the change was not saved ({}). Your input is kept.".format(
        type(error).__name__)
