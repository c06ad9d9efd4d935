"""ticket cc: the mail addresses copied on the ticket's mail (issue 15)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03

A ticket gains `cc`: plain addresses joined by ", " (core.tickets.cc), edited on the desk and synced like
the other plain fields. A plain ADD COLUMN: no table is rebuilt, and the ticket triggers stay as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ticket", sa.Column("cc", sa.Text(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild of the ticket table would trip over its triggers.
    op.execute("ALTER TABLE ticket DROP COLUMN cc")
