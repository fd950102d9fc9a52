"""Keep each assessment's score summary with its row, so long lists need no rescoring.

Rows from schema 0001 get scored_at = "" and are scored when the database is next opened.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = [
    ("total", sa.Float(), True, None),
    ("total_scaled", sa.Float(), True, None),
    ("completeness", sa.Float(), False, "0"),
    ("band_vi", sa.String(100), False, ""),
    ("band_en", sa.String(100), False, ""),
    ("errors", sa.Integer(), False, "0"),
    ("scored_at", sa.String(40), False, ""),
]


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        for name, type_, nullable, default in COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=nullable, server_default=default))


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        for name, *_ in reversed(COLUMNS):
            batch.drop_column(name)
