"""What changed in a submission since the revision the province returned: per question the old
and the new answer, the points, and whether each question the return note remarked on was
changed. Plain data for the GUI (ui/province/revision_changes.py) and the CLI (`review changes`).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from scoring import NA, Text

from ..errors import UserError
from ..i18n import bilingual, tr
from .models import AppraisalRow, SubmissionRow
from .review import RETURNED, assessment
from .store import ProvinceStore


@dataclass(frozen=True)
class AnswerChange:
    indicator_id: str
    number: str                   # as on the agency's screen (scoring.numbering)
    question: Text
    old_answer: Text
    new_answer: Text
    old_points: float | None
    new_points: float | None
    max_points: float | None
    answer_changed: bool          # the value, or "not applicable"
    evidence_changed: bool        # documents added, removed or edited
    comment_changed: bool
    remark: str = ""              # what the return note said of it ("" if nothing)

    @property
    def changed(self) -> bool:
        return self.answer_changed or self.evidence_changed or self.comment_changed


@dataclass(frozen=True)
class RevisionChanges:
    submission_id: int
    revision: int
    returned_id: int              # the submission returned
    returned_revision: int
    note: str                     # the general note of the return
    old_total: float | None       # on the framework's scale
    new_total: float | None
    changes: tuple[AnswerChange, ...]            # every question changed, in the framework's order
    remarks_not_acted_on: tuple[AnswerChange, ...]   # remarked, left as they were
    # the indicators appraised on the revision returned: its points (old_points, old_total) are
    # final ones, and an appraisal never carries to a new revision (province.appraisal)
    appraised_before: tuple[str, ...] = ()

    @property
    def remarked(self) -> int:
        return sum(bool(c.remark) for c in self.changes) + len(self.remarks_not_acted_on)


def appraisal_caveat(c: RevisionChanges) -> str:
    """Why an answer left as it was may score otherwise now ("" when the returned revision was not
    appraised): the old points are final ones, and the appraisal stays with its revision."""
    if not c.appraised_before:
        return ""
    return tr("Điểm lần {old} là điểm sau thẩm định ({n} chỉ tiêu). Thẩm định không chuyển sang lần sửa đổi mới: "
              "lần {rev} tính theo điểm tự đánh giá cho đến khi được thẩm định lại.",
              old=c.returned_revision, n=len(c.appraised_before), rev=c.revision)


def _returned_before(s, row: SubmissionRow) -> SubmissionRow | None:
    """The latest revision of the same agency, framework and period the province returned."""
    return s.scalars(select(SubmissionRow).where(SubmissionRow.slot == row.slot, SubmissionRow.id != row.id,
                                                 SubmissionRow.status == RETURNED,
                                                 SubmissionRow.revision < row.revision)
                     .order_by(SubmissionRow.revision.desc(), SubmissionRow.id.desc())).first()


def _points(indicators, iid: str) -> tuple[float | None, float | None]:
    v = (indicators or {}).get(iid)
    return (v[0], v[1]) if isinstance(v, (list, tuple)) and len(v) == 2 else (None, None)


def since_returned(store: ProvinceStore, submission_id: int) -> RevisionChanges | None:
    """The changes of this submission since the revision returned before it; None when no
    earlier revision of it was returned."""
    from scoring.numbering import question_numbers

    from ..frameworks import registry
    from ..reports.data import answer_text

    with store.read() as s:
        row = s.get(SubmissionRow, submission_id)
        if row is None:
            raise UserError(bilingual("Không có hồ sơ số {id}", id=submission_id))
        old = _returned_before(s, row)
        if old is None:
            return None
        old_id, old_rev, old_points, new_points = old.id, old.revision, old.indicators, row.indicators
        sent = old.return_note if isinstance(old.return_note, dict) else {}
        note = old.review_note
        totals = (old.total_scaled, row.total_scaled)
        fw_ref = (row.framework_id, row.framework_version)
        revision = row.revision
        appraised = [a.indicator_id for a in s.scalars(select(AppraisalRow).where(AppraisalRow.submission_id == old.id))
                     if a.points is not None or a.value is not None]   # a remark alone changes no points
    try:
        fw = registry.get(*fw_ref)
    except KeyError:
        raise UserError(bilingual("Chưa cài bộ tiêu chí «{id}» phiên bản {version}", id=fw_ref[0],
                                  version=fw_ref[1])) from None
    remarks = sent.get("remarks") if isinstance(sent.get("remarks"), dict) else {}
    before, after = assessment(store, old_id).answers, assessment(store, submission_id).answers
    numbers = question_numbers(fw)
    changed, untouched = [], []
    for iid, ind in fw.indicators.items():
        if not ind.is_input:
            continue
        a, b = before.get(iid), after.get(iid)
        va = None if a is None else (NA if a.na else a.value)
        vb = None if b is None else (NA if b.na else b.value)
        ev = (a.evidence if a else ()) != (b.evidence if b else ())
        cm = (a.comment if a else "") != (b.comment if b else "")
        op, mx = _points(old_points, iid)
        np_, mx2 = _points(new_points, iid)
        c = AnswerChange(iid, numbers[iid], ind.label, answer_text(ind, va), answer_text(ind, vb), op, np_,
                         mx2 if mx2 is not None else mx, va != vb, ev, cm, str(remarks.get(iid, "")))
        if c.changed:
            changed.append(c)
        elif c.remark:
            untouched.append(c)
    return RevisionChanges(submission_id, revision, old_id, old_rev, note, *totals, tuple(changed), tuple(untouched),
                           tuple(i for i in fw.indicators if i in appraised))
