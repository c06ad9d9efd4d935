"""Blob uploads per account: a content hash is no capability, an account's own verified upload is.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blob_upload',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('account_id', sa.String(length=36), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_blob_upload_account_id_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sha256', 'account_id', name=op.f('pk_blob_upload'))
    )
    with op.batch_alter_table('blob_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_blob_upload_account_id'), ['account_id'], unique=False)
    # The one uploader the old table knew keeps its upload (an unfinished one restarts from 0: partial
    # files now live per account, and the desk still holds the bytes).
    op.execute("INSERT INTO blob_upload (sha256, account_id, size, complete, created_at) "
               "SELECT sha256, uploaded_by, size, complete, created_at FROM blob WHERE uploaded_by IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('blob_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_blob_upload_account_id'))
    op.drop_table('blob_upload')
