"""kpi_daily, kpi_daily_mix: pre-aggregated daily KPI figures, and the ticket and change indexes the KPIs read (issue 5)

Revision ID: 0009
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0005'
branch_labels = None
depends_on = None

_MEASURES = ("created", "canceled", "responded", "resp_wall", "resp_biz", "sla_resp_met", "sla_resp_breached",
             "resolved", "res_wall", "res_biz", "first_fix", "reopened", "csat_n", "csat_sum",
             "sla_res_met", "sla_res_breached")


def upgrade() -> None:
    op.create_table(
        'kpi_daily',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('type', sa.String(length=20), nullable=False),
        sa.Column('priority', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.String(length=36), nullable=False),
        sa.Column('service_id', sa.String(length=36), nullable=False),
        *[sa.Column(m, sa.Integer(), nullable=False) for m in _MEASURES],
        sa.PrimaryKeyConstraint('day', 'type', 'priority', 'group_id', 'service_id', name=op.f('pk_kpi_daily')),
        sqlite_with_rowid=False,
    )
    op.create_table(
        'kpi_daily_mix',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('category_id', sa.String(length=36), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('created', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('day', 'category_id', 'channel', name=op.f('pk_kpi_daily_mix')),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_ticket_resolved', 'ticket', ['resolved_at'], unique=False,
                    sqlite_where=sa.text('resolved_at IS NOT NULL'))
    op.create_index('ix_ticket_kpi_created', 'ticket', ['created_at', 'type', 'priority', 'group_id', 'service_id',
                                                     'category_id', 'channel'], unique=False)
    op.create_index('ix_ticket_unresolved', 'ticket', ['created_at', 'assignee_id', 'type', 'priority', 'group_id',
                                                    'service_id', 'state', 'resolved_at'], unique=False,
                    sqlite_where=sa.text("resolved_at IS NULL AND state != 'canceled'"))
    op.create_index('ix_change_created', 'change', ['created_at'], unique=False)
    op.create_index('ix_change_closed', 'change', ['closed_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_change_closed', table_name='change')
    op.drop_index('ix_change_created', table_name='change')
    op.drop_index('ix_ticket_unresolved', table_name='ticket')
    op.drop_index('ix_ticket_kpi_created', table_name='ticket')
    op.drop_index('ix_ticket_resolved', table_name='ticket')
    op.drop_table('kpi_daily_mix')
    op.drop_table('kpi_daily')
