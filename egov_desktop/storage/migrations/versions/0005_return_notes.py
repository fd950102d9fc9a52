"""The return notes of the Sở the agency opened: the general note and the remarks per indicator,
kept with the assessment they return, so the questionnaire shows them after a restart (until the
next revision is finished and sent: services.return_notes).

A table of its own: the assessments table (and its lock triggers of 0003) is not touched.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "return_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assessment_id", sa.Integer(),
                  sa.ForeignKey("assessments.id", ondelete="CASCADE", name="fk_return_notes_assessment_id_assessments"),
                  nullable=False),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("remarks", sa.JSON(), nullable=False),
        sa.Column("issuer", sa.String(300), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("returned_at", sa.String(40), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_return_notes"),
        sa.UniqueConstraint("assessment_id", name="uq_return_notes_assessment_id"),
    )
    op.create_index("ix_return_notes_uid", "return_notes", ["uid"])


def downgrade() -> None:
    op.drop_index("ix_return_notes_uid", "return_notes")
    op.drop_table("return_notes")
