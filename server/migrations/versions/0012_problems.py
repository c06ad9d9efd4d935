"""problem records and incident links (issue 13)

Revision ID: 0012_problems
Revises: 0011_ticket_cc
Create Date: 2026-12-03

Reserved for its issue; empty until that work fills it.
"""

from alembic import op  # noqa: F401

revision = "0012_problems"
down_revision = "0011_ticket_cc"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
