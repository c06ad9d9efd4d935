"""issue 12: the dashboard's change counts read their indexes alone; problems linked in a period without a scan

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-03

The change chart counts changes created per local day and type, and closed per local day and outcome. Its
indexes held the instant only, so every change of the period was read from the table for its type or outcome:
10,000 changes over two years cost 50-85 ms on the 1M demo store (the count alone: 1 ms). The indexes now
carry the column counted and the group filtered on beside the instant.

"Incidents per problem" counted the distinct problems over every row of kpi_problem_link in the period (90,938
rows for 49,763 problems over two years of the 1M store: 70-130 ms, the dashboard's largest read). kpi_problem_run
keeps each problem's linked days with the day before each (app.models.kpi.KpiProblemRun), so that without a
priority, group or service filter the count is a few narrow index ranges. It is derived from kpi_problem_link's
day rows, filled here from them (no rebuild of the figures). kpi_problem_link gets an index by problem: an edit
recomputes the runs of the problems it touches.
"""

import sqlalchemy as sa
from alembic import op

# As app.models.kpi.PROBLEM_RUN_SQL says it on 2026-12-03 (a migration keeps its own copy).
_REACHES = (1, 7, 31, 92, 366)
_FILL = (
    "INSERT INTO kpi_problem_run (problem_id, day, prev, reach) "
    "SELECT problem_id, day, prev, CASE WHEN prev IS NULL THEN 0 "
    + " ".join(f"WHEN julianday(day) - julianday(prev) <= {r} THEN {r}" for r in _REACHES)
    + " ELSE 9999 END FROM (SELECT problem_id, day, lag(day) OVER (PARTITION BY problem_id ORDER BY day) AS prev "
    "FROM (SELECT DISTINCT problem_id, day FROM kpi_problem_link WHERE kind = 'd' AND type != '*' "
    "AND created > 0))")

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_change_created", table_name="change")
    op.drop_index("ix_change_closed", table_name="change")
    op.create_index("ix_change_created", "change", ["created_at", "change_type", "group_id"], unique=False)
    op.create_index("ix_change_closed", "change", ["closed_at", "outcome", "group_id"], unique=False)
    op.create_table(
        "kpi_problem_run",
        sa.Column("problem_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("prev", sa.Date(), nullable=True),
        sa.Column("reach", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("problem_id", "day", name=op.f("pk_kpi_problem_run")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_kpi_problem_run_reach", "kpi_problem_run", ["reach", "prev", "day"], unique=False)
    op.create_index("ix_kpi_problem_link_problem", "kpi_problem_link", ["problem_id"], unique=False)
    op.execute(_FILL)


def downgrade() -> None:
    op.drop_index("ix_kpi_problem_link_problem", table_name="kpi_problem_link")
    op.drop_index("ix_kpi_problem_run_reach", table_name="kpi_problem_run")
    op.drop_table("kpi_problem_run")
    op.drop_index("ix_change_closed", table_name="change")
    op.drop_index("ix_change_created", table_name="change")
    op.create_index("ix_change_created", "change", ["created_at"], unique=False)
    op.create_index("ix_change_closed", "change", ["closed_at"], unique=False)
