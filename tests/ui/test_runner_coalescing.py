"""The sync's change records reach the views coalesced; a local edit's record is never held back."""

from __future__ import annotations

import threading

import pytest

from app.sync.writer import SyncDb
from app.ui.tasks import TaskRunner, coalesced
from core.feed import LOCAL, SYNC, Change, ChangeRecord, note

WAIT = 10_000


@pytest.fixture
def runner(qapp, store, seeded):
    r = TaskRunner(store)
    yield r
    r.shutdown()


def _note_ticket(session, *, ticket_id: str) -> None:
    note(session, "ticket", [ticket_id])


def _ids(record: ChangeRecord) -> set[str]:
    return set(record.ids_of("ticket"))


def test_sync_pages_come_as_one_record_per_interval_and_a_local_edit_at_once_in_order(qtbot, runner):
    runner.sync_coalesce_ms = 3_600_000  # nothing ends the interval but a local edit or the job's end
    records: list[ChangeRecord] = []
    runner.committed.connect(records.append)
    halfway, go, done = threading.Event(), threading.Event(), []

    def pull(ctl) -> str:
        db = SyncDb(runner.db, ctl)
        for n in range(6):
            if n == 3:
                halfway.set()
                go.wait(WAIT / 1000)
            db.write(_note_ticket, ticket_id=f"pulled-{n}")
        return "pulled"

    runner.job(pull, on_done=lambda result: done.append((result, list(records))))
    assert halfway.wait(WAIT / 1000)
    qtbot.waitUntil(lambda: len(records) == 1, timeout=WAIT)  # the first page at once
    local_done = []
    runner.op(_note_ticket, ticket_id="mine", on_done=local_done.append)
    qtbot.waitUntil(lambda: bool(local_done), timeout=WAIT)
    # The local edit came at once, after the pages held before it, merged into one record.
    assert [(r.initiator, _ids(r)) for r in records] == [
        (SYNC, {"pulled-0"}), (SYNC, {"pulled-1", "pulled-2"}), (LOCAL, {"mine"})]
    go.set()
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    # The job's end publishes what it committed since, before its own answer.
    result, seen = done[0]
    assert result == "pulled"
    assert [(r.initiator, _ids(r)) for r in seen[3:]] == [(SYNC, {"pulled-3", "pulled-4", "pulled-5"})]


def test_held_sync_records_come_when_the_interval_ends_while_the_round_still_runs(qtbot, runner):
    runner.sync_coalesce_ms = 50
    records: list[ChangeRecord] = []
    runner.committed.connect(records.append)
    finish = threading.Event()

    def pull(ctl) -> None:
        db = SyncDb(runner.db, ctl)
        for n in range(4):
            db.write(_note_ticket, ticket_id=f"pulled-{n}")
        finish.wait(WAIT / 1000)

    runner.job(pull)
    qtbot.waitUntil(lambda: set().union(*map(_ids, records)) == {f"pulled-{n}" for n in range(4)}, timeout=WAIT)
    assert all(r.initiator == SYNC for r in records) and not finish.is_set()  # the round is still running
    finish.set()
    qtbot.waitUntil(runner.is_idle, timeout=WAIT)


def test_coalesced_merges_runs_of_sync_records_only():
    def rec(initiator: str, *ids: str, entity: str = "ticket", fields: tuple[str, ...] = ()) -> ChangeRecord:
        return ChangeRecord((Change(entity, frozenset(ids), frozenset(fields)),), initiator=initiator)

    out = coalesced([rec(SYNC, "a", fields=("title",)), rec(SYNC, "b"), rec(SYNC, "n1", entity="worklog_entry"),
                     rec(LOCAL, "c"), rec(LOCAL, "d"), rec(SYNC, "e")])
    assert [r.initiator for r in out] == [SYNC, LOCAL, LOCAL, SYNC]
    first = out[0]
    assert first.ids_of("ticket") == {"a", "b"} and first.ids_of("worklog_entry") == {"n1"}
    assert first.change_of("ticket").fields == frozenset()  # "any field" wins over a named one
    assert coalesced([]) == []
