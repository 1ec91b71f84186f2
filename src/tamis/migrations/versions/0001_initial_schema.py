"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 06:05:42.940597
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('api_keys',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=12), nullable=False),
    sa.Column('label', sa.String(length=200), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys')),
    sa.UniqueConstraint('key', name=op.f('uq_api_keys_key'))
    )
    op.create_table('sites',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('key_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('url', sa.String(length=2048), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['key_id'], ['api_keys.id'], name=op.f('fk_sites_key_id_api_keys')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sites')),
    sa.UniqueConstraint('key_id', 'url', name=op.f('uq_sites_key_id_url'))
    )
    op.create_table('checks',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('key_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('site_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_test', sa.Boolean(), nullable=False),
    sa.Column('spam', sa.Boolean(), nullable=False),
    sa.Column('discard', sa.Boolean(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reasons', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('model_version', sa.String(length=64), nullable=False),
    sa.Column('fields', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('match_hash', sa.String(length=64), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('feedback', sa.String(length=4), nullable=True),
    sa.ForeignKeyConstraint(['key_id'], ['api_keys.id'], name=op.f('fk_checks_key_id_api_keys')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_checks_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checks')),
    sa.UniqueConstraint('guid', name=op.f('uq_checks_guid'))
    )
    with op.batch_alter_table('checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checks_content_hash'), ['content_hash'], unique=False)
        batch_op.create_index('ix_checks_key_id_created_at', ['key_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_checks_match_hash'), ['match_hash'], unique=False)

    op.create_table('daily_stats',
    sa.Column('key_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('site_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('api_calls', sa.Integer(), server_default='0', nullable=False),
    sa.Column('spam', sa.Integer(), server_default='0', nullable=False),
    sa.Column('ham', sa.Integer(), server_default='0', nullable=False),
    sa.Column('missed_spam', sa.Integer(), server_default='0', nullable=False),
    sa.Column('false_positives', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['key_id'], ['api_keys.id'], name=op.f('fk_daily_stats_key_id_api_keys')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_daily_stats_site_id_sites')),
    sa.PrimaryKeyConstraint('key_id', 'site_id', 'day', name=op.f('pk_daily_stats'))
    )
    op.create_table('feedback',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('key_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('site_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('check_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('guid', sa.String(length=200), nullable=True),
    sa.Column('kind', sa.String(length=4), nullable=False),
    sa.Column('is_test', sa.Boolean(), nullable=False),
    sa.Column('effect', sa.String(length=10), nullable=False),
    sa.Column('match_hash', sa.String(length=64), nullable=False),
    sa.Column('reporter', sa.String(length=200), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('fields', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['checks.id'], name=op.f('fk_feedback_check_id_checks')),
    sa.ForeignKeyConstraint(['key_id'], ['api_keys.id'], name=op.f('fk_feedback_key_id_api_keys')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_feedback_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_check_id'), ['check_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_check_id'))

    op.drop_table('feedback')
    op.drop_table('daily_stats')
    with op.batch_alter_table('checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checks_match_hash'))
        batch_op.drop_index('ix_checks_key_id_created_at')
        batch_op.drop_index(batch_op.f('ix_checks_content_hash'))

    op.drop_table('checks')
    op.drop_table('sites')
    op.drop_table('api_keys')
