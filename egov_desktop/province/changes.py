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
    # the appraisals of the revision returned (its points, old_points and old_total, are final
    # ones), by what became of them on import (province.appraisal.carry), framework order:
    carried: tuple[str, ...] = ()          # the question left as it was: the appraisal holds here too
    appraise_again: tuple[str, ...] = ()   # the agency changed it: unappraised here
    not_carried: tuple[str, ...] = ()      # another framework version: gone or another maximum
    numbers: dict[str, str] | None = None  # question numbers of those, as on the agency's screen

    @property
    def remarked(self) -> int:
        return sum(bool(c.remark) for c in self.changes) + len(self.remarks_not_acted_on)


def appraisal_note(c: RevisionChanges) -> str:
    """Which appraisals of the returned revision hold on this one and which need appraising again
    ("" when the returned revision was not appraised)."""
    if not (c.carried or c.appraise_again or c.not_carried):
        return ""
    num = c.numbers or {}

    def names(ids):
        return ", ".join(num.get(i, i) for i in ids)
    parts = [tr("Lần {old} đã được thẩm định ({n} chỉ tiêu); điểm lần {old} là điểm sau thẩm định.",
                old=c.returned_revision, n=len(c.carried) + len(c.appraise_again) + len(c.not_carried))]
    if c.carried:
        parts.append(tr("Chuyển sang lần {rev} vì cơ quan không sửa: câu {q}.", rev=c.revision, q=names(c.carried)))
    if c.appraise_again:
        parts.append(tr("Cần thẩm định lại vì cơ quan đã sửa: câu {q}.", q=names(c.appraise_again)))
    if c.not_carried:
        parts.append(tr("Không chuyển được (bộ tiêu chí phiên bản khác: chỉ tiêu không còn, khác điểm tối đa "
                        "hoặc nay không áp dụng), cần thẩm định lại: câu {q}.", q=names(c.not_carried)))
    return " ".join(parts)


def differences(a, b) -> tuple[bool, bool, bool]:
    """(answer, evidence, comment) changed between two answers (domain.Answer, None: unanswered)."""
    va = None if a is None else (NA if a.na else a.value)
    vb = None if b is None else (NA if b.na else b.value)
    return (va != vb, (a.evidence if a else ()) != (b.evidence if b else ()),
            (a.comment if a else "") != (b.comment if b else ""))


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
        old_ref = (old.framework_id, old.framework_version)
        revision = row.revision
        appraised = set(s.scalars(select(AppraisalRow.indicator_id).where(AppraisalRow.submission_id == old.id)))
        carried = set(s.scalars(select(AppraisalRow.indicator_id).where(AppraisalRow.submission_id == row.id,
                                                                        AppraisalRow.carried_from.is_not(None))))
    try:
        fw = registry.get(*fw_ref)
    except KeyError:
        raise UserError(bilingual("Chưa cài bộ tiêu chí «{id}» phiên bản {version}", id=fw_ref[0],
                                  version=fw_ref[1])) from None
    try:
        old_fw = registry.get(*old_ref)
    except KeyError:
        old_fw = None
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
        answer, ev, cm = differences(a, b)
        op, mx = _points(old_points, iid)
        np_, mx2 = _points(new_points, iid)
        c = AnswerChange(iid, numbers[iid], ind.label, answer_text(ind, va), answer_text(ind, vb), op, np_,
                         mx2 if mx2 is not None else mx, answer, ev, cm, str(remarks.get(iid, "")))
        if c.changed:
            changed.append(c)
        elif c.remark:
            untouched.append(c)
    # not carried: another framework version left it out, or the agency changed the question (the
    # reviewer may also have withdrawn a carried one since: it needs appraising again all the same)
    gone = {i for i in appraised - carried
            if i not in fw.indicators or i not in old_fw.indicators or fw.indicators[i].max_points != old_fw.indicators[i].max_points
            or _untouched(i, before, after, fw)} if old_fw is not None else set()
    in_order = [i for i in fw.indicators] + sorted(appraised - set(fw.indicators))
    return RevisionChanges(submission_id, revision, old_id, old_rev, note, *totals, tuple(changed), tuple(untouched),
                           tuple(i for i in in_order if i in carried),
                           tuple(i for i in in_order if i in appraised and i not in carried and i not in gone),
                           tuple(i for i in in_order if i in gone), {**numbers})


def _untouched(iid: str, before, after, fw) -> bool:
    """The question and what it is computed from left as they were (its appraisal not carried then
    for another reason: the framework, or a skip)."""
    from .appraisal import _inputs_of

    return not any(any(differences(before.get(i), after.get(i))) for i in _inputs_of(fw, iid))
