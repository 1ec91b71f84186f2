"""learn_weights.ham_seen: confident genuine verdicts of the site that contained the token (the site layer's ham
exposure; tamis.learning.core, "Everyday words")

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 08:05:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('learn_weights', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ham_seen', sa.Float(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('learn_weights', schema=None) as batch_op:
        batch_op.drop_column('ham_seen')
