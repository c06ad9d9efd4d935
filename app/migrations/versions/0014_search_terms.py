"""search_term: every word the full-text index holds, in a plain b-tree, for prefix words (issue 12)

Revision ID: 0014
Revises: 0013
"""
# A prefix word ("the" of search-as-you-type) is searched as its index terms OR-ed ("the" OR "there"
# OR ...): FTS5 then reads each term's list lazily and seeks in it, where a prefix query first merges
# every matching list in memory (200 ms for "the" on a million tickets). The terms came from the
# fts5vocab table, which reads every list it names to count it (115 ms for "the" there). search_term
# holds the same words in a b-tree. The full-text triggers keep it: the new text goes through a
# one-row FTS5 table with the same tokenizer, whose vocabulary is the text's words, exactly as the
# index splits and folds them. Words are never taken out (a word no piece holds any more matches
# nothing), so the table is a superset of the index's terms, which is what a correct expansion needs.

import json

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

PIECES = 4294967295

SCHEMA = [
    "CREATE TABLE search_term (term TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE search_term_stage USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_term_stage_words USING fts5vocab(search_term_stage, 'row')",
]
FILL = "INSERT OR IGNORE INTO search_term(term) SELECT term FROM ticket_fts_terms"


def _words(text: str) -> str:
    """Trigger statements adding the words of `text` (an SQL expression) to search_term. Not OR IGNORE:
    in a trigger, the conflict clause of the statement that fires it wins (a sync's upsert made it abort)."""
    return f"""INSERT INTO search_term_stage(rowid, text) VALUES (1, {text});
        INSERT INTO search_term(term) SELECT w.term FROM search_term_stage_words w
        WHERE NOT EXISTS (SELECT 1 FROM search_term t WHERE t.term = w.term);
        DELETE FROM search_term_stage;"""


HEADER = "coalesce(new.title, '') || ' ' || coalesce(new.description, '')"
TRIGGERS = [
    f"""CREATE TRIGGER ticket_fts_ai AFTER INSERT ON ticket BEGIN
        INSERT INTO ticket_fts(rowid, body, title)
        VALUES (new.row_id << 32, coalesce(new.description, ''), coalesce(new.title, ''));
        {_words(HEADER)}
    END""",
    f"""CREATE TRIGGER ticket_fts_au AFTER UPDATE OF title, description ON ticket
    WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.row_id << 32, coalesce(old.description, ''), coalesce(old.title, ''));
        INSERT INTO ticket_fts(rowid, body, title)
        VALUES (new.row_id << 32, coalesce(new.description, ''), coalesce(new.title, ''));
        {_words(HEADER)}
    END""",
    f"""CREATE TRIGGER worklog_fts_ai AFTER INSERT ON worklog_entry WHEN new.fts_rowid IS NULL BEGIN
        UPDATE worklog_entry SET fts_rowid = (
            SELECT (SELECT coalesce(max(f.rowid), t.row_id << 32) FROM ticket_fts f
                    WHERE f.rowid BETWEEN t.row_id << 32 AND (t.row_id << 32) + {PIECES}) + 1
            FROM ticket t WHERE t.id = new.ticket_id)
        WHERE rowid = new.rowid;
        INSERT INTO ticket_fts(rowid, body, title)
        SELECT fts_rowid, coalesce(new.body, ''), '' FROM worklog_entry
        WHERE rowid = new.rowid AND fts_rowid IS NOT NULL;
        {_words("coalesce(new.body, '')")}
    END""",
    f"""CREATE TRIGGER worklog_fts_au AFTER UPDATE OF body ON worklog_entry
    WHEN old.fts_rowid IS NOT NULL AND old.body IS NOT new.body BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.fts_rowid, coalesce(old.body, ''), '');
        INSERT INTO ticket_fts(rowid, body, title) VALUES (old.fts_rowid, coalesce(new.body, ''), '');
        {_words("coalesce(new.body, '')")}
    END""",
]
NAMES = ("ticket_fts_ai", "ticket_fts_au", "worklog_fts_ai", "worklog_fts_au")

OLD_TRIGGERS = [
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
]


def _has_fts() -> bool:
    return op.get_bind().exec_driver_sql("SELECT value FROM store_meta WHERE key = 'fts'").scalar() == "1"


def _suspended() -> bool:
    """A first sync suspended the triggers (app.sync.fts_pause) and will put back what it saved: the
    store's rebuild (app.store.FTS_REBUILD) fills search_term then."""
    return bool(op.get_bind().exec_driver_sql(
        "SELECT count(*) FROM store_meta WHERE key = 'fts_rebuild_pending'").scalar())


def upgrade() -> None:
    if not _has_fts():
        return
    for sql in SCHEMA:
        op.execute(sql)
    suspended = _suspended()
    for name, sql in zip(NAMES, TRIGGERS, strict=True):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        if not suspended:
            op.execute(sql)
    if suspended:  # the saved triggers are the old ones: save the new ones instead
        conn = op.get_bind()
        saved = json.loads(str(conn.exec_driver_sql(
            "SELECT value FROM store_meta WHERE key = 'fts_rebuild_pending'").scalar()))
        new = dict(zip(NAMES, TRIGGERS, strict=True))
        saved = [[name, new.get(name, sql)] for name, sql in saved]
        conn.exec_driver_sql("UPDATE store_meta SET value = ? WHERE key = 'fts_rebuild_pending'",
                             (json.dumps(saved),))
    else:
        op.execute(FILL)


def downgrade() -> None:
    if not _has_fts():
        return
    for name, sql in zip(NAMES, OLD_TRIGGERS, strict=True):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(sql)
    op.execute("DROP TABLE IF EXISTS search_term_stage_words")
    op.execute("DROP TABLE IF EXISTS search_term_stage")
    op.execute("DROP TABLE search_term")
