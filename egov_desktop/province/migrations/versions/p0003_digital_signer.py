"""Received submissions keep who digitally signed the PDF (ký số: the certificate subjects of its
PAdES signatures, exchange.pades), so the review shows it after the import. Rows imported before
(and files without a digital signature) have "".

Revision ID: p0003
Revises: p0002
"""
import sqlalchemy as sa
from alembic import op

revision = "p0003"
down_revision = "p0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("province_submissions",
                  sa.Column("digital_signer", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("province_submissions") as batch:
        batch.drop_column("digital_signer")
