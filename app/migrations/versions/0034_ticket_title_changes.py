"""ticket_title_change: which tickets got a new title, in order, for the title places kept in memory (issue 12)

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-03
"""
# A search sorted by title ("password reset" on a million tickets: 51,000 matches) had either to walk the title
# index to where its matches lie (the titles that start with the words: half the index) or to read every match's
# title and sort: 86-191 ms either way. app.tickets.title_places keeps each ticket's place in title order in
# memory, read once; the first page is then the matches with the lowest places. It must know which places are
# no longer true: these triggers log every new ticket and every changed title, numbered in commit order, and
# the places read at log number N hold for every ticket not logged after N. The log keeps its last TRIM_KEEP
# entries (a trigger trims it every TRIM_EVERY): places older than that are read again.

from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None

TRIM_EVERY = 1024
TRIM_KEEP = 65536

SCHEMA = [
    "CREATE TABLE ticket_title_change (seq INTEGER PRIMARY KEY, row_id INTEGER NOT NULL)",
    "CREATE TRIGGER ticket_title_change_ai AFTER INSERT ON ticket BEGIN "
    "INSERT INTO ticket_title_change(row_id) VALUES (new.row_id); END",
    "CREATE TRIGGER ticket_title_change_au AFTER UPDATE OF title ON ticket WHEN old.title IS NOT new.title BEGIN "
    "INSERT INTO ticket_title_change(row_id) VALUES (new.row_id); END",
    f"CREATE TRIGGER ticket_title_change_trim AFTER INSERT ON ticket_title_change WHEN new.seq % {TRIM_EVERY} = 0 "
    f"BEGIN DELETE FROM ticket_title_change WHERE seq <= new.seq - {TRIM_KEEP}; END",
]


def upgrade() -> None:
    for statement in SCHEMA:
        op.execute(statement)


def downgrade() -> None:
    for name in ("ticket_title_change_trim", "ticket_title_change_au", "ticket_title_change_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS ticket_title_change")
