"""shared reply templates and macros (issue 13)

Revision ID: 0014_templates_macros
Revises: 0013_knowledge
Create Date: 2026-12-03

`reply_template` and `macro` (core.macros.schema), pushed by desks and pulled back (server.macros): a row with
`owner_id` NULL goes to everyone, a personal one only to its owner (its change-log entries carry the owner's
account). Read by id only, so no index beyond the primary keys.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_templates_macros"
down_revision = "0013_knowledge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reply_template",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_template")),
    )
    op.create_table(
        "macro",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("entry_kind", sa.String(length=10), nullable=True),
        sa.Column("entry_body", sa.Text(), nullable=True),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_macro")),
    )


def downgrade() -> None:
    op.drop_table("macro")
    op.drop_table("reply_template")
