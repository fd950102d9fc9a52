"""A received submission keeps the group the province put it in (a table's "Nhóm" column: a
former district, a bloc of departments), so a ranking can be made within it. Rows imported
before have no group ("").

Revision ID: p0004
Revises: p0003
"""
import sqlalchemy as sa
from alembic import op

revision = "p0004"
down_revision = "p0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("province_submissions",
                  sa.Column("group_name", sa.String(300), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("province_submissions") as batch:
        batch.drop_column("group_name")
