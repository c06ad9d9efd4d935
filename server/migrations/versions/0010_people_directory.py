"""people directory: callers' phone, site, department, VIP and language; sites

Revision ID: 0010_people_directory
Revises: 0009_csat_survey
Create Date: 2026-12-03
"""

from alembic import op  # noqa: F401

revision = "0010_people_directory"
down_revision = "0009_csat_survey"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
