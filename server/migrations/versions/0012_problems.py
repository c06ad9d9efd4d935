"""problem records and incident links (issue 13)

Revision ID: 0012_problems
Revises: 0011_ticket_cc
Create Date: 2026-12-03

A ticket gains the problem-management columns (core.tickets.schema.TicketColumns): desks edit them through
pushes, validated and merged like the other ticket fields (server.validate, server.tickets). Plain ADD
COLUMNs: no table is rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_problems"
down_revision = "0011_ticket_cc"
branch_labels = None
depends_on = None

COLUMNS: list[tuple[str, sa.types.TypeEngine]] = [("problem_id", sa.String(length=36)), ("major_id", sa.String(length=36)), ("root_cause", sa.Text()),
           ("cause_code", sa.String(length=40)), ("workaround", sa.Text()), ("fix_notes", sa.Text()),
           ("fix_change_id", sa.String(length=36)), ("known_error_at", sa.DateTime())]
FLAGS = ("is_major", "known_error")


def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column("ticket", sa.Column(name, type_, nullable=True))
    for name in FLAGS:
        op.add_column("ticket", sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("ticket") as batch:
        for name in (*FLAGS, *(n for n, _ in reversed(COLUMNS))):
            batch.drop_column(name)
