"""csat rollups: the satisfaction KPI counts the requester's own survey answers

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from alembic import op  # noqa: F401

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
