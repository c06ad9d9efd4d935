"""Refresh grace: which rotation minted a token, a rotated token's one retry, and superseded pairs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('auth_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('grace_used_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('superseded_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_auth_token_parent_hash'), ['parent_hash'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('auth_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_token_parent_hash'))
        batch_op.drop_column('superseded_at')
        batch_op.drop_column('grace_used_at')
        batch_op.drop_column('parent_hash')
