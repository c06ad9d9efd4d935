"""Edits during a sync: a user's edit (through the app's task runner) is made while the sync (a runner
job) is inside its own transactions of a first sync (the FTS pause, a page, the rebuild) and of a later
push; the one writer runs it between the sync's transactions, the sync and the edit both succeed, and
search finds everything afterwards."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Signal
from sqlalchemy import event, func, select

from app.credentials import MemoryTokenStore
from app.models import OutboxMutation, Ticket
from app.people import reference
from app.store import open_store
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from app.sync.writer import SyncDb
from app.tickets import writes as tickets
from app.ui.tasks import WRITER_THREAD, TaskRunner
from tests.integration.test_sync_fts_pause import TRIGGERS, _raw
from tests.server.conftest import PASSWORD

WAIT = 60_000


class EditDuringSync(QObject):
    """Right before the sync's transaction (on the writer thread) runs its first statement starting
    with `marker`, the user saves an edit through the runner (from the GUI thread, as a dialog does).
    The writer runs the edit once that sync transaction ends, between two of the sync's."""

    _reached = Signal()

    def __init__(self, store, runner: TaskRunner, marker: str, edit, on_done=None) -> None:
        super().__init__(runner)
        self.runner, self.marker, self.edit = runner, marker, edit
        self.on_done = on_done
        self.fired = False
        self.task = None
        self.errors: list[Exception] = []
        self._reached.connect(self._on_reached)  # queued: the hook runs on the writer thread
        event.listen(store.engine, "before_cursor_execute", self._before)

    def _before(self, _conn, _cursor, statement, *_args) -> None:
        if self.fired or not statement.startswith(self.marker):
            return
        assert threading.current_thread().name.startswith(WRITER_THREAD)  # no second writer
        self.fired = True
        self._reached.emit()

    def _on_reached(self) -> None:
        self.task = self.runner.op(self.edit, on_done=self.on_done, on_error=self.errors.append)

    def saved(self) -> bool:
        return self.task is not None and self.task.done.is_set()


@pytest.fixture
def seeded(desk, nodes):
    """ann's desk with a few searchable tickets on the server."""
    ann = nodes(desk, "ann")
    with ann.store.session() as s:
        for i in range(3):
            tickets.create_ticket(s, ticket_type="incident", title=f"zanzibar {i}", actor_id=ann.me,
                                  group_id=ann.group)
    ann.sync()
    return ann


def _run_sync(qtbot, runner, client) -> None:
    """A sync round as the app runs it: a runner job whose transactions go through the writer."""
    reports, errors = [], []
    runner.job(lambda ctl: sync_once(SyncDb(runner.store, ctl), client, limit=2), on_done=reports.append,
               on_error=errors.append)
    qtbot.waitUntil(lambda: bool(reports or errors), timeout=WAIT)
    assert errors == []  # the sync's own error, if any


def _matches(store, word: str) -> int:
    with store.session() as s:
        return s.connection().exec_driver_sql(
            "SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH ?", (word,)).scalar()


def _create(title: str, me: str):
    def work(s):
        return tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=me).id
    return work


@pytest.mark.parametrize("marker", [
    "INSERT INTO store_meta",  # the FTS pause's first write, after its reads
    'INSERT INTO "ticket"',    # inside a page: the sync's transaction holds the write lock
    "CREATE",                  # the rebuild at the end of the first sync, after its reads
])
def test_an_edit_during_a_first_sync_is_saved_and_the_sync_completes(qtbot, tmp_path, desk, seeded, marker):
    store = open_store(tmp_path / "fresh.sqlite3")
    runner = TaskRunner(store)
    client = SyncClient(desk.url, tokens=MemoryTokenStore())
    try:
        client.sign_in("ann", PASSWORD)
        with store.session() as s:
            me = reference.ensure_local_user(s, name="Ann")
        hook = EditDuringSync(store, runner, marker, _create("quokka typed during the sync", me))
        _run_sync(qtbot, runner, client)
        assert hook.fired
        qtbot.waitUntil(hook.saved, timeout=WAIT)
        assert hook.errors == []
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.title.like("quokka%"))) == 1
            assert s.scalar(select(func.count()).select_from(OutboxMutation)) == 1
        assert _raw(store.path)["triggers"] == TRIGGERS and _raw(store.path)["pending"] == 0
        assert _matches(store, "zanzibar") >= 3 and _matches(store, "quokka") == 1
        sync_once(store, client)  # the edit made during the first sync goes out with the next round
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(OutboxMutation)) == 0
    finally:
        runner.shutdown()
        client.close()
        store.close()


def test_an_edit_while_receipts_are_written_is_saved_and_the_push_completes(qtbot, desk, seeded):
    ann = seeded
    runner = TaskRunner(ann.store)
    try:
        with ann.store.session() as s:
            tickets.create_ticket(s, ticket_type="incident", title="pushed", actor_id=ann.me, group_id=ann.group)
        # The receipt of a create is handled after a read (the outbox row): the edit lands in between.
        hook = EditDuringSync(ann.store, runner, "INSERT INTO sync_receipt", _create("wombat during push", ann.me))
        _run_sync(qtbot, runner, ann.client)
        assert hook.fired
        qtbot.waitUntil(hook.saved, timeout=WAIT)
        assert hook.errors == []
        with ann.store.session() as s:
            assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.title == "wombat during push")) == 1
            assert s.scalar(select(Ticket.number).where(Ticket.title == "pushed")) is not None
    finally:
        runner.shutdown()
