"""merge the SLA (0007) and KPI (0009) branches, which were written side by side off 0005

Revision ID: 0010
Revises: 0007, 0009
Create Date: 2026-11-21
"""

revision = "0010"
down_revision = ("0007", "0009")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
