"""mail in: collected messages, their dedupe by Message-ID, the mail errors list

Revision ID: 0008_mail_inbound
Revises: 0007_mail_columns
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_mail_inbound"
down_revision = "0007_mail_columns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_inbound",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("message_key", sa.String(length=250), nullable=False),
        sa.Column("mailbox", sa.String(length=200), nullable=False),
        sa.Column("sender", sa.String(length=320), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("automatic", sa.Boolean(), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=True),
        sa.Column("worklog_id", sa.String(length=36), nullable=True),
        sa.Column("error_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_inbound")),
        sa.UniqueConstraint("message_key", name=op.f("uq_mail_inbound_message_key")),
    )
    with op.batch_alter_table("mail_inbound") as batch:
        batch.create_index("ix_mail_inbound_sender", ["sender", "received_at"], unique=False)
        batch.create_index(batch.f("ix_mail_inbound_ticket_id"), ["ticket_id"], unique=False)
    op.create_table(
        "mail_error",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mailbox", sa.String(length=200), nullable=False),
        sa.Column("message_key", sa.String(length=250), nullable=False),
        sa.Column("sender", sa.String(length=320), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("settled_at", sa.DateTime(), nullable=True),
        sa.Column("settled_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_error")),
    )
    with op.batch_alter_table("mail_error") as batch:
        batch.create_index(batch.f("ix_mail_error_message_key"), ["message_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mail_error") as batch:
        batch.drop_index(batch.f("ix_mail_error_message_key"))
    op.drop_table("mail_error")
    with op.batch_alter_table("mail_inbound") as batch:
        batch.drop_index(batch.f("ix_mail_inbound_ticket_id"))
        batch.drop_index("ix_mail_inbound_sender")
    op.drop_table("mail_inbound")
