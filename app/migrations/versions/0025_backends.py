"""sync backends: the RT5 connector's state (issue 16)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03

backend_ref maps RT tickets, users and queues to local ids (with each ticket's pulled ETag); backend_sent is the
ledger of replies, notes and creates sent to RT, checked against RT's history before anything is sent again.
"""

import sqlalchemy as sa
from alembic import op


revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "backend_ref",
        sa.Column("server_key", sa.String(400), primary_key=True),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("remote_id", sa.String(400), primary_key=True),
        sa.Column("local_id", sa.String(64), nullable=False),
        sa.Column("version", sa.String(64)),
    )
    op.create_index("ix_backend_ref_local", "backend_ref", ["server_key", "kind", "local_id"])
    op.create_table(
        "backend_sent",
        sa.Column("mutation_id", sa.String(80), primary_key=True),
        sa.Column("server_key", sa.String(400), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("remote_ticket", sa.String(40)),
        sa.Column("after_version", sa.String(64)),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("remote_id", sa.String(40)),
        sa.Column("detail", sa.Text()),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("backend_sent")
    op.drop_index("ix_backend_ref_local", "backend_ref")
    op.drop_table("backend_ref")
