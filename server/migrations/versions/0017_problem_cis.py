"""a problem's affected CIs (issue 13)

Revision ID: 0017_problem_cis
Revises: 0016_reference_data
Create Date: 2026-12-03

problem_ci: the CIs a problem affects beyond its primary one (ticket.ci_id), synced as the problem's
`ci_ids` field (docs/SYNC_PROTOCOL.md).
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_problem_cis"
down_revision = "0016_reference_data"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "problem_ci",
        sa.Column("problem_id", sa.String(length=36), nullable=False),
        sa.Column("ci_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["problem_id"], ["ticket.id"], name=op.f("fk_problem_ci_problem_id_ticket"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["ci_id"], ["configuration_item.id"],
                                name=op.f("fk_problem_ci_ci_id_configuration_item")),
        sa.PrimaryKeyConstraint("problem_id", "ci_id", name=op.f("pk_problem_ci")),
    )
    op.create_index(op.f("ix_problem_ci_ci_id"), "problem_ci", ["ci_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_problem_ci_ci_id"), table_name="problem_ci")
    op.drop_table("problem_ci")
