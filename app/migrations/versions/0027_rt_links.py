"""the RT5 connector: a backend's own status moves (issue 16)

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-03

backend_move holds, per assignment group (an RT queue) and current state, the moves the backend's server
allows from there (RT: its queue's lifecycle), which the desk's workflow offers beside its own.
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "backend_move",
        sa.Column("group_id", sa.String(64), primary_key=True),
        sa.Column("from_state", sa.String(64), primary_key=True),
        sa.Column("to_state", sa.String(64), primary_key=True),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("to_open", sa.Boolean()),
        sa.Column("position", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("backend_move")
