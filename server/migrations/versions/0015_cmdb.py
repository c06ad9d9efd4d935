"""the CMDB: CI attributes and typed relations (issue 14)

Revision ID: 0015_cmdb
Revises: 0014_templates_macros
Create Date: 2026-12-03

Reserved for its issue; empty until that work fills it.
"""

from alembic import op  # noqa: F401

revision = "0015_cmdb"
down_revision = "0014_templates_macros"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
