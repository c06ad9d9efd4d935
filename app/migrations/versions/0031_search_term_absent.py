"""search_term_absent: for the few words in most tickets, the tickets without them, kept by the FTS triggers (issue 12)

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-03
"""
# "-the" alone (every ticket without a word starting "the") had no index: the full-text index lists the
# tickets WITH a word, so a page of the 2 % without "the" cost a walk testing ~5,500 tickets against
# 2.7 million pieces (200 ms on a million tickets), and its count read them all (470 ms). For the words in
# three quarters of the tickets or more (search_term_common, chosen at each bulk build of the index: "the",
# "and", "for", "this" on the demo), search_term_absent lists the tickets that have no indexed word starting with
# the word: an exclusion is then a read of that list (or a probe of it per ticket), its count a count of it.
# The triggers keep it exact: a new piece's words (already staged in search_term_stage by migration 0014)
# take the ticket off the lists of the words they start with; a piece rewritten or deleted recomputes the
# ticket from all its text (rare edits; a note added costs the same at 5,000 notes as at 5). A bulk build
# (app.store.FTS_WORDS) chooses the words again and rebuilds the lists.

import json

from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

PIECES = 4294967295

SCHEMA = [
    "CREATE TABLE search_term_common (prefix TEXT PRIMARY KEY, prefix_end TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE search_term_absent (prefix TEXT NOT NULL, row_id INTEGER NOT NULL, PRIMARY KEY (prefix, row_id)) "
    "WITHOUT ROWID",
]
# As app.store.ABSENT_REBUILD at this revision.
REBUILD = [
    "DELETE FROM search_term_absent",
    "DELETE FROM search_term_common",
    "INSERT INTO search_term_common(prefix, prefix_end) "
    "SELECT term, substr(term, 1, length(term) - 1) || char(unicode(substr(term, -1)) + 1) FROM ticket_fts_terms "
    "WHERE length(term) >= 3 AND doc * 4 >= (SELECT count(*) FROM ticket) * 3",
    "INSERT INTO search_term_absent(prefix, row_id) SELECT c.prefix, t.row_id FROM search_term_common c, ticket t "
    "EXCEPT SELECT c.prefix, f.rowid >> 32 FROM search_term_common c, ticket_fts f "
    "WHERE f.ticket_fts MATCH '\"' || c.prefix || '\"*'",
    "DELETE FROM search_term_common WHERE prefix IN (SELECT prefix FROM search_term_absent GROUP BY prefix "
    "HAVING count(*) * 4 > (SELECT count(*) FROM ticket))",
    "DELETE FROM search_term_absent WHERE prefix NOT IN (SELECT prefix FROM search_term_common)",
]

# Within a trigger that has a text's words staged (migration 0014's search_term_stage).
_HAS_PREFIX = ("EXISTS (SELECT 1 FROM search_term_stage_words w "
               "WHERE w.term >= c.prefix AND w.term < c.prefix_end)")


def _gains(row: str) -> str:
    """The staged words take ticket `row` off the lists of the words they start with."""
    return f"""DELETE FROM search_term_absent WHERE row_id = {row} AND prefix IN (
            SELECT c.prefix FROM search_term_common c WHERE {_HAS_PREFIX});"""


def _recount(row: str) -> str:
    """Ticket `row` put on exactly the lists of the words none of its indexed text starts with (nothing when
    the ticket is gone). Stages the ticket's whole text: for rewrites and deletes only."""
    return f"""DELETE FROM search_term_absent WHERE prefix IN (SELECT prefix FROM search_term_common) AND row_id = {row};
        INSERT INTO search_term_stage(rowid, text)
        SELECT 1, coalesce(t.title, '') || ' ' || coalesce(t.description, '') || ' ' || coalesce(
            (SELECT group_concat(w.body, ' ') FROM worklog_entry w WHERE w.ticket_id = t.id AND w.fts_rowid IS NOT NULL),
            '')
        FROM ticket t WHERE t.row_id = {row} AND EXISTS (SELECT 1 FROM search_term_common);
        INSERT INTO search_term_absent(prefix, row_id) SELECT c.prefix, {row} FROM search_term_common c
        WHERE EXISTS (SELECT 1 FROM search_term_stage) AND NOT {_HAS_PREFIX};
        DELETE FROM search_term_stage;"""


def _words(text: str, extra: str) -> str:
    """Migration 0014's statements adding the words of `text` to search_term, with `extra` run while staged."""
    return f"""INSERT INTO search_term_stage(rowid, text) VALUES (1, {text});
        INSERT INTO search_term(term) SELECT w.term FROM search_term_stage_words w
        WHERE NOT EXISTS (SELECT 1 FROM search_term t WHERE t.term = w.term);
        {extra}
        DELETE FROM search_term_stage;"""


HEADER = "coalesce(new.title, '') || ' ' || coalesce(new.description, '')"
NEW_TICKET_ABSENT = f"""INSERT INTO search_term_absent(prefix, row_id) SELECT c.prefix, new.row_id FROM search_term_common c
            WHERE NOT {_HAS_PREFIX}
            AND NOT EXISTS (SELECT 1 FROM search_term_absent a WHERE a.prefix = c.prefix AND a.row_id = new.row_id);"""
ENTRY_TICKET = "(SELECT row_id FROM ticket WHERE id = new.ticket_id)"

TRIGGERS = {
    "ticket_fts_ai": f"""CREATE TRIGGER ticket_fts_ai AFTER INSERT ON ticket BEGIN
        INSERT INTO ticket_fts(rowid, body, title)
        VALUES (new.row_id << 32, coalesce(new.description, ''), coalesce(new.title, ''));
        {_words(HEADER, NEW_TICKET_ABSENT)}
    END""",
    "ticket_fts_au": f"""CREATE TRIGGER ticket_fts_au AFTER UPDATE OF title, description ON ticket
    WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.row_id << 32, coalesce(old.description, ''), coalesce(old.title, ''));
        INSERT INTO ticket_fts(rowid, body, title)
        VALUES (new.row_id << 32, coalesce(new.description, ''), coalesce(new.title, ''));
        {_words(HEADER, "")}
        {_recount("new.row_id")}
    END""",
    "ticket_fts_ad": f"""CREATE TRIGGER ticket_fts_ad AFTER DELETE ON ticket BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.row_id << 32, coalesce(old.description, ''), coalesce(old.title, ''));
        DELETE FROM search_term_absent WHERE prefix IN (SELECT prefix FROM search_term_common) AND row_id = old.row_id;
    END""",
    "worklog_fts_ai": f"""CREATE TRIGGER worklog_fts_ai AFTER INSERT ON worklog_entry WHEN new.fts_rowid IS NULL BEGIN
        UPDATE worklog_entry SET fts_rowid = (
            SELECT (SELECT coalesce(max(f.rowid), t.row_id << 32) FROM ticket_fts f
                    WHERE f.rowid BETWEEN t.row_id << 32 AND (t.row_id << 32) + {PIECES}) + 1
            FROM ticket t WHERE t.id = new.ticket_id)
        WHERE rowid = new.rowid;
        INSERT INTO ticket_fts(rowid, body, title)
        SELECT fts_rowid, coalesce(new.body, ''), '' FROM worklog_entry
        WHERE rowid = new.rowid AND fts_rowid IS NOT NULL;
        {_words("coalesce(new.body, '')", _gains(ENTRY_TICKET))}
    END""",
    "worklog_fts_au": f"""CREATE TRIGGER worklog_fts_au AFTER UPDATE OF body ON worklog_entry
    WHEN old.fts_rowid IS NOT NULL AND old.body IS NOT new.body BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.fts_rowid, coalesce(old.body, ''), '');
        INSERT INTO ticket_fts(rowid, body, title) VALUES (old.fts_rowid, coalesce(new.body, ''), '');
        {_words("coalesce(new.body, '')", "")}
        {_recount("(old.fts_rowid >> 32)")}
    END""",
    "worklog_fts_ad": f"""CREATE TRIGGER worklog_fts_ad AFTER DELETE ON worklog_entry WHEN old.fts_rowid IS NOT NULL BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.fts_rowid, coalesce(old.body, ''), '');
        {_recount("(old.fts_rowid >> 32)")}
    END""",
}

# The triggers as migrations 0011 (the deletes) and 0014 (the rest) left them.
_OLD_WORDS = """INSERT INTO search_term_stage(rowid, text) VALUES (1, {text});
        INSERT INTO search_term(term) SELECT w.term FROM search_term_stage_words w
        WHERE NOT EXISTS (SELECT 1 FROM search_term t WHERE t.term = w.term);
        DELETE FROM search_term_stage;"""
OLD_TRIGGERS = {
    "ticket_fts_ai": f"""CREATE TRIGGER ticket_fts_ai AFTER INSERT ON ticket BEGIN
        INSERT INTO ticket_fts(rowid, body, title)
        VALUES (new.row_id << 32, coalesce(new.description, ''), coalesce(new.title, ''));
        {_OLD_WORDS.format(text=HEADER)}
    END""",
    "ticket_fts_au": f"""CREATE TRIGGER ticket_fts_au AFTER UPDATE OF title, description ON ticket
    WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.row_id << 32, coalesce(old.description, ''), coalesce(old.title, ''));
        INSERT INTO ticket_fts(rowid, body, title)
        VALUES (new.row_id << 32, coalesce(new.description, ''), coalesce(new.title, ''));
        {_OLD_WORDS.format(text=HEADER)}
    END""",
    "ticket_fts_ad": """CREATE TRIGGER ticket_fts_ad AFTER DELETE ON ticket BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.row_id << 32, coalesce(old.description, ''), coalesce(old.title, ''));
    END""",
    "worklog_fts_ai": f"""CREATE TRIGGER worklog_fts_ai AFTER INSERT ON worklog_entry WHEN new.fts_rowid IS NULL BEGIN
        UPDATE worklog_entry SET fts_rowid = (
            SELECT (SELECT coalesce(max(f.rowid), t.row_id << 32) FROM ticket_fts f
                    WHERE f.rowid BETWEEN t.row_id << 32 AND (t.row_id << 32) + {PIECES}) + 1
            FROM ticket t WHERE t.id = new.ticket_id)
        WHERE rowid = new.rowid;
        INSERT INTO ticket_fts(rowid, body, title)
        SELECT fts_rowid, coalesce(new.body, ''), '' FROM worklog_entry
        WHERE rowid = new.rowid AND fts_rowid IS NOT NULL;
        {_OLD_WORDS.format(text="coalesce(new.body, '')")}
    END""",
    "worklog_fts_au": f"""CREATE TRIGGER worklog_fts_au AFTER UPDATE OF body ON worklog_entry
    WHEN old.fts_rowid IS NOT NULL AND old.body IS NOT new.body BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.fts_rowid, coalesce(old.body, ''), '');
        INSERT INTO ticket_fts(rowid, body, title) VALUES (old.fts_rowid, coalesce(new.body, ''), '');
        {_OLD_WORDS.format(text="coalesce(new.body, '')")}
    END""",
    "worklog_fts_ad": """CREATE TRIGGER worklog_fts_ad AFTER DELETE ON worklog_entry WHEN old.fts_rowid IS NOT NULL BEGIN
        INSERT INTO ticket_fts(ticket_fts, rowid, body, title)
        VALUES ('delete', old.fts_rowid, coalesce(old.body, ''), '');
    END""",
}


def _has_fts() -> bool:
    return op.get_bind().exec_driver_sql("SELECT value FROM store_meta WHERE key = 'fts'").scalar() == "1"


def _pending() -> list | None:
    """The triggers a first sync suspended (app.sync.fts_pause), which it will put back, or None."""
    value = op.get_bind().exec_driver_sql(
        "SELECT value FROM store_meta WHERE key = 'fts_rebuild_pending'").scalar()
    return None if value is None else json.loads(str(value))


def _replace(triggers: dict[str, str]) -> None:
    saved = _pending()
    if saved is not None:  # the saved triggers are put back by the rebuild, which also fills the lists
        saved = [[name, triggers.get(name, sql)] for name, sql in saved]
        op.get_bind().exec_driver_sql("UPDATE store_meta SET value = ? WHERE key = 'fts_rebuild_pending'",
                                      (json.dumps(saved),))
        return
    for name, sql in triggers.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(sql)


def upgrade() -> None:
    for sql in SCHEMA:
        op.execute(sql)
    if not _has_fts():
        return
    pending = _pending() is not None
    _replace(TRIGGERS)
    if not pending:
        for sql in REBUILD:
            op.execute(sql)


def downgrade() -> None:
    if _has_fts():
        _replace(OLD_TRIGGERS)
    op.execute("DROP TABLE search_term_absent")
    op.execute("DROP TABLE search_term_common")
