"""reply templates and macros (issue 13)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03

Reserved for its issue; empty until that work fills it.
"""

from alembic import op  # noqa: F401

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
