"""users.locale: the Chinese interface is now the "zh_Hans" catalogue (was "zh")

Revision ID: 0016_issue9
Revises: 0004_issue11
Create Date: 2026-12-01 22:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0016_issue9'
down_revision = '0004_issue11'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE users SET locale = 'zh_Hans' WHERE locale IN ('zh', 'zh_CN', 'zh-CN')")


def downgrade():
    op.execute("UPDATE users SET locale = 'zh' WHERE locale = 'zh_Hans'")
