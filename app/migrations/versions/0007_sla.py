"""sla: business calendars, SLA policies, per-ticket SLA figures (issue 5)

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-21

Creates the tables, installs the default calendar and policy ("Standard support") and fills ticket_sla
for the tickets already in the store, so an upgraded store shows SLA figures at once. The seeding and the
backfill go through app.sla.tracking over plain SQL of columns that exist since 0001.
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "business_calendar",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("week", sa.Text(), nullable=False),
        sa.Column("holiday_calendar", sa.String(length=100), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_calendar")),
        sa.UniqueConstraint("name", name=op.f("uq_business_calendar_name")),
    )
    op.create_table(
        "sla_policy",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("calendar_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("match", sa.Text(), nullable=False),
        sa.Column("targets", sa.Text(), nullable=False),
        sa.Column("pause_states", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["calendar_id"], ["business_calendar.id"],
                                name=op.f("fk_sla_policy_calendar_id_business_calendar")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_policy")),
        sa.UniqueConstraint("name", name=op.f("uq_sla_policy_name")),
    )
    op.create_table(
        "ticket_sla",
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("policy_id", sa.String(length=36), nullable=True),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("response_target_s", sa.Integer(), nullable=True),
        sa.Column("response_due_at", sa.DateTime(), nullable=True),
        sa.Column("response_met_at", sa.DateTime(), nullable=True),
        sa.Column("response_state", sa.String(length=10), nullable=True),
        sa.Column("response_elapsed_s", sa.Integer(), nullable=True),
        sa.Column("response_paused_s", sa.Integer(), nullable=True),
        sa.Column("resolution_target_s", sa.Integer(), nullable=True),
        sa.Column("resolution_due_at", sa.DateTime(), nullable=True),
        sa.Column("resolution_met_at", sa.DateTime(), nullable=True),
        sa.Column("resolution_state", sa.String(length=10), nullable=True),
        sa.Column("resolution_elapsed_s", sa.Integer(), nullable=True),
        sa.Column("resolution_paused_s", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("warn_at", sa.DateTime(), nullable=True),
        sa.Column("warning", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["policy_id"], ["sla_policy.id"], name=op.f("fk_ticket_sla_policy_id_sla_policy"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], name=op.f("fk_ticket_sla_ticket_id_ticket"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_ticket_sla")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_ticket_sla_due", "ticket_sla", ["due_at"], unique=False)
    op.create_index("ix_ticket_sla_resolution_due", "ticket_sla", ["resolution_state", "resolution_due_at"],
                    unique=False)
    op.create_index("ix_ticket_sla_resolution_met", "ticket_sla", ["resolution_met_at", "resolution_state"],
                    unique=False)

    from app.sla import policies as sla_policies
    from app.sla import tracking as sla_store  # late: only when this step runs

    session = Session(bind=op.get_bind())
    sla_policies.install_defaults(session)
    session.flush()
    sla_store.recompute_all(session)
    session.flush()


def downgrade() -> None:
    for name in ("ix_ticket_sla_resolution_met", "ix_ticket_sla_resolution_due", "ix_ticket_sla_due"):
        op.drop_index(name, table_name="ticket_sla")
    op.drop_table("ticket_sla")
    op.drop_table("sla_policy")
    op.drop_table("business_calendar")
