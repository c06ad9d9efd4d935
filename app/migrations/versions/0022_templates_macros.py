"""reply templates and macros (issue 13)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03

Shared with the team server: `reply_template` and `macro` (core.macros.schema; `owner_id` NULL is shared,
a person id is that person's own), each listed by owner and name through one index. Desk only:
`macro_run_entry` (the replies and notes a macro run added, which its undo may take back while unsent)
and `macro_shortcut` (the keys each person bound to macros; one key per person is one macro).
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
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
    op.create_index("ix_reply_template_owner_name", "reply_template", ["owner_id", "name"])
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
    op.create_index("ix_macro_owner_name", "macro", ["owner_id", "name"])
    op.create_table(
        "macro_run_entry",
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("macro_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_macro_run_entry")),
    )
    op.create_index(op.f("ix_macro_run_entry_batch_id"), "macro_run_entry", ["batch_id"])
    op.create_table(
        "macro_shortcut",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("macro_id", sa.String(length=36), nullable=False),
        sa.Column("keys", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "macro_id", name=op.f("pk_macro_shortcut")),
        sa.UniqueConstraint("person_id", "keys", name="uq_macro_shortcut_keys"),
    )


def downgrade() -> None:
    op.drop_table("macro_shortcut")
    op.drop_index(op.f("ix_macro_run_entry_batch_id"), "macro_run_entry")
    op.drop_table("macro_run_entry")
    op.drop_index("ix_macro_owner_name", "macro")
    op.drop_table("macro")
    op.drop_index("ix_reply_template_owner_name", "reply_template")
    op.drop_table("reply_template")
