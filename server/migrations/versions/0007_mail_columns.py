"""worklog mail state and reply channel, ticket survey answer: the requester channel (issue 15)

Revision ID: 0007_mail_columns
Revises: 0006_mail_outbox
Create Date: 2026-12-03

A worklog entry gains `sent_via` (a reply given by phone, in person...: the desk sets it) and the
server's mail columns (`mail_state`, `mail_error`, `mail_at`, `original_id`), which the server sets.
A ticket gains where its satisfaction answer came from, its comment and when it was given. Plain
ADD COLUMNs: no table is rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_mail_columns"
down_revision = "0006_mail_outbox"
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
    with op.batch_alter_table("ticket") as batch:
        for name, _ in reversed(TICKET):
            batch.drop_column(name)
    with op.batch_alter_table("worklog_entry") as batch:
        for name, _ in reversed(WORKLOG):
            batch.drop_column(name)
