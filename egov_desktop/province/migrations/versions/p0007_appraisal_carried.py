"""An appraisal carried to the agency's next revision (the question left unchanged) says from
which revision it came; its reviewer and time stay the original ones. NULL: made on this
revision. The log keeps the same column, so the carry is one entry of it.

Revision ID: p0007
Revises: p0006
"""
import sqlalchemy as sa
from alembic import op

revision = "p0007"
down_revision = "p0006"
branch_labels = None
depends_on = None

_REFUSE = "the appraisal log is only ever added to"


def upgrade() -> None:
    # a plain ADD COLUMN on both databases: SQLite's batch mode would rebuild the log and drop
    # the triggers that keep it append-only
    op.add_column("province_appraisals", sa.Column("carried_from", sa.Integer(), nullable=True))
    op.add_column("province_appraisal_log", sa.Column("carried_from", sa.Integer(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("province_appraisal_log", "carried_from")
        op.drop_column("province_appraisals", "carried_from")
        return
    with op.batch_alter_table("province_appraisals") as batch:
        batch.drop_column("carried_from")
    with op.batch_alter_table("province_appraisal_log") as batch:
        batch.drop_column("carried_from")
    for event in ("UPDATE", "DELETE"):   # the rebuilt table lost them
        op.execute(f"DROP TRIGGER IF EXISTS province_appraisal_log_no_{event.lower()}")
        op.execute(f"""CREATE TRIGGER province_appraisal_log_no_{event.lower()} BEFORE {event}
            ON province_appraisal_log BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END""")
