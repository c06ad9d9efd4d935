"""knowledge articles and versions (issue 13)

Revision ID: 0013_knowledge
Revises: 0012_problems
Create Date: 2026-12-03

Reserved for its issue; empty until that work fills it.
"""

from alembic import op  # noqa: F401

revision = "0013_knowledge"
down_revision = "0012_problems"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
