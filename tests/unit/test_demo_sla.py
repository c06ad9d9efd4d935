"""The demo's SLA clocks, measured chunk by chunk in a second process while the tickets are written, are the
ones the app measures over the finished store; the queue's sort keys the load writes itself are the ones its
triggers would have written."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from app.demo import generator, sla_clocks
from app.demo.generator import generate
from app.sla.tracking import recompute_all
from app.store import open_store

UNTIL = date(2026, 11, 1)
END = datetime(2026, 11, 1, tzinfo=UTC)
SLA = ("SELECT ticket_id, policy_id, computed_at, response_target_s, response_due_at, response_met_at, response_state, "
       "response_elapsed_s, response_paused_s, resolution_target_s, resolution_due_at, resolution_met_at, "
       "resolution_state, resolution_elapsed_s, resolution_paused_s, state, due_at, warn_at, warning "
       "FROM ticket_sla ORDER BY ticket_id")
SORT_KEYS = "SELECT row_id, group_name, assignee_name, requester_name, sla_due FROM ticket ORDER BY row_id"


def _rows(path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module", params=["second process", "same process"])
def loaded(request, tmp_path_factory):
    """A demo loaded in chunks, the clocks measured in a second process (or in the writer's, for small desks)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(generator, "CHUNK", 300)
    patch.setattr(sla_clocks, "PROCESS_FROM", 0 if request.param == "second process" else 10**9)
    path = tmp_path_factory.mktemp("sla") / "demo.sqlite3"
    try:
        generate(path, tickets=1500, seed=5, until=UNTIL)
    finally:
        patch.undo()
    return path


def test_the_loaded_clocks_are_the_ones_the_app_measures(loaded):
    clocks, keys = _rows(loaded, SLA), _rows(loaded, SORT_KEYS)
    assert len(clocks) >= 1200  # every incident and request (the demo's policy measures no problem)
    assert sum(1 for row in clocks if row[16] is not None) >= 5  # some clocks still run
    store = open_store(loaded)
    try:
        with store.session() as s:  # the app's own pass over the stored tickets; its triggers set sla_due
            # With the calendar the load began with: the change demo adds the holidays after the tickets
            # (so the demo's clocks, before and since issue 12, do not know them).
            s.execute(text("DELETE FROM holiday"))
            recompute_all(s, now=END)
    finally:
        store.close()
    assert _rows(loaded, SLA) == clocks
    assert _rows(loaded, SORT_KEYS) == keys


def test_the_sort_keys_are_the_ones_the_triggers_write(loaded):
    rows = _rows(loaded, "SELECT t.group_name IS g.name, t.assignee_name IS a.name, t.requester_name IS r.name "
                         "FROM ticket t LEFT JOIN \"group\" g ON g.id = t.group_id "
                         "LEFT JOIN person a ON a.id = t.assignee_id LEFT JOIN person r ON r.id = t.requester_id")
    assert len(rows) == 1500 and set(rows) == {(1, 1, 1)}
    assert _rows(loaded, "SELECT count(*) FROM ticket WHERE sla_due IS NULL") == [(0,)]
    # Nothing parked stays parked.
    assert _rows(loaded, "SELECT count(*) FROM sqlite_master WHERE name IN ('ticket_sortkey_ai', "
                         "'ticket_sla_sortkey_ai', 'ix_ticket_sla_due')") == [(3,)]
