"""kpi_rollup, kpi_mix: KPI figures per week and month, volume by category and channel per filter (issue 12)

Revision ID: 0013
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0010'
branch_labels = None
depends_on = None

_MEASURES = ("created", "canceled", "responded", "resp_wall", "resp_biz", "sla_resp_met", "sla_resp_breached",
             "resolved", "res_wall", "res_biz", "first_fix", "reopened", "csat_n", "csat_sum",
             "sla_res_met", "sla_res_breached")
_DIMS = ('type', 'priority', 'group_id', 'service_id')


def _dimensions():
    return [sa.Column('kind', sa.String(length=1), nullable=False),
            sa.Column('day', sa.Date(), nullable=False),
            sa.Column('type', sa.String(length=20), nullable=False),
            sa.Column('priority', sa.Integer(), nullable=False),
            sa.Column('group_id', sa.String(length=36), nullable=False),
            sa.Column('service_id', sa.String(length=36), nullable=False)]


def upgrade() -> None:
    op.create_table(
        'kpi_rollup', *_dimensions(),
        *[sa.Column(m, sa.Integer(), nullable=False) for m in _MEASURES],
        sa.PrimaryKeyConstraint('kind', 'day', *_DIMS, name=op.f('pk_kpi_rollup')),
        sqlite_with_rowid=False,
    )
    op.create_table(
        'kpi_mix', *_dimensions(),
        sa.Column('facet', sa.String(length=10), nullable=False),
        sa.Column('value', sa.String(length=36), nullable=False),
        sa.Column('created', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'day', *_DIMS, 'facet', 'value', name=op.f('pk_kpi_mix')),
        sqlite_with_rowid=False,
    )
    op.drop_table('kpi_daily_mix')
    # The figures are derived data: forget them, so the first dashboard rebuilds all three tables.
    op.execute("DELETE FROM kpi_daily")
    op.execute("DELETE FROM store_meta WHERE key = 'kpi_daily'")


def downgrade() -> None:
    op.create_table(
        'kpi_daily_mix',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('category_id', sa.String(length=36), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('created', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('day', 'category_id', 'channel', name=op.f('pk_kpi_daily_mix')),
        sqlite_with_rowid=False,
    )
    op.drop_table('kpi_mix')
    op.drop_table('kpi_rollup')
    op.execute("DELETE FROM kpi_daily")
    op.execute("DELETE FROM store_meta WHERE key = 'kpi_daily'")
