"""cache generations: the numbers that retire cached public figures

Revision ID: 0004_issue11
Revises: 0003
Create Date: 2026-12-01 22:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0004_issue11'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cache_generations',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_cache_generations'))
    )


def downgrade():
    op.drop_table('cache_generations')
