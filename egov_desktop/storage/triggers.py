"""The finalised lock inside the database (SQLite triggers), and the answers counter.

storage.lock guards ORM flushes and the services refuse changes to a finished assessment; these
triggers make SQLite itself refuse them, so raw SQL (another program, a script, the sqlite3
shell, SQLAlchemy Core statements) cannot change a finalised assessment either:

- answers and evidence of an assessment whose status is not draft cannot be inserted, updated
  or deleted;
- a finished assessment keeps its content columns, cannot go back to draft and cannot be
  deleted; its lifecycle (status finalised → submitted / returned / accepted), recycle bin
  (deleted_at), updated_at and score summary may still change.

The same triggers count every change to an assessment's answers or evidence in
assessments.answers_version, whoever makes it; the Workspace's answers cache is valid only while
that number is the one it read (services.workspace).

They are SQLite-only: on PostgreSQL (the province store) they are not installed, the lock rests
on the services and the ORM guard, and the Workspace keeps no answers cache.
Changing a trigger needs a new migration that drops and recreates it; migration 0003 keeps a
frozen copy of this text (a test checks that created and migrated databases agree). A batch
migration that rebuilds one of these tables drops its triggers: it must create them again.
"""
from __future__ import annotations

# RAISE(ABORT) message; engine.describe_db_error turns it into LockedError. It must not contain
# "locked" or "busy", which mean another program holds the database.
LOCK_MESSAGE = "egov: finalised assessment, changes refused"

_ANSWER_STATUS = "(SELECT status FROM assessments WHERE id = {row}.assessment_id)"
_EVIDENCE_STATUS = ("(SELECT s.status FROM assessments s JOIN answers a ON a.assessment_id = s.id"
                    " WHERE a.id = {row}.answer_id)")
_EVIDENCE_OWNER = "(SELECT assessment_id FROM answers WHERE id = {row}.answer_id)"

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER answers_insert_lock BEFORE INSERT ON answers BEGIN
  SELECT RAISE(ABORT, '{LOCK_MESSAGE}') WHERE {_ANSWER_STATUS.format(row="NEW")} != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id = NEW.assessment_id;
END""",
    f"""CREATE TRIGGER answers_update_lock BEFORE UPDATE ON answers BEGIN
  SELECT RAISE(ABORT, '{LOCK_MESSAGE}') WHERE {_ANSWER_STATUS.format(row="OLD")} != 'draft'
    OR {_ANSWER_STATUS.format(row="NEW")} != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id IN (OLD.assessment_id, NEW.assessment_id);
END""",
    f"""CREATE TRIGGER answers_delete_lock BEFORE DELETE ON answers BEGIN
  SELECT RAISE(ABORT, '{LOCK_MESSAGE}') WHERE {_ANSWER_STATUS.format(row="OLD")} != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id = OLD.assessment_id;
END""",
    f"""CREATE TRIGGER evidence_insert_lock BEFORE INSERT ON evidence BEGIN
  SELECT RAISE(ABORT, '{LOCK_MESSAGE}') WHERE {_EVIDENCE_STATUS.format(row="NEW")} != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id = {_EVIDENCE_OWNER.format(row="NEW")};
END""",
    f"""CREATE TRIGGER evidence_update_lock BEFORE UPDATE ON evidence BEGIN
  SELECT RAISE(ABORT, '{LOCK_MESSAGE}') WHERE {_EVIDENCE_STATUS.format(row="OLD")} != 'draft'
    OR {_EVIDENCE_STATUS.format(row="NEW")} != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1
    WHERE id IN ({_EVIDENCE_OWNER.format(row="OLD")}, {_EVIDENCE_OWNER.format(row="NEW")});
END""",
    f"""CREATE TRIGGER evidence_delete_lock BEFORE DELETE ON evidence BEGIN
  SELECT RAISE(ABORT, '{LOCK_MESSAGE}') WHERE {_EVIDENCE_STATUS.format(row="OLD")} != 'draft';
  UPDATE assessments SET answers_version = answers_version + 1 WHERE id = {_EVIDENCE_OWNER.format(row="OLD")};
END""",
    # the columns here are the content: every column but status, deleted_at, updated_at, the score
    # summary and answers_version (the same split as storage.lock.MUTABLE_WHEN_LOCKED)
    f"""CREATE TRIGGER assessments_update_lock BEFORE UPDATE ON assessments
WHEN OLD.status != 'draft' AND (NEW.status = 'draft' OR NEW.id IS NOT OLD.id OR NEW.uid IS NOT OLD.uid
  OR NEW.agency_id IS NOT OLD.agency_id OR NEW.framework_id IS NOT OLD.framework_id
  OR NEW.framework_version IS NOT OLD.framework_version OR NEW.framework_hash IS NOT OLD.framework_hash
  OR NEW.period IS NOT OLD.period OR NEW.revision IS NOT OLD.revision OR NEW.created_at IS NOT OLD.created_at
  OR NEW.finalised_at IS NOT OLD.finalised_at OR NEW.content_hash IS NOT OLD.content_hash
  OR NEW.respondent_name IS NOT OLD.respondent_name OR NEW.respondent_position IS NOT OLD.respondent_position
  OR NEW.respondent_phone IS NOT OLD.respondent_phone OR NEW.respondent_email IS NOT OLD.respondent_email)
BEGIN
  SELECT RAISE(ABORT, '{LOCK_MESSAGE}');
END""",
    f"""CREATE TRIGGER assessments_delete_lock BEFORE DELETE ON assessments WHEN OLD.status != 'draft' BEGIN
  SELECT RAISE(ABORT, '{LOCK_MESSAGE}');
END""",
)

TRIGGER_NAMES = ("answers_insert_lock", "answers_update_lock", "answers_delete_lock", "evidence_insert_lock",
                 "evidence_update_lock", "evidence_delete_lock", "assessments_update_lock",
                 "assessments_delete_lock")
