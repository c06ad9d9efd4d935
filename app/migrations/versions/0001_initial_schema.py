"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-21
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('category',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['category.id'], name=op.f('fk_category_parent_id_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category'))
    )
    op.create_table('draft',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_draft'))
    )
    op.create_table('group',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.String(length=1000), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group')),
    sa.UniqueConstraint('name', name=op.f('uq_group_name'))
    )
    op.create_table('number_sequence',
    sa.Column('prefix', sa.String(length=8), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix', name=op.f('pk_number_sequence'))
    )
    op.create_table('outbox_mutation',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('mutation_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('op', sa.String(length=10), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_outbox_mutation')),
    sa.UniqueConstraint('mutation_id', name=op.f('uq_outbox_mutation_mutation_id'))
    )
    with op.batch_alter_table('outbox_mutation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_mutation_entity_id'), ['entity_id'], unique=False)

    op.create_table('person',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('is_agent', sa.Boolean(), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_email'), ['email'], unique=False)

    op.create_table('saved_view',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=True),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_view'))
    )
    op.create_table('store_meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_store_meta'))
    )
    op.create_table('audit_event',
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('actor_id', sa.String(length=36), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('batch_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['person.id'], name=op.f('fk_audit_event_actor_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index('ix_audit_event_entity', ['entity_id', 'at'], unique=False)

    op.create_table('group_member',
    sa.Column('group_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['group.id'], name=op.f('fk_group_member_group_id_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_group_member_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'person_id', name=op.f('pk_group_member'))
    )
    op.create_table('service',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.String(length=1000), nullable=True),
    sa.Column('owner_group_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['owner_group_id'], ['group.id'], name=op.f('fk_service_owner_group_id_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service')),
    sa.UniqueConstraint('name', name=op.f('uq_service_name'))
    )
    op.create_table('configuration_item',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('ci_class', sa.String(length=60), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('criticality', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['configuration_item.id'], name=op.f('fk_configuration_item_parent_id_configuration_item')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_configuration_item_service_id_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_configuration_item'))
    )
    with op.batch_alter_table('configuration_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_configuration_item_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_configuration_item_parent_id'), ['parent_id'], unique=False)

    op.create_table('ticket',
    sa.Column('row_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=30), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('on_hold_reason', sa.String(length=30), nullable=True),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('urgency', sa.Integer(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('priority_overridden', sa.Boolean(), nullable=False),
    sa.Column('category_id', sa.String(length=36), nullable=True),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('ci_id', sa.String(length=36), nullable=True),
    sa.Column('requester_id', sa.String(length=36), nullable=True),
    sa.Column('group_id', sa.String(length=36), nullable=True),
    sa.Column('assignee_id', sa.String(length=36), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('first_response_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('resolution_code', sa.String(length=40), nullable=True),
    sa.Column('resolution_notes', sa.Text(), nullable=True),
    sa.Column('csat_score', sa.Integer(), nullable=True),
    sa.Column('reopen_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['person.id'], name=op.f('fk_ticket_assignee_id_person')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_ticket_category_id_category')),
    sa.ForeignKeyConstraint(['ci_id'], ['configuration_item.id'], name=op.f('fk_ticket_ci_id_configuration_item')),
    sa.ForeignKeyConstraint(['group_id'], ['group.id'], name=op.f('fk_ticket_group_id_group')),
    sa.ForeignKeyConstraint(['requester_id'], ['person.id'], name=op.f('fk_ticket_requester_id_person')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_ticket_service_id_service')),
    sa.PrimaryKeyConstraint('row_id', name=op.f('pk_ticket')),
    sa.UniqueConstraint('id', name=op.f('uq_ticket_id')),
    sa.UniqueConstraint('number', name=op.f('uq_ticket_number'))
    )
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_assignee_open', ['assignee_id', 'is_open', 'updated_at'], unique=False)
        batch_op.create_index('ix_ticket_created', ['created_at'], unique=False)
        batch_op.create_index('ix_ticket_group_open', ['group_id', 'is_open', 'assignee_id'], unique=False)
        batch_op.create_index('ix_ticket_open_updated', ['is_open', 'updated_at'], unique=False)
        batch_op.create_index('ix_ticket_priority', ['priority', 'updated_at'], unique=False)
        batch_op.create_index('ix_ticket_state', ['state', 'updated_at'], unique=False)
        batch_op.create_index('ix_ticket_type', ['type', 'updated_at'], unique=False)
        batch_op.create_index('ix_ticket_updated', ['updated_at'], unique=False)

    op.create_table('attachment',
    sa.Column('ticket_id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime_type', sa.String(length=120), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['person.id'], name=op.f('fk_attachment_author_id_person')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_attachment_ticket_id_ticket'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('ticket_link',
    sa.Column('source_id', sa.String(length=36), nullable=False),
    sa.Column('target_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['ticket.id'], name=op.f('fk_ticket_link_source_id_ticket'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['ticket.id'], name=op.f('fk_ticket_link_target_id_ticket'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ticket_link'))
    )
    with op.batch_alter_table('ticket_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_link_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ticket_link_target_id'), ['target_id'], unique=False)

    op.create_table('worklog_entry',
    sa.Column('ticket_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('time_spent_minutes', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['person.id'], name=op.f('fk_worklog_entry_author_id_person')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_worklog_entry_ticket_id_ticket'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worklog_entry'))
    )
    with op.batch_alter_table('worklog_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worklog_entry_ticket_id'), ['ticket_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('worklog_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worklog_entry_ticket_id'))

    op.drop_table('worklog_entry')
    with op.batch_alter_table('ticket_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ticket_link_target_id'))
        batch_op.drop_index(batch_op.f('ix_ticket_link_source_id'))

    op.drop_table('ticket_link')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_ticket_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_updated')
        batch_op.drop_index('ix_ticket_type')
        batch_op.drop_index('ix_ticket_state')
        batch_op.drop_index('ix_ticket_priority')
        batch_op.drop_index('ix_ticket_open_updated')
        batch_op.drop_index('ix_ticket_group_open')
        batch_op.drop_index('ix_ticket_created')
        batch_op.drop_index('ix_ticket_assignee_open')

    op.drop_table('ticket')
    with op.batch_alter_table('configuration_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_configuration_item_parent_id'))
        batch_op.drop_index(batch_op.f('ix_configuration_item_name'))

    op.drop_table('configuration_item')
    op.drop_table('service')
    op.drop_table('group_member')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_entity')
        batch_op.drop_index(batch_op.f('ix_audit_event_batch_id'))

    op.drop_table('audit_event')
    op.drop_table('store_meta')
    op.drop_table('saved_view')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_email'))

    op.drop_table('person')
    with op.batch_alter_table('outbox_mutation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_mutation_entity_id'))

    op.drop_table('outbox_mutation')
    op.drop_table('number_sequence')
    op.drop_table('group')
    op.drop_table('draft')
    op.drop_table('category')

