"""Changes on the server: change rows, their CIs, CAB approvals, ticket links; conflicts name their entity.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from alembic import op
import sqlalchemy as sa



revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
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
    sa.ForeignKeyConstraint(['assignee_id'], ['person.id'], name=op.f('fk_change_assignee_id_person')),
    sa.ForeignKeyConstraint(['group_id'], ['group.id'], name=op.f('fk_change_group_id_group')),
    sa.ForeignKeyConstraint(['requester_id'], ['person.id'], name=op.f('fk_change_requester_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change')),
    sa.UniqueConstraint('number', name=op.f('uq_change_number'))
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index('ix_change_planned', ['planned_start', 'planned_end'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_group_id'), ['group_id'], unique=False)

    op.create_table('change_ci',
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('ci_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['change_id'], ['change.id'], name=op.f('fk_change_ci_change_id_change'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ci_id'], ['configuration_item.id'], name=op.f('fk_change_ci_ci_id_configuration_item')),
    sa.PrimaryKeyConstraint('change_id', 'ci_id', name=op.f('pk_change_ci'))
    )
    with op.batch_alter_table('change_ci', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_ci_ci_id'), ['ci_id'], unique=False)

    op.create_table('cab_approval',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('approver_id', sa.String(length=36), nullable=True),
    sa.Column('decision', sa.String(length=10), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['approver_id'], ['person.id'], name=op.f('fk_cab_approval_approver_id_person')),
    sa.ForeignKeyConstraint(['change_id'], ['change.id'], name=op.f('fk_cab_approval_change_id_change'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cab_approval'))
    )
    with op.batch_alter_table('cab_approval', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cab_approval_change_id'), ['change_id'], unique=False)

    op.create_table('change_link',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('ticket_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['change_id'], ['change.id'], name=op.f('fk_change_link_change_id_change'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_change_link_ticket_id_ticket'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_link'))
    )
    with op.batch_alter_table('change_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_link_change_id'), ['change_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_link_ticket_id'), ['ticket_id'], unique=False)

    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.add_column(sa.Column('entity', sa.String(length=30), nullable=False, server_default='ticket'))


def downgrade() -> None:
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_column('entity')
    op.drop_table('change_link')
    op.drop_table('cab_approval')
    op.drop_table('change_ci')
    op.drop_table('change')
