"""Indexing paused for a first sync: FTS triggers and queue indexes dropped while an empty store fills."""
# The FTS triggers and the ticket table's secondary (queue) indexes are dropped while an empty store fills, and
# built once at the end (app.store.finish_fts_rebuild).
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
from app.store import FTS_REBUILD_PENDING, Store, finish_fts_rebuild
from app.sync.writer import SyncDb, sync_db


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
    # The ticket table's secondary indexes (queue sorts and filters) wait too: each pulled row
    # otherwise updates a dozen B-trees; CREATE INDEX over the filled table is far cheaper. Unique
    # keys (id, number) stay, so upserts by id keep their index.
    indexes = [list(r) for r in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket' "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name")]
    s.add(StoreMeta(key=FTS_REBUILD_PENDING, value=json.dumps(triggers + indexes)))
    for name, _sql in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return True


def resume(store: Store | SyncDb) -> None:
    """Rebuild the index and put the triggers back, in one transaction."""
    sync_db(store).write(finish_fts_rebuild)
