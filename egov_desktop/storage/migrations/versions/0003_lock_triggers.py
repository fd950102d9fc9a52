"""The finalised lock inside SQLite (triggers) and the answers counter (assessments.answers_version).

Triggers refuse any change to the answers and evidence of an assessment that is not a draft, and
to the content of a finished assessment, by any path (raw SQL included); the same triggers count
changes to an assessment's answers and evidence in answers_version (storage/triggers.py says why).
The SQL below is a frozen copy of storage/triggers.py as of this revision (a test checks they agree).
PostgreSQL: only the column is added; the triggers are SQLite-only (there the services and the ORM
guard hold the lock).

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TRIGGERS = (
    """CREATE TRIGGER answers_insert_lock BEFORE INSERT ON answers BEGIN
  SELECT RAISE(ABORT, 'egov: finalised assessment, changes refused') WHERE (SELECT status FROM assessments WHERE id = NEW.assessment_id) != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id = NEW.assessment_id;
END""",
    """CREATE TRIGGER answers_update_lock BEFORE UPDATE ON answers BEGIN
  SELECT RAISE(ABORT, 'egov: finalised assessment, changes refused') WHERE (SELECT status FROM assessments WHERE id = OLD.assessment_id) != 'draft'
    OR (SELECT status FROM assessments WHERE id = NEW.assessment_id) != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id IN (OLD.assessment_id, NEW.assessment_id);
END""",
    """CREATE TRIGGER answers_delete_lock BEFORE DELETE ON answers BEGIN
  SELECT RAISE(ABORT, 'egov: finalised assessment, changes refused') WHERE (SELECT status FROM assessments WHERE id = OLD.assessment_id) != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id = OLD.assessment_id;
END""",
    """CREATE TRIGGER evidence_insert_lock BEFORE INSERT ON evidence BEGIN
  SELECT RAISE(ABORT, 'egov: finalised assessment, changes refused') WHERE (SELECT s.status FROM assessments s JOIN answers a ON a.assessment_id = s.id WHERE a.id = NEW.answer_id) != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id = (SELECT assessment_id FROM answers WHERE id = NEW.answer_id);
END""",
    """CREATE TRIGGER evidence_update_lock BEFORE UPDATE ON evidence BEGIN
  SELECT RAISE(ABORT, 'egov: finalised assessment, changes refused') WHERE (SELECT s.status FROM assessments s JOIN answers a ON a.assessment_id = s.id WHERE a.id = OLD.answer_id) != 'draft'
    OR (SELECT s.status FROM assessments s JOIN answers a ON a.assessment_id = s.id WHERE a.id = NEW.answer_id) != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1
    WHERE id IN ((SELECT assessment_id FROM answers WHERE id = OLD.answer_id), (SELECT assessment_id FROM answers WHERE id = NEW.answer_id));
END""",
    """CREATE TRIGGER evidence_delete_lock BEFORE DELETE ON evidence BEGIN
  SELECT RAISE(ABORT, 'egov: finalised assessment, changes refused') WHERE (SELECT s.status FROM assessments s JOIN answers a ON a.assessment_id = s.id WHERE a.id = OLD.answer_id) != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id = (SELECT assessment_id FROM answers WHERE id = OLD.answer_id);
END""",
    """CREATE TRIGGER assessments_update_lock BEFORE UPDATE ON assessments
WHEN OLD.status != 'draft' AND (NEW.status = 'draft' OR NEW.id IS NOT OLD.id OR NEW.uid IS NOT OLD.uid
  OR NEW.agency_id IS NOT OLD.agency_id OR NEW.framework_id IS NOT OLD.framework_id
  OR NEW.framework_version IS NOT OLD.framework_version OR NEW.framework_hash IS NOT OLD.framework_hash
  OR NEW.period IS NOT OLD.period OR NEW.revision IS NOT OLD.revision OR NEW.created_at IS NOT OLD.created_at
  OR NEW.finalised_at IS NOT OLD.finalised_at OR NEW.content_hash IS NOT OLD.content_hash
  OR NEW.respondent_name IS NOT OLD.respondent_name OR NEW.respondent_position IS NOT OLD.respondent_position
  OR NEW.respondent_phone IS NOT OLD.respondent_phone OR NEW.respondent_email IS NOT OLD.respondent_email)
BEGIN
  SELECT RAISE(ABORT, 'egov: finalised assessment, changes refused');
END""",
    """CREATE TRIGGER assessments_delete_lock BEFORE DELETE ON assessments WHEN OLD.status != 'draft' BEGIN
  SELECT RAISE(ABORT, 'egov: finalised assessment, changes refused');
END""",
)
NAMES = ('answers_insert_lock', 'answers_update_lock', 'answers_delete_lock', 'evidence_insert_lock', 'evidence_update_lock', 'evidence_delete_lock', 'assessments_update_lock', 'assessments_delete_lock')


def upgrade() -> None:
    op.add_column("assessments", sa.Column("answers_version", sa.Integer(), nullable=False, server_default="0"))
    if op.get_bind().dialect.name == "sqlite":
        for sql in TRIGGERS:
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("answers_version")
