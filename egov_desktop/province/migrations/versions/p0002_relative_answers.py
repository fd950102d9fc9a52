"""Received submissions keep the answers the relative (UN-style) method reads, so ranking does
not parse every stored assessment file. Rows imported before stay NULL and are read from
their payload as before.

Revision ID: p0002
Revises: p0001
"""
import sqlalchemy as sa
from alembic import op

revision = "p0002"
down_revision = "p0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("province_submissions", sa.Column("relative_answers", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("province_submissions") as batch:
        batch.drop_column("relative_answers")
