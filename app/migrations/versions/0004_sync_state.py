"""sync state: pull cursor per server, push receipts, conflict inbox

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21

The sync engine (app.sync) saves the pull cursor in the transaction that applied the pulled rows,
keeps the server's receipt for every pushed mutation, and turns conflicts and refusals into records a
person can see (SYNC.md: never silently dropped).
"""

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_cursor",
        sa.Column("server_key", sa.String(length=400), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("server_key", name=op.f("pk_sync_cursor")),
    )
    op.create_table(
        "sync_receipt",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("mutation_id", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_receipt")),
        sa.UniqueConstraint("mutation_id", name=op.f("uq_sync_receipt_mutation_id")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("ticket_id", sa.String(length=64), nullable=True),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("base", sa.Text(), nullable=True),
        sa.Column("theirs", sa.Text(), nullable=True),
        sa.Column("mine", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("mutation_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("server_id", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
        sa.UniqueConstraint("mutation_id", "field", name=op.f("uq_sync_conflict_mutation_id_field")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_ticket_id"), ["ticket_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflict_ticket_id"))
    op.drop_table("sync_conflict")
    op.drop_table("sync_receipt")
    op.drop_table("sync_cursor")
