"""Full-text indexing paused for a first sync (app.sync.fts_pause): after the sync, and after a kill -9
at any point of it, search finds every ticket and note, and the FTS triggers are back; so are the queue's
sort keys and the backlog spans (their triggers parked too), equal to what the triggers make.

Also the child process of the kill -9 tests: python -m tests.integration.test_sync_fts_pause STORE URL USER
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from app.credentials import MemoryTokenStore
from app.store import FTS_REBUILD_PENDING, open_store
from app.sync.client import SyncClient
from app.sync.engine import CRASH_ENV, pull_changes
from app.tickets import worklog
from app.tickets import writes as tickets
from tests.server.conftest import PASSWORD, ROOT, _env

TRIGGERS = ["ticket_fts_ad", "ticket_fts_ai", "ticket_fts_au", "worklog_fts_ad", "worklog_fts_ai", "worklog_fts_au"]


def _raw(path) -> dict:
    """What the file holds, read without open_store (which would finish a pending rebuild)."""
    con = sqlite3.connect(path)
    try:
        return {"pending": con.execute("SELECT count(*) FROM store_meta WHERE key = ?",
                                       (FTS_REBUILD_PENDING,)).fetchone()[0],
                "triggers": [r[0] for r in con.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%ticket_fts%' ORDER BY name")],
                "tickets": con.execute("SELECT count(*) FROM ticket").fetchone()[0],
                "indexes": sorted(r[0] for r in con.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket' AND sql IS NOT NULL")),
                # one header piece per ticket (migration 0011)
                "indexed": con.execute("SELECT count(*) FROM ticket_fts WHERE rowid & 4294967295 = 0").fetchone()[0]}
    finally:
        con.close()


def _derived(path) -> tuple[list[str], dict[str, tuple]]:
    """(the sort-key and backlog triggers, per ticket id its sort keys and backlog span), read raw."""
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'ticket_sortkey%' "
            "OR name LIKE 'ticket_sla_sortkey%' OR name LIKE 'kpi_backlog%') ORDER BY name")]
        rows = {r[0]: r[1:] for r in con.execute(
            "SELECT t.id, t.group_name, t.assignee_name, t.requester_name, t.sla_due, b.opened, b.closed "
            "FROM ticket t LEFT JOIN kpi_backlog b ON b.id = t.row_id")}
        return names, rows
    finally:
        con.close()


def _same_derived(path, source_path) -> None:
    """The synced store's sort keys and backlog spans are the ones the triggers gave on the desk that made the
    tickets, and its triggers are all back."""
    names, rows = _derived(path)
    source_names, source_rows = _derived(source_path)
    assert names == source_names and len(names) >= 8
    assert rows and all(rows[i] == source_rows[i] for i in rows)
    assert all(r[0] is not None and r[3] is not None and r[4] is not None for r in rows.values())


def _matches(store, word: str) -> int:
    with store.session() as s:
        return s.connection().exec_driver_sql(
            "SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH ?", (word,)).scalar()


def _seed(node, word: str, count: int = 3) -> None:
    with node.store.session() as s:
        for i in range(count):
            tid = tickets.create_ticket(s, ticket_type="incident", title=f"{word} title {i}", actor_id=node.me,
                                        group_id=node.group).id
            worklog.add_worklog(s, ticket_id=tid, kind="note", body=f"note{word} {i}", actor_id=node.me)
    node.sync()


def test_a_first_sync_leaves_every_ticket_and_note_searchable_and_the_triggers_back(desk, nodes, tmp_path):
    ann = nodes(desk, "ann")
    _seed(ann, "zeppelin")
    client = SyncClient(desk.url, tokens=MemoryTokenStore())
    client.sign_in("ben", PASSWORD)
    store = open_store(tmp_path / "fresh.sqlite3")
    try:
        pull_changes(store, client, limit=7)  # many pages, all with indexing paused
        assert _matches(store, "zeppelin") == 3 and _matches(store, "notezeppelin") == 3
        raw = _raw(store.path)
        assert raw["pending"] == 0 and raw["triggers"] == TRIGGERS and raw["indexed"] == raw["tickets"]
        assert raw["indexes"] == _raw(ann.store.path)["indexes"]  # the queue's indexes are back too
        _same_derived(store.path, ann.store.path)
        with store.session() as s:  # the triggers index edits again
            tid = tickets.create_ticket(s, ticket_type="incident", title="Quokka", actor_id=None,
                                        group_id=ann.group).id
            worklog.add_worklog(s, ticket_id=tid, kind="note", body="wombat", actor_id=None)
        assert _matches(store, "quokka") == 1 and _matches(store, "wombat") == 1
    finally:
        client.close()
        store.close()


@pytest.mark.parametrize("point", ["after_pull_applied", "after_pull_committed"])
def test_a_first_sync_killed_with_indexing_paused_leaves_a_searchable_store(desk, nodes, tmp_path, point):
    ann = nodes(desk, "ann")
    word = f"crash{point.replace('_', '')}"
    _seed(ann, word)
    path = tmp_path / "killed.sqlite3"
    child = subprocess.run([sys.executable, "-m", "tests.integration.test_sync_fts_pause", str(path), desk.url, "ben"],
                           cwd=ROOT, env=_env() | {CRASH_ENV: point}, capture_output=True, text=True, timeout=120)
    assert child.returncode == 137, child.stdout + child.stderr
    raw = _raw(path)
    assert raw["pending"] == 1 and raw["triggers"] == []  # killed while paused
    full_set = _raw(ann.store.path)["indexes"]
    assert len(raw["indexes"]) < len(full_set)  # the queue's indexes wait for the end as well
    if point == "after_pull_committed":
        assert raw["tickets"] > raw["indexed"] == 0  # rows the index does not hold yet
    store = open_store(path)  # finishes the rebuild before anything reads the store
    try:
        raw = _raw(path)
        assert raw["pending"] == 0 and raw["triggers"] == TRIGGERS and raw["indexed"] == raw["tickets"]
        assert raw["indexes"] == full_set
        client = SyncClient(desk.url, tokens=MemoryTokenStore())
        client.sign_in("ben", PASSWORD)
        try:
            pull_changes(store, client)
        finally:
            client.close()
        assert _matches(store, word) == 3 and _matches(store, "note" + word) == 3
        _same_derived(path, ann.store.path)
        raw = _raw(path)
        assert raw["pending"] == 0 and raw["triggers"] == TRIGGERS and raw["indexed"] == raw["tickets"]
    finally:
        store.close()


def main(store_path: str, url: str, user: str) -> None:
    store = open_store(store_path)
    client = SyncClient(url, tokens=MemoryTokenStore())
    client.sign_in(user, PASSWORD)
    pull_changes(store, client, limit=50)  # the crash point ends the process on the first page
    client.close()
    store.close()
    print("no crash")


if __name__ == "__main__":
    main(*sys.argv[1:])
