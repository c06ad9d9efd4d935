"""Indexing paused for a first sync: FTS, sort-key and backlog triggers and queue indexes dropped while an empty
store fills."""
# The FTS triggers and the ticket table's secondary (queue) indexes are dropped while an empty store fills, and
# built once at the end (app.store.finish_fts_rebuild). So are the triggers that copy derived values row by row:
# the queue's sort keys (migration 0012: each pulled ticket was written, then rewritten by its insert trigger and
# again by its SLA row's) and the dashboard's backlog R*Tree (migration 0015); the end fills both for every
# ticket in one statement each, before the indexes are made (profiled on 20,000 tickets: the ticket pages'
# writer CPU 1.29 -> 0.91 s, the end 0.15 s more).
#
# Per row, the triggers cost a first sync more than a third of its SQLite work (a worklog note even
# rewrites its ticket's whole FTS document); one INSERT ... SELECT at the end builds the same index in
# a fraction of that. Crash-safe: the flag that says "rebuild pending" (holding the triggers' SQL) and
# the dropped triggers commit together, and the rebuild, the triggers and the flag's removal commit
# together; a store opened with the flag set rebuilds first (app.store.open_store). Local edits made
# meanwhile are indexed by the rebuild, which reads the tables as they are at its end.

from __future__ import annotations

import json

from app.models import StoreMeta
from app.models.kpi import BACKLOG_SPAN_SQL
from app.store import FTS_REBUILD_PENDING, Store, finish_fts_rebuild
from app.sync.writer import SyncDb, sync_db

# Triggers that keep copies of other rows' values on every write: parked with the FTS ones. Their fills below
# recompute every copy from its source at the end, so edits made on this desk meanwhile are covered too.
DERIVED_TRIGGERS = ("ticket_sortkey_%", "ticket_sla_sortkey_%", "kpi_backlog_%")
# Run first at the end (a name never in the schema, so app.store.finish_fts_rebuild always runs it), before the
# triggers and indexes come back: the sort keys as migration 0012's FILL, the backlog as app.kpi.daily.rebuild_backlog.
FILLS = [
    ["fill: queue sort keys", """UPDATE ticket
    SET group_name = (SELECT name FROM "group" g WHERE g.id = ticket.group_id),
    assignee_name = (SELECT name FROM person p WHERE p.id = ticket.assignee_id),
    requester_name = (SELECT name FROM person p WHERE p.id = ticket.requester_id),
    sla_due = coalesce((SELECT s.due_at FROM ticket_sla s WHERE s.ticket_id = ticket.id), '9999-12-31')"""],
    ["fill: backlog spans (emptied)", "DELETE FROM kpi_backlog"],
    ["fill: backlog spans", f"INSERT INTO kpi_backlog (id, opened, closed) SELECT {BACKLOG_SPAN_SQL} FROM ticket"],
]


def pause_for_first_sync(store: Store | SyncDb) -> bool:
    """Drop the FTS triggers when this store holds no ticket yet; True when the caller must call
    `resume` at the end (also when an earlier pause is still pending)."""
    db = sync_db(store)
    return db.has_fts and db.write(_pause)


def _pause(s) -> bool:
    """In one transaction: the pending flag with the triggers' and indexes' SQL, and their drop."""
    if s.get(StoreMeta, FTS_REBUILD_PENDING) is not None:
        return True
    conn = s.connection()
    if conn.exec_driver_sql("SELECT 1 FROM ticket LIMIT 1").first() is not None:
        return False
    triggers = [list(r) for r in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%ticket_fts%' ORDER BY name")]
    if not triggers:
        return False
    derived = [list(r) for r in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND ("
        + " OR ".join("name LIKE ?" for _ in DERIVED_TRIGGERS) + ") ORDER BY name", DERIVED_TRIGGERS)]
    # The ticket table's secondary indexes (queue sorts and filters) wait too: each pulled row
    # otherwise updates a dozen B-trees; CREATE INDEX over the filled table is far cheaper. Unique
    # keys (id, number) stay, so upserts by id keep their index.
    indexes = [list(r) for r in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket' "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name")]
    s.add(StoreMeta(key=FTS_REBUILD_PENDING, value=json.dumps((FILLS if derived else []) + triggers + derived
                                                              + indexes)))
    for name, _sql in triggers + derived:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return True


def resume(store: Store | SyncDb) -> None:
    """Rebuild the index and put the triggers back, in one transaction."""
    sync_db(store).write(finish_fts_rebuild)
