"""queue sort keys: names and SLA due on the ticket row, kept by triggers; an index per sortable column

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

Sorting the queue by group, assignee or requester went through a join to the name and sorted every
ticket; by SLA due through ticket_sla the same; by title, state, type, priority or channel there was no
index. Copies of the names and of ticket_sla.due_at ("9999-12-31" when no clock runs) now live on the
ticket row, and every sortable column has an index whose order is the queue's ORDER BY (the row id,
the tiebreak, ends every entry), so a first page walks an index and stops at its LIMIT; a partial one
(WHERE is_open) as well, so that the open views walk only open tickets.

Triggers keep the copies current for every write path (services, sync, demo loader, SLA recompute):
a ticket's insert or change of group, assignee or requester; a group's or person's rename (found by
the old name on the sort index); a ticket_sla row's insert, due time change or delete. The sync
writes every column its model has, NULL into these copies (the server has none): a copy set to NULL
is computed again (sla_due is nullable for that reason; nothing else leaves it NULL). A person or
group inserted after tickets that already name it (possible only with foreign keys off) is not
propagated: that would look through every ticket with no name on each insert during a first sync.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

NO_DUE = "'9999-12-31'"  # sorts after every due time: tickets without a running clock come last

TRIGGERS = {
    "ticket_sortkey_ai": f"""CREATE TRIGGER ticket_sortkey_ai AFTER INSERT ON ticket BEGIN
        UPDATE ticket SET group_name = (SELECT name FROM "group" WHERE id = new.group_id),
            assignee_name = (SELECT name FROM person WHERE id = new.assignee_id),
            requester_name = (SELECT name FROM person WHERE id = new.requester_id),
            sla_due = coalesce((SELECT due_at FROM ticket_sla WHERE ticket_id = new.id), {NO_DUE})
        WHERE row_id = new.row_id;
    END""",
    "ticket_sortkey_group_au": """CREATE TRIGGER ticket_sortkey_group_au AFTER UPDATE OF group_id, group_name ON ticket
        WHEN new.group_id IS NOT old.group_id
            OR (new.group_name IS NULL AND new.group_id IS NOT NULL) BEGIN
        UPDATE ticket SET group_name = (SELECT name FROM "group" WHERE id = new.group_id)
        WHERE row_id = new.row_id;
    END""",
    "ticket_sortkey_assignee_au": """CREATE TRIGGER ticket_sortkey_assignee_au AFTER UPDATE OF assignee_id, assignee_name ON ticket
        WHEN new.assignee_id IS NOT old.assignee_id
            OR (new.assignee_name IS NULL AND new.assignee_id IS NOT NULL) BEGIN
        UPDATE ticket SET assignee_name = (SELECT name FROM person WHERE id = new.assignee_id)
        WHERE row_id = new.row_id;
    END""",
    "ticket_sortkey_requester_au": """CREATE TRIGGER ticket_sortkey_requester_au AFTER UPDATE OF requester_id, requester_name ON ticket
        WHEN new.requester_id IS NOT old.requester_id
            OR (new.requester_name IS NULL AND new.requester_id IS NOT NULL) BEGIN
        UPDATE ticket SET requester_name = (SELECT name FROM person WHERE id = new.requester_id)
        WHERE row_id = new.row_id;
    END""",
    "ticket_sortkey_sla_au": f"""CREATE TRIGGER ticket_sortkey_sla_au AFTER UPDATE OF sla_due ON ticket
        WHEN new.sla_due IS NULL BEGIN
        UPDATE ticket SET sla_due = coalesce((SELECT due_at FROM ticket_sla WHERE ticket_id = new.id), {NO_DUE})
        WHERE row_id = new.row_id;
    END""",
    "group_sortkey_au": """CREATE TRIGGER group_sortkey_au AFTER UPDATE OF name ON "group"
        WHEN new.name IS NOT old.name BEGIN
        UPDATE ticket SET group_name = new.name WHERE group_name = old.name AND group_id = new.id;
    END""",
    "person_sortkey_au": """CREATE TRIGGER person_sortkey_au AFTER UPDATE OF name ON person
        WHEN new.name IS NOT old.name BEGIN
        UPDATE ticket SET assignee_name = new.name WHERE assignee_name = old.name AND assignee_id = new.id;
        UPDATE ticket SET requester_name = new.name WHERE requester_name = old.name AND requester_id = new.id;
    END""",
    "ticket_sla_sortkey_ai": f"""CREATE TRIGGER ticket_sla_sortkey_ai AFTER INSERT ON ticket_sla BEGIN
        UPDATE ticket SET sla_due = coalesce(new.due_at, {NO_DUE}) WHERE id = new.ticket_id;
    END""",
    "ticket_sla_sortkey_au": f"""CREATE TRIGGER ticket_sla_sortkey_au AFTER UPDATE OF due_at, ticket_id ON ticket_sla
        BEGIN
        UPDATE ticket SET sla_due = {NO_DUE} WHERE id = old.ticket_id AND old.ticket_id IS NOT new.ticket_id;
        UPDATE ticket SET sla_due = coalesce(new.due_at, {NO_DUE}) WHERE id = new.ticket_id;
    END""",
    "ticket_sla_sortkey_ad": f"""CREATE TRIGGER ticket_sla_sortkey_ad AFTER DELETE ON ticket_sla BEGIN
        UPDATE ticket SET sla_due = {NO_DUE} WHERE id = old.ticket_id;
    END""",
}

# Every key from its source, for all tickets at once (the upgrade, and loaders that park the triggers).
FILL = f"""
UPDATE ticket SET group_name = (SELECT name FROM "group" g WHERE g.id = ticket.group_id),
    assignee_name = (SELECT name FROM person p WHERE p.id = ticket.assignee_id),
    requester_name = (SELECT name FROM person p WHERE p.id = ticket.requester_id),
    sla_due = coalesce((SELECT s.due_at FROM ticket_sla s WHERE s.ticket_id = ticket.id), {NO_DUE})
"""

INDEXES = {
    "ix_ticket_sort_title": ["title"],
    "ix_ticket_sort_state": ["state"],
    "ix_ticket_sort_type": ["type"],
    "ix_ticket_sort_priority": ["priority"],
    "ix_ticket_sort_channel": ["channel"],
    "ix_ticket_sort_group": ["group_name"],
    "ix_ticket_sort_assignee": ["assignee_name"],
    "ix_ticket_sort_requester": ["requester_name"],
    "ix_ticket_sort_sla_due": ["sla_due"],
}
# The same for the open tickets alone, which the open views walk (updated_at, created_at and priority have
# (is_open, key) indexes since 0001 and 0003).
OPEN_INDEXES = {
    "ix_ticket_open_sort_number": ["number"],
    "ix_ticket_open_sort_title": ["title"],
    "ix_ticket_open_sort_state": ["state"],
    "ix_ticket_open_sort_type": ["type"],
    "ix_ticket_open_sort_channel": ["channel"],
    "ix_ticket_open_sort_group": ["group_name"],
    "ix_ticket_open_sort_assignee": ["assignee_name"],
    "ix_ticket_open_sort_requester": ["requester_name"],
    "ix_ticket_open_sort_sla_due": ["sla_due"],
}


def upgrade() -> None:
    op.add_column("ticket", sa.Column("group_name", sa.String(length=200), nullable=True))
    op.add_column("ticket", sa.Column("assignee_name", sa.String(length=200), nullable=True))
    op.add_column("ticket", sa.Column("requester_name", sa.String(length=200), nullable=True))
    op.add_column("ticket", sa.Column("sla_due", sa.String(length=26), nullable=True,
                                      server_default=sa.text(NO_DUE)))
    op.execute(FILL)  # before the indexes: building them over the filled table is cheaper than updating them
    for name, columns in INDEXES.items():
        op.create_index(name, "ticket", columns, unique=False)
    for name, columns in OPEN_INDEXES.items():
        op.create_index(name, "ticket", columns, unique=False, sqlite_where=sa.text("is_open"))
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    for name in [*OPEN_INDEXES, *INDEXES]:
        op.drop_index(name, table_name="ticket")
    # SQLite's own DROP COLUMN (3.35+): a batch rebuild of the table would drop its full-text triggers too.
    for column in ("sla_due", "requester_name", "assignee_name", "group_name"):
        op.execute(f"ALTER TABLE ticket DROP COLUMN {column}")
