"""The reads of templates, macros, runs and keys search an index; none scans its table (EXPLAIN QUERY PLAN)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

PLANS = {
    "picker": "SELECT * FROM reply_template WHERE owner_id IS NULL OR owner_id = :me ORDER BY owner_id IS NULL, name",
    "macros": "SELECT * FROM macro WHERE owner_id IS NULL OR owner_id = :me ORDER BY name",
    "a run's entries": "SELECT * FROM macro_run_entry WHERE batch_id = :me",
    "a key's macro": "SELECT * FROM macro_shortcut WHERE person_id = :me AND keys = :me",
    "my keys": "SELECT * FROM macro_shortcut WHERE person_id = :me",
    "an entry's outbox row": "SELECT * FROM outbox_mutation WHERE entity = 'worklog_entry' AND entity_id IN (:me)",
}


@pytest.mark.parametrize("name", sorted(PLANS))
def test_the_read_searches_an_index(store, name):
    with store.session() as s:
        plan = " | ".join(row[3] for row in s.execute(text("EXPLAIN QUERY PLAN " + PLANS[name]), {"me": "x"}))
    assert "SEARCH" in plan and " SCAN " not in f" {plan} ", plan
