"""reference data: services, sites, groups (issue 14)

Revision ID: 0016_reference_data
Revises: 0015_cmdb
Create Date: 2026-12-03

Reserved for its issue; empty until that work fills it.
"""

from alembic import op  # noqa: F401

revision = "0016_reference_data"
down_revision = "0015_cmdb"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
