"""a problem's affected CIs (issue 13)

Revision ID: 0017_problem_cis
Revises: 0016_reference_data
Create Date: 2026-12-03

Reserved for its issue; empty until that work fills it.
"""

from alembic import op  # noqa: F401

revision = "0017_problem_cis"
down_revision = "0016_reference_data"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
