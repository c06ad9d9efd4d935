"""full-text search per piece: a contentless FTS5 row per ticket header and per worklog entry (issue 12)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""
# The index of 0002 kept one row per ticket with the whole worklog concatenated, rewritten on every
# note. Here each piece is its own row in a contentless table (the text is not stored twice): rowid
# = ticket.row_id << 32 | piece, piece 0 the header (title, description), 1, 2, ... the worklog
# entries in the order written. worklog_entry.fts_rowid keeps each entry's rowid, which the triggers
# need to delete it again (a contentless delete names the old values). The number is not in the
# index: app.tickets.search finds numbers by ranges of the number index.

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

PIECES = 4294967295  # the low 32 bits of a rowid: the pieces of one ticket

TABLE = ("CREATE VIRTUAL TABLE ticket_fts USING fts5(body, title, content = '', "
         "tokenize = 'unicode61 remove_diacritics 2')")
TERMS = "CREATE VIRTUAL TABLE ticket_fts_terms USING fts5vocab(ticket_fts, 'row')"

TRIGGERS = [
    """CREATE TRIGGER ticket_fts_ai AFTER INSERT ON ticket BEGIN
        INSERT INTO ticket_fts(rowid, body, title)
        VALUES (new.row_id << 32, coalesce(new.description, ''), coalesce(new.title, ''));
    END""",
    """CREATE TRIGGER ticket_fts_au AFTER UPDATE OF title, description ON ticket
    WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.row_id << 32, coalesce(old.description, ''), coalesce(old.title, ''));
        INSERT INTO ticket_fts(rowid, body, title)
        VALUES (new.row_id << 32, coalesce(new.description, ''), coalesce(new.title, ''));
    END""",
    """CREATE TRIGGER ticket_fts_ad AFTER DELETE ON ticket BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.row_id << 32, coalesce(old.description, ''), coalesce(old.title, ''));
    END""",
    # The next piece: one past the ticket's highest indexed piece (a seek in the index's rowids).
    f"""CREATE TRIGGER worklog_fts_ai AFTER INSERT ON worklog_entry WHEN new.fts_rowid IS NULL BEGIN
        UPDATE worklog_entry SET fts_rowid = (
            SELECT (SELECT coalesce(max(f.rowid), t.row_id << 32) FROM ticket_fts f
                    WHERE f.rowid BETWEEN t.row_id << 32 AND (t.row_id << 32) + {PIECES}) + 1
            FROM ticket t WHERE t.id = new.ticket_id)
        WHERE rowid = new.rowid;
        INSERT INTO ticket_fts(rowid, body, title)
        SELECT fts_rowid, coalesce(new.body, ''), '' FROM worklog_entry
        WHERE rowid = new.rowid AND fts_rowid IS NOT NULL;
    END""",
    """CREATE TRIGGER worklog_fts_au AFTER UPDATE OF body ON worklog_entry
    WHEN old.fts_rowid IS NOT NULL AND old.body IS NOT new.body BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.fts_rowid, coalesce(old.body, ''), '');
        INSERT INTO ticket_fts(rowid, body, title) VALUES (old.fts_rowid, coalesce(new.body, ''), '');
    END""",
    """CREATE TRIGGER worklog_fts_ad AFTER DELETE ON worklog_entry WHEN old.fts_rowid IS NOT NULL BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.fts_rowid, coalesce(old.body, ''), '');
    END""",
]

# Entries without a piece yet are numbered after the ticket's last one, in the order written.
NUMBER_ENTRIES = f"""
UPDATE worklog_entry SET fts_rowid = p.rowid_ FROM (
    SELECT w.rowid AS entry, (t.row_id << 32) + coalesce(m.last, 0)
           + row_number() OVER (PARTITION BY w.ticket_id ORDER BY w.rowid) AS rowid_
    FROM worklog_entry w JOIN ticket t ON t.id = w.ticket_id
    LEFT JOIN (SELECT ticket_id, max(fts_rowid & {PIECES}) AS last FROM worklog_entry
               WHERE fts_rowid IS NOT NULL GROUP BY ticket_id) m ON m.ticket_id = w.ticket_id
    WHERE w.fts_rowid IS NULL) AS p
WHERE worklog_entry.rowid = p.entry
"""
# No ORDER BY: sorting all the text would hold it in memory (temp_store=MEMORY); the pieces come in
# rowid order but for entries written out of order (each costs a segment flush), and 'optimize' merges.
BUILD = [
    "INSERT INTO ticket_fts(rowid, body, title) SELECT row_id << 32, coalesce(description, ''), "
    "coalesce(title, '') FROM ticket",
    "INSERT INTO ticket_fts(rowid, body, title) SELECT fts_rowid, coalesce(body, ''), '' FROM worklog_entry "
    "WHERE fts_rowid IS NOT NULL",
    "INSERT INTO ticket_fts(ticket_fts) VALUES ('optimize')",
]

OLD_TRIGGERS = ("ticket_fts_ai", "ticket_fts_au", "ticket_fts_ad", "worklog_fts_ai")
OLD_TABLE = ("CREATE VIRTUAL TABLE ticket_fts USING fts5("
             "number, title, description, worklog, tokenize = 'unicode61 remove_diacritics 2')")
OLD_TRIGGERS_SQL = [
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
OLD_BUILD = """
INSERT INTO ticket_fts(rowid, number, title, description, worklog)
SELECT t.row_id, coalesce(t.number, ''), t.title, t.description,
       coalesce((SELECT group_concat(w.body, ' ') FROM worklog_entry w WHERE w.ticket_id = t.id), '')
FROM ticket t
"""


def _has_fts() -> bool:
    return op.get_bind().exec_driver_sql("SELECT value FROM store_meta WHERE key = 'fts'").scalar() == "1"


def upgrade() -> None:
    op.add_column("worklog_entry", sa.Column("fts_rowid", sa.Integer(), nullable=True))
    if not _has_fts():
        return
    for name in OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS ticket_fts")
    op.execute(TABLE)
    op.execute(TERMS)
    op.execute(NUMBER_ENTRIES)
    for sql in BUILD:
        op.execute(sql)
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    if _has_fts():
        for name in ("ticket_fts_ai", "ticket_fts_au", "ticket_fts_ad", "worklog_fts_ai", "worklog_fts_au",
                     "worklog_fts_ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS ticket_fts_terms")
        op.execute("DROP TABLE IF EXISTS ticket_fts")
        op.execute(OLD_TABLE)
        for trigger in OLD_TRIGGERS_SQL:
            op.execute(trigger)
        op.execute(OLD_BUILD)
    op.drop_column("worklog_entry", "fts_rowid")
