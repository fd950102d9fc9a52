"""The framework model: pillars, indicators, scoring rules, bands, targets.

Frozen records (scoring/record.py) built once by `scoring.framework.build_framework` and
shared freely between threads.
"""
from __future__ import annotations

from typing import Any

from .expressions import Expression
from .record import Record, field
from .text import EMPTY, Text

# Indicator types
INTEGER, NUMBER, PERCENT, YES_NO = "integer", "number", "percent", "yes_no"
CHOICE, MULTIPLE, DATE, TEXT, CALCULATED = "choice", "multiple", "date", "text", "calculated"
INDICATOR_TYPES = (INTEGER, NUMBER, PERCENT, YES_NO, CHOICE, MULTIPLE, DATE, TEXT, CALCULATED)
NUMERIC_TYPES = (INTEGER, NUMBER, PERCENT, CALCULATED)

ADMIN_LEVELS = ("province", "department", "district", "commune", "ministry")


class _NotApplicable:
    """The answer "not applicable" (không áp dụng); a singleton."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NA"

    def __reduce__(self):
        return (_NotApplicable, ())


NA: Any = _NotApplicable()


class Choice(Record):
    """One choice of a choice question, with its points."""

    id: str
    label: Text
    points: float | None = None


class Constraint(Record):
    """A rule an answer must satisfy, with its message."""

    expression: Expression
    message: Text
    level: str = "error"  # "error" blocks finalising, "warning" does not


class Target(Record):
    """A plan's target for an indicator, with its source and year."""

    value: float | str
    source: Text = EMPTY
    year: int | None = None


def year_of(period: str | int | None) -> int | None:
    """The year a period names ("2025", "2025-H1", 2025); None when it names none."""
    if isinstance(period, int) and not isinstance(period, bool):
        return period
    text = str(period or "").strip()
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def target_for(targets: tuple[Target, ...], period: str | int | None) -> Target | None:
    """Of several dated targets, the one for this period: the target of its year, else the
    latest one already due (it still holds), else the next one to come; an undated target
    when no dated one applies. Without a period, the first (as the framework lists them)."""
    year = year_of(period)
    if year is None or not targets:
        return targets[0] if targets else None
    dated = [t for t in targets if t.year is not None]
    due = [t for t in dated if t.year <= year]
    if due:
        return max(due, key=lambda t: t.year)
    undated = [t for t in targets if t.year is None]
    if undated:
        return undated[0]
    return min(dated, key=lambda t: t.year)


class Step(Record):
    """A step of a stepped scale: at least `min` gives `points`."""

    min: float
    points: float


class ScoringRule(Record):
    """How an indicator earns points. `kind` is one of RULE_KINDS.

    ratio:      min(numerator / denominator, 1) × max_points (percent: value / 100);
                `on_zero` says what b = 0 means: "na" (excluded), "zero" or "full".
    linear:     max_points × clamp((value − floor) / (target − floor), 0, 1).
    steps:      the points of the highest step whose `min` the value reaches.
    yes_no:     `yes_points` for yes (default max_points), `no_points` for no.
    choice:     points of the chosen option (multiple: their sum, capped at max_points).
    expression: the value of `expression`, clamped to [0, max_points].
    """

    kind: str
    max_points: float
    numerator: Expression | None = None
    denominator: Expression | None = None
    on_zero: str = "na"
    target: float | None = None
    floor: float = 0.0
    steps: tuple[Step, ...] = ()
    yes_points: float | None = None
    no_points: float = 0.0
    expression: Expression | None = None


RULE_KINDS = ("ratio", "linear", "steps", "yes_no", "choice", "expression")


class Indicator(Record):
    """One question of a framework: how it is asked, checked and scored."""

    id: str
    pillar_id: str
    label: Text
    type: str
    help: Text = EMPTY
    basis: Text = EMPTY
    unit: Text = EMPTY
    required: bool = True
    allow_na: bool = False
    min: float | None = None
    max: float | None = None
    choices: tuple[Choice, ...] = ()
    relevant: Expression | None = None
    constraints: tuple[Constraint, ...] = ()
    calculation: Expression | None = None
    scoring: ScoringRule | None = None
    na_counts: str = "exclude"  # "exclude" (max rescaled) or "zero"
    # Hidden by skip logic: "exclude" (max rescaled) or "zero". "zero" where a worse answer to the
    # question that hides it (no IT officer) must not take this one's points out of the maximum.
    hidden_counts: str = "exclude"
    better: str = ""            # "more", "less" or "none" (a plain fact): which way is better, where no rule says
    targets: tuple[Target, ...] = ()
    evidence: str = "optional"  # "required", "optional" or "none"
    decimals: int | None = None

    @property
    def max_points(self) -> float:
        return self.scoring.max_points if self.scoring else 0.0

    @property
    def is_input(self) -> bool:
        """Answered by the user (not calculated)."""
        return self.type != CALCULATED

    @property
    def target(self) -> Target | None:
        return self.targets[0] if self.targets else None

    def target_for(self, period: str | int | None) -> Target | None:
        """The target for an assessment of `period` (scoring.model.target_for)."""
        return target_for(self.targets, period)

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


class Pillar(Record):
    """A group of indicators (a pillar, criterion or main index)."""

    id: str
    title: Text
    description: Text = EMPTY
    max_points: float | None = None  # points scale of the pillar (DTI: 100, 200, 150)
    weight: float = 1.0              # weight in a pillar mean (ICT Index style)
    indicators: tuple[Indicator, ...] = ()
    targets: tuple[Target, ...] = ()

    def target_for(self, period: str | int | None) -> Target | None:
        return target_for(self.targets, period)


class Band(Record):
    """A rating band: a total index from `min` gets `label`."""

    min: float
    label: Text
    narrative: Text = EMPTY
    color: str = ""


class RelativeInput(Record):
    """An indicator that goes into a relative component."""

    indicator: str
    weight: float = 1.0
    cap: float | None = None


class RelativeComponent(Record):
    """A component scored relative to the other agencies (z-scores, min–max)."""

    id: str
    label: Text
    weight: float = 1.0
    inputs: tuple[RelativeInput, ...] = ()
    normalise: str = "minmax"  # "minmax" or "none" (already an index)
    zscore: bool = False       # z-score each input before the weighted mean (UN TII, HCI)


class RelativeScheme(Record):
    """Relative (UN-style) scoring across the peer group ranked together."""

    components: tuple[RelativeComponent, ...]
    decimals: int = 4
    note: Text = EMPTY


class Issuer(Record):
    """Who issued a framework file and their signature over its content (egov_desktop checks it;
    the engine only carries it). Not part of what the framework means (its content hash)."""
    name: str
    code: str = ""
    algorithm: str = ""
    public_key: str = ""
    signature: str = ""


class Framework(Record):
    """An indicator framework: its pillars, indicators, bands and rules, built and checked."""

    id: str
    version: str
    title: Text
    description: Text
    levels: tuple[str, ...]
    period_from: str | None
    period_to: str | None
    source: Text
    pillars: tuple[Pillar, ...]
    total_method: str = "points"  # "points" (Σ points / Σ max) or "pillar_mean"
    total_scale: float = 1.0      # 1 for an index 0..1, 100 for a percentage, 1000 for points
    bands: tuple[Band, ...] = ()
    relative: RelativeScheme | None = None
    service_levels: str = ""      # "decree43" (mức độ 1–4) or "decree42" (toàn trình / một phần)
    content_hash: str = ""        # SHA-256 of what the framework means (scoring.framework.meaning_hash)
    order: tuple[str, ...] = ()   # calculated indicators in dependency order
    indicators: dict[str, Indicator] = field(default_factory=dict)
    legacy_hash: str = ""         # the hash of the file's data, which earlier versions of the program wrote
    issuer: Issuer | None = None  # the issuing agency's signature block, when the file carries one

    def has_hash(self, content_hash: str) -> bool:
        """Whether a file stamped with `content_hash` was made with this framework's content."""
        return bool(content_hash) and content_hash in (self.content_hash, self.legacy_hash)

    def indicator(self, indicator_id: str) -> Indicator:
        return self.indicators[indicator_id]

    def pillar(self, pillar_id: str) -> Pillar:
        for p in self.pillars:
            if p.id == pillar_id:
                return p
        raise KeyError(pillar_id)

    @property
    def scores_absolutely(self) -> bool:
        """Whether any indicator earns points: without, a total (and an absolute rank) is never there."""
        return any(i.max_points > 0 for i in self.indicators.values())

    @property
    def max_total_points(self) -> float:
        return sum(p.max_points or 0.0 for p in self.pillars)

    def band_for(self, total: float | None) -> Band | None:
        if total is None:
            return None
        best = None
        for b in self.bands:
            if total + 1e-12 >= b.min and (best is None or b.min >= best.min):
                best = b
        return best
