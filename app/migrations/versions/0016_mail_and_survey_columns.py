"""worklog mail state and reply channel, ticket survey answer: the requester channel (issue 15)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03

A worklog entry gains `sent_via` (a reply given by phone, in person...: the desk sets it) and the
server's mail columns (`mail_state`, `mail_error`, `mail_at`, `original_id`), which arrive with pulls.
A ticket gains where its satisfaction answer came from, its comment and when it was given. Plain
ADD COLUMNs: no table is rebuilt, and the triggers on both tables stay as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

WORKLOG: list[tuple[str, sa.types.TypeEngine]] = [("sent_via", sa.String(length=20)), ("mail_state", sa.String(length=10)), ("mail_error", sa.Text()),
           ("mail_at", sa.DateTime()), ("original_id", sa.String(length=36))]
TICKET: list[tuple[str, sa.types.TypeEngine]] = [("csat_source", sa.String(length=20)), ("csat_comment", sa.Text()), ("csat_at", sa.DateTime())]


def upgrade() -> None:
    for name, type_ in WORKLOG:
        op.add_column("worklog_entry", sa.Column(name, type_, nullable=True))
    for name, type_ in TICKET:
        op.add_column("ticket", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild of the ticket table would trip over its triggers.
    for name, _ in reversed(TICKET):
        op.execute(f"ALTER TABLE ticket DROP COLUMN {name}")
    for name, _ in reversed(WORKLOG):
        op.execute(f"ALTER TABLE worklog_entry DROP COLUMN {name}")
