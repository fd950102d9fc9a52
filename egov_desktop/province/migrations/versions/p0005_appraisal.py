"""Appraisal (thẩm định) per indicator: the appraisal in force of each indicator, the log of
every one saved (only ever added to: triggers refuse a change or a deletion), the self score
kept beside the final one on the submission and the counter that tells two reviewers' saves
apart. Rows imported before: self = the stored total, counter 0.

Revision ID: p0005
Revises: p0004
"""
import sqlalchemy as sa
from alembic import op

revision = "p0005"
down_revision = "p0004"
branch_labels = None
depends_on = None

_REFUSE = "the appraisal log is only ever added to"


def upgrade() -> None:
    with op.batch_alter_table("province_submissions") as batch:
        batch.add_column(sa.Column("self_total", sa.Float(), nullable=True))
        batch.add_column(sa.Column("self_total_scaled", sa.Float(), nullable=True))
        batch.add_column(sa.Column("appraisal_version", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE province_submissions SET self_total = total, self_total_scaled = total_scaled")
    op.create_table(
        "province_appraisals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("submission_id", sa.Integer(), sa.ForeignKey(
            "province_submissions.id", name="fk_province_appraisals_submission_id_province_submissions"),
            nullable=False),
        sa.Column("indicator_id", sa.String(100), nullable=False),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.UniqueConstraint("submission_id", "indicator_id",
                            name="uq_province_appraisals_submission_id"),
    )
    op.create_table(
        "province_appraisal_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("submission_id", sa.Integer(), sa.ForeignKey(
            "province_submissions.id", name="fk_province_appraisal_log_submission_id_province_submissions"),
            nullable=False),
        sa.Column("indicator_id", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_province_appraisal_log_submission_id", "province_appraisal_log", ["submission_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""CREATE FUNCTION province_appraisal_log_refuse() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{_REFUSE}'; END $$ LANGUAGE plpgsql""")
        op.execute("""CREATE TRIGGER province_appraisal_log_append_only BEFORE UPDATE OR DELETE
            ON province_appraisal_log FOR EACH ROW EXECUTE FUNCTION province_appraisal_log_refuse()""")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"""CREATE TRIGGER province_appraisal_log_no_{event.lower()} BEFORE {event}
                ON province_appraisal_log BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER province_appraisal_log_append_only ON province_appraisal_log")
        op.execute("DROP FUNCTION province_appraisal_log_refuse()")
    op.drop_table("province_appraisal_log")
    op.drop_table("province_appraisals")
    with op.batch_alter_table("province_submissions") as batch:
        batch.drop_column("appraisal_version")
        batch.drop_column("self_total_scaled")
        batch.drop_column("self_total")
