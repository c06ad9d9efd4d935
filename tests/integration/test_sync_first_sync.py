"""A first sync in bulk: SLA and KPI figures as the slow way computes them, a kill midway resumed without loss or
duplicates, and pulled pages committed without waiting for the disk while local edits still wait for it.

Also the child process of the kill test: python -m tests.integration.test_sync_first_sync STORE URL USER
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from app.credentials import MemoryTokenStore
from app.kpi import daily as kpi_daily
from app.sla import tracking as sla_tracking
from app.store import open_store
from app.sync import derived, sla_clocks
from app.sync.client import SyncClient
from app.sync.engine import CRASH_ENV, sync_once
from app.sync.writer import SyncDb
from app.tickets import worklog
from app.tickets import writes as tickets
from core.schema import utcnow
from tests.server.conftest import PASSWORD, ROOT, _env

PAGE = 5  # changes per pulled page: a few dozen pages for these desks


def _client(desk, user: str) -> SyncClient:
    client = SyncClient(desk.url, tokens=MemoryTokenStore())
    client.sign_in(user, PASSWORD)
    return client


def _rows(path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


def _seed_varied(node) -> list[str]:
    """Tickets whose clocks differ: priorities, a reply, a pause, a resolution, a problem."""
    ids = []
    with node.store.session() as s:
        for i, (impact, urgency) in enumerate([(1, 1), (2, 3), (3, 3), (1, 2), (3, 1), (2, 2)]):
            t = tickets.create_ticket(s, ticket_type="incident", title=f"Measured {i}", actor_id=node.me,
                                      group_id=node.group, impact=impact, urgency=urgency)
            s.flush()
            ids.append(t.id)
        tickets.update_ticket(s, ticket_id=ids[0], changes={"state": "in_progress"}, actor_id=node.me)
        worklog.add_worklog(s, ticket_id=ids[0], kind="reply", body="On it", actor_id=node.me,
                            sent_via="phone")  # answers now (a mailed one: once sent)
        tickets.update_ticket(s, ticket_id=ids[1], changes={"state": "on_hold", "on_hold_reason": "awaiting_caller"},
                              actor_id=node.me)
        tickets.update_ticket(s, ticket_id=ids[2], changes={"state": "resolved", "resolution_code": "solved_workaround",
                                                            "resolution_notes": "Reset"}, actor_id=node.me)
        ids.append(tickets.create_ticket(s, ticket_type="problem", title="Measured problem", actor_id=node.me,
                                         group_id=node.group).id)
        for tid in ids:
            worklog.add_worklog(s, ticket_id=tid, kind="note", body="measured note", actor_id=node.me)
    node.sync()
    return ids


SLA_SQL = "SELECT * FROM ticket_sla"
KPI_SQL = "SELECT * FROM kpi_daily"
# The rollups the dashboard reads (migration 0013): weeks and months, and volume by category.
ROLLUP_SQL = "SELECT * FROM kpi_rollup"
CATEGORY_SQL = "SELECT * FROM kpi_category"
DERIVED = (("sla", SLA_SQL), ("kpi", KPI_SQL), ("rollup", ROLLUP_SQL), ("category", CATEGORY_SQL))


@pytest.mark.parametrize(("bulk_from", "apart_from"), [(1, 10_000), (10_000, 10_000), (1, 1)],
                         ids=["one rebuild", "days refreshed", "clocks in a second process"])
def test_sla_and_kpi_figures_after_a_first_sync_equal_the_slow_way(desk, nodes, tmp_path, monkeypatch, bulk_from,
                                                                   apart_from):
    ann = nodes(desk, "ann")
    _seed_varied(ann)
    now = utcnow()
    monkeypatch.setattr(sla_tracking, "utcnow", lambda: now)  # one instant for both ways
    monkeypatch.setattr(derived, "BULK_FROM", bulk_from)
    # A page of this many tickets is measured in a second interpreter (app.sync.sla_clocks), not the writer.
    monkeypatch.setattr(sla_clocks, "PROCESS_FROM", apart_from)
    path = tmp_path / "first.sqlite3"
    store, client = open_store(path), _client(desk, "ben")
    try:
        with store.session() as s:
            kpi_daily.rebuild(s)  # the dashboard was shown before the first sync: its tables follow the pull
        report = sync_once(store, client, limit=PAGE, attachments=False)
        assert report.pulled_pages > 3
        pulled = {name: _rows(path, sql) for name, sql in DERIVED}
        held = _rows(path, "SELECT id FROM ticket")
        assert len(held) >= 7 and len(pulled["sla"]) >= 6  # a problem has no SLA
        assert pulled["kpi"] and pulled["rollup"] and pulled["category"]
        with store.session() as s:  # the slow way: ticket by ticket, then the whole KPI table from scratch
            for (tid,) in held:
                sla_tracking.recompute_ticket_sla(s, [tid])
            kpi_daily.rebuild(s)
        assert {name: _rows(path, sql) for name, sql in DERIVED} == pulled
    finally:
        client.close()
        store.close()


def test_a_first_sync_killed_midway_resumes_without_loss_or_duplicates(desk, nodes, tmp_path):
    ann = nodes(desk, "ann")
    with ann.store.session() as s:
        for i in range(30):
            tid = tickets.create_ticket(s, ticket_type="incident", title=f"Resumed {i}", actor_id=ann.me,
                                        group_id=ann.group).id
            for n in range(2):
                worklog.add_worklog(s, ticket_id=tid, kind="note", body=f"resumednote {i} {n}", actor_id=ann.me)
    ann.sync()
    path = tmp_path / "killed.sqlite3"
    child = subprocess.run([sys.executable, "-m", "tests.integration.test_sync_first_sync", str(path), desk.url, "mia"],
                           cwd=ROOT, env=_env() | {CRASH_ENV: "after_pull_committed:3"}, capture_output=True,
                           text=True, timeout=120)
    assert child.returncode == 137, child.stdout + child.stderr
    expected_tickets = _rows(ann.path, "SELECT id, number, title, state FROM ticket")
    expected_notes = _rows(ann.path, "SELECT id, ticket_id, body FROM worklog_entry")
    held = len(_rows(path, "SELECT id FROM ticket"))
    # mia (a manager) sees every group: her pages are never filled up by a membership's backfill
    assert 0 < held < len(expected_tickets)  # killed after the third page: a part is held
    # ...each held ticket with its SLA clocks: they commit with the page, not in a step after the pull
    assert _rows(path, "SELECT count(*) FROM ticket t LEFT JOIN ticket_sla s ON s.ticket_id = t.id "
                       "WHERE t.type = 'incident' AND s.ticket_id IS NULL") == [(0,)]
    store, client = open_store(path), _client(desk, "mia")
    try:
        sync_once(store, client, limit=PAGE, attachments=False)
    finally:
        client.close()
        store.close()
    assert _rows(path, "SELECT id, number, title, state FROM ticket") == expected_tickets
    assert _rows(path, "SELECT id, ticket_id, body FROM worklog_entry") == expected_notes
    assert _rows(path, "SELECT count(*) FROM ticket t LEFT JOIN ticket_sla s ON s.ticket_id = t.id "
                       "WHERE t.type = 'incident' AND s.ticket_id IS NULL") == [(0,)]  # every clock measured
    # One index row per note (migration 0011): the tickets are the distinct high halves of the rowids.
    assert _rows(path, "SELECT count(DISTINCT rowid >> 32) FROM ticket_fts WHERE ticket_fts MATCH 'resumednote'") \
        == [(30,)]


def _synchronous(s) -> int:
    return s.connection().exec_driver_sql("PRAGMA synchronous").scalar()


def test_a_pulled_page_commits_without_waiting_for_the_disk_and_every_other_write_waits(tmp_path):
    store = open_store(tmp_path / "levels.sqlite3")
    db = SyncDb(store)
    try:
        assert db.write_redoable(_synchronous) == 1  # NORMAL: a power cut may undo the page (and its cursor) whole
        assert db.write(_synchronous) == 2  # FULL again on the same connection
        with store.session() as s:
            assert _synchronous(s) == 2
        assert db.write_redoable(_synchronous) == 1
        with store.session() as s:  # a local edit right after a pulled page
            assert _synchronous(s) == 2
    finally:
        store.close()


def test_in_the_app_the_runners_writer_commits_pulled_pages_redoable_and_its_operations_durable(qtbot, store):
    from app.ui.tasks import TaskRunner  # Qt only here: the other tests of this folder run headless

    runner = TaskRunner(store)
    got: list = []
    try:
        def job(ctl):  # as the sync controller's round does: every write on the runner's single writer
            db = SyncDb(store, ctl)
            return db.write_redoable(_synchronous), db.write(_synchronous), db.write_redoable(_synchronous)

        runner.job(job, on_done=got.append, on_error=got.append)
        qtbot.waitUntil(lambda: bool(got), timeout=20_000)
        runner.op(_synchronous, on_done=got.append, on_error=got.append)  # a local edit after a pulled page
        qtbot.waitUntil(lambda: len(got) == 2, timeout=20_000)
    finally:
        runner.shutdown()
    assert got == [(1, 2, 1), 2]


def main(store_path: str, url: str, user: str) -> None:
    store = open_store(store_path)
    client = SyncClient(url, tokens=MemoryTokenStore())
    client.sign_in(user, PASSWORD)
    sync_once(store, client, limit=PAGE, attachments=False)  # the crash point ends the process midway
    client.close()
    store.close()
    print("no crash")


if __name__ == "__main__":
    main(*sys.argv[1:])
