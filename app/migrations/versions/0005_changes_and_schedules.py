"""changes and schedules: change requests, CIs, CAB approvals, links, templates, maintenance and
blackout windows, holidays (issue 4)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 07:29:43.148396
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change_template',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('implementation_plan', sa.Text(), nullable=False),
    sa.Column('backout_plan', sa.Text(), nullable=False),
    sa.Column('test_plan', sa.Text(), nullable=False),
    sa.Column('risk', sa.String(length=10), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_template')),
    sa.UniqueConstraint('name', name=op.f('uq_change_template_name'))
    )
    op.create_table('holiday',
    sa.Column('calendar', sa.String(length=100), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('source_uid', sa.String(length=300), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday'))
    )
    with op.batch_alter_table('holiday', schema=None) as batch_op:
        batch_op.create_index('ix_holiday_calendar_day', ['calendar', 'day'], unique=True)

    op.create_table('schedule_window',
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('start_local', sa.DateTime(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('tz', sa.String(length=64), nullable=False),
    sa.Column('rrule', sa.String(length=500), nullable=True),
    sa.Column('everything', sa.Boolean(), nullable=False),
    sa.Column('ci_ids', sa.Text(), nullable=False),
    sa.Column('service_ids', sa.Text(), nullable=False),
    sa.Column('blocking', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_schedule_window'))
    )
    op.create_table('change',
    sa.Column('number', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('change_type', sa.String(length=20), nullable=False),
    sa.Column('template_id', sa.String(length=36), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('risk', sa.String(length=10), nullable=False),
    sa.Column('risk_proposed', sa.String(length=10), nullable=True),
    sa.Column('risk_overridden', sa.Boolean(), nullable=False),
    sa.Column('risk_reason', sa.Text(), nullable=True),
    sa.Column('planned_start', sa.DateTime(), nullable=True),
    sa.Column('planned_end', sa.DateTime(), nullable=True),
    sa.Column('actual_start', sa.DateTime(), nullable=True),
    sa.Column('actual_end', sa.DateTime(), nullable=True),
    sa.Column('requester_id', sa.String(length=36), nullable=True),
    sa.Column('group_id', sa.String(length=36), nullable=True),
    sa.Column('assignee_id', sa.String(length=36), nullable=True),
    sa.Column('implementation_plan', sa.Text(), nullable=False),
    sa.Column('backout_plan', sa.Text(), nullable=False),
    sa.Column('test_plan', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('close_notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['person.id'], name=op.f('fk_change_assignee_id_person')),
    sa.ForeignKeyConstraint(['group_id'], ['group.id'], name=op.f('fk_change_group_id_group')),
    sa.ForeignKeyConstraint(['requester_id'], ['person.id'], name=op.f('fk_change_requester_id_person')),
    sa.ForeignKeyConstraint(['template_id'], ['change_template.id'], name=op.f('fk_change_template_id_change_template')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change')),
    sa.UniqueConstraint('number', name=op.f('uq_change_number'))
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index('ix_change_assignee', ['assignee_id', 'planned_start'], unique=False)
        batch_op.create_index('ix_change_planned', ['planned_start', 'planned_end'], unique=False)
        batch_op.create_index('ix_change_state', ['state', 'planned_start'], unique=False)
        batch_op.create_index('ix_change_updated', ['updated_at'], unique=False)

    op.create_table('cab_approval',
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('approver_id', sa.String(length=36), nullable=True),
    sa.Column('decision', sa.String(length=10), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['approver_id'], ['person.id'], name=op.f('fk_cab_approval_approver_id_person')),
    sa.ForeignKeyConstraint(['change_id'], ['change.id'], name=op.f('fk_cab_approval_change_id_change'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cab_approval'))
    )
    with op.batch_alter_table('cab_approval', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cab_approval_change_id'), ['change_id'], unique=False)

    op.create_table('change_ci',
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('ci_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['change_id'], ['change.id'], name=op.f('fk_change_ci_change_id_change'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ci_id'], ['configuration_item.id'], name=op.f('fk_change_ci_ci_id_configuration_item')),
    sa.PrimaryKeyConstraint('change_id', 'ci_id', name=op.f('pk_change_ci'))
    )
    with op.batch_alter_table('change_ci', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_ci_ci_id'), ['ci_id'], unique=False)

    op.create_table('change_link',
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('ticket_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['change_id'], ['change.id'], name=op.f('fk_change_link_change_id_change'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_change_link_ticket_id_ticket'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_link'))
    )
    with op.batch_alter_table('change_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_link_change_id'), ['change_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_link_ticket_id'), ['ticket_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('change_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_link_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_change_link_change_id'))

    op.drop_table('change_link')
    with op.batch_alter_table('change_ci', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_ci_ci_id'))

    op.drop_table('change_ci')
    with op.batch_alter_table('cab_approval', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cab_approval_change_id'))

    op.drop_table('cab_approval')
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index('ix_change_updated')
        batch_op.drop_index('ix_change_state')
        batch_op.drop_index('ix_change_planned')
        batch_op.drop_index('ix_change_assignee')

    op.drop_table('change')
    op.drop_table('schedule_window')
    with op.batch_alter_table('holiday', schema=None) as batch_op:
        batch_op.drop_index('ix_holiday_calendar_day')

    op.drop_table('holiday')
    op.drop_table('change_template')
