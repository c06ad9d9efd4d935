"""Pull pages, the gap-free cursor under concurrent pushes, long-poll wake-ups, tombstones."""

from __future__ import annotations

import threading
import time

from sqlalchemy import create_engine, select

from server.models import ChangeLog
from tests.server.wire import WaitingPull, new_id


def _log(desk) -> list:
    """The whole change log, read from the database itself."""
    engine = create_engine(desk.database_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(ChangeLog).order_by(ChangeLog.seq)))
    finally:
        engine.dispose()


def test_pagination_sees_every_change_once_in_order(desk, clients):
    max_ = clients("max")
    ids = [new_id() for _ in range(7)]
    max_.push(*[max_.create(t, group_id=None, title=f"page {i}") for i, t in enumerate(ids)])
    pages, _ = max_.pull_all(limit=3)
    seqs = [c["seq"] for p in pages for c in p["changes"]]
    log = _log(desk)
    assert [e.seq for e in log] == list(range(1, len(log) + 1))  # the log itself has no holes
    assert seqs == sorted(set(seqs))  # in order, none twice
    # A manager sees every change except other people's conflict records, and the upserts of rows
    # deleted since (nothing left to send; their tombstone follows).
    deleted = {e.entity_id for e in log if e.op == "delete"}
    unseen = [e for e in log if e.seq not in set(seqs)]
    assert all(e.entity == "conflict" or e.entity_id in deleted for e in unseen), unseen[:5]
    assert all(len(p["changes"]) <= 3 for p in pages) and not pages[-1]["has_more"]
    assert set(ids) <= {r["id"] for p in pages for r in p["rows"].get("ticket", [])}


def test_gap_free_cursor_under_concurrent_pushes(desk, clients):
    max_ = clients("max")
    _, start = max_.pull_all()
    writers = [clients(name) for name in ("alice", "tina", "max", "alice", "tina", "max")]
    expected: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(client) -> None:
        try:
            for _ in range(5):
                tid = new_id()
                receipts = client.push(client.create(tid, group_id=writers[0].group_ids[0]), client.worklog(tid))
                assert [r["status"] for r in receipts] == ["applied", "applied"]
                with lock:
                    expected.append(tid)
        except BaseException as exc:  # reported below; a thread must not die silently
            errors.append(exc)

    # A reader pulls all the time while the writers run, as a live client would.
    seen_live: list[int] = []
    stop = threading.Event()

    def read() -> None:
        cursor = start
        while not stop.is_set():
            page = max_.pull(cursor, limit=7)
            seen_live.extend(c["seq"] for c in page["changes"])
            cursor = page["next_cursor"]

    threads = [threading.Thread(target=run, args=(c,)) for c in writers]
    reader = threading.Thread(target=read)
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    stop.set()
    reader.join(timeout=60)
    assert not errors, errors
    pages, end = max_.pull_all(start, limit=9)
    seqs = [c["seq"] for p in pages for c in p["changes"]]
    assert seqs == list(range(start + 1, end + 1))  # strictly increasing, no gaps, none twice
    # The live reader saw the same numbers in order, none skipped by a commit landing late.
    assert seen_live == seqs[:len(seen_live)]
    tickets = {r["id"] for p in pages for r in p["rows"].get("ticket", [])}
    assert set(expected) <= tickets and len(expected) == 30


def test_long_poll_wakes_on_a_push(clients):
    alice, tina = clients("alice"), clients("tina")
    _, cursor = alice.pull_all()
    waiting = WaitingPull(alice, cursor)
    tid = new_id()
    tina.push(tina.create(tid))
    page, took = waiting.result()
    assert took < 5  # a liveness bound: without a wake-up it would sleep for 25 s
    assert tid in [r["id"] for r in page["rows"]["ticket"]]


def test_many_waiting_pulls_do_not_block_pushes(clients):
    alice, tina = clients("alice"), clients("tina")
    _, cursor = alice.pull_all()
    # More waiting pulls than the server has worker threads (40): waiting must not occupy them.
    waiting = [WaitingPull(alice, cursor, settle=0) for _ in range(60)]
    time.sleep(1.0)
    began = time.monotonic()
    tid = new_id()
    assert tina.push(tina.create(tid))[0]["status"] == "applied"
    pushed_in = time.monotonic() - began
    results = [w.result() for w in waiting]
    assert pushed_in < 5  # liveness bound: a starved push would wait for the 25 s polls to end
    assert all(tid in [r["id"] for r in page["rows"]["ticket"]] for page, _ in results)


def test_long_poll_times_out_empty(clients):
    alice = clients("alice")
    _, cursor = alice.pull_all()
    page = alice.pull(cursor, wait=0.3)
    assert page["changes"] == [] and page["next_cursor"] == cursor and not page["has_more"]


def test_delete_is_a_tombstone(clients):
    max_, alice = clients("max"), clients("alice")
    tid, wid = new_id(), new_id()
    alice.push(alice.create(tid), alice.worklog(tid, wid))
    _, cursor = alice.pull_all()
    assert max_.push(max_.mutation("ticket", tid, "delete", {}))[0]["status"] == "applied"
    page = alice.pull(cursor)
    assert {(t["entity"], t["entity_id"]) for t in page["tombstones"]} == {("ticket", tid), ("worklog_entry", wid)}
    late = alice.push(alice.update(tid, title=("Printer jams", "too late")))[0]
    assert late["status"] == "rejected" and "deleted" in late["reason"]


def test_a_page_reads_log_entries_as_tuples_of_every_change_log_column_in_order():
    # server.pull._Entry is made from each selected row by position: a column added to change_log must be added
    # there in the same place, or every later field would be read from its neighbour.
    from server.pull import _Entry, _raw_columns

    assert _Entry._fields == tuple(c.name for c in ChangeLog.__table__.columns)
    assert _Entry._fields == tuple(c.key for c in _raw_columns(ChangeLog))
