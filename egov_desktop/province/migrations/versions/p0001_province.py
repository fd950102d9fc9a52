"""Province tables: received submissions, registered agency keys, roster of expected agencies.

Revision ID: p0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "p0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "province_submissions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slot", sa.String(500), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("framework_id", sa.String(100), nullable=False),
        sa.Column("framework_version", sa.String(50), nullable=False),
        sa.Column("framework_hash", sa.String(64), nullable=False),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("agency_name", sa.String(300), nullable=False),
        sa.Column("agency_level", sa.String(20), nullable=False),
        sa.Column("parent_code", sa.String(64), nullable=False),
        sa.Column("parent_name", sa.String(300), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.String(40), nullable=False),
        sa.Column("source_name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("signature", sa.String(20), nullable=False),
        sa.Column("received_at", sa.String(40), nullable=False),
        sa.Column("finalised_at", sa.String(40), nullable=False),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("total_scaled", sa.Float(), nullable=True),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("completeness", sa.Float(), nullable=False),
        sa.Column("band_vi", sa.String(100), nullable=False),
        sa.Column("band_en", sa.String(100), nullable=False),
        sa.Column("pillars", sa.JSON(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
    )
    op.create_index("ix_province_submissions_slot", "province_submissions", ["slot"])
    op.create_index("ix_province_submissions_fw_period", "province_submissions",
                    ["framework_id", "period", "current"])
    op.create_index("ix_province_submissions_hash", "province_submissions", ["content_hash"])
    op.create_table(
        "province_agency_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("agency_name", sa.String(300), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("registered_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("agency_code", "key_id", name="uq_province_agency_keys_agency_code"),
    )
    op.create_index("ix_province_agency_keys_agency_code", "province_agency_keys", ["agency_code"])
    op.create_table(
        "province_roster",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("group_code", sa.String(64), nullable=False),
        sa.Column("group_name", sa.String(300), nullable=False),
        sa.UniqueConstraint("period", "code", "name", name="uq_province_roster_period"),
    )
    op.create_index("ix_province_roster_period", "province_roster", ["period"])


def downgrade() -> None:
    op.drop_table("province_roster")
    op.drop_table("province_agency_keys")
    op.drop_table("province_submissions")
