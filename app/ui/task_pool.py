"""The runner's handles: Task (cancel, interrupt a running read) and JobControl (what a long job may do)."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.ui.tasks import TaskRunner

OP, QUERY, JOB = "op", "query", "job"
# How much lower than the desk's other threads the thread of the long background reads runs (a nice value, Linux):
# when the GUI thread wakes for an event it takes a core from it at once instead of waiting for the end of its
# time slice. The thread still has a whole core whenever nothing else wants it.
BACKGROUND_NICE = 10

log = logging.getLogger(__name__)


def lower_thread_priority(by: int = BACKGROUND_NICE) -> None:
    """Lower the calling thread's CPU priority (Linux: a nice value per thread; elsewhere nothing). For good: an
    ordinary user may not raise it again, so only a thread that does nothing else calls it."""
    if sys.platform != "linux":
        return
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + by))
    except OSError as exc:  # a sandbox may refuse it: the reads run as before
        log.info("could not lower the priority of thread %s: %s", threading.current_thread().name, exc)


class JobCancelled(Exception):
    """Raised inside a job (by `JobControl.check()`) to stop it; the runner delivers nothing."""


@dataclass(eq=False)
class Task:
    """A handle to submitted work. `cancel()` drops the result; a running query is interrupted (its
    SQLite statement stops), a running job sees `ctl.cancelled`, a running op finishes and commits."""

    id: int
    label: str
    kind: str = OP
    slot: Any = None
    cancelled: bool = False
    done: threading.Event = field(default_factory=threading.Event)
    # A query that waits for the GUI thread to be done with something first (a new page's paint): its worker starts
    # once this is set, or after the runner's longest wait for it. Cancelling sets it, so nothing waits to stop.
    gate: threading.Event | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _interrupt: Callable[[], None] | None = field(default=None, repr=False)

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True
            if self.gate is not None:
                self.gate.set()
            if self._interrupt is not None:
                self._interrupt()

    def running_on(self, interrupt: Callable[[], None] | None) -> bool:
        """Worker thread: say how to stop the running statement (None: it ended). False when the task
        was cancelled already, so the caller stops before starting."""
        with self._lock:
            self._interrupt = interrupt
            return not self.cancelled


class Handoff:
    """A query's `on_done` whose result waits for its taker: a read started before the widget that shows it is built
    (the window's first reference read starts before the window's modules are imported). GUI thread only. The
    taker's `owner` destroyed meanwhile: the result is dropped."""

    _NOTHING = object()

    def __init__(self) -> None:
        self._result: Any = Handoff._NOTHING
        self._taker: tuple[Any, Callable[[Any], object]] | None = None

    def __call__(self, result: Any) -> None:
        if self._taker is None:
            self._result = result
        else:
            self._hand(result)

    def take(self, owner: Any, taker: Callable[[Any], object]) -> None:
        """Call `taker(result)` once the result is in (at once when it is), unless `owner` (a QObject) is gone."""
        self._taker = (owner, taker)
        if self._result is not Handoff._NOTHING:
            result, self._result = self._result, Handoff._NOTHING
            self._hand(result)

    def _hand(self, result: Any) -> None:
        import shiboken6

        assert self._taker is not None
        owner, taker = self._taker
        if shiboken6.isValid(owner):
            taker(result)


class JobControl:
    """Handed to a job's function on the job's own thread. Progress is coalesced: the GUI thread sees
    the latest value once per event-loop turn, however often the job reports."""

    def __init__(self, runner: TaskRunner, task: Task) -> None:
        self._runner, self.task = runner, task
        self._latest: tuple[int, int, str] | None = None
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        return self.task.cancelled or self._runner.closed

    def check(self) -> None:
        """Raise JobCancelled when the job was cancelled (or the runner shut down)."""
        if self.cancelled:
            raise JobCancelled(self.task.label)

    def progress(self, done: int, total: int, text: str = "") -> None:
        with self._lock:
            first = self._latest is None
            self._latest = (done, total, text)
        if first:
            self._runner.post_progress(self.task.id)

    def take_progress(self) -> tuple[int, int, str] | None:
        """GUI thread: the latest progress since the last call (None if none came)."""
        with self._lock:
            latest, self._latest = self._latest, None
        return latest

    def write(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        """Run `fn(session, **kwargs)` on the runner's single writer, in one transaction, and return its
        result; this (job) thread waits, the GUI thread does not. Raises what fn raised."""
        return self._runner.write_for_job(self.task, fn, kwargs)

    def read(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        """Run `fn(session, **kwargs)` on a read-only connection, here on the job's thread."""
        return self._runner.read_for_job(fn, kwargs)
