"""The agency profile a report is issued under (Decree 30 heading, signer, Nơi nhận), kept per
agency across periods, and each assessment's document number.

The column is added with a plain ALTER TABLE (no batch rebuild), so the lock triggers of 0003
on the assessments table stay in place.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agency_profiles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agencies.id", ondelete="CASCADE",
                                                           name="fk_agency_profiles_agency_id_agencies"),
                  nullable=False),
        sa.Column("parent_line", sa.String(300), nullable=False),
        sa.Column("issuer", sa.String(300), nullable=False),
        sa.Column("place", sa.String(100), nullable=False),
        sa.Column("symbol", sa.String(50), nullable=False),
        sa.Column("authority", sa.String(10), nullable=False),
        sa.Column("on_behalf", sa.String(200), nullable=False),
        sa.Column("signer_position", sa.String(200), nullable=False),
        sa.Column("signer_name", sa.String(200), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("recipient_email", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_agency_profiles"),
        sa.UniqueConstraint("agency_id", name="uq_agency_profiles_agency_id"),
    )
    op.add_column("assessments", sa.Column("document_number", sa.String(50), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("assessments", recreate="never") as batch:
        batch.drop_column("document_number")
    op.drop_table("agency_profiles")
