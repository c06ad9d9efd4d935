"""The one runner: reads beside a busy writer, keyed queries that interrupt older ones, jobs with
progress and cancel, every write on the writer thread, and nothing left running after shutdown."""

from __future__ import annotations

import os
import sys
import threading

import pytest
import shiboken6
from sqlalchemy import func, select, text

from app.models import Ticket
from app.tickets import writes as tickets
from app.ui.task_pool import BACKGROUND_NICE, Handoff, JobCancelled
from app.ui.tasks import WRITER_THREAD, TaskRunner, describe_error

WAIT = 10_000
ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


@pytest.fixture
def runner(qapp, store, seeded):
    r = TaskRunner(store)
    yield r
    r.shutdown()


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(Ticket))


def test_a_query_answers_while_a_long_op_holds_the_writer(qtbot, runner, seeded):
    release, holding = threading.Event(), threading.Event()

    def long_op(session):
        tickets.create_ticket(session, ticket_type="incident", title="Slow", actor_id=seeded["me"])
        session.flush()  # the write lock is held from here until the commit
        holding.set()
        release.wait(WAIT / 1000)
        return "committed"

    op_results, counts = [], []
    runner.op(long_op, on_done=op_results.append)
    qtbot.waitUntil(holding.is_set, timeout=WAIT)
    runner.query(_count, on_done=counts.append)
    qtbot.waitUntil(lambda: bool(counts), timeout=WAIT)
    assert counts == [0] and op_results == []  # the read saw the last commit, beside the open write
    release.set()
    qtbot.waitUntil(lambda: bool(op_results), timeout=WAIT)
    counts.clear()
    runner.query(_count, on_done=counts.append)
    qtbot.waitUntil(lambda: bool(counts), timeout=WAIT)
    assert counts == [1]


def test_a_query_cannot_write(qtbot, runner):
    errors = []
    runner.query(lambda s: s.execute(text("DELETE FROM store_meta")), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    assert "readonly" in str(errors[0]).lower()


def test_a_newer_query_with_the_same_key_interrupts_the_older(qtbot, runner):
    started = threading.Event()
    old_answers, new_answers = [], []

    def endless(session):
        started.set()
        return session.execute(text(ENDLESS)).scalar()  # never ends by itself

    old = runner.query(endless, slot="queue", on_done=old_answers.append, on_error=old_answers.append)
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    runner.query(_count, slot="queue", on_done=new_answers.append, on_error=new_answers.append)
    qtbot.waitUntil(lambda: bool(new_answers) and runner.is_idle(), timeout=WAIT)
    assert new_answers == [0]
    assert old.cancelled and old.done.is_set()  # interrupted: it stopped instead of counting forever
    assert old_answers == []


def test_a_queued_query_replaced_by_a_newer_one_never_runs(qtbot, runner):
    release, ran = threading.Event(), []
    busy = [runner.query(lambda s: release.wait(WAIT / 1000)) for _ in range(3)]  # every read connection
    first = runner.query(lambda s: ran.append("first"), slot="k", on_done=ran.append)
    runner.query(lambda s: "second", slot="k", on_done=ran.append)
    release.set()
    qtbot.waitUntil(runner.is_idle, timeout=WAIT)
    assert ran == ["second"] and first.cancelled and all(t.done.is_set() for t in busy)


def test_a_job_reports_progress_writes_through_the_writer_and_stops_when_cancelled(qtbot, runner, seeded):
    step, progress, done, writers = threading.Event(), [], [], []

    def job(ctl, *, total):
        for i in range(total):
            ctl.check()
            writers.append(ctl.write(lambda s, n: (tickets.create_ticket(
                s, ticket_type="incident", title=f"Job {n}", actor_id=seeded["me"]),
                threading.current_thread().name)[1], n=i))
            ctl.progress(i + 1, total, "tickets")
            step.wait(WAIT / 1000)
            step.clear()
        return "finished"

    task = runner.job(job, total=1000, on_progress=lambda *p: progress.append(p), on_done=done.append,
                      on_error=done.append)
    qtbot.waitUntil(lambda: bool(progress), timeout=WAIT)
    assert progress[0] == (1, 1000, "tickets") and not runner.is_idle()
    task.cancel()
    step.set()
    qtbot.waitUntil(runner.is_idle, timeout=WAIT)
    assert done == [] and task.done.is_set()
    assert writers and all(name.startswith(WRITER_THREAD) for name in writers)
    counts = []
    runner.query(_count, on_done=counts.append)
    qtbot.waitUntil(lambda: bool(counts), timeout=WAIT)
    assert counts == [len(writers)]  # what the job wrote before it stopped stays committed


def test_a_failing_job_reports_its_error_and_a_cancelled_one_nothing(qtbot, runner):
    errors, done = [], []

    def fails(_ctl):
        raise ValueError("no")

    def gives_up(_ctl):
        raise JobCancelled("stop")

    runner.job(fails, on_error=errors.append, on_done=done.append)
    runner.job(gives_up, on_error=errors.append, on_done=done.append)
    qtbot.waitUntil(runner.is_idle, timeout=WAIT)
    assert [type(e) for e in errors] == [ValueError] and done == []


def test_every_write_comes_from_the_writer_thread(qtbot, runner, store, seeded):
    committed_on = []
    store.commit_hook = lambda _conn: committed_on.append(threading.current_thread().name)
    try:
        runner.op(lambda s: tickets.create_ticket(s, ticket_type="incident", title="Op", actor_id=seeded["me"]).id)
        runner.job(lambda ctl: ctl.write(lambda s: tickets.create_ticket(
            s, ticket_type="incident", title="From a job", actor_id=seeded["me"]).id))
        runner.query(_count)
        qtbot.waitUntil(runner.is_idle, timeout=WAIT)
    finally:
        store.commit_hook = None
    assert len(committed_on) == 2 and all(name.startswith(WRITER_THREAD) for name in committed_on)


def test_shutdown_interrupts_reads_stops_jobs_and_leaves_no_threads(qtbot, store, seeded):
    runner = TaskRunner(store)
    started = threading.Event()
    answers = []

    def endless(session):
        started.set()
        return session.execute(text(ENDLESS)).scalar()

    def waits_for_cancel(ctl):
        while not ctl.cancelled:
            threading.Event().wait(0.01)

    runner.query(endless, on_done=answers.append)
    job = runner.job(waits_for_cancel, on_done=answers.append)
    runner.op(lambda s: None)
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    runner.shutdown()
    assert job.done.is_set() and answers == []
    assert not [t.name for t in threading.enumerate() if t.name.startswith("deskside-")]
    assert runner.op(lambda s: None).cancelled  # nothing runs after shutdown


def test_a_cancel_that_lands_before_the_statement_starts_still_stops_it(qtbot, runner):
    """sqlite3's interrupt() stops only a statement already running: a query cancelled between its statements
    (here: before its first) is stopped by the cancel flag the connection's progress handler reads."""
    cancelled_first = threading.Event()
    answers = []

    def late_start(session):
        cancelled_first.wait(WAIT / 1000)  # the cancel (and its interrupt) comes before any statement runs
        return session.execute(text(ENDLESS)).scalar()

    old = runner.query(late_start, slot="queue", on_done=answers.append, on_error=answers.append)
    qtbot.waitUntil(lambda: old._interrupt is not None, timeout=WAIT)  # running on its connection
    old.cancel()
    cancelled_first.set()
    qtbot.waitUntil(runner.is_idle, timeout=WAIT)  # the endless statement stopped
    assert answers == []  # a cancelled query delivers nothing


def test_background_reads_run_one_at_a_time_beside_busy_reads_at_a_lower_priority(qtbot, runner):
    """A background read (a million tickets' count or id list) never waits for the ordinary reads, and never
    runs beside another background read: they take their turns on the one thread of lower priority."""
    release, running, order, niceness = threading.Event(), [], [], []
    busy = [runner.query(lambda s: release.wait(WAIT / 1000)) for _ in range(3)]  # every ordinary read thread

    def background(session, *, name):
        running.append(name)
        assert len(running) == 1  # alone
        order.append(name)
        if sys.platform == "linux":
            niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        running.remove(name)
        return session.execute(select(func.count()).select_from(Ticket)).scalar()

    answers = []
    for name in ("count", "ids", "places"):
        runner.query(background, name=name, background=True, on_done=answers.append)
    qtbot.waitUntil(lambda: len(answers) == 3, timeout=WAIT)  # while the ordinary reads still wait
    assert order == ["count", "ids", "places"] and not any(t.done.is_set() for t in busy)
    if sys.platform == "linux":
        assert set(niceness) == {min(19, os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICE)}
    release.set()
    qtbot.waitUntil(runner.is_idle, timeout=WAIT)


def test_a_newer_background_read_in_a_slot_interrupts_the_older(qtbot, runner):
    started = threading.Event()
    old_answers, new_answers = [], []

    def endless(session):
        started.set()
        return session.execute(text(ENDLESS)).scalar()

    old = runner.query(endless, slot="ids", background=True, on_done=old_answers.append, on_error=old_answers.append)
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    runner.query(_count, slot="ids", background=True, on_done=new_answers.append, on_error=new_answers.append)
    qtbot.waitUntil(lambda: bool(new_answers) and runner.is_idle(), timeout=WAIT)  # its thread was freed
    assert new_answers == [0] and old.cancelled and old_answers == []


def test_a_handoff_gives_the_result_to_its_taker_in_either_order_unless_the_taker_is_gone(qtbot, runner):
    from PySide6.QtCore import QObject

    early, late, gone = Handoff(), Handoff(), Handoff()
    owner, doomed = QObject(), QObject()
    got: list = []
    early(1)  # the answer before its taker
    early.take(owner, lambda r: got.append(("early", r)))
    late.take(owner, lambda r: got.append(("late", r)))
    runner.query(_count, on_done=late)  # the answer after its taker, from a read
    gone.take(doomed, lambda r: got.append(("gone", r)))
    shiboken6.delete(doomed)
    gone(3)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=WAIT)
    assert got == [("early", 1), ("late", 0)]


def test_a_gated_read_waits_for_its_gate_and_counts_as_under_way(qtbot, runner):
    gate, answers = threading.Event(), []
    runner.query(_count, gate=gate, background=True, on_done=answers.append)
    qtbot.wait(100)
    assert answers == [] and not runner.is_idle()  # held: nobody waiting for idle sees it done
    gate.set()
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    assert answers == [_count_now(runner)]


def test_a_gate_nobody_opens_holds_a_read_only_so_long(qtbot, runner, monkeypatch):
    import app.ui.tasks as tasks_module

    monkeypatch.setattr(tasks_module, "GATE_WAIT_S", 0.05)
    answers = []
    runner.query(_count, gate=threading.Event(), background=True, on_done=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)


def test_a_cancelled_gated_read_frees_its_thread_at_once(qtbot, runner, monkeypatch):
    import app.ui.tasks as tasks_module

    monkeypatch.setattr(tasks_module, "GATE_WAIT_S", 60)  # longer than the wait below: only the cancel frees it
    old_answers, new_answers = [], []
    old = runner.query(_count, slot="ids", gate=threading.Event(), background=True, on_done=old_answers.append)
    runner.query(_count, slot="ids", background=True, on_done=new_answers.append)  # the one background thread
    qtbot.waitUntil(lambda: bool(new_answers), timeout=WAIT)
    assert old.cancelled and old.gate is not None and old.gate.is_set()
    qtbot.waitUntil(runner.is_idle, timeout=WAIT)
    assert old_answers == []


def _count_now(runner) -> int:
    with runner.db.read_session() as s:
        return _count(s)


def test_an_unhandled_failure_is_told_as_a_read_or_as_a_write(qtbot, runner):
    """A read that fails changes nothing, and its message says so; a write's says it was not saved."""

    def broken(_session):
        raise OSError("disk I/O error")

    told: list[str] = []
    runner.task_failed.connect(told.append)
    runner.query(broken)
    qtbot.waitUntil(lambda: len(told) == 1, timeout=WAIT)
    runner.op(broken)
    qtbot.waitUntil(lambda: len(told) == 2, timeout=WAIT)
    assert "could not be read" in told[0] and "Nothing was changed" in told[0] and "not saved" not in told[0]
    assert "not saved" in told[1] and "Your input is kept" in told[1]


def test_a_handler_shared_by_a_read_and_a_write_tells_each_as_it_was(qtbot, runner):
    """The runner marks a query's error before its handler has it: one handler, the right words for each."""

    def broken(_session):
        raise OSError("disk I/O error")

    told: list[str] = []

    def handler(exc: Exception) -> None:  # one handler for both
        told.append(describe_error(exc))

    runner.query(broken, on_error=handler)
    qtbot.waitUntil(lambda: len(told) == 1, timeout=WAIT)
    runner.op(broken, on_error=handler)
    qtbot.waitUntil(lambda: len(told) == 2, timeout=WAIT)
    assert "could not be read" in told[0] and "not saved" not in told[0]
    assert "not saved" in told[1] and "Your input is kept" in told[1]
