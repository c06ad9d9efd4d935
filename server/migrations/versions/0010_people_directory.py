"""people directory: callers' phone, site, department, VIP and language

Revision ID: 0010_people_directory
Revises: 0009_csat_survey
Create Date: 2026-12-03

A person gains phone, site (a plain name: core.people.rules says why), VIP flag and language; desks
create and edit people through pushes (server.reference). Plain ADD COLUMNs: no table is rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_people_directory"
down_revision = "0009_csat_survey"
branch_labels = None
depends_on = None

COLUMNS = [("phone", sa.String(length=40)), ("site", sa.String(length=200)), ("language", sa.String(length=12))]


def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column("person", sa.Column(name, type_, nullable=True))
    op.add_column("person", sa.Column("vip", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("vip")
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
