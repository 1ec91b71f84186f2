"""learning tables: ledger, site and instance layers, fingerprints and campaigns, reputation, model versions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 06:13:41.348084
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('campaign_bands',
    sa.Column('band', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('fp_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('band', 'fp_id', name=op.f('pk_campaign_bands'))
    )
    op.create_table('campaigns',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('excerpt', sa.String(length=80), nullable=False),
    sa.Column('spam', sa.Integer(), server_default='0', nullable=False),
    sa.Column('ham', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaigns'))
    )
    op.create_table('fingerprints',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('check_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('site_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sig', sa.LargeBinary(), nullable=False),
    sa.Column('ip', sa.BigInteger(), nullable=False),
    sa.Column('post', sa.BigInteger(), nullable=False),
    sa.Column('label', sa.String(length=4), nullable=True),
    sa.Column('campaign_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('excerpt', sa.String(length=80), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fingerprints'))
    )
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fingerprints_check_id'), ['check_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fingerprints_created_at'), ['created_at'], unique=False)

    op.create_table('fp_bands',
    sa.Column('band', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('fp_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('band', 'created_at', 'fp_id', name=op.f('pk_fp_bands'))
    )
    with op.batch_alter_table('fp_bands', schema=None) as batch_op:
        batch_op.create_index('ix_fp_bands_created_at', ['created_at'], unique=False)

    op.create_table('learn_ledger',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('site_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('key_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('item', sa.String(length=80), nullable=False),
    sa.Column('check_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('label', sa.String(length=4), nullable=False),
    sa.Column('applied', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('reports', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learn_ledger')),
    sa.UniqueConstraint('site_id', 'item', name=op.f('uq_learn_ledger_site_id_item'))
    )
    op.create_table('learn_scopes',
    sa.Column('scope', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('spam', sa.Integer(), server_default='0', nullable=False),
    sa.Column('ham', sa.Integer(), server_default='0', nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('scope', name=op.f('pk_learn_scopes'))
    )
    op.create_table('learn_weights',
    sa.Column('scope', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('token', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('reports', sa.Integer(), nullable=False),
    sa.Column('first_site', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('multi_site', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'token', name=op.f('pk_learn_weights'))
    )
    op.create_table('model_versions',
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('path', sa.String(length=1024), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('activated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('active', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('info', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('version', name=op.f('pk_model_versions'))
    )
    op.create_table('reputation',
    sa.Column('entity', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('site_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('spam', sa.Float(), nullable=False),
    sa.Column('ham', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'site_id', name=op.f('pk_reputation'))
    )
    


def downgrade() -> None:
    
    op.drop_table('reputation')
    op.drop_table('model_versions')
    op.drop_table('learn_weights')
    op.drop_table('learn_scopes')
    op.drop_table('learn_ledger')
    with op.batch_alter_table('fp_bands', schema=None) as batch_op:
        batch_op.drop_index('ix_fp_bands_created_at')

    op.drop_table('fp_bands')
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fingerprints_created_at'))
        batch_op.drop_index(batch_op.f('ix_fingerprints_check_id'))

    op.drop_table('fingerprints')
    op.drop_table('campaigns')
    op.drop_table('campaign_bands')
    
