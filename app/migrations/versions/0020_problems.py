"""problem records, incident links and major incidents (issue 13)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03

A ticket gains the problem-management columns (core.tickets.schema.TicketColumns: the incident's problem
and major incident, the problem's root cause, cause code, workaround, fix and known-error flag), and the
indexes the problem views and the similar-incidents search walk. Plain ADD COLUMNs, as 0019: no table is
rebuilt, so the ticket's FTS and sort-key triggers stay as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

COLUMNS: list[tuple[str, sa.types.TypeEngine]] = [("problem_id", sa.String(length=36)), ("major_id", sa.String(length=36)), ("root_cause", sa.Text()),
           ("cause_code", sa.String(length=40)), ("workaround", sa.Text()), ("fix_notes", sa.Text()),
           ("fix_change_id", sa.String(length=36)), ("known_error_at", sa.DateTime())]
FLAGS = ("is_major", "known_error")
INDEXES = [("ix_ticket_problem", ("problem_id", "created_at"), None),
           ("ix_ticket_major", ("major_id",), None),
           ("ix_ticket_ci_created", ("ci_id", "created_at"), None),
           ("ix_ticket_service_created", ("service_id", "created_at"), None),
           ("ix_ticket_known_error", ("known_error_at",), "known_error"),
           ("ix_ticket_known_error_active", ("known_error_at",), "known_error AND state NOT IN ('closed', 'canceled')"),
           ("ix_ticket_major_open", ("is_open", "updated_at"), "is_major"),
           ("ix_ticket_type_open", ("type", "is_open", "updated_at"), None)]


def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column("ticket", sa.Column(name, type_, nullable=True))
    for name in FLAGS:
        op.add_column("ticket", sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()))
    for name, columns, where in INDEXES:
        op.create_index(name, "ticket", list(columns), sqlite_where=sa.text(where) if where else None)


def downgrade() -> None:
    for name, _, _ in INDEXES:
        op.drop_index(name, "ticket")
    # Plain DROP COLUMNs (SQLite 3.35+): a batch rebuild of the ticket table would trip over its triggers.
    for name in (*FLAGS, *(n for n, _ in reversed(COLUMNS))):
        op.execute(f"ALTER TABLE ticket DROP COLUMN {name}")
