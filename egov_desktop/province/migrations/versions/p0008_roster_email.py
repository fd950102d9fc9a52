"""The roster keeps each unit's e-mail addresses ("; "-separated), the To of its reminder
draft. Rosters loaded before have none ("").

Revision ID: p0008
Revises: p0007
"""
import sqlalchemy as sa
from alembic import op

revision = "p0008"
down_revision = "p0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("province_roster", sa.Column("email", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("province_roster") as batch:
        batch.drop_column("email")
