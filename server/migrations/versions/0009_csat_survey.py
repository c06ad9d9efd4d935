"""satisfaction surveys: the signed links sent on resolve and their answers

Revision ID: 0009_csat_survey
Revises: 0008_mail_inbound
Create Date: 2026-12-03
"""

from alembic import op  # noqa: F401

revision = "0009_csat_survey"
down_revision = "0008_mail_inbound"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
