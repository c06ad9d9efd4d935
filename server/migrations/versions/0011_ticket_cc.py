"""ticket cc: the mail addresses copied on the ticket's mail

Revision ID: 0011_ticket_cc
Revises: 0010_people_directory
Create Date: 2026-12-03

A ticket gains `cc` (core.tickets.cc): desks edit it through pushes, mail in sets it on a ticket it
creates, mail out copies every message but the survey to it. A plain ADD COLUMN: no table is rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_ticket_cc"
down_revision = "0010_people_directory"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ticket", sa.Column("cc", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ticket") as batch:
        batch.drop_column("cc")
