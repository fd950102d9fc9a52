"""The Workspace: every use case on stored assessments, for the GUI and the CLI.

Each call runs in its own short transaction and commits before it returns, so an answer whose
`set_answer` returned survives a crash or a power cut. Everything returned is plain data.
The lifecycle rules (draft → finalised → submitted / returned / accepted) live here and in a
guard on the session (storage.lock), so no path can change a finalised assessment.

The Workspace is the one facade; subjects with code of their own live beside it and are reached
through it: services.answering (the per-answer hot path), services.evidence (documents and
attached files), services.backups (backups, restore, the checks).
"""
from __future__ import annotations

import getpass
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from scoring import AnswerProblem, Framework, ScoreResult, nfc, score, validate
from scoring.record import asdict, replace

from .. import domain, untrusted
from ..domain import DRAFT, FINALISED, Agency, AgencyProfile, Answer, AssessmentData, Evidence, Respondent
from ..errors import UserError
from ..exchange import assessment_file
from ..i18n import bilingual
from ..labels import status_name
from ..paths import data_dir
from ..storage import presence
from ..storage.backup import BackupInfo
from ..storage.engine import WRITE_OPTION, make_engine, translated_errors
from ..storage.faults import DAMAGED, DatabaseUnavailable, cause_of
from ..storage.lock import install_lock_guard
from ..storage.migrate import prepare
from ..storage.models import AgencyProfileRow, AgencyRow, AnswerRow, AssessmentRow, AuditRow, EvidenceRow
from . import backups as database
from . import evidence as evidence_
from .answering import (MAX_TEXT, _now, change_answer, load_answers, plain_value,  # noqa: F401 - MAX_TEXT
                        refuse_unless_draft, scored, upserts)
from .answers_cache import AnswersCache
from .backups import check_database, restore_backup  # noqa: F401 - where they were always imported from
from .evidence import MAX_EVIDENCE_BYTES, evidence_row  # noqa: F401 - MAX_EVIDENCE_BYTES: as above
from .opening import (OpenedReadOnly, check_at_start, content_intact, read_only_url,
                      resolve_location, summary_from_row)
from .types import AssessmentRecord, AssessmentSummary
from .workspace_types import AnswerSaved, AuditEntry, EvidenceItem, ImportResult


def one_line(text: str) -> str:
    """A name, code or period as stored: NFC, one line, no control characters (pasted from
    elsewhere they would make the agency's own exported file refused at the province)."""
    return " ".join(untrusted.CONTROL.sub("", nfc(text or "")).split())


# status → statuses it may move to with set_status (finalise and new_revision are their own calls)
TRANSITIONS = {
    domain.FINALISED: {domain.SUBMITTED, domain.RETURNED, domain.ACCEPTED},
    domain.SUBMITTED: {domain.RETURNED, domain.ACCEPTED},
    domain.ACCEPTED: {domain.RETURNED},
    domain.RETURNED: {domain.ACCEPTED},
}


class NotReady(UserError):
    """Finalising refused: the assessment still has errors (`problems`)."""

    def __init__(self, problems: list[AnswerProblem]):
        errors = [p for p in problems if p.level == "error"]
        super().__init__(bilingual("Chưa thể hoàn tất: còn {n} lỗi cần sửa", n=len(errors)))
        self.problems = errors


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service account): still save
        return ""


def _answer(row: AnswerRow) -> Answer:
    value = tuple(row.value) if isinstance(row.value, list) else row.value
    return Answer(value, row.na, row.comment, row.flagged, row.reviewed,
                  tuple(evidence_row(e) for e in row.evidence))


_PROFILE_FIELDS = ("parent_line", "issuer", "place", "symbol", "authority", "on_behalf", "signer_position",
                   "signer_name", "recipient_email")


def _profile(row: AgencyProfileRow | None, number: str) -> AgencyProfile:
    if row is None:
        return AgencyProfile(number=number)
    return AgencyProfile(number=number, recipients=tuple(str(r) for r in (row.recipients or ())),
                         **{k: getattr(row, k) for k in _PROFILE_FIELDS})


class Workspace:
    """The assessments stored in one database (a data folder, a .sqlite file or any SQLAlchemy URL).

    Opening checks the file (DatabaseDamaged on failure), makes the daily backup, and brings the
    schema up to date (backing up first). Use as a context manager or call close().
    """

    def __init__(self, location: str | os.PathLike | None = None, *, frameworks=None,
                 daily_backup: bool = True, user: str | None = None):
        from ..frameworks import registry

        self.url, self.path = resolve_location(location)
        self._frameworks = frameworks or registry
        self._fw_cache: dict[tuple[str, str, str], Framework] = {}
        self.user = _user() if user is None else user
        where = str(self.path) if self.path else self.url
        self.warnings: list[UserError] = []   # e.g. the daily backup could not be made
        self._read_only: OpenedReadOnly | None = None
        with translated_errors(where):
            if self.path is not None:
                self.warnings = check_at_start(self.path, daily_backup)
                self._read_only = next((w for w in self.warnings if isinstance(w, OpenedReadOnly)), None)
            self._engine = make_engine(read_only_url(self.path) if self._read_only else self.url)
            try:
                self.schema_action = prepare(self._engine, self.path, where)
                install_lock_guard()
                self._read = sessionmaker(self._engine, expire_on_commit=False)
                self._write_engine = self._engine.execution_options(**{WRITE_OPTION: True})
                self._write = sessionmaker(self._write_engine, expire_on_commit=False)
                self._upsert = upserts(self._engine.dialect.name)
                # the cache relies on the SQLite triggers that move answers_version (storage.triggers)
                self._answers_cache = AnswersCache(enabled=self._engine.dialect.name == "sqlite")
                self._score_unscored()
            except BaseException:
                self._engine.dispose()
                raise
        # names this program to a restore refused while it has the file open (storage.presence)
        self._presence = presence.announce(self.path) if self.path and not self._read_only else ""

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self._engine.dispose()
        if self._presence:
            presence.withdraw(self.path, self._presence)
            self._presence = ""

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """One committed transaction; on any failure nothing of it is written."""
        if self._read_only:
            raise self._read_only.fault
        with translated_errors(str(self.path or self.url)):
            with self._write.begin() as s:
                yield s

    @contextmanager
    def _writing_core(self) -> Iterator[Connection]:
        """_writing without the ORM (the answer hot path)."""
        if self._read_only:
            raise self._read_only.fault
        with translated_errors(str(self.path or self.url)):
            with self._write_engine.begin() as conn:
                yield conn

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with translated_errors(str(self.path or self.url)):
            with self._read() as s:
                yield s

    def evidence_dir(self) -> Path:
        return (self.path.parent if self.path else data_dir()) / "evidence"

    def framework(self, framework_id: str, version: str, content_hash: str = "") -> Framework:
        """The framework an assessment was made with (by id and version, else by content hash)."""
        key = (framework_id, version, content_hash)
        fw = self._fw_cache.get(key)
        if fw is None:
            fw = self._frameworks.for_assessment(framework_id, version, content_hash)
            if fw is None:
                raise UserError(bilingual("Chưa cài bộ tiêu chí «{id}» phiên bản {version}",
                                          id=framework_id, version=version))
            self._fw_cache[key] = fw
        return fw

    def _row(self, s: Session, assessment_id: int) -> AssessmentRow:
        row = s.get(AssessmentRow, assessment_id)
        if row is None:
            raise UserError(bilingual("Không tìm thấy đánh giá số {id}", id=assessment_id))
        return row

    def _draft(self, s: Session, assessment_id: int) -> AssessmentRow:
        row = self._row(s, assessment_id)
        refuse_unless_draft(row)
        return row

    def _audit(self, s: Session, row: AssessmentRow, action: str, target: str = "", old: Any = None,
               new: Any = None) -> None:
        s.add(AuditRow(assessment_id=row.id, at=_now(), user=self.user, action=action, target=target,
                       old=old, new=new))
        row.updated_at = _now()

    def _agency(self, s: Session, agency: Agency, period: str | None = None) -> AgencyRow:
        from ..units import is_historical

        a = Agency(*(one_line(x) for x in (agency.name, agency.level, agency.code, agency.parent_name,
                                           agency.parent_code, agency.address)))
        if not a.name:
            raise UserError(bilingual("Thiếu tên cơ quan"))
        found = s.scalars(select(AgencyRow).filter_by(name=a.name, level=a.level, code=a.code,
                                                      parent_code=a.parent_code)).first()
        if found is None:
            found = AgencyRow(name=a.name, level=a.level, code=a.code, parent_code=a.parent_code,
                              parent_name=a.parent_name, address=a.address, historical=is_historical(a, period))
            s.add(found)
            s.flush()
        elif a.address and found.address != a.address and not s.scalar(
                select(AssessmentRow.id).where(AssessmentRow.agency_id == found.id, AssessmentRow.status != DRAFT)
                .limit(1)):
            # a finished assessment's agency is part of its content (its hash): left as it was
            found.address = a.address
        return found

    def _rescore(self, s: Session, row: AssessmentRow) -> tuple[ScoreResult, list[AnswerProblem]]:
        """Score and check the assessment (as flushed) and keep the summary on its row."""
        fw = self.framework(row.framework_id, row.framework_version, row.framework_hash)
        result, problems, summary = scored(fw, load_answers(s.connection(), row.id))
        for column, value in summary.items():
            setattr(row, column, value)
        return result, problems

    def _score_unscored(self) -> None:
        """Rows from an older schema carry no score summary yet: compute it once. Opening does
        not write otherwise (it reads first), and a database another program is writing, or one
        that cannot be written now, opens all the same: the rows are listed without a score."""
        with self._reading() as s:
            if s.scalar(select(AssessmentRow.id).where(AssessmentRow.scored_at == "").limit(1)) is None:
                return
        try:
            with self._writing() as s:
                for row in s.scalars(select(AssessmentRow).where(AssessmentRow.scored_at == "")):
                    try:
                        self._rescore(s, row)
                    except UserError:  # framework not installed: listed without a score
                        continue
        except DatabaseUnavailable as e:
            self.warnings.append(e)

    def _summary(self, assessment_id: int) -> AssessmentSummary:
        return self._summaries([assessment_id])[0]

    def _summaries(self, ids: list[int] | None = None, include_deleted: bool = True) -> list[AssessmentSummary]:
        A, G = AssessmentRow, AgencyRow
        q = (select(A.id, A.uid, G.name, G.level, G.code, G.parent_name, A.period, A.framework_id,
                    A.framework_version, A.status, A.revision, A.completeness, A.total, A.total_scaled,
                    A.band_vi, A.band_en, A.errors, A.created_at, A.updated_at, A.finalised_at, A.deleted_at)
             .join(G, A.agency_id == G.id).order_by(A.updated_at.desc(), A.id.desc()))
        if ids is not None:
            q = q.where(A.id.in_(ids))
        if not include_deleted:
            q = q.where(A.deleted_at == "")
        with self._reading() as s:
            rows = s.execute(q).all()
        return [summary_from_row(r) for r in rows]

    # ------------------------------------------------------------------ creating

    def create_assessment(self, framework_id: str, framework_version: str | None, agency: Agency, period: str,
                          respondent: Respondent = Respondent()) -> AssessmentSummary:
        """A new draft assessment (framework_version None: the newest version of that framework)."""
        try:
            fw = self._frameworks.get(framework_id, framework_version)
        except KeyError:
            raise UserError(bilingual("Chưa cài bộ tiêu chí «{id}»", id=framework_id)) from None
        period = one_line(str(period))
        if not period:
            raise UserError(bilingual("Thiếu kỳ đánh giá"))
        with self._writing() as s:
            now = _now()
            row = AssessmentRow(uid=uuid.uuid4().hex, agency=self._agency(s, agency, period), framework_id=fw.id,
                                framework_version=fw.version, framework_hash=fw.content_hash, period=period,
                                status=DRAFT, revision=1, created_at=now, updated_at=now, finalised_at="",
                                content_hash="", deleted_at="", **self._respondent_fields(respondent))
            s.add(row)
            s.flush()
            self._rescore(s, row)
            self._audit(s, row, "create", new={"framework": f"{fw.id} {fw.version}", "period": period})
            new_id = row.id
        return self._summary(new_id)

    @staticmethod
    def _respondent_fields(r: Respondent) -> dict[str, str]:
        return {"respondent_name": one_line(r.name), "respondent_position": one_line(r.position),
                "respondent_phone": one_line(r.phone), "respondent_email": one_line(r.email)}

    def update_details(self, assessment_id: int, *, agency: Agency | None = None, period: str | None = None,
                       respondent: Respondent | None = None) -> AssessmentSummary:
        """Change the agency, period or respondent of a draft."""
        with self._writing() as s:
            row = self._draft(s, assessment_id)
            if agency is not None:
                new_agency = self._agency(s, agency, period if period is not None else row.period)
                if new_agency.id != row.agency_id:
                    self._audit(s, row, "details", "agency", row.agency.name, new_agency.name)
                    row.agency = new_agency
            if period is not None and nfc(period.strip()) != row.period:
                self._audit(s, row, "details", "period", row.period, nfc(period.strip()))
                row.period = one_line(period)
            if respondent is not None:
                fields = self._respondent_fields(respondent)
                old = {k: getattr(row, k) for k in fields}
                if old != fields:
                    self._audit(s, row, "details", "respondent", old, fields)
                    for k, v in fields.items():
                        setattr(row, k, v)
        return self._summary(assessment_id)

    def start_from_previous(self, previous_id: int, period: str, framework_version: str | None = None
                            ) -> AssessmentSummary:
        """A new draft for the same agency and framework, pre-filled with the previous answers
        (values, not-applicable and comments; evidence is per period and is not copied).
        Answers to indicators the current framework no longer has are left out."""
        prev = self.get(previous_id)
        d = prev.data
        created = self.create_assessment(d.framework_id, framework_version, d.agency, period, d.respondent)
        fw = self.framework(created.framework_id, created.framework_version)
        with self._writing() as s:
            row = self._row(s, created.id)
            for ind, a in d.answers.items():
                if ind in fw.indicators and fw.indicators[ind].is_input and (a.value is not None or a.na):
                    s.add(AnswerRow(assessment_id=row.id, indicator_id=ind, value=plain_value(a.value, ind),
                                    na=a.na, comment=a.comment, flagged=False, reviewed=False, updated_at=_now()))
            s.flush()
            self._rescore(s, row)
            self._audit(s, row, "copy", new={"from": previous_id, "period": d.period})
        return self._summary(created.id)

    # ------------------------------------------------------------------ reading

    def list_assessments(self, search: str | None = None, *, include_deleted: bool = False,
                         deleted_only: bool = False) -> list[AssessmentSummary]:
        """Assessments, most recently changed first; `search` matches agency, province, period or
        framework, with or without Vietnamese diacritics."""
        from ..units import fold

        out = self._summaries(include_deleted=include_deleted or deleted_only)
        if deleted_only:
            out = [a for a in out if a.deleted]
        if search and search.strip():
            words = fold(search).split()
            out = [a for a in out
                   if all(w in fold(f"{a.agency_name} {a.parent_name} {a.period} {a.framework_id} {a.agency_code}")
                          for w in words)]
        return out

    def summary(self, assessment_id: int) -> AssessmentSummary:
        found = self._summaries([assessment_id])
        if not found:
            raise UserError(bilingual("Không tìm thấy đánh giá số {id}", id=assessment_id))
        return found[0]

    def get(self, assessment_id: int) -> AssessmentRecord:
        """The whole assessment as plain data (AssessmentData) with its id. A finished assessment
        is checked against the content hash stamped when it was finalised; a row that cannot be
        read or does not match raises AssessmentDamaged (naming it, offering a backup)."""
        with self._reading() as s:
            try:
                row = s.scalars(select(AssessmentRow).where(AssessmentRow.id == assessment_id)
                                .options(selectinload(AssessmentRow.answers).selectinload(AnswerRow.evidence))
                                ).first()
                if row is None:
                    raise UserError(bilingual("Không tìm thấy đánh giá số {id}", id=assessment_id))
                rec = self._record(row)
            except (DBAPIError, ValueError) as e:   # a text that does not decode, JSON that does not parse
                if isinstance(e, DBAPIError) and cause_of(e.orig) != DAMAGED:
                    raise
                raise database.damaged(self, assessment_id, str(e.orig if isinstance(e, DBAPIError) else e)) from None
        if not content_intact(rec.data):
            raise database.damaged(self, assessment_id, bilingual("nội dung không khớp mã băm lưu khi hoàn tất"))
        return rec

    def _record(self, row: AssessmentRow) -> AssessmentRecord:
        g = row.agency
        data = AssessmentData(
            framework_id=row.framework_id, framework_version=row.framework_version,
            framework_hash=row.framework_hash,
            agency=Agency(g.name, g.level, g.code, g.parent_name, g.parent_code, g.address),
            period=row.period,
            answers={a.indicator_id: _answer(a) for a in sorted(row.answers, key=lambda a: a.indicator_id)},
            respondent=Respondent(row.respondent_name, row.respondent_position, row.respondent_phone,
                                  row.respondent_email),
            status=row.status, revision=row.revision, uid=row.uid, created_at=row.created_at,
            finalised_at=row.finalised_at, content_hash=row.content_hash,
            profile=_profile(g.profile, row.document_number))
        return AssessmentRecord(row.id, data, row.updated_at, bool(row.deleted_at))

    # ------------------------------------------------------------------ the issuing profile

    def profile(self, assessment_id: int) -> AgencyProfile:
        """How the report of this assessment is issued (Decree 30 heading, number, signer, Nơi
        nhận): what was entered for its agency, the rest from the agency and period."""
        from ..reports.profile import effective_profile
        d = self.get(assessment_id).data
        return effective_profile(d.agency, d.period, d.profile)

    def set_profile(self, assessment_id: int, profile: AgencyProfile) -> AgencyProfile:
        """Keep `profile` for the assessment's agency (every period after uses it) and its number
        for this assessment. Allowed on a finished assessment: the number and the signer are given
        when the report is issued, and are not part of the content hash."""
        from ..reports.profile import AUTHORITIES
        p = AgencyProfile(**{k: nfc(str(v)).strip() for k, v in asdict(profile).items() if k != "recipients"},
                          recipients=tuple(r for r in (nfc(str(x)).strip() for x in profile.recipients) if r))
        if p.authority not in AUTHORITIES:
            raise UserError(bilingual("Thẩm quyền ký phải là một trong: {choices}",
                                      choices=", ".join(a for a in AUTHORITIES if a)), "", "authority")
        with self._writing() as s:
            row = self._row(s, assessment_id)
            old = _profile(row.agency.profile, row.document_number)
            if old == p:
                return self.profile(assessment_id)
            self._store_profile(row, p)
            self._audit(s, row, "profile", "profile", asdict(old), asdict(p))
        return self.profile(assessment_id)

    @staticmethod
    def _store_profile(row: AssessmentRow, p: AgencyProfile, number: bool = True) -> None:
        agency = row.agency
        if agency.profile is None:
            agency.profile = AgencyProfileRow(updated_at=_now(), recipients=[])
        for k in _PROFILE_FIELDS:
            setattr(agency.profile, k, getattr(p, k))
        agency.profile.recipients = list(p.recipients)
        agency.profile.updated_at = _now()
        if number:
            row.document_number = p.number

    def score(self, assessment_id: int) -> ScoreResult:
        rec = self.get(assessment_id)
        return score(self._fw_of(rec.data), rec.data.engine_answers())

    def check(self, assessment_id: int) -> list[AnswerProblem]:
        """Every problem in the answers (the engine's validation), errors first."""
        rec = self.get(assessment_id)
        problems = validate(self._fw_of(rec.data), rec.data.engine_answers(), rec.data.evidence_counts())
        return sorted(problems, key=lambda p: p.level != "error")

    def _fw_of(self, d: AssessmentData) -> Framework:
        return self.framework(d.framework_id, d.framework_version, d.framework_hash)

    def previous_period(self, assessment_id: int) -> AssessmentRecord | None:
        """The same agency's assessment of the latest earlier period (newest revision, not deleted)."""
        with self._reading() as s:
            row = self._row(s, assessment_id)
            prev_id = s.scalars(
                select(AssessmentRow.id).where(AssessmentRow.agency_id == row.agency_id,
                                               AssessmentRow.period < row.period, AssessmentRow.deleted_at == "")
                .order_by(AssessmentRow.period.desc(), AssessmentRow.revision.desc())).first()
        return self.get(prev_id) if prev_id is not None else None

    def audit_trail(self, assessment_id: int) -> list[AuditEntry]:
        """Every recorded change, oldest first."""
        with self._reading() as s:
            self._row(s, assessment_id)
            rows = s.scalars(select(AuditRow).where(AuditRow.assessment_id == assessment_id).order_by(AuditRow.id))
            return [AuditEntry(r.at, r.user, r.action, r.target, r.old, r.new) for r in rows]

    # ------------------------------------------------------------------ answering

    def set_answer(self, assessment_id: int, indicator_id: str, value: Any = None, na: bool = False) -> AnswerSaved:
        """Save one answer (committed before returning) and rescore. value None and na False clears it."""
        return self._change_answer(assessment_id, indicator_id, "answer", value=value, na=na)

    def set_comment(self, assessment_id: int, indicator_id: str, comment: str) -> AnswerSaved:
        return self._change_answer(assessment_id, indicator_id, "comment", comment=comment)

    def set_flag(self, assessment_id: int, indicator_id: str, flagged: bool) -> AnswerSaved:
        """Flag (or unflag) an answer for review."""
        return self._change_answer(assessment_id, indicator_id, "flag", flagged=flagged)

    def set_reviewed(self, assessment_id: int, indicator_id: str, reviewed: bool) -> AnswerSaved:
        return self._change_answer(assessment_id, indicator_id, "reviewed", reviewed=reviewed)

    def _change_answer(self, assessment_id: int, indicator_id: str, action: str, **change: Any) -> AnswerSaved:
        return change_answer(self, assessment_id, indicator_id, action, **change)

    def _indicator(self, fw: Framework, indicator_id: str):
        ind = fw.indicators.get(indicator_id)
        if ind is None:
            raise UserError(bilingual("Bộ tiêu chí không có chỉ tiêu «{id}»", id=indicator_id))
        return ind

    # ------------------------------------------------------------------ evidence

    # ------------------------------------------------------------------ evidence (services.evidence)

    def add_evidence(self, assessment_id: int, indicator_id: str, evidence: Evidence,
                     file: str | os.PathLike | None = None) -> EvidenceItem:
        """Attach a document to an answer; `file` (optional) is copied into the data folder under its
        SHA-256 (at most MAX_EVIDENCE_BYTES)."""
        return evidence_.add_evidence(self, assessment_id, indicator_id, evidence, file)

    def evidence_file(self, sha256: str) -> Path | None:
        """The stored copy of an attached file, or None if it is not in this data folder."""
        return evidence_.evidence_file(self, sha256)

    def list_evidence(self, assessment_id: int, indicator_id: str | None = None) -> list[EvidenceItem]:
        return evidence_.list_evidence(self, assessment_id, indicator_id)

    def remove_evidence(self, assessment_id: int, evidence_id: int) -> None:
        evidence_.remove_evidence(self, assessment_id, evidence_id)

    # ------------------------------------------------------------------ lifecycle

    def finalise(self, assessment_id: int) -> AssessmentSummary:
        """Lock the assessment and stamp its content hash; NotReady if it still has errors."""
        with self._writing() as s:
            row = self._draft(s, assessment_id)
            _, problems = self._rescore(s, row)
            if any(p.level == "error" for p in problems):
                raise NotReady(problems)
            s.flush()
            now = _now()
            data = replace(self._record(row).data, status=FINALISED, finalised_at=now)
            # status, time and hash change together: once flushed, the lock guard holds the row
            row.status, row.finalised_at = FINALISED, now
            row.content_hash = assessment_file.to_payload(data)["content_hash"]
            self._audit(s, row, "status", "status", DRAFT, FINALISED)
        return self._summary(assessment_id)

    def set_status(self, assessment_id: int, status: str) -> AssessmentSummary:
        """Move a finalised assessment along: submitted, returned (for correction), accepted."""
        with self._writing() as s:
            row = self._row(s, assessment_id)
            if status not in TRANSITIONS.get(row.status, ()):
                raise UserError(bilingual("Không thể chuyển trạng thái từ «{a}» sang «{b}»",
                                          a=status_name(row.status), b=status_name(status)))
            self._audit(s, row, "status", "status", row.status, status)
            row.status = status
        return self._summary(assessment_id)

    def new_revision(self, assessment_id: int) -> AssessmentSummary:
        """Reopen a finalised assessment as a new draft revision (a copy; the original stays locked)."""
        rec = self.get(assessment_id)
        if rec.data.status == DRAFT:
            raise UserError(bilingual("Đánh giá đang là bản nháp, có thể sửa trực tiếp"))
        with self._writing() as s:
            newest = s.scalar(select(func.max(AssessmentRow.revision)).where(AssessmentRow.uid == rec.data.uid))
            d = replace(rec.data, status=DRAFT, revision=newest + 1, finalised_at="", content_hash="",
                        created_at=_now(), profile=replace(rec.data.profile, number=""))  # a new document
            row = self._insert(s, d)
            self._audit(s, row, "revision", "revision", rec.data.revision, d.revision)
            new_id = row.id
        return self._summary(new_id)

    def _insert(self, s: Session, d: AssessmentData) -> AssessmentRow:
        now = _now()
        row = AssessmentRow(uid=d.uid or uuid.uuid4().hex, agency=self._agency(s, d.agency, d.period),
                            framework_id=d.framework_id, framework_version=d.framework_version,
                            framework_hash=d.framework_hash, period=d.period, status=DRAFT, revision=d.revision,
                            created_at=d.created_at or now, updated_at=now, finalised_at="", content_hash="",
                            deleted_at="", **self._respondent_fields(d.respondent))
        s.add(row)
        s.flush()
        if not d.profile.is_empty():
            # what the file says of the issuing agency fills a profile not yet entered here
            if row.agency.profile is None:
                self._store_profile(row, d.profile, number=False)
            row.document_number = d.profile.number
        for ind, a in d.answers.items():
            ans = AnswerRow(assessment_id=row.id, indicator_id=ind, value=plain_value(a.value, ind), na=a.na,
                            comment=a.comment, flagged=a.flagged, reviewed=a.reviewed, updated_at=now)
            ans.evidence = [EvidenceRow(number=e.number, date=e.date, summary=e.summary, file_name=e.file_name,
                                        sha256=e.sha256, size=e.size) for e in a.evidence]
            s.add(ans)
        s.flush()
        self._rescore(s, row)
        # the status is set last: the lock guard refuses answers added to a locked assessment
        if d.status != DRAFT:
            row.status, row.finalised_at, row.content_hash = d.status, d.finalised_at, d.content_hash
        return row

    def delete(self, assessment_id: int) -> None:
        """Move to the recycle bin (kept, recoverable with restore_deleted)."""
        with self._writing() as s:
            row = self._row(s, assessment_id)
            if not row.deleted_at:
                row.deleted_at = _now()
                self._audit(s, row, "delete")

    def restore_deleted(self, assessment_id: int) -> AssessmentSummary:
        with self._writing() as s:
            row = self._row(s, assessment_id)
            if row.deleted_at:
                row.deleted_at = ""
                self._audit(s, row, "restore")
        return self._summary(assessment_id)

    def purge_deleted(self, assessment_id: int | None = None):
        """Delete one assessment in the recycle bin for good, or (None) empty the bin: services.trash."""
        from . import trash
        return trash.empty_trash(self) if assessment_id is None else trash.purge(self, assessment_id)

    def fill_answers(self, assessment_id: int, answers: dict[str, Answer], source: str = "") -> AssessmentSummary:
        """A filled workbook's answers into a draft, in one transaction: services.fill."""
        from .fill import fill_answers
        return fill_answers(self, assessment_id, answers, source)

    def purge_log(self) -> list[dict]:
        from . import trash
        return trash.purge_log(self)

    # ------------------------------------------------------------------ files

    def export_file(self, assessment_id: int, path: str | os.PathLike) -> Path:
        """Write the assessment file (.egov.json, docs/formats.md); atomic."""
        rec = self.get(assessment_id)
        try:
            return assessment_file.write(rec.data, path)
        except OSError as e:
            raise UserError(bilingual("Không ghi được tệp: {detail}", detail=e.strerror or str(e)), str(path)) from None

    def import_file(self, path: str | os.PathLike) -> ImportResult:
        """Add an assessment from a file (checked, hash verified). The same revision with the same
        content is a duplicate (nothing changes); with different content it is refused."""
        data = assessment_file.read(path)
        return self.import_data(data, Path(path).name)

    def import_data(self, data: AssessmentData, source: str = "") -> ImportResult:
        try:
            fw = self._fw_of(data)
        except UserError as e:  # name the file that asked for it
            raise UserError(e.message, source or e.path, "framework") from None
        for ind in data.answers:
            if ind not in fw.indicators:
                raise UserError(bilingual("Bộ tiêu chí không có chỉ tiêu «{id}»", id=ind), source, f"answers.{ind}")
        if data.status != DRAFT and not data.content_hash:
            raise UserError(bilingual("Đánh giá đã hoàn tất nhưng thiếu mã băm nội dung"), source, "content_hash")
        outcome = ""
        with self._writing() as s:
            if data.uid:
                existing = s.scalars(select(AssessmentRow).filter_by(uid=data.uid, revision=data.revision)).first()
                if existing is not None:
                    same = (existing.content_hash and existing.content_hash == data.content_hash) or (
                        assessment_file.to_payload(self._record(existing).data)["content_hash"]
                        == assessment_file.to_payload(data)["content_hash"])
                    if not same:
                        raise UserError(bilingual(
                            "Đã có lần sửa đổi {rev} của đánh giá này với nội dung khác", rev=data.revision), source)
                    found_id, outcome = existing.id, "duplicate"
            if outcome != "duplicate":
                row = self._insert(s, data)
                self._audit(s, row, "import", new=source)
                found_id, outcome = row.id, "created"
        return ImportResult(found_id, outcome, self._summary(found_id))

    # ------------------------------------------------------------------ the Sở's return note (services.return_notes)

    def open_return_note(self, path: str | os.PathLike):
        """Keep the return note PDF of the Sở with the assessment it returns (found by uid and
        revision), which is marked returned: NoteOpened. UserError naming the file otherwise."""
        from . import return_notes
        return return_notes.open_note(self, path)

    def return_note(self, assessment_id: int):
        """The Sở's note this assessment shows (ReturnNoteInfo), or None."""
        from . import return_notes
        return return_notes.note_for(self, assessment_id)

    def correction(self, assessment_id: int) -> AssessmentSummary:
        """The draft to correct a returned assessment in: the one begun, else a new revision."""
        from . import return_notes
        return return_notes.correction(self, assessment_id)

    # ------------------------------------------------------------------ database (services.backups)

    def backup(self, reason: str = "manual") -> BackupInfo:
        return database.backup(self, reason)

    def backups(self) -> list[BackupInfo]:
        return database.backup_list(self)

    def integrity_problems(self) -> list[str]:
        """The full integrity check of the open database ([] when sound)."""
        return database.integrity_problems(self)

    def verify_all(self) -> list[str]:
        """Read every assessment and check each finished one against its content hash (`db check`)."""
        return database.verify_all(self)
