"""kpi_rollup, kpi_category, channel counts in kpi_daily: KPI figures per day, week and month for any filter (issue 12)

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

_MEASURES = ("created", "canceled", "responded", "resp_wall", "resp_biz", "sla_resp_met", "sla_resp_breached",
             "resolved", "res_wall", "res_biz", "first_fix", "reopened", "csat_n", "csat_sum",
             "sla_res_met", "sla_res_breached")
_CHANNELS = ("ch_portal", "ch_email", "ch_phone", "ch_chat", "ch_walk_in", "ch_monitoring", "ch_other")
_DIMS = ('type', 'priority', 'group_id', 'service_id')


def _dimensions():
    return [sa.Column('type', sa.String(length=20), nullable=False),
            sa.Column('priority', sa.Integer(), nullable=False),
            sa.Column('group_id', sa.String(length=36), nullable=False),
            sa.Column('service_id', sa.String(length=36), nullable=False)]


def _kpi_daily(measures) -> None:
    op.create_table(
        'kpi_daily',
        sa.Column('day', sa.Date(), nullable=False),
        *_dimensions(),
        *[sa.Column(m, sa.Integer(), nullable=False) for m in measures],
        sa.PrimaryKeyConstraint('day', *_DIMS, name=op.f('pk_kpi_daily')),
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    # The figures are derived data: the tables are made anew, and the first dashboard rebuilds them.
    op.drop_table('kpi_daily')
    op.drop_table('kpi_daily_mix')
    op.execute("DELETE FROM store_meta WHERE key = 'kpi_daily'")
    _kpi_daily(_MEASURES + _CHANNELS)
    op.create_table(
        'kpi_rollup',
        sa.Column('kind', sa.String(length=1), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        *_dimensions(),
        *[sa.Column(m, sa.Integer(), nullable=False) for m in _MEASURES + _CHANNELS],
        sa.PrimaryKeyConstraint('kind', 'day', *_DIMS, name=op.f('pk_kpi_rollup')),
        sqlite_with_rowid=False,
    )
    op.create_table(
        'kpi_category',
        sa.Column('kind', sa.String(length=1), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        *_dimensions(),
        sa.Column('category_id', sa.String(length=36), nullable=False),
        sa.Column('created', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'day', *_DIMS, 'category_id', name=op.f('pk_kpi_category')),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table('kpi_category')
    op.drop_table('kpi_rollup')
    op.drop_table('kpi_daily')
    op.execute("DELETE FROM store_meta WHERE key = 'kpi_daily'")
    _kpi_daily(_MEASURES)
    op.create_table(
        'kpi_daily_mix',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('category_id', sa.String(length=36), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('created', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('day', 'category_id', 'channel', name=op.f('pk_kpi_daily_mix')),
        sqlite_with_rowid=False,
    )
