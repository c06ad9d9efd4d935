"""Edits during a sync: a user's edit (through the app's task runner) lands inside the sync's own
transactions of a first sync (the FTS pause, a page, the rebuild) and of a later push; the sync and
the edit both succeed, and search finds everything afterwards."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import event, func, select

from app.credentials import MemoryTokenStore
from app.models import OutboxMutation, Ticket
from app.people import reference
from app.tickets import writes as tickets
from app.store import open_store
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from app.ui.tasks import TaskRunner
from tests.integration.test_sync_fts_pause import TRIGGERS, _raw
from tests.server.conftest import PASSWORD

SYNC_THREAD = "test-sync"
WAIT = 60_000


class EditDuringSync:
    """Right before the sync thread runs its first statement starting with `marker`, the user saves an
    edit through the runner. The sync waits until that edit committed, failed, or waits for the write
    lock the sync's transaction holds (its BEGIN IMMEDIATE ran): a real interleaving, no timing."""

    def __init__(self, store, runner: TaskRunner, marker: str, edit, sync_thread: str = SYNC_THREAD,
                 on_done=None) -> None:
        self.runner, self.marker, self.edit, self.sync_thread = runner, marker, edit, sync_thread
        self.on_done = on_done
        self.fired = False
        self.task = None
        self.errors: list[Exception] = []
        self._runner_waits = threading.Event()
        event.listen(store.engine, "before_cursor_execute", self._before)

    def _before(self, _conn, _cursor, statement, *_args) -> None:
        thread = threading.current_thread().name
        if thread.startswith("deskside-db") and statement == "BEGIN IMMEDIATE":
            self._runner_waits.set()
            return
        if not thread.startswith(self.sync_thread) or self.fired or not statement.startswith(self.marker):
            return
        self.fired = True
        self.task = self.runner.run(self.edit, on_done=self.on_done, on_error=self.errors.append)
        for _ in range(6000):  # bounded, so a broken build fails instead of hanging
            if self.task.done.wait(0.01) or self._runner_waits.is_set():
                break


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


def _run_sync(qtbot, store, client) -> None:
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=SYNC_THREAD) as pool:
        future = pool.submit(sync_once, store, client, limit=2)
        qtbot.waitUntil(future.done, timeout=WAIT)
        future.result()  # the sync's own error, if any


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
        _run_sync(qtbot, store, client)
        assert hook.fired
        qtbot.waitUntil(hook.task.done.is_set, timeout=WAIT)
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
        _run_sync(qtbot, ann.store, ann.client)
        assert hook.fired
        qtbot.waitUntil(hook.task.done.is_set, timeout=WAIT)
        assert hook.errors == []
        with ann.store.session() as s:
            assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.title == "wombat during push")) == 1
            assert s.scalar(select(Ticket.number).where(Ticket.title == "pushed")) is not None
    finally:
        runner.shutdown()
