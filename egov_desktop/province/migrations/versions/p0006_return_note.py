"""A returned submission keeps the return note as it was sent (the general note, the remarks per
indicator, who signed it and when), so the next revision can be compared with what was asked
(province.changes.since_returned). Rows returned before have none (NULL: the note text only).

Revision ID: p0006
Revises: p0005
"""
import sqlalchemy as sa
from alembic import op

revision = "p0006"
down_revision = "p0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("province_submissions", sa.Column("return_note", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("province_submissions") as batch:
        batch.drop_column("return_note")
