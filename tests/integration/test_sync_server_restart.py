"""A large pull cut by a server kill -9 and restart, seen from the desk: the desk carries on from its
saved cursor once the server is back, and ends with exactly the server's rows, none lost or doubled."""

from __future__ import annotations

import threading
from urllib.parse import urlparse

import pytest
from sqlalchemy import create_engine, func, select, text

from app.models import Ticket, WorklogEntry
from app.sync.engine import pull_changes, saved_cursor, sync_once
from app.sync.errors import SyncError
from tests.integration.conftest import Node, new_node
from tests.server.wire import new_id

TICKETS = 800


def _seed(desk, count: int) -> None:
    """Tickets with two notes each, pushed by another desk of group A in big batches."""
    bulk = desk.sign_in("ben")
    try:
        batch: list[dict] = []
        for i in range(count):
            tid = new_id()
            batch += [bulk.create(tid, title=f"Seeded {i}"), bulk.worklog(tid, body=f"first {i}"),
                      bulk.worklog(tid, body=f"second {i}")]
            if len(batch) >= 480:
                assert {r["status"] for r in bulk.push(*batch)} == {"applied"}
                batch = []
        if batch:
            bulk.push(*batch)
    finally:
        bulk.close()


def _server_counts(desk, group_id: str) -> tuple[int, int, int]:
    engine = create_engine(desk.database_url)
    try:
        with engine.connect() as conn:
            tickets = conn.execute(text('SELECT count(*) FROM ticket WHERE group_id = :g'), {"g": group_id}).scalar()
            notes = conn.execute(text('SELECT count(*) FROM worklog_entry w JOIN ticket t ON t.id = w.ticket_id '
                                      'WHERE t.group_id = :g'), {"g": group_id}).scalar()
            latest = conn.execute(text("SELECT max(seq) FROM change_log")).scalar()
        return tickets, notes, latest
    finally:
        engine.dispose()


def _local_counts(node) -> tuple[int, int, int]:
    with node.store.session() as s:
        return (s.scalar(select(func.count()).select_from(Ticket)),
                s.scalar(select(func.count()).select_from(WorklogEntry)),
                s.scalar(select(func.count(func.distinct(Ticket.number)))))


CUTS = ("between_pages", "during_a_page")


@pytest.fixture(scope="module")
def desks(desk, tmp_path_factory, store_template):
    """{cut: ann's desk}, each after its first sync, then TICKETS tickets pushed to the server once for both
    (seeding was 7 s of each test's 10 at a load of 4): each cut still pulls all of them as news, from its own
    cursor."""
    made: list[Node] = []
    folder = tmp_path_factory.mktemp("restart-desks")
    by_cut = {cut: new_node(desk, "ann", folder / f"ann-{cut}.sqlite3", store_template, made) for cut in CUTS}
    _seed(desk, TICKETS)
    yield by_cut
    for node in made:
        node.close()


@pytest.mark.parametrize("cut", CUTS)
def test_a_pull_cut_by_a_server_restart_resumes_without_loss_or_duplicates(desk, desks, cut):
    ann = desks[cut]
    port = urlparse(desk.url).port
    pages: list[int] = []
    killer = threading.Timer(0.02, desk.kill)

    def on_progress(phase: str, done: int, total: int) -> None:
        pages.append(done)
        if len(pages) == 4:
            if cut == "between_pages":
                desk.kill()
            else:  # lands in the middle of the next request (or just before it: also a fault worth having)
                killer.start()

    with pytest.raises(SyncError):
        pull_changes(ann.store, ann.client, limit=100, progress=on_progress)
    if killer.is_alive() or killer.finished.is_set():
        killer.join()  # the kill is complete before the restart
    cursor = saved_cursor(ann.store, ann.client.server_key)
    assert cursor > 0
    desk.start(port=port)  # same address; the data and the desk's tokens are where they were
    report = sync_once(ann.store, ann.client, limit=100)
    assert report.cursor >= cursor
    tickets, notes, latest = _server_counts(desk, ann.group)
    assert _local_counts(ann) == (tickets, notes, tickets)
    assert report.cursor == latest
    assert tickets >= TICKETS
