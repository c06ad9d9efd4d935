"""queue indexes; outbox mutation numbers never reused

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

The open queue sorted by priority or by creation time sorted every open ticket in a temporary B-tree;
(is_open, priority) and (is_open, created_at) serve those orders from the index, the row id (the
queue's tiebreak) being the last key of every index entry.

outbox_mutation.seq was a plain INTEGER PRIMARY KEY, which SQLite hands out again as max + 1 once the
highest rows are deleted (an outbox drained after a push). The server keeps the last mutation number
per client, so a reused number would make it drop a new edit as already applied. AUTOINCREMENT never
reuses one. The table is rebuilt with its rows; sqlite_sequence starts at the highest kept seq.
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_ticket_open_priority", "ticket", ["is_open", "priority"], unique=False)
    op.create_index("ix_ticket_open_created", "ticket", ["is_open", "created_at"], unique=False)
    with op.batch_alter_table("outbox_mutation", recreate="always",
                              table_kwargs={"sqlite_autoincrement": True}):
        pass


def downgrade() -> None:
    with op.batch_alter_table("outbox_mutation", recreate="always",
                              table_kwargs={"sqlite_autoincrement": False}):
        pass
    op.drop_index("ix_ticket_open_created", table_name="ticket")
    op.drop_index("ix_ticket_open_priority", table_name="ticket")
