"""Opening the database, the part that needs no SQLAlchemy: where it is, the checks on the raw
file at start, and the first assessment list read with the standard library's sqlite3.

Importing SQLAlchemy takes longer than the whole start-up budget on an old PC, so the GUI shows
`first_list()` at once and opens the Workspace behind it (docs/performance.md, GUI). The
Workspace runs the same `check_at_start` when it is opened on its own (CLI, tests).
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from scoring.record import replace
from scoring.text import Text

from ..errors import UserError
from ..i18n import bilingual, tr
from ..paths import data_dir
from ..storage import backup as backups
from ..storage.faults import FULL, TOO_LARGE, DatabaseUnavailable, unavailable
from ..storage.integrity import check_file, connect_ro, missing_tables, schema_version, wal_has_data
from ..storage.layout import DB_FILE, HEAD, KNOWN, sqlite_url
from ..domain import DRAFT, FINALISED, STATUSES, Agency, AgencyProfile, Answer, AssessmentData, Evidence, Respondent
from .types import AssessmentRecord, AssessmentSummary, ReturnNoteInfo


class DatabaseDamaged(UserError):
    """The database failed its integrity check; `backup` is the newest good backup (or None).

    The GUI offers `restore_backup(location, backup.path)`; the CLI says `db restore FILE`.
    """

    def __init__(self, path: Path, problems: list[str], backup: backups.BackupInfo | None):
        if backup:
            msg = bilingual("Cơ sở dữ liệu bị hỏng ({detail}). Có thể khôi phục bản sao lưu tốt gần nhất ({when}).",
                            detail=problems[0], when=backup.created)
        else:
            msg = bilingual("Cơ sở dữ liệu bị hỏng ({detail}) và không có bản sao lưu tốt nào.", detail=problems[0])
        super().__init__(msg, str(path))
        self.problems = problems
        self.backup = backup


class AssessmentDamaged(DatabaseDamaged):
    """One assessment cannot be read back as it was stored (a text that does not decode, or a
    finished assessment whose content no longer gives its hash): the row is named, and the
    newest good backup offered (one made before the damage holds it intact)."""

    def __init__(self, path: Path, assessment_id: int, name: str, detail: str | Text,
                 backup: backups.BackupInfo | None):
        label = f"{assessment_id} ({name})" if name else str(assessment_id)
        detail = detail if isinstance(detail, Text) else Text(detail, detail)
        if backup:
            text = ("Đánh giá số {label} bị hỏng trong cơ sở dữ liệu ({detail}). Hãy khôi phục một bản "
                    "sao lưu làm trước khi hỏng (Cài đặt → Sao lưu); bản gần nhất: {when}.")
        else:
            text = "Đánh giá số {label} bị hỏng trong cơ sở dữ liệu ({detail}) và không có bản sao lưu tốt nào."
        when = backup.created if backup else ""
        msg = Text(tr(text, "vi", label=label, detail=detail.vi, when=when),
                   tr(text, "en", label=label, detail=detail.en, when=when))
        UserError.__init__(self, msg, str(path))
        self.problems = [msg.vi]
        self.backup = backup
        self.assessment_id = assessment_id


class OpenedReadOnly(UserError):
    """A warning: the database could not be opened for writing (a full disk, a file-size limit:
    SQLite cannot make its -shm file) and is open for reading only. `fault` says why."""

    def __init__(self, fault: DatabaseUnavailable):
        text = "Dữ liệu chỉ mở để xem, chưa sửa được: {detail}"
        super().__init__(Text(tr(text, "vi", detail=fault.message.vi), tr(text, "en", detail=fault.message.en)),
                         fault.path)
        self.fault = fault


def read_only_url(path: Path) -> str:
    """The URL of a read-only connection that makes no -shm file (storage.integrity.connect_ro)."""
    return f"sqlite:///file:{path.as_posix()}?mode=ro&immutable=1&uri=true"


def resolve_location(location: str | os.PathLike | None) -> tuple[str, Path | None]:
    """(SQLAlchemy URL, SQLite file or None) for a data folder, a .sqlite file or a URL."""
    if location is None:
        location = data_dir()
    if isinstance(location, str) and "://" in location:
        from ..storage.engine import sqlite_path  # a URL is parsed by SQLAlchemy

        return location, sqlite_path(location)
    path = Path(location)
    if path.is_dir() or not path.suffix:
        path.mkdir(parents=True, exist_ok=True)
        path = path / DB_FILE
    return sqlite_url(path.resolve()), path.resolve()


def check_at_start(path: Path, daily_backup: bool = True) -> list[UserError]:
    """Before anything else opens the file: finish or undo a half-done restore, remove half-made
    backups, SQLite's quick check and the program's tables (DatabaseDamaged, offering the newest
    good backup), then the first backup of the day. Returns warnings: a daily backup that could
    not be made (a full disk) does not stop the opening. A database that is only unavailable
    (in use, disk full, read-only) raises DatabaseUnavailable, never DatabaseDamaged.

    quick_check reads every page (about 1 ms per MB, see docs/performance.md) and finds what a
    crash or a bad copy damages; `db check` also reads every row and text (storage.integrity).
    """
    warnings: list[UserError] = []
    try:
        backups.recover(path)
        backups.clean_partial(path)
    except OSError as e:
        fault = unavailable(e, path)
        if fault is not None:
            raise fault from None
        raise
    if not path.exists() or path.stat().st_size == 0:
        return warnings
    try:
        problems = check_file(path)
    except DatabaseUnavailable as e:
        # a full disk or a file-size limit: what is stored can still be read, without a -shm file,
        # as long as no commit waits in the -wal
        if e.cause not in (FULL, TOO_LARGE) or wal_has_data(path):
            raise
        problems = check_file(path, immutable=True)
        warnings.append(OpenedReadOnly(e))
    if not problems and not warnings and schema_version(path) in KNOWN:
        missing = missing_tables(path)
        if missing:
            problems = [tr("thiếu bảng {tables}", tables=", ".join(missing))]
    if problems:
        raise DatabaseDamaged(path, problems, backups.newest_good_backup(path))
    if daily_backup and not backups.backed_up_today(path):
        try:
            backups.make_backup(path, "daily")
        except UserError as e:
            warnings.append(e)
    return warnings


# The columns of an AssessmentSummary, in its order; Workspace._summaries selects the same ones.
_SUMMARY_SQL = """
SELECT a.id, a.uid, g.name, g.level, g.code, g.parent_name, a.period, a.framework_id, a.framework_version,
       a.status, a.revision, a.completeness, a.total, a.total_scaled, a.band_vi, a.band_en, a.errors,
       a.created_at, a.updated_at, a.finalised_at, a.deleted_at
FROM assessments AS a JOIN agencies AS g ON a.agency_id = g.id
WHERE a.deleted_at {deleted}
ORDER BY a.updated_at DESC, a.id DESC
"""


def summary_from_row(r) -> AssessmentSummary:
    """An AssessmentSummary from a row of the summary columns (as above)."""
    return AssessmentSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11] or 0.0,
                             r[12], r[13], Text(r[14], r[15] or r[14]) if r[14] else None, r[16] or 0,
                             r[17], r[18], r[19], bool(r[20]))


def first_list(location: str | os.PathLike | None = None,
               warnings: list[UserError] | None = None) -> list[AssessmentSummary] | None:
    """After `check_at_start`: what `Workspace(location).list_assessments()` gives, read with plain
    sqlite3; None when only the Workspace can answer (not a SQLite file, a schema to create or
    upgrade, a file it cannot read now). Raises DatabaseDamaged like the Workspace; the start
    check's warnings are added to `warnings`."""
    url, path = resolve_location(location)
    if path is None:
        return None
    found = check_at_start(path)
    if warnings is not None:
        warnings.extend(found)
    if not path.exists() or path.stat().st_size == 0:
        return []  # the Workspace creates the database
    return listed(location, immutable=any(isinstance(w, OpenedReadOnly) for w in found))


def listed(location: str | os.PathLike | None = None, deleted_only: bool = False,
           immutable: bool = False) -> list[AssessmentSummary] | None:
    """What `Workspace(location).list_assessments(deleted_only=deleted_only)` gives (the bin when
    deleted_only), read with plain sqlite3 without the start check; None when only the Workspace
    can answer."""
    url, path = resolve_location(location)
    if path is None or not path.is_file():
        return None
    if schema_version(path, immutable) != HEAD:
        return None
    try:
        conn = connect_ro(path, immutable)
        try:
            sql = _SUMMARY_SQL.format(deleted="!= ''" if deleted_only else "= ''")
            return [summary_from_row(r) for r in conn.execute(sql)]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


_PROFILE_COLUMNS = ("parent_line", "issuer", "place", "symbol", "authority", "on_behalf", "signer_position",
                    "signer_name", "recipient_email")


def content_intact(d: AssessmentData) -> bool:
    """A draft, or a finished assessment whose content still gives the hash stamped on it (the
    status counts in the hash: it was stamped at finalising or in the file it came from)."""
    if d.status == DRAFT or not d.content_hash:
        return True
    from ..exchange import assessment_file

    return any(assessment_file.to_payload(replace(d, status=status))["content_hash"] == d.content_hash
               for status in dict.fromkeys((d.status, FINALISED, *STATUSES)) if status != DRAFT)


def first_record(assessment_id: int, location: str | os.PathLike | None = None
                 ) -> tuple[AssessmentRecord, ReturnNoteInfo | None] | None:
    """What `Workspace(location).get(assessment_id)` and `.return_note(assessment_id)` give, read
    with plain sqlite3, so that the GUI can show an assessment while the Workspace opens; None
    whenever only the Workspace can answer (no such row, a schema to upgrade, a text that does not
    decode, a finished assessment whose hash does not match: the Workspace names the damage and
    offers a backup)."""
    url, path = resolve_location(location)
    if path is None or not path.is_file() or schema_version(path) != HEAD:
        return None
    try:
        conn = connect_ro(path)
        try:
            conn.execute("BEGIN")  # one snapshot for every read below
            record = _record(conn, assessment_id)
            return None if record is None else (record, _note(conn, assessment_id))
        finally:
            conn.close()
    except (sqlite3.Error, ValueError, TypeError):
        return None


def _json(value):
    """A JSON column as SQLAlchemy reads it from SQLite: a column named JSON has numeric affinity,
    so SQLite keeps a JSON number as a number (sqlalchemy.dialects.sqlite's _SQliteJson)."""
    if value is None or isinstance(value, (int, float)):
        return value
    return json.loads(value)


def _record(conn: sqlite3.Connection, assessment_id: int) -> AssessmentRecord | None:
    """The columns Workspace.get reads through the ORM (storage/models.py)."""
    a = conn.execute(
        "SELECT a.framework_id, a.framework_version, a.framework_hash, a.period, a.respondent_name, "
        "a.respondent_position, a.respondent_phone, a.respondent_email, a.status, a.revision, a.uid, a.created_at, "
        "a.finalised_at, a.content_hash, a.document_number, a.updated_at, a.deleted_at, "
        "g.id, g.name, g.level, g.code, g.parent_name, g.parent_code, g.address "
        "FROM assessments AS a JOIN agencies AS g ON a.agency_id = g.id WHERE a.id = ?", (assessment_id,)).fetchone()
    if a is None:
        return None
    evidence: dict[int, list[Evidence]] = {}
    for r in conn.execute(
            "SELECT e.answer_id, e.number, e.date, e.summary, e.file_name, e.sha256, e.size FROM evidence AS e "
            "JOIN answers AS n ON e.answer_id = n.id WHERE n.assessment_id = ? ORDER BY e.id", (assessment_id,)):
        evidence.setdefault(r[0], []).append(Evidence(*r[1:]))
    answers = {}
    for r in conn.execute("SELECT id, indicator_id, value, na, comment, flagged, reviewed FROM answers "
                          "WHERE assessment_id = ? ORDER BY indicator_id", (assessment_id,)):
        value = _json(r[2])
        answers[r[1]] = Answer(tuple(value) if isinstance(value, list) else value, bool(r[3]), r[4], bool(r[5]),
                               bool(r[6]), tuple(evidence.get(r[0], ())))
    p = conn.execute(f"SELECT {', '.join(_PROFILE_COLUMNS)}, recipients FROM agency_profiles WHERE agency_id = ?",
                     (a[17],)).fetchone()
    profile = (AgencyProfile(number=a[14]) if p is None else AgencyProfile(
        number=a[14], recipients=tuple(str(x) for x in _json(p[-1]) or ()),
        **dict(zip(_PROFILE_COLUMNS, p))))
    data = AssessmentData(
        framework_id=a[0], framework_version=a[1], framework_hash=a[2],
        agency=Agency(a[18], a[19], a[20], a[21], a[22], a[23]), period=a[3], answers=answers,
        respondent=Respondent(a[4], a[5], a[6], a[7]), status=a[8], revision=a[9], uid=a[10], created_at=a[11],
        finalised_at=a[12], content_hash=a[13], profile=profile)
    if not content_intact(data):
        return None
    return AssessmentRecord(assessment_id, data, a[15], bool(a[16]))


def _note(conn: sqlite3.Connection, assessment_id: int) -> ReturnNoteInfo | None:
    """As services.return_notes.note_for: the latest note on this or an earlier revision, unless a
    later revision than the one returned has been finished (sent) since."""
    uid, revision = conn.execute("SELECT uid, revision FROM assessments WHERE id = ?", (assessment_id,)).fetchone()
    n = conn.execute("SELECT assessment_id, revision, note, remarks, issuer, reviewer, returned_at, source, opened_at "
                     "FROM return_notes WHERE uid = ? AND revision <= ? ORDER BY revision DESC", (uid, revision)
                     ).fetchone()
    if n is None or conn.execute("SELECT 1 FROM assessments WHERE uid = ? AND revision > ? AND status != ? "
                                 "AND deleted_at = '' LIMIT 1", (uid, n[1], DRAFT)).fetchone():
        return None
    remarks = _json(n[3])
    remarks = remarks if isinstance(remarks, dict) else {}
    return ReturnNoteInfo(n[0], n[1], n[2], {str(k): str(v) for k, v in remarks.items()}, *n[4:])
