"""issue 12: dashboard at any period: the problem KPIs from the pre-aggregates

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-03

The problem charts (linked share, recurring incidents, incidents per problem, time to known error and to
fix) counted the ticket table once per chart bucket; over two years the recurring incidents alone cost
tens of seconds on 100k tickets (an EXISTS per incident). Their figures join the daily pre-aggregates as
measures (kpi_daily, kpi_rollup), and the distinct problems behind "incidents per problem" get a table like
kpi_category (kpi_problem_link). The figures are derived data: the next dashboard rebuilds them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

_FIGURES = ("inc", "inc_linked", "inc_recurring", "ke_n", "ke_secs", "fix_n", "fix_secs")
_DIMS = ("type", "priority", "group_id", "service_id")


def upgrade() -> None:
    for table in ("kpi_daily", "kpi_rollup"):
        for name in _FIGURES:
            op.execute(f"ALTER TABLE {table} ADD COLUMN {name} INTEGER NOT NULL DEFAULT 0")
    op.create_table(
        "kpi_problem_link",
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("problem_id", sa.String(length=36), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "day", *_DIMS, "problem_id", name=op.f("pk_kpi_problem_link")),
        sqlite_with_rowid=False,
    )
    op.execute("DELETE FROM store_meta WHERE key = 'kpi_daily'")  # rebuilt with the new figures


def downgrade() -> None:
    op.drop_table("kpi_problem_link")
    for table in ("kpi_daily", "kpi_rollup"):
        for name in reversed(_FIGURES):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
    op.execute("DELETE FROM store_meta WHERE key = 'kpi_daily'")
