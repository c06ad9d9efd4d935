"""shared reply templates and macros (issue 13)

Revision ID: 0014_templates_macros
Revises: 0013_knowledge
Create Date: 2026-12-03

Reserved for its issue; empty until that work fills it.
"""

from alembic import op  # noqa: F401

revision = "0014_templates_macros"
down_revision = "0013_knowledge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
