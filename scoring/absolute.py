"""Absolute (DTI-style) scoring: points per indicator, pillar indices, total, band, gaps.

The score of one agency depends on its own answers only.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import CALCULATED, MULTIPLE, NA, PERCENT, YES_NO, Band, Framework, Indicator
from .numbers import is_number, round_half_up
from .record import Record
from .resolution import Resolved, is_empty, resolve

# Indicator statuses
SCORED = "scored"          # has points
UNANSWERED = "unanswered"  # counts as zero points, reported
NOT_APPLICABLE = "na"      # excluded from the maximum (or zero, per the framework)
IRRELEVANT = "irrelevant"  # skipped by skip logic: excluded
UNSCORED = "unscored"      # informational: no scoring rule


class IndicatorScore(Record):
    """The score of one indicator."""

    id: str
    pillar_id: str
    value: Any                # the answer, or the calculated value
    status: str
    points: float | None      # None when excluded
    max_points: float         # the maximum counted (0 when excluded)
    target: float | str | None = None
    gap: float | None = None  # shortfall against the target (0 when met), None without one
    target_met: bool | None = None


class PillarScore(Record):
    """The score of one pillar."""

    id: str
    points: float             # on the pillar's scale (e.g. out of 200 for DTI's CQS)
    max_points: float         # the pillar's scale
    index: float | None       # 0..1, None when nothing in it counts
    answered: int
    questions: int


class ScoreResult(Record):
    """An assessment's scores: per indicator, per pillar and in total."""

    framework_id: str
    framework_version: str
    indicators: dict[str, IndicatorScore]
    pillars: tuple[PillarScore, ...]
    total: float | None       # index 0..1
    points: float             # Σ pillar points
    max_points: float         # Σ pillar maxima counted
    band: Band | None
    completeness: float       # answered / questions that apply, 0..1
    unanswered: tuple[str, ...]
    scale: float = 1.0

    @property
    def total_scaled(self) -> float | None:
        """The total on the framework's own scale (index, percentage or points)."""
        return None if self.total is None else self.total * self.scale

    def pillar(self, pillar_id: str) -> PillarScore:
        for p in self.pillars:
            if p.id == pillar_id:
                return p
        raise KeyError(pillar_id)


def _clamp01(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


def indicator_points(ind: Indicator, value: Any, values: Mapping[str, Any]) -> tuple[str, float | None]:
    """(status, points) of one relevant, answered-or-not indicator with a scoring rule."""
    rule = ind.scoring
    assert rule is not None
    mp = rule.max_points
    kind = rule.kind
    if kind == "ratio":
        a = rule.numerator.evaluate(values) if rule.numerator else value
        if rule.denominator is not None:
            b = rule.denominator.evaluate(values)
        else:
            b = 100.0 if ind.type == PERCENT else 1.0
        if not is_number(b):
            return UNANSWERED, 0.0
        if b == 0:
            if rule.on_zero == "na":
                return NOT_APPLICABLE, None
            return SCORED, (mp if rule.on_zero == "full" else 0.0)
        if not is_number(a):
            return UNANSWERED, 0.0
        return SCORED, _clamp01(a / b) * mp
    if kind == "expression":
        x = rule.expression.evaluate(values) if rule.expression else None
        if not is_number(x):
            return UNANSWERED, 0.0
        return SCORED, min(max(float(x), 0.0), mp)
    if value is None:
        return UNANSWERED, 0.0
    if kind == "linear":
        if not is_number(value) or rule.target is None:
            return UNANSWERED, 0.0
        return SCORED, _clamp01((value - rule.floor) / (rule.target - rule.floor)) * mp
    if kind == "steps":
        if not is_number(value):
            return UNANSWERED, 0.0
        for step in rule.steps:
            if value >= step.min:
                return SCORED, step.points
        return SCORED, 0.0
    if kind == "yes_no":
        if value == "yes":
            return SCORED, mp if rule.yes_points is None else min(rule.yes_points, mp)
        if value == "no":
            return SCORED, rule.no_points
        return UNANSWERED, 0.0
    if kind == "choice":
        chosen = value if isinstance(value, (list, tuple)) else (value,)
        pts = sum((c.points or 0.0) for c in ind.choices if c.id in chosen)
        return SCORED, min(pts, mp)
    raise AssertionError(kind)  # pragma: no cover


def _target_gap(ind: Indicator, value: Any, period: str | None = None
                ) -> tuple[float | str | None, float | None, bool | None]:
    t = ind.target_for(period)
    if t is None:
        return None, None, None
    if is_number(t.value):
        if not is_number(value):
            return t.value, None, None
        gap = max(float(t.value) - float(value), 0.0)
        return t.value, gap, gap <= 1e-9
    if value is None:
        return t.value, None, None
    if isinstance(value, (list, tuple)):
        return t.value, None, t.value in value
    return t.value, None, value == t.value


def score(framework: Framework, answers: Mapping[str, Any], resolved: Resolved | None = None,
          period: str | None = None, appraised: Mapping[str, float] | None = None) -> ScoreResult:
    """Score one assessment. Deterministic; unanswered questions count zero and are listed.
    `period`: the assessment's period, which picks each indicator's target (Indicator.target_for).
    `appraised`: points an appraisal (thẩm định) gave some indicators in place of their rule's
    (clamped to 0..max); such an indicator counts with its whole maximum, answered or not."""
    r = resolved or resolve(framework, answers)
    values = r.values
    indicators: dict[str, IndicatorScore] = {}
    pillars = []
    unanswered: list[str] = []
    answered_total = questions_total = 0
    weighted = weights = 0.0
    points_total = max_total = 0.0
    for p in framework.pillars:
        pts = mx = 0.0
        answered = questions = 0
        for ind in p.indicators:
            iid = ind.id
            raw = answers.get(iid)
            shown = r.relevant.get(iid, True)
            value = values.get(iid) if ind.type == CALCULATED else (NA if raw is NA else values.get(iid))
            # Completeness counts the questions that matter: required or scored ones.
            if shown and ind.type != CALCULATED and (ind.required or ind.scoring is not None):
                questions += 1
                if raw is NA or not is_empty(raw):
                    answered += 1
                else:
                    unanswered.append(iid)
            target, gap, met = _target_gap(ind, None if value is NA else value, period)
            if not shown:
                if ind.scoring is not None and ind.hidden_counts == "zero":
                    mx += ind.scoring.max_points
                    indicators[iid] = IndicatorScore(iid, p.id, None, IRRELEVANT, 0.0, ind.scoring.max_points,
                                                     target, None, None)
                else:
                    indicators[iid] = IndicatorScore(iid, p.id, None, IRRELEVANT, None, 0.0, target, None, None)
                continue
            if ind.scoring is None:
                indicators[iid] = IndicatorScore(iid, p.id, value, UNSCORED, None, 0.0, target, gap, met)
                continue
            if value is NA:
                if ind.na_counts == "zero":
                    status, got, counted = NOT_APPLICABLE, 0.0, ind.scoring.max_points
                else:
                    status, got, counted = NOT_APPLICABLE, None, 0.0
            else:
                status, got = indicator_points(ind, value, values)
                counted = 0.0 if got is None else ind.scoring.max_points
            if appraised is not None and iid in appraised:
                status, got, counted = SCORED, min(max(float(appraised[iid]), 0.0), ind.scoring.max_points), \
                    ind.scoring.max_points
            if got is not None:
                pts += got
                mx += counted
            indicators[iid] = IndicatorScore(iid, p.id, value, status, got, counted, target, gap, met)
        index = pts / mx if mx > 0 else None
        scale = p.max_points or 0.0
        pillars.append(PillarScore(p.id, (index or 0.0) * scale, scale, index, answered, questions))
        answered_total += answered
        questions_total += questions
        w = scale if framework.total_method == "points" else p.weight
        if index is not None and w > 0:
            weighted += w * index
            weights += w
            points_total += index * scale
            max_total += scale
    total = weighted / weights if weights > 0 else None
    band = framework.band_for(None if total is None else round_half_up(total, 4))
    completeness = answered_total / questions_total if questions_total else 1.0
    return ScoreResult(framework.id, framework.version, indicators, tuple(pillars), total, points_total,
                       max_total, band, completeness, tuple(unanswered), framework.total_scale)


class Improvement(Record):
    """How much the total would rise if one indicator reached its maximum."""

    indicator_id: str
    pillar_id: str
    points: float
    max_points: float
    gain: float           # rise of the total index (0..1) if this indicator reached its maximum
    gain_scaled: float    # the same on the framework's scale


def improvements(framework: Framework, answers: Mapping[str, Any] | None = None,
                 result: ScoreResult | None = None, limit: int | None = 10) -> list[Improvement]:
    """The indicators whose improvement raises the total most, largest gain first."""
    if result is None:
        result = score(framework, answers or {})
    if result.total is None:
        return []
    # Per pillar: points and counted maximum of its indicators, and its weight in the total.
    sums: dict[str, tuple[float, float]] = {}
    for s in result.indicators.values():
        if s.points is not None:
            a, b = sums.get(s.pillar_id, (0.0, 0.0))
            sums[s.pillar_id] = (a + s.points, b + s.max_points)
    weight = {p.id: (p.max_points or 0.0) if framework.total_method == "points" else p.weight
              for p in framework.pillars}
    num = sum(weight[pid] * (a / b) for pid, (a, b) in sums.items() if b > 0 and weight[pid] > 0)
    den = sum(weight[pid] for pid, (a, b) in sums.items() if b > 0 and weight[pid] > 0)
    out = []
    for s in result.indicators.values():
        if s.points is None or s.max_points <= 0 or s.points >= s.max_points - 1e-12 or s.status == IRRELEVANT:
            continue  # (a hidden question is raised through the one that hides it)
        a, b = sums[s.pillar_id]
        w = weight[s.pillar_id]
        if w <= 0:
            continue
        new_num = num - w * (a / b) + w * ((a - s.points + s.max_points) / b)
        gain = new_num / den - result.total
        out.append(Improvement(s.id, s.pillar_id, s.points, s.max_points, gain, gain * framework.total_scale))
    out.sort(key=lambda i: (-round(i.gain, 12), i.indicator_id))
    return out if limit is None else out[:limit]
