"""Appraisal (thẩm định) of a received submission, indicator by indicator.

The agency scores itself (tự đánh giá); the province's reviewer appraises each indicator with
the points it deserves or the answer the evidence shows, and a remark; the final score is the
appraised one where there is one, else the agency's. Pillars and total are scored again by the
engine from those (`scoring.score(..., appraised=...)`), never added up here, and kept on the
submission's row, so ranking, comparison, trend and publication read final scores without
reading any appraisal.

Every saved appraisal is added to a log (`province_appraisal_log`, only ever added to) with who
and when: a change keeps the one before in the log. Two reviewers may work on one shared store:
a save carries the submission's `appraisal_version` it was made on; the counter moves on with
each save (one conditional UPDATE, which takes the row's lock on PostgreSQL and the write lock
on SQLite), so the second to save on the same version gets `AppraisalConflict` (who saved,
when) and nothing of theirs is written.

A new revision from the agency is another row. When it is imported (`carry`, in the importer's
transaction), the appraisal of each question the agency left as it was (answer, evidence and
comment, and those of the answers it is computed from) is carried to it with its original
reviewer and time, marked with the revision it came from and logged once; a question the agency
changed starts unappraised (the sheet shows the old appraisal beside it for reference). Under
another framework version an appraisal carries only where the indicator is still there with the
same maximum (and, for an appraised answer, the same type): the rest is named, never guessed.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update

from scoring import NA, Framework, Text, nfc, score

from ..domain import AssessmentData, Evidence
from ..errors import UserError
from ..frameworks import registry
from ..i18n import bilingual, tr
from .models import AppraisalLogRow, AppraisalRow, SubmissionRow
from .ranking import relative_answers
from .review import RETURNED
from .store import ProvinceStore, utc_now

SET, CLEARED, CARRIED = "set", "cleared", "carried"
MAX_REMARK = 2000


@dataclass(frozen=True)
class Appraisal:
    """One indicator's appraisal as saved: points or an answer (or only a remark), by whom, when."""

    indicator_id: str
    points: float | None
    value: Any                    # the appraised answer (engine form), None when not corrected
    remark: str
    reviewer: str
    at: str
    carried_from: int | None = None   # the revision it was made on, when carried unchanged to this one


@dataclass(frozen=True)
class AppraisalInput:
    """What the reviewer typed for one indicator. `value` is text as typed (read by the
    indicator's type, like a template's cell). Nothing at all withdraws the appraisal."""

    indicator_id: str
    points: float | None = None
    value: str | None = None
    remark: str = ""

    @property
    def empty(self) -> bool:
        return self.points is None and not (self.value or "").strip() and not self.remark.strip()


@dataclass(frozen=True)
class IndicatorLine:
    indicator_id: str
    pillar_id: str
    label: Text
    answer: Any                    # the agency's answer (NA, None when unanswered)
    comment: str
    evidence: tuple[Evidence, ...]
    max_points: float              # the indicator's maximum
    self_points: float | None      # as the agency's answers score (None: does not count)
    appraised_points: float | None  # what the appraisal gives (None: not appraised, or a remark only)
    final_points: float | None
    appraisal: Appraisal | None
    # the appraisal of the revision before, not carried (the agency changed the question), for reference
    previous: Appraisal | None = None


@dataclass(frozen=True)
class PillarLine:
    pillar_id: str
    title: Text
    max_points: float              # the pillar's scale
    self_points: float
    self_index: float | None
    appraised_points: float | None  # the pillar after appraisal, None when none of it was appraised
    final_points: float
    final_index: float | None
    appraised: int                 # indicators of it appraised


@dataclass(frozen=True)
class LogEntry:
    submission_id: int
    indicator_id: str
    action: str                    # set, cleared
    points: float | None
    value: Any
    remark: str
    reviewer: str
    at: str
    version: int
    carried_from: int | None = None   # action "carried": the revision it came from


@dataclass(frozen=True)
class CarryOutcome:
    """What became of the appraisals of the revision replaced, indicator ids in framework order."""

    from_revision: int
    carried: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()     # the agency changed the question: to appraise again
    not_valid: tuple[str, ...] = ()   # the new framework version: gone, another maximum or type, or now skipped


@dataclass(frozen=True)
class AppraisalSheet:
    """Self, appraised and final scores of one submission, per indicator, pillar and total."""

    submission_id: int
    version: int                   # the appraisal_version to save on
    agency_name: str
    period: str
    revision: int
    status: str
    framework_id: str
    framework_version: str
    scale: float
    indicators: tuple[IndicatorLine, ...]   # scored indicators, framework order
    pillars: tuple[PillarLine, ...]
    self_total: float | None       # index 0..1
    final_total: float | None
    appraised: int                 # indicators appraised (points or answer)
    log: tuple[LogEntry, ...] = ()  # every appraisal saved for it, oldest first
    previous_revision: int | None = None   # the revision before in the same slot, if any

    @property
    def saved_by(self) -> str:
        """Who saved last ("" before any save)."""
        return self.log[-1].reviewer if self.log else ""

    @property
    def saved_at(self) -> str:
        return self.log[-1].at if self.log else ""

    @property
    def self_total_scaled(self) -> float | None:
        return None if self.self_total is None else self.self_total * self.scale

    @property
    def final_total_scaled(self) -> float | None:
        return None if self.final_total is None else self.final_total * self.scale

    @property
    def appraised_total_scaled(self) -> float | None:
        return self.final_total_scaled if self.appraised else None

    def line(self, indicator_id: str) -> IndicatorLine:
        return next(i for i in self.indicators if i.indicator_id == indicator_id)


class AppraisalConflict(UserError):
    """Another reviewer saved an appraisal of this submission after this one was read."""

    def __init__(self, submission_id: int, reviewer: str, at: str):
        super().__init__(bilingual(
            "Hồ sơ số {id} vừa được {who} thẩm định lúc {at}, sau khi bạn mở: chưa lưu gì của bạn. "
            "Hãy tải lại để xem thẩm định đó rồi lưu lại", id=submission_id, who=reviewer or "?", at=_when(at)))
        self.reviewer, self.at = reviewer, at


def _when(at: str) -> str:
    """"2026-12-01T12:30:05+00:00" → "01/12/2026 12:30 UTC" (the log keeps UTC)."""
    from datetime import datetime

    try:
        t = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return at or "?"
    return t.strftime("%d/%m/%Y %H:%M") + " UTC"


def summary(a: Appraisal, number=str) -> str:
    """An appraisal in a few words, "100 điểm — remark", "giá trị 9 — remark" or the remark
    (`number` formats the points and a number answer as the screen does)."""
    value = "; ".join(map(str, a.value)) if isinstance(a.value, (list, tuple)) else (
        number(a.value) if isinstance(a.value, (int, float)) else a.value)
    what = (tr("{p} điểm", p=number(a.points)) if a.points is not None
            else tr("giá trị {v}", v=value) if a.value is not None else "")
    return " — ".join(p for p in (what, a.remark) if p) or "—"


# ---------------------------------------------------------------- reading

def sheet(store: ProvinceStore, submission_id: int) -> AppraisalSheet:
    """What the reviewer sees: each scored indicator with the answer, its evidence, self,
    appraised and final points; pillars and totals, self and final."""
    with store.read() as s:
        row = _row(s, submission_id)
        appraisals = _appraisals(s, submission_id)
        entries = _log(s, submission_id)
        before = _revision_before(s, row)
        previous = _appraisals(s, before.id) if before is not None else {}
    return _sheet(row, _assessment(row), appraisals, entries, previous,
                  before.revision if before is not None else None)


def appraisals(store: ProvinceStore, submission_id: int) -> dict[str, Appraisal]:
    with store.read() as s:
        _row(s, submission_id)
        return _appraisals(s, submission_id)


def remarks(store: ProvinceStore, submission_id: int) -> dict[str, str]:
    """{indicator id: remark} of the appraisals in force with a remark (for the return note)."""
    return {i: a.remark for i, a in appraisals(store, submission_id).items() if a.remark}


def log(store: ProvinceStore, submission_id: int) -> list[LogEntry]:
    """Every appraisal saved for the submission, oldest first (with withdrawn ones)."""
    with store.read() as s:
        return list(_log(s, submission_id))


# ---------------------------------------------------------------- saving

def points_from_text(text: str, where: str = "") -> float:
    """Points as typed ("12,5" or "12.5"); a clear message otherwise."""
    try:
        x = float(text.strip().replace(",", "."))
    except ValueError:
        x = math.nan
    if not math.isfinite(x):
        raise UserError(bilingual("Điểm thẩm định phải là một số (đã ghi «{got}»)", got=text.strip()), where=where or None)
    return x


def save(store: ProvinceStore, submission_id: int, inputs: Iterable[AppraisalInput], reviewer: str,
         version: int) -> AppraisalSheet:
    """Save the appraisals typed for some indicators (an empty input withdraws one), made on the
    sheet of `version`; one transaction: the appraisals, their log and the final scores on the
    submission, or nothing (bad input: UserError naming the indicator; another reviewer's save
    since `version`: AppraisalConflict)."""
    reviewer = " ".join(reviewer.split())[:200]
    if not reviewer:
        raise UserError(bilingual("Hãy ghi tên người thẩm định"))
    inputs = list(inputs)
    with store.read() as s:
        row = _row(s, submission_id)
        closed = _closed(row)
        if closed is not None:
            raise closed
        fw = framework_of(row)
        held_now = _appraisals(s, submission_id)   # changed before the save: a conflict, below
    data = _assessment(row)
    wanted = {i.indicator_id: _checked(fw, i) for i in inputs}   # the last one typed for an indicator
    _refuse_skipped(fw, data, held_now, wanted)
    at = utc_now()
    with store.write() as s:
        moved = s.execute(update(SubmissionRow).where(SubmissionRow.id == submission_id,
                                                      SubmissionRow.appraisal_version == version,
                                                      SubmissionRow.current.is_(True),
                                                      SubmissionRow.status != RETURNED)
                          .values(appraisal_version=version + 1))
        if moved.rowcount != 1:
            raise _conflict(s, submission_id)
        held = {r.indicator_id: r for r in s.scalars(select(AppraisalRow).where(
            AppraisalRow.submission_id == submission_id))}
        for iid, new in wanted.items():
            old = held.get(iid)
            if new is None:
                if old is None:
                    continue
                s.execute(delete(AppraisalRow).where(AppraisalRow.id == old.id))
                s.add(AppraisalLogRow(submission_id=submission_id, indicator_id=iid, action=CLEARED, points=None,
                                      value=None, remark="", reviewer=reviewer, at=at, version=version + 1))
                continue
            points, value, remark = new
            if old is not None and (old.points, old.value, old.remark) == (points, value, remark):
                continue  # the same as in force: nothing to log
            if old is None:
                s.add(AppraisalRow(submission_id=submission_id, indicator_id=iid, points=points, value=value,
                                   remark=remark, reviewer=reviewer, at=at))
            else:
                old.points, old.value, old.remark, old.reviewer, old.at = points, value, remark, reviewer, at
                old.carried_from = None   # the reviewer's own now
            s.add(AppraisalLogRow(submission_id=submission_id, indicator_id=iid, action=SET, points=points,
                                  value=value, remark=remark, reviewer=reviewer, at=at, version=version + 1))
        s.flush()
        now = _appraisals(s, submission_id)
        row = s.get(SubmissionRow, submission_id)
        _keep_final(row, fw, data, now)
        before = _revision_before(s, row)
        return _sheet(row, data, now, _log(s, submission_id), _appraisals(s, before.id) if before else {},
                      before.revision if before else None)


def carry(s, replaced_ids: Iterable[int], new: SubmissionRow, fw: Framework, data: AssessmentData) -> CarryOutcome | None:
    """Carry the appraisals of the revision `new` replaces to it, in the importer's transaction
    (`s`, after `new` is flushed): those of the questions the agency left as they were, with
    their original reviewer and time, one log entry each; the final scores of `new` scored again.
    None when the revision replaced had no appraisal."""
    from .changes import differences

    held = s.scalars(select(AppraisalRow).where(AppraisalRow.submission_id.in_(list(replaced_ids)))
                     .order_by(AppraisalRow.submission_id.desc())).all()
    if not held:
        return None
    old = s.get(SubmissionRow, held[0].submission_id)   # one current row per slot: the one replaced
    held = [a for a in held if a.submission_id == old.id]
    before = _assessment(old)
    try:
        fw_old = framework_of(old)
    except UserError:
        fw_old = None
    same_framework = old.framework_hash == fw.content_hash or (fw_old is not None and fw_old.content_hash == fw.content_hash)
    order = {iid: n for n, iid in enumerate(fw.indicators)}
    changed, not_valid, kept = [], [], {}
    for a in held:
        ind = fw.indicators.get(a.indicator_id)
        if ind is None or not (same_framework or _still_valid(fw_old, ind, a)):
            not_valid.append(a.indicator_id)
        elif any(any(differences(before.answers.get(i), data.answers.get(i))) for i in _inputs_of(fw, ind.id)):
            changed.append(a.indicator_id)
        else:
            kept[a.indicator_id] = a
    # points or an answer on a question the new answers skip would count for nothing
    appraised = {i: Appraisal(i, a.points, _engine_value(a.value), a.remark, a.reviewer, a.at) for i, a in kept.items()}
    skipped = {i for i, x in score(fw, final_answers(data, appraised), period=data.period).indicators.items()
               if x.status == "irrelevant"}
    for iid in [i for i, a in kept.items() if i in skipped and (a.points is not None or a.value is not None)]:
        not_valid.append(iid)
        del kept[iid]
    if kept:   # a change of its appraisals like a save: the ranking marks its scores as final ones
        new.appraisal_version = (new.appraisal_version or 0) + 1
    for iid, a in kept.items():
        origin = a.carried_from or old.revision
        s.add(AppraisalRow(submission_id=new.id, indicator_id=iid, points=a.points, value=a.value, remark=a.remark,
                           reviewer=a.reviewer, at=a.at, carried_from=origin))
        s.add(AppraisalLogRow(submission_id=new.id, indicator_id=iid, action=CARRIED, points=a.points, value=a.value,
                              remark=a.remark, reviewer=a.reviewer, at=a.at, version=new.appraisal_version,
                              carried_from=origin))
    if kept:
        s.flush()
        _keep_final(new, fw, data, _appraisals(s, new.id))

    def ordered(ids):
        return tuple(sorted(ids, key=lambda i: (order.get(i, len(order)), i)))
    return CarryOutcome(old.revision, ordered(kept), ordered(changed), ordered(not_valid))


def _keep_final(row: SubmissionRow, fw: Framework, data: AssessmentData, appraised: dict[str, Appraisal]) -> None:
    """The final scores on the submission's row, scored again by the engine (ranking reads them)."""
    result = final_result(fw, data, appraised)
    row.total, row.total_scaled, row.points, row.max_points = (result.total, result.total_scaled, result.points,
                                                               result.max_points)
    row.band_vi = result.band.label.vi if result.band else ""
    row.band_en = result.band.label.en if result.band else ""
    row.pillars = {p.id: p.index for p in result.pillars}
    row.indicators = {i.id: [i.points, i.max_points] for i in result.indicators.values()
                      if i.max_points or i.points}
    row.relative_answers = relative_answers(fw, final_answers(data, appraised))


def _inputs_of(fw: Framework, iid: str) -> set[str]:
    """The indicator and every answer its points are computed from (calculations and scoring
    rules, followed through): if any of them changed, so may the points."""
    seen, todo = set(), [iid]
    while todo:
        i = todo.pop()
        if i in seen or i not in fw.indicators:
            continue
        seen.add(i)
        ind, rule = fw.indicators[i], fw.indicators[i].scoring
        for e in (ind.calculation, *((rule.numerator, rule.denominator, rule.expression) if rule else ())):
            if e is not None:
                todo.extend(e.refs)
    return seen


def _still_valid(fw_old: Framework | None, ind, a: AppraisalRow) -> bool:
    """Under another framework version: the same maximum (points) and the same kind of answer."""
    was = fw_old.indicators.get(ind.id) if fw_old is not None else None
    if was is None or (was.scoring is None) != (ind.scoring is None):
        return False
    if ind.scoring is not None and abs(was.scoring.max_points - ind.scoring.max_points) > 1e-9:
        return False
    if a.value is not None:
        if was.type != ind.type or not ind.is_input:
            return False
        if ind.choices:
            ids = {c.id for c in ind.choices}
            if not all(v in ids for v in (a.value if isinstance(a.value, list) else [a.value])):
                return False
    return True


def final_answers(data: AssessmentData, appraised: dict[str, Appraisal]) -> dict[str, Any]:
    """The agency's answers with the appraised ones in their place (engine form)."""
    answers = data.engine_answers()
    answers.update({i: a.value for i, a in appraised.items() if a.value is not None})
    return answers


def final_result(fw: Framework, data: AssessmentData, appraised: dict[str, Appraisal]):
    return score(fw, final_answers(data, appraised), period=data.period,
                 appraised={i: a.points for i, a in appraised.items() if a.points is not None})


def framework_of(row) -> Framework:
    """The framework the submission was made with, by its content (as the importer checked it)."""
    fw = registry.by_hash(row.framework_hash) if row.framework_hash else None
    if fw is not None:
        return fw
    try:
        return registry.get(row.framework_id, row.framework_version)
    except KeyError:
        raise UserError(bilingual("Bộ tiêu chí «{id}» phiên bản {version} chưa có trong chương trình; "
                                  "hãy thêm bộ tiêu chí này trước", id=row.framework_id,
                                  version=row.framework_version)) from None


# ---------------------------------------------------------------- inside

def _row(s, submission_id: int) -> SubmissionRow:
    row = s.get(SubmissionRow, submission_id)
    if row is None:
        raise UserError(bilingual("Không có hồ sơ số {id}", id=submission_id))
    return row


def _closed(row: SubmissionRow) -> UserError | None:
    """Why the submission cannot be appraised any more, None while it can."""
    if not row.current:
        return UserError(bilingual("Hồ sơ số {id} đã được thay bằng lần sửa đổi mới hơn", id=row.id))
    if row.status == RETURNED:
        return UserError(bilingual("Hồ sơ số {id} đã được trả lại để sửa: hãy thẩm định lần sửa đổi cơ quan gửi lại",
                                   id=row.id))
    return None


def _assessment(row: SubmissionRow) -> AssessmentData:
    from ..exchange import assessment_file

    return assessment_file.loads(row.payload.encode("utf-8"), row.source_name, verify=False)


def _engine_value(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v


def _appraisals(s, submission_id: int) -> dict[str, Appraisal]:
    rows = s.scalars(select(AppraisalRow).where(AppraisalRow.submission_id == submission_id))
    return {r.indicator_id: Appraisal(r.indicator_id, r.points, _engine_value(r.value), r.remark, r.reviewer, r.at,
                                      r.carried_from) for r in rows}


def _revision_before(s, row: SubmissionRow) -> SubmissionRow | None:
    """The agency's revision this one replaced (the latest earlier one of the same slot)."""
    return s.scalars(select(SubmissionRow).where(SubmissionRow.slot == row.slot, SubmissionRow.id != row.id,
                                                 SubmissionRow.revision < row.revision)
                     .order_by(SubmissionRow.revision.desc(), SubmissionRow.id.desc()).limit(1)).first()


def _log(s, submission_id: int) -> tuple[LogEntry, ...]:
    rows = s.scalars(select(AppraisalLogRow).where(AppraisalLogRow.submission_id == submission_id)
                     .order_by(AppraisalLogRow.id))
    return tuple(LogEntry(r.submission_id, r.indicator_id, r.action, r.points, _engine_value(r.value), r.remark,
                          r.reviewer, r.at, r.version, r.carried_from) for r in rows)


def _last_save(s, submission_id: int) -> tuple[str, str]:
    last = s.execute(select(AppraisalLogRow.reviewer, AppraisalLogRow.at)
                     .where(AppraisalLogRow.submission_id == submission_id)
                     .order_by(AppraisalLogRow.id.desc()).limit(1)).first()
    return (last.reviewer, last.at) if last else ("", "")


def _conflict(s, submission_id: int) -> UserError:
    row = s.get(SubmissionRow, submission_id)
    if row is None:
        return UserError(bilingual("Không có hồ sơ số {id}", id=submission_id))
    return _closed(row) or AppraisalConflict(submission_id, *_last_save(s, submission_id))


def _refuse_skipped(fw: Framework, data: AssessmentData, held: dict[str, Appraisal],
                    wanted: dict[str, tuple[float | None, Any, str] | None]) -> None:
    """Points or an answer for a question the final answers skip would count for nothing."""
    answers = final_answers(data, {i: a for i, a in held.items() if i not in wanted})
    answers.update({i: _engine_value(w[1]) for i, w in wanted.items() if w is not None and w[1] is not None})
    skipped = {i for i, x in score(fw, answers, period=data.period).indicators.items() if x.status == "irrelevant"}
    for iid, w in wanted.items():
        if w is not None and (w[0] is not None or w[1] is not None) and iid in skipped:
            raise UserError(bilingual("Câu hỏi này bị bỏ qua theo câu trả lời của cơ quan (không áp dụng): "
                                      "hãy thẩm định câu hỏi quyết định nó"), where=iid)


def _checked(fw: Framework, typed: AppraisalInput) -> tuple[float | None, Any, str] | None:
    """(points, value as stored, remark) of what was typed, None to withdraw; a clear message
    naming the indicator otherwise."""
    iid = typed.indicator_id
    ind = fw.indicators.get(iid)
    if ind is None:
        raise UserError(bilingual("Chỉ tiêu «{id}» không có trong bộ tiêu chí {fw}", id=iid, fw=fw.id), where=iid)
    if typed.empty:
        return None
    remark = nfc(typed.remark or "").strip()
    if len(remark) > MAX_REMARK:
        raise UserError(bilingual("Nhận xét quá dài (tối đa {n} ký tự)", n=MAX_REMARK), where=iid)
    points = typed.points
    text = (typed.value or "").strip()
    if points is not None and text:
        raise UserError(bilingual("Ghi điểm thẩm định hoặc giá trị thẩm định, không cả hai"),
                        where=iid)
    if points is not None:
        if ind.scoring is None:
            raise UserError(bilingual("Chỉ tiêu này không tính điểm: chỉ thẩm định được giá trị"), where=iid)
        mx = ind.scoring.max_points
        if isinstance(points, bool) or not math.isfinite(points) or points < 0 or points > mx + 1e-9:
            raise UserError(bilingual("Điểm thẩm định phải từ 0 đến {max} (đã ghi {got})",
                                      max=f"{mx:g}", got=f"{points:g}" if math.isfinite(points) else points),
                            where=iid)
        return float(points), None, remark
    value = None
    if text:
        if not ind.is_input:
            raise UserError(bilingual("Chỉ tiêu này được tính từ các chỉ tiêu khác: hãy thẩm định các chỉ tiêu đó "
                                      "hoặc ghi điểm"), where=iid)
        from ..reports.excel.reader import parse_answer

        parsed, why = parse_answer(ind, text)
        if why is not None:
            raise UserError(bilingual("Giá trị thẩm định «{value}» không hợp lệ: {why}",
                                      value=text, why=why), where=iid)
        value = list(parsed) if isinstance(parsed, tuple) else parsed
    return None, value, remark


def _sheet(row: SubmissionRow, data: AssessmentData, appraised: dict[str, Appraisal],
           entries: tuple[LogEntry, ...], previous: dict[str, Appraisal] | None = None,
           previous_revision: int | None = None) -> AppraisalSheet:
    previous = previous or {}
    fw = framework_of(row)
    own = score(fw, data.engine_answers(), period=data.period)
    final = final_result(fw, data, appraised)
    changed = {i for i, a in appraised.items() if a.points is not None or a.value is not None}
    lines = []
    for p in fw.pillars:
        for ind in p.indicators:
            if ind.scoring is None and ind.id not in appraised:
                continue
            a = data.answers.get(ind.id)
            mine, after = own.indicators[ind.id], final.indicators[ind.id]
            lines.append(IndicatorLine(
                ind.id, p.id, ind.label, (NA if a.na else a.value) if a else None, a.comment if a else "",
                a.evidence if a else (), ind.scoring.max_points if ind.scoring else 0.0, mine.points,
                after.points if ind.id in changed else None, after.points, appraised.get(ind.id),
                None if (appraised.get(ind.id) and appraised[ind.id].carried_from) else previous.get(ind.id)))
    pillars = []
    for mine, after, p in zip(own.pillars, final.pillars, fw.pillars):
        n = sum(1 for ind in p.indicators if ind.id in changed)
        pillars.append(PillarLine(p.id, p.title, mine.max_points, mine.points, mine.index,
                                  after.points if n else None, after.points, after.index, n))
    return AppraisalSheet(row.id, row.appraisal_version, row.agency_name, row.period, row.revision, row.status,
                          row.framework_id, row.framework_version, fw.total_scale, tuple(lines), tuple(pillars),
                          own.total, final.total, len(changed), entries, previous_revision)
