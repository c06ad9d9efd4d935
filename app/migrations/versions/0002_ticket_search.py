"""full-text search over tickets and their worklogs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

An FTS5 table keyed by ticket.row_id, kept current by triggers so that every write path (services,
demo loader, sync) indexes the same way. Where the SQLite build has no FTS5 the table is not made,
store_meta.fts says 0, and the search service falls back to LIKE.
"""

import sqlite3

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TRIGGERS = [
    """CREATE TRIGGER ticket_fts_ai AFTER INSERT ON ticket BEGIN
        INSERT INTO ticket_fts(rowid, number, title, description, worklog)
        VALUES (new.row_id, coalesce(new.number, ''), new.title, new.description, '');
    END""",
    """CREATE TRIGGER ticket_fts_au AFTER UPDATE OF number, title, description ON ticket BEGIN
        UPDATE ticket_fts SET number = coalesce(new.number, ''), title = new.title,
            description = new.description WHERE rowid = new.row_id;
    END""",
    """CREATE TRIGGER ticket_fts_ad AFTER DELETE ON ticket BEGIN
        DELETE FROM ticket_fts WHERE rowid = old.row_id;
    END""",
    """CREATE TRIGGER worklog_fts_ai AFTER INSERT ON worklog_entry BEGIN
        UPDATE ticket_fts SET worklog = worklog || ' ' || new.body
        WHERE rowid = (SELECT row_id FROM ticket WHERE id = new.ticket_id);
    END""",
]

REBUILD = """
INSERT INTO ticket_fts(rowid, number, title, description, worklog)
SELECT t.row_id, coalesce(t.number, ''), t.title, t.description,
       coalesce((SELECT group_concat(w.body, ' ') FROM worklog_entry w WHERE w.ticket_id = t.id), '')
FROM ticket t
"""


def _has_fts5() -> bool:
    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        con.close()
        return True
    except sqlite3.OperationalError:
        return False


def upgrade() -> None:
    fts = _has_fts5()
    if fts:
        op.execute(
            "CREATE VIRTUAL TABLE ticket_fts USING fts5("
            "number, title, description, worklog, tokenize = 'unicode61 remove_diacritics 2')"
        )
        for trigger in TRIGGERS:
            op.execute(trigger)
        op.execute(REBUILD)
    meta = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.execute(meta.delete().where(meta.c.key == "fts"))
    op.bulk_insert(meta, [{"key": "fts", "value": "1" if fts else "0"}])


def downgrade() -> None:
    for name in ("ticket_fts_ai", "ticket_fts_au", "ticket_fts_ad", "worklog_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS ticket_fts")
    op.execute("DELETE FROM store_meta WHERE key = 'fts'")
