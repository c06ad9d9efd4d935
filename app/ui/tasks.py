"""The one runner: operations on one writer thread, queries on a small read pool, long jobs on their own threads."""
# Results come back on the GUI thread by signal.

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.store import BULK_READ_CONNECTIONS, READ_CONNECTIONS, Store
from app.ui import gui_gc
from app.ui.task_pool import JOB, OP, QUERY, JobCancelled, JobControl, Task, lower_thread_priority
from core.errors import ServiceError
from core.feed import SYNC, ChangeRecord, collected, merged

__all__ = ["JobCancelled", "JobControl", "Task", "TaskRunner", "describe_error"]

log = logging.getLogger(__name__)
WRITER_THREAD = "deskside-db"  # the name prefix of the one thread that writes to the store
# How many SQLite VM steps a read runs between looks at its task's cancel flag (a few microseconds of work).
PROGRESS_OPS = 20_000
# The sync's change records (a first sync commits a page every tenth of a second or so) reach the views at
# most once per this interval: the first at once, the ones committed meanwhile as one merged record at its
# end. Every listener then runs once per interval instead of once per page.
SYNC_COALESCE_MS = 500
# Answers one after another: each is delivered on an event-loop turn of its own when the one before held the GUI
# thread (a ticket filled into its editor, ~5 ms, then its caller's card, ~5 ms). Qt runs the answers posted meanwhile
# before the timers and input that were waiting, so the window did not answer for both. After an answer that took
# ANSWER_HEAVY_S or more, the next ones wait for a 1 ms timer (a posted call would run before the timers too), then
# come one per turn, in order.
ANSWER_HEAVY_S = 0.002
# A gated query (`gate`: a new page's count and id list, held until that page is painted) starts at the latest this
# long after its worker picked it up, whether or not the GUI thread opened the gate (a paint that never came).
GATE_WAIT_S = 0.25


class _Entry:
    __slots__ = ("control", "daemon", "on_done", "on_error", "on_progress", "owner", "task", "thread")

    def __init__(self, task: Task, on_done, on_error, owner, on_progress=None) -> None:
        self.task, self.on_done, self.on_error, self.owner = task, on_done, on_error, owner
        self.on_progress = on_progress
        self.control: JobControl | None = None
        self.thread: threading.Thread | None = None
        self.daemon = False


class TaskRunner(QObject):
    """Three kinds of work, each `fn(session_or_control, **kwargs)`, each answered on the GUI thread by
    `on_done(result)` or `on_error(exc)` unless the task was cancelled or `owner` was destroyed:

    - `op`: on the SINGLE writer thread, in one transaction (commit on return, rollback on raise).
      Every write to the store goes through it, so no second writer ever waits or is refused.
    - `query`: on a pool of read-only connections (WAL: they read beside the writer). A newer query
      with the same `slot` cancels the older one and interrupts its running statement.
    - `job`: long work on a thread of its own with a JobControl (progress, cancel, `write` through the
      writer, `read`); it never holds the writer between its writes.

    Work functions must not touch widgets and must return plain data (frozen dataclasses), never ORM
    objects: the session closes when the transaction ends. The runner itself lives on the GUI thread.

    Every transaction that commits on the writer (an op, or a job's write, the sync's included) publishes
    what it noted (core.feed: the journal notes every edit) on `committed`, before the task's own
    on_done runs; nobody announces a change by hand. The sync's records come coalesced: the first at
    once, then at most one merged record per `sync_coalesce_ms` (a record of this desk's own edits is
    never held: it goes at once, after the sync's records held before it, in commit order).
    """

    _delivered = Signal(int, object, object)  # task id, result, error
    _progress_posted = Signal(int)  # task id: a job has new progress (coalesced)
    _committed_posted = Signal(object)  # ChangeRecord, from the writer thread
    task_failed = Signal(str)  # user-facing message for errors nobody handled
    busy_changed = Signal(bool)  # ops or queries under way (jobs show their own progress)
    committed = Signal(object)  # ChangeRecord: what a committed transaction changed (UiContext feeds it on)

    def __init__(self, store: Store | None, parent: QObject | None = None) -> None:
        """`store` None: a runner for jobs that need no open store (the first-run builder)."""
        super().__init__(parent)
        self.store = store
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix=WRITER_THREAD)
        self._readers = ThreadPoolExecutor(max_workers=READ_CONNECTIONS, thread_name_prefix="deskside-read")
        # The long reads nobody waits to see (a million tickets' count and id list): one at a time, at a lower CPU
        # priority. Run beside the others, they took both cores from the GUI thread, and each of its turns waited
        # (for a core, then for the interpreter lock held by a thread that had lost its core).
        self._background = ThreadPoolExecutor(max_workers=BULK_READ_CONNECTIONS, thread_name_prefix="deskside-bulk",
                                              initializer=lower_thread_priority)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Entry] = {}
        self._busy: set[int] = set()  # ops and queries under way: the window's busy indicator
        self._slots: dict[Any, Task] = {}
        self._delivered.connect(self._on_answer_posted)
        self._waiting: deque[tuple[int, Any, Exception | None]] = deque()  # answers spaced out (GUI thread)
        self._spacing = QTimer(self, singleShot=True, interval=1, timerType=Qt.TimerType.PreciseTimer)
        self._spacing.timeout.connect(self._on_spacing_timeout)
        self._progress_posted.connect(self._on_progress_posted)
        self._committed_posted.connect(self._on_committed_posted)
        self._held: list[ChangeRecord] = []  # committed records not published yet (GUI thread)
        self.sync_coalesce_ms = SYNC_COALESCE_MS
        self._coalesce = QTimer(self, singleShot=True)
        self._coalesce.timeout.connect(self._on_coalesce_timeout)
        self._reads_gate: threading.Event | None = None  # the gate of the reads asked meanwhile (hold_reads)
        self.closed = False

    @property
    def db(self) -> Store:
        """`store` for what needs one: operations, queries and the views of a desk (only the first-run
        builder's runner has none, and it runs jobs alone)."""
        if self.store is None:
            raise RuntimeError("This task runner has no store.")
        return self.store

    # ---- submitting (GUI thread) -------------------------------------------------------------------
    def op(self, fn: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
           on_error: Callable[[Exception], None] | None = None, owner: QObject | None = None,
           label: str = "", **kwargs: Any) -> Task:
        """Run `fn(session, **kwargs)` on the writer thread in one transaction."""
        task = self._add(OP, fn, label, on_done, on_error, owner)
        if not task.cancelled:
            self._writer.submit(self._run_op, task, fn, kwargs)
        return task

    def query(self, fn: Callable[..., Any], *, slot: Any = None, on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[Exception], None] | None = None, owner: QObject | None = None,
              label: str = "", background: bool = False, gate: threading.Event | None = None,
              **kwargs: Any) -> Task:
        """Run `fn(session, **kwargs)` on a read-only connection. With `slot`, a newer query in the same
        slot cancels this one: queued, it never runs; running, its statement is interrupted. Either way
        its result is never delivered. `background`: a long read that the user does not wait for at once (a
        count, a full id list), run one at a time on a thread of lower priority, after the ones before it.
        `gate`: the read starts once it is set (by the GUI thread, when done with what must not share the CPU with
        it), or GATE_WAIT_S after its worker took it up; it counts as under way meanwhile (`is_idle`)."""
        task = self._add(QUERY, fn, label, on_done, on_error, owner)
        if task.cancelled:
            return task
        if gate is None and self._reads_gate is not None:
            gate = self._reads_gate
        task.gate = gate
        if slot is not None:
            task.slot = slot
            older = self._slots.get(slot)
            if older is not None:
                older.cancel()
            self._slots[slot] = task
        (self._background if background else self._readers).submit(self._run_query, task, fn, kwargs)
        return task

    def hold_reads(self) -> threading.Event:
        """The reads asked from now until `end_hold` wait for the returned gate (set it on the GUI thread once done with
        what they must not share the CPU and the interpreter lock with: a page's build and first paint), each at most
        GATE_WAIT_S after its worker took it up. Built in parts, a page asks its first reads from its last part; run
        beside its layout and paint, the GUI thread waited for the lock at each of its calls into Python (a first
        show's paint took 20-29 ms of wall time for 10-13 ms of its own CPU on the 1M store)."""
        self._reads_gate = threading.Event()
        return self._reads_gate

    def end_hold(self) -> None:
        """Reads asked from now on are not held (hold_reads)."""
        self._reads_gate = None

    def job(self, fn: Callable[..., Any], *, on_progress: Callable[[int, int, str], None] | None = None,
            on_done: Callable[[Any], None] | None = None, on_error: Callable[[Exception], None] | None = None,
            owner: QObject | None = None, label: str = "", daemon: bool = False, **kwargs: Any) -> Task:
        """Run `fn(ctl, **kwargs)` on a thread of its own; `ctl` is a JobControl. `task.cancel()` sets
        `ctl.cancelled`. `daemon`: a network wait that cannot be interrupted and never writes (the
        sync long-poll); shutdown does not wait for it and drops its result."""
        task = self._add(JOB, fn, label, on_done, on_error, owner, on_progress)
        if task.cancelled:
            return task
        entry = self._pending[task.id]
        entry.daemon = daemon
        entry.control = JobControl(self, task)
        entry.thread = threading.Thread(target=self._run_job, args=(task, entry.control, fn, kwargs),
                                        name=f"deskside-job-{task.label}", daemon=daemon)
        entry.thread.start()
        return task

    def _add(self, kind: str, fn, label: str, on_done, on_error, owner, on_progress=None) -> Task:
        task = Task(next(self._ids), label or getattr(fn, "__name__", "task"), kind)
        if self.closed or (kind != JOB and self.store is None):
            task.cancel()
            return task
        self._pending[task.id] = _Entry(task, on_done, on_error, owner, on_progress)
        if kind != JOB:
            gui_gc.hold()  # the collector waits until the answer is shown
            self._busy.add(task.id)
            if len(self._busy) == 1:
                self.busy_changed.emit(True)
        return task

    # ---- work (worker threads) ---------------------------------------------------------------------
    def _transact(self, fn: Callable[..., Any], kwargs: dict, operation: str) -> Any:
        """Writer thread: one transaction around fn, then publish what it committed. The record is
        queued before the task's own delivery, so listeners hear of the edit first; also when nobody
        waits for the result any more (the edit is saved and must go out)."""
        with self.db.session() as session:
            result = fn(session, **kwargs)
            record = collected(session, operation=operation)
        if record is not None and not self.closed:
            self._committed_posted.emit(record)
        return result

    def _run_op(self, task: Task, fn: Callable[..., Any], kwargs: dict) -> None:
        result = error = None
        if not task.cancelled:
            try:
                result = self._transact(fn, kwargs, task.label)
            except Exception as exc:  # delivered to the GUI thread; nothing is lost silently
                error = exc
                if not isinstance(exc, ServiceError):
                    log.exception("task %s failed", task.label)
        self._finish(task, result, error)

    def _run_query(self, task: Task, fn: Callable[..., Any], kwargs: dict) -> None:
        result = error = None
        if task.gate is not None and not task.cancelled:
            task.gate.wait(GATE_WAIT_S)  # Task.cancel sets it: a cancelled read does not wait
        if not task.cancelled:
            try:
                with self.db.read_session() as session:
                    raw = session.connection().connection.driver_connection
                    assert raw is not None  # a pooled connection that is checked out holds its sqlite3 one
                    if task.running_on(raw.interrupt):
                        # interrupt() stops only a statement already running: a cancel that lands between two
                        # statements (or just before the first) is seen here, every PROGRESS_OPS VM steps.
                        raw.set_progress_handler(lambda: task.cancelled, PROGRESS_OPS)
                        try:
                            result = fn(session, **kwargs)
                        finally:
                            raw.set_progress_handler(None, 0)
                            task.running_on(None)  # before the connection goes back to the pool
            except Exception as exc:
                if not task.cancelled:  # an interrupted statement raises too; nobody waits for it
                    error = exc
                    if not isinstance(exc, ServiceError):
                        log.exception("query %s failed", task.label)
        self._finish(task, result, error)

    def _run_job(self, task: Task, ctl: JobControl, fn: Callable[..., Any], kwargs: dict) -> None:
        result = error = None
        try:
            result = fn(ctl, **kwargs)
        except JobCancelled:
            task.cancelled = True
        except Exception as exc:
            error = exc
            if not isinstance(exc, ServiceError) and not task.cancelled:
                log.exception("job %s failed", task.label)
        self._finish(task, result, error)

    def _finish(self, task: Task, result: Any, error: Exception | None) -> None:
        task.done.set()
        if not self.closed:
            self._delivered.emit(task.id, result, error)

    def write_for_job(self, task: Task, fn: Callable[..., Any], kwargs: dict) -> Any:
        """Job thread: run fn on the writer and wait for it (JobControl.write)."""
        if self.store is None:
            raise RuntimeError(f"no store is open: job {task.label} cannot write")
        if threading.current_thread().name.startswith(WRITER_THREAD):
            raise RuntimeError("a write waited for on the writer thread would never start")
        return self._writer.submit(self._transact, fn, kwargs, task.label).result()

    def read_for_job(self, fn: Callable[..., Any], kwargs: dict) -> Any:
        """Job thread: fn on a read-only connection (JobControl.read)."""
        if self.store is None:
            raise RuntimeError("no store is open")
        with self.store.read_session() as session:
            return fn(session, **kwargs)

    def post_progress(self, task_id: int) -> None:
        if not self.closed:
            self._progress_posted.emit(task_id)

    # ---- results (GUI thread) ----------------------------------------------------------------------
    def _live(self, entry: _Entry) -> bool:
        return not entry.task.cancelled and (entry.owner is None or shiboken6.isValid(entry.owner))

    def _on_progress_posted(self, task_id: int) -> None:
        entry = self._pending.get(task_id)
        if entry is None or entry.control is None:
            return
        latest = entry.control.take_progress()
        if latest is not None and entry.on_progress is not None and self._live(entry):
            entry.on_progress(*latest)

    def _on_committed_posted(self, record: ChangeRecord) -> None:
        if self.closed:
            return
        self._held.append(record)
        if record.initiator == SYNC and self._coalesce.isActive():
            return  # published with the others when the interval ends
        self._publish_held()

    def _on_coalesce_timeout(self) -> None:
        if self._held and not self.closed:
            self._publish_held()

    def _publish_held(self) -> None:
        """Publish the held records in commit order, each run of the sync's merged into one; a published sync
        record starts the interval in which the next ones are held."""
        held, self._held = self._held, []
        sync_sent = False
        for record in coalesced(held):
            sync_sent = sync_sent or record.initiator == SYNC
            self.committed.emit(record)
        if sync_sent:
            self._coalesce.start(self.sync_coalesce_ms)

    def space_answers(self) -> None:
        """The GUI thread has just held on for a while (a ticket's tab opened): the next answer waits for a later
        event-loop turn, after the timers and input that came meanwhile."""
        self._spacing.start()

    def _on_answer_posted(self, task_id: int, result: Any, error: Exception | None) -> None:
        if self._waiting or self._spacing.isActive():
            self._waiting.append((task_id, result, error))
            if not self._spacing.isActive():
                self._spacing.start()
            return
        self._deliver(task_id, result, error)

    def _on_spacing_timeout(self) -> None:
        if self._waiting:
            self._deliver(*self._waiting.popleft())
        if self._waiting and not self._spacing.isActive():
            self._spacing.start()

    def _deliver(self, task_id: int, result: Any, error: Exception | None) -> None:
        start = time.perf_counter()
        try:
            self._on_delivered(task_id, result, error)
        finally:
            if time.perf_counter() - start >= ANSWER_HEAVY_S and not self.closed:
                self._spacing.start()

    def _on_delivered(self, task_id: int, result: Any, error: Exception | None) -> None:
        gui_gc.hold()
        entry = self._pending.pop(task_id, None)
        if task_id in self._busy:
            self._busy.discard(task_id)
            if not self._busy:
                self.busy_changed.emit(False)
        if entry is None:
            return
        task = entry.task
        if self._held and task.kind != QUERY:  # listeners hear of what a write committed before its task ends
            self._publish_held()
        if task.slot is not None and self._slots.get(task.slot) is task:
            del self._slots[task.slot]
        if entry.thread is not None:
            entry.thread.join()  # it has finished: only its last few instructions are left
        if not self._live(entry):
            return
        if error is not None:
            if task.kind == QUERY:  # whichever handler has it, describe_error tells it as a read
                setattr(error, _READ, True)  # every exception takes attributes (BaseException has a __dict__)
            if entry.on_error is not None:
                entry.on_error(error)
            else:
                self.task_failed.emit(describe_error(error))
        elif entry.on_done is not None:
            entry.on_done(result)

    def is_idle(self) -> bool:
        """No op, query or job under way (a daemon job's network wait does not count)."""
        return all(entry.daemon for entry in self._pending.values())

    def shutdown(self) -> None:
        """Cancel everything: queued work never runs, running queries are interrupted, jobs see
        `cancelled` (their writes so far stay committed); wait for the threads. Running ops finish
        and commit. Results are dropped. Idempotent."""
        if self.closed:
            return
        self.closed = True
        self._coalesce.stop()
        self._held.clear()
        self._spacing.stop()
        self._waiting.clear()
        entries = list(self._pending.values())
        for entry in entries:
            entry.task.cancel()
        for entry in entries:
            if entry.thread is not None and not entry.daemon:
                entry.thread.join()
        self._readers.shutdown(wait=True)
        self._background.shutdown(wait=True)
        self._writer.shutdown(wait=True)
        self._pending.clear()
        self._busy.clear()
        self._slots.clear()


def coalesced(records: list[ChangeRecord]) -> list[ChangeRecord]:
    """`records` in order, each run of the sync's records (same actor) merged into one record naming all they
    named; other records as they are."""
    runs: list[list[ChangeRecord]] = []
    for record in records:
        last = runs[-1][-1] if runs else None
        if last is not None and record.initiator == last.initiator == SYNC and record.actor_id == last.actor_id:
            runs[-1].append(record)
        else:
            runs.append([record])
    return [run[0] if len(run) == 1 else
            ChangeRecord(merged(c for r in run for c in r.changes), initiator=SYNC,
                         operation=run[-1].operation, actor_id=run[-1].actor_id)
            for run in runs]


_READ = "deskside_failed_read"  # set by the runner on a query's error before its handler has it


def describe_error(error: Exception, *, reading: bool | None = None) -> str:
    """A message for the user: service errors speak for themselves; the rest are explained. `reading`: the error
    came from a read, which changes nothing: the message does not speak of a change not saved. By default, whether
    the runner delivered it from a query (a handler shared by a read and a write needs no flag of its own)."""
    if isinstance(error, ServiceError):
        return str(error)
    if reading is None:
        reading = getattr(error, _READ, False)
    text = str(getattr(error, "orig", error)).lower()
    busy = "locked" in text or "busy" in text
    damaged = "malformed" in text or "not a database" in text
    if reading:  # a full disk or a read-only store stops writes only
        if busy:
            return "The store is busy or locked by another program. Try again in a moment."
        if damaged:
            return "The store is damaged and could not be read. Restore a backup or start a new store."
        return (f"The store could not be read ({type(error).__name__}). Nothing was changed; try again, and restart "
                "Deskside if it happens again.")
    if "disk" in text and "full" in text or "no space" in text:
        return "The disk is full, so the change was not saved. Free some space and try again; your input is kept."
    if busy:
        return "The store is busy or locked by another program. Try again in a moment; your input is kept."
    if "readonly" in text or "read-only" in text:
        return "The store is read-only, so the change was not saved. Your input is kept."
    if damaged:
        return "The store is damaged. Your input is kept; restore a backup or start a new store."
    return f"Something went wrong and the change was not saved ({type(error).__name__}). Your input is kept."
