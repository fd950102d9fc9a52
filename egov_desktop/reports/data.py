"""What a report shows, as plain data: built once from an assessment, its framework and its score.

Every renderer (PDF, Excel, e-mail) reads a ReportData and nothing else, so a report is a
pure function of it. Texts that differ by language are scoring.Text; user text (names,
comments, evidence) is kept as typed, NFC-normalised.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from scoring import NA, Framework, ScoreResult, Text, improvements, nfc, score, validate
from scoring.absolute import IRRELEVANT, NOT_APPLICABLE, SCORED, UNANSWERED, UNSCORED
from scoring.model import CALCULATED, CHOICE, DATE, MULTIPLE, YES_NO, Indicator
from scoring.numbering import question_numbers
from scoring.numbers import is_number

from ..domain import DRAFT, Agency, AgencyProfile, AssessmentData, Evidence, Respondent
from .format import fmt_date, fmt_number
from .profile import effective_profile

STATUS_TEXT = {
    SCORED: Text("Đã chấm", "Scored"),
    UNANSWERED: Text("Chưa trả lời", "Not answered"),
    NOT_APPLICABLE: Text("Không áp dụng", "Not applicable"),
    IRRELEVANT: Text("Bỏ qua", "Skipped"),
    UNSCORED: Text("Không tính điểm", "Not scored"),
}
MET, NOT_MET = Text("Đạt", "Met"), Text("Chưa đạt", "Not met")


@dataclass(frozen=True)
class IndicatorLine:
    id: str
    number: str                   # its place in the framework: "2.3"
    label: Text
    type: str
    answer: Text                  # formatted, with its unit; empty when unanswered
    raw: Any                      # the answer as stored (NA for "not applicable")
    unit: Text
    status: str                   # scoring.absolute status
    points: float | None
    max_points: float             # the indicator's own maximum
    target: Text                  # formatted plan target, empty without one
    gap: float | None             # shortfall against a numeric target (0 when met)
    target_met: bool | None
    comment: str = ""
    evidence: tuple[Evidence, ...] = ()
    flagged: bool = False
    problems: tuple[Text, ...] = ()
    previous_points: float | None = None

    @property
    def calculated(self) -> bool:
        return self.type == CALCULATED


@dataclass(frozen=True)
class PillarLine:
    id: str
    number: str                   # "1", "2", ...
    title: Text
    points: float
    max_points: float
    index: float | None           # 0..1
    target_index: float | None    # the plan target as an index 0..1, when the framework sets one
    answered: int
    questions: int
    indicators: tuple[IndicatorLine, ...]
    previous_index: float | None = None


@dataclass(frozen=True)
class ImprovementLine:
    indicator_id: str
    number: str
    label: Text
    pillar: Text
    points: float
    max_points: float
    gain_scaled: float


@dataclass(frozen=True)
class PreviousPeriod:
    period: str
    total_scaled: float | None
    band: Text


@dataclass(frozen=True)
class ReportData:
    agency: Agency
    respondent: Respondent
    period: str
    report_date: str              # ISO date printed in the "place, date" line
    status: str
    revision: int
    content_hash: str             # of the assessment (its file's canonical JSON)
    framework_id: str
    framework_version: str
    framework_hash: str
    framework_title: Text
    framework_source: Text
    scale: float                  # 1, 100 or 1000: how the total is shown
    total: float | None           # index 0..1
    total_scaled: float | None
    points: float
    max_points: float
    band: Text
    band_narrative: Text
    completeness: float
    pillars: tuple[PillarLine, ...]
    improvements: tuple[ImprovementLine, ...]
    previous: PreviousPeriod | None = None
    method_note: Text = Text("", "")  # the framework's note on its method (relative scoring), printed as is
    profile: AgencyProfile = AgencyProfile()   # how it is issued: heading, number, signer, Nơi nhận

    @property
    def draft(self) -> bool:
        """Not finalised: marked "DỰ THẢO" on every page, in the workbook and the e-mail subject,
        and without the check code a final carries."""
        return self.status == DRAFT

    @property
    def has_targets(self) -> bool:
        return any(p.target_index is not None for p in self.pillars)

    def lines(self) -> list[IndicatorLine]:
        return [line for p in self.pillars for line in p.indicators]

    @property
    def flagged(self) -> list[IndicatorLine]:
        return [line for line in self.lines() if line.flagged]

    @property
    def with_problems(self) -> list[IndicatorLine]:
        return [line for line in self.lines() if line.problems]


def _both(fn) -> Text:
    return Text(fn("vi"), fn("en"))


def _with_unit(number: str, ind: Indicator, lang: str) -> str:
    unit = ind.unit.get(lang)
    if not unit:
        return number
    return number + unit if unit == "%" else f"{number} {unit}"


def answer_text(ind: Indicator, value: Any) -> Text:
    """An answer as a reader sees it: "Có", "12 máy", "Toàn trình", "15/12/2025"."""
    if value is NA:
        return STATUS_TEXT[NOT_APPLICABLE]
    if value is None or value == "" or value == ():
        return Text("", "")
    if is_number(value):
        decimals = ind.decimals if ind.decimals is not None else 2
        return _both(lambda lang: _with_unit(fmt_number(value, lang, decimals), ind, lang))
    if ind.type == YES_NO and value in ("yes", "no"):
        return Text("Có", "Yes") if value == "yes" else Text("Không", "No")
    if ind.type in (CHOICE, MULTIPLE):
        chosen = value if isinstance(value, (list, tuple)) else (value,)
        labels = [ind.choice(c).label if ind.choice(c) else Text(str(c), str(c)) for c in chosen]
        return _both(lambda lang: "; ".join(t.get(lang) for t in labels))
    if ind.type == DATE and isinstance(value, str):
        return _both(lambda lang: fmt_date(value, lang))
    return Text(nfc(str(value)), nfc(str(value)))


def target_text(ind: Indicator, period: str | None = None) -> Text:
    """The indicator's target for the period (Indicator.target_for), as the report prints it."""
    t = ind.target_for(period)
    if t is None:
        return Text("", "")
    if is_number(t.value):
        return _both(lambda lang: _with_unit(fmt_number(t.value, lang), ind, lang))
    return answer_text(ind, t.value)


def _pillar_target_index(pillar, scale: float, period: str | None = None) -> float | None:
    """A pillar's plan target for the period as an index: values up to 1 are indices, larger ones
    are on the pillar's scale."""
    t = pillar.target_for(period)
    if t is None or not is_number(t.value):
        return None
    v = float(t.value)
    if v <= 1:
        return v
    return min(v / scale, 1.0) if scale else min(v / 100, 1.0)


def build_report_data(data: AssessmentData, framework: Framework, result: ScoreResult | None = None,
                      previous: AssessmentData | None = None, report_date: str | None = None,
                      improvement_limit: int = 10) -> ReportData:
    """Everything a report shows. `report_date` defaults to the finalisation date, else today."""
    answers = data.engine_answers()
    result = result or score(framework, answers, period=data.period)
    problems: dict[str, list[Text]] = {}
    for q in validate(framework, answers, data.evidence_counts()):
        problems.setdefault(q.indicator_id, []).append(q.message)
    prev_result = score(framework, previous.engine_answers(), period=previous.period) if previous is not None else None

    numbers = question_numbers(framework)  # as on screen (scoring/numbering.py)
    pillars = []
    for pi, p in enumerate(framework.pillars):
        ps = result.pillar(p.id)
        lines = []
        for ind in p.indicators:
            number = numbers[ind.id]
            s = result.indicators[ind.id]
            ans = data.answers.get(ind.id)
            raw = s.value if ind.type == CALCULATED else (NA if ans is not None and ans.na else
                                                          (ans.value if ans is not None else None))
            prev_pts = prev_result.indicators[ind.id].points if prev_result else None
            lines.append(IndicatorLine(
                id=ind.id, number=number, label=ind.label, type=ind.type,
                answer=answer_text(ind, raw), raw=raw, unit=ind.unit, status=s.status,
                points=s.points, max_points=ind.max_points, target=target_text(ind, data.period),
                gap=s.gap, target_met=s.target_met,
                comment=nfc(ans.comment) if ans else "", evidence=ans.evidence if ans else (),
                flagged=bool(ans and ans.flagged), problems=tuple(problems.get(ind.id, ())),
                previous_points=prev_pts))
        prev_index = prev_result.pillar(p.id).index if prev_result else None
        pillars.append(PillarLine(p.id, str(pi + 1), p.title, ps.points,
                                  ps.max_points, ps.index, _pillar_target_index(p, ps.max_points, data.period),
                                  ps.answered, ps.questions, tuple(lines), prev_index))

    titles = {p.id: p.title for p in framework.pillars}
    # an answer "not applicable" is not something the agency can improve (it may score 0: na_counts zero)
    na = {k for k, a in data.answers.items() if a.na}
    plan = tuple(ImprovementLine(i.indicator_id, numbers[i.indicator_id], framework.indicator(i.indicator_id).label,
                                 titles[i.pillar_id], i.points, i.max_points, i.gain_scaled)
                 for i in improvements(framework, result=result, limit=None)
                 if i.indicator_id not in na)[:improvement_limit]
    band = result.band
    prev = None
    if previous is not None and prev_result is not None:
        prev = PreviousPeriod(previous.period, prev_result.total_scaled,
                              prev_result.band.label if prev_result.band else Text("", ""))
    if report_date is None:
        report_date = (data.finalised_at or "")[:10] or dt.date.today().isoformat()
    return ReportData(
        agency=data.agency, respondent=data.respondent, period=data.period, report_date=report_date,
        status=data.status, revision=data.revision, content_hash=assessment_hash(data),
        framework_id=framework.id, framework_version=framework.version, framework_hash=framework.content_hash,
        framework_title=framework.title, framework_source=framework.source, scale=framework.total_scale,
        total=result.total, total_scaled=result.total_scaled, points=result.points, max_points=result.max_points,
        band=band.label if band else Text("", ""), band_narrative=band.narrative if band else Text("", ""),
        completeness=result.completeness, pillars=tuple(pillars), improvements=plan, previous=prev,
        method_note=framework.relative.note if framework.relative else Text("", ""),
        profile=effective_profile(data.agency, data.period, data.profile))


def assessment_hash(data: AssessmentData) -> str:
    """The stamped content hash, or (for a draft) the hash its file would carry now."""
    if data.content_hash:
        return data.content_hash
    from ..exchange.assessment_file import to_payload
    return to_payload(data)["content_hash"]
