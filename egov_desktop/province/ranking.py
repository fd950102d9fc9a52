"""Ranking, comparison and trends over the current received submissions.

Absolute ranking reads the scores stored at import (no rescoring); relative (UN-style) ranking
scores the group together, as the method requires, from the answers it reads, which the importer
stores beside each submission (relative_answers), so no assessment file is parsed again. Ranks
are competition ranks (1, 2, 2, 4) on the published rounding.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from scoring import NA, Framework, Text, competition_ranks, relative_scores

from ..exchange import assessment_file
from ..frameworks import library, registry
from ..frameworks.registry import version_key
from ..errors import UserError
from ..i18n import bilingual
from .models import AppraisalRow, RosterRow, SubmissionRow
from .review import ACCEPTED, RECEIVED
from .store import ProvinceStore

ABSOLUTE, RELATIVE = "absolute", "relative"
AUTO = "auto"  # absolute when the framework awards points, else relative


@dataclass(frozen=True)
class RankedAgency:
    submission_id: int
    agency_code: str
    agency_name: str
    group_code: str
    group_name: str
    value: float | None            # total index 0..1 (absolute) or composite (relative)
    value_scaled: float | None     # on the framework's scale (absolute) or the composite
    band_vi: str
    band_en: str
    rank: int | None
    previous_rank: int | None
    change: int | None             # positive: moved up
    pillars: dict[str, float | None]
    pillar_ranks: dict[str, int | None]
    status: str
    # across the 2025 reform: the results of the old units it was made of (previous_rank is then
    # that of their mean among the new units, see province/reform.py)
    predecessors: tuple = ()
    appraised: bool = False        # the province saved an appraisal (thẩm định) on it: its scores are final ones


@dataclass(frozen=True)
class Ranking:
    framework_id: str
    framework_version: str
    period: str
    group: str | None
    method: str
    previous_period: str | None
    pillar_ids: tuple[str, ...]     # pillars (absolute) or relative components
    rows: tuple[RankedAgency, ...]  # best first
    note: Text = Text("", "")       # the framework's note on its relative method (relative only)
    include_pending: bool = False   # submissions not yet reviewed are ranked too (marked by their status)
    left_out: dict[str, int] = field(default_factory=dict)  # status -> current submissions not ranked

    @property
    def appraised(self) -> int:
        """How many of the ranked the province appraised."""
        return sum(a.appraised for a in self.rows)


_COLUMNS = (SubmissionRow.id, SubmissionRow.agency_code, SubmissionRow.agency_name, SubmissionRow.parent_code,
            SubmissionRow.parent_name, SubmissionRow.total, SubmissionRow.total_scaled, SubmissionRow.band_vi,
            SubmissionRow.band_en, SubmissionRow.status, SubmissionRow.framework_version, SubmissionRow.framework_hash,
            SubmissionRow.appraisal_version)


def ranked_statuses(include_pending: bool = False) -> tuple[str, ...]:
    """Only what the province accepted is ranked and published; pending ones on request (marked);
    a submission returned for correction never is."""
    return (ACCEPTED, RECEIVED) if include_pending else (ACCEPTED,)


def _query(framework_id: str, period: str, group: str | None, *columns, statuses: tuple[str, ...] | None = None):
    q = select(*columns).where(SubmissionRow.framework_id == framework_id, SubmissionRow.period == period,
                               SubmissionRow.current.is_(True))
    if group:  # a parent unit, a group the province put the agency in (table column) or its roster group
        in_roster_group = select(RosterRow.code).where(
            RosterRow.period == period, RosterRow.code != "",
            (RosterRow.group_code == group) | (RosterRow.group_name == group))
        q = q.where((SubmissionRow.parent_code == group) | (SubmissionRow.parent_name == group)
                    | (SubmissionRow.group_name == group) | SubmissionRow.agency_code.in_(in_roster_group))
    if statuses is not None:
        q = q.where(SubmissionRow.status.in_(statuses))
    return q


def relative_answers(fw: Framework, answers: dict[str, Any]) -> dict[str, Any] | None:
    """What the framework's relative method reads of these engine answers, JSON-ready (stored at
    import): the inputs alone when they are plain answers, else every answer (a calculated or
    skip-logic input needs the rest of the questionnaire). Unanswered is absent, NA is null."""
    if fw.relative is None:
        return None
    needed = {i.indicator for c in fw.relative.components for i in c.inputs}
    if all(fw.indicators[i].calculation is None and fw.indicators[i].relevant is None for i in needed):
        answers = {k: v for k, v in answers.items() if k in needed}
    return {k: None if v is NA else list(v) if isinstance(v, tuple) else v
            for k, v in answers.items() if v is not None}


def _engine_answers(stored: dict[str, Any]) -> dict[str, Any]:
    return {k: NA if v is None else tuple(v) if isinstance(v, list) else v for k, v in stored.items()}


def agency_key(code: str, name: str) -> str:
    return code or name.casefold()


def periods(store: ProvinceStore, framework_id: str | None = None) -> list[str]:
    with store.read() as s:
        q = select(SubmissionRow.period).where(SubmissionRow.current.is_(True)).distinct()
        if framework_id:
            q = q.where(SubmissionRow.framework_id == framework_id)
        return sorted(s.scalars(q))


def previous_period(store: ProvinceStore, framework_id: str, period: str) -> str | None:
    earlier = [p for p in periods(store, framework_id) if p < period]
    return earlier[-1] if earlier else None


def rank(store: ProvinceStore, framework_id: str, period: str, group: str | None = None,
         method: str = AUTO, previous: str | None = None, include_pending: bool = False) -> Ranking:
    """The ranking of `framework_id` for `period` (optionally only the members of `group`: a
    parent unit's code or name), with rank change against `previous` (default: the latest
    earlier period with submissions for this framework). Accepted submissions only, unless
    `include_pending` (then those not yet reviewed too); returned ones never."""
    statuses = ranked_statuses(include_pending)
    if method not in (ABSOLUTE, RELATIVE, AUTO):
        raise UserError(bilingual("Phương pháp xếp hạng không hợp lệ: {m}", m=method))
    if method == AUTO:
        method = _method_of(_framework(framework_id, None))
    with store.read() as s:
        # one query; the relative method reads the stored answers instead of the pillar scores
        rows = s.execute(_query(framework_id, period, group, *_COLUMNS,
                                SubmissionRow.relative_answers if method == RELATIVE else SubmissionRow.pillars,
                                statuses=statuses)).all()
        left_out = dict(s.execute(
            _query(framework_id, period, group, SubmissionRow.status, func.count())
            .where(SubmissionRow.status.not_in(statuses)).group_by(SubmissionRow.status)).all())
    stored = {r.id: r.relative_answers for r in rows} if method == RELATIVE else {}
    fw = _framework_of_rows(framework_id, rows)
    if method == ABSOLUTE and not fw.scores_absolutely:  # every total and rank would be blank
        raise UserError(bilingual(
            "Bộ tiêu chí «{id}» không chấm điểm tuyệt đối (không chỉ tiêu nào có điểm): "
            "hãy xếp hạng theo phương pháp tương đối", id=framework_id))
    if method == RELATIVE:
        if fw.relative is None:
            raise UserError(bilingual("Bộ tiêu chí «{id}» không có cách tính điểm tương đối", id=framework_id))
        rel = relative_scores(fw, _relative_inputs(store, fw, framework_id, period, group, rows, stored))
        values = {r.id: rel[r.id].composite for r in rows}
        parts = {r.id: rel[r.id].components for r in rows}
        part_ids = tuple(c.id for c in fw.relative.components)
        ranks = {k: v.rank for k, v in rel.items()}
    else:
        values = {r.id: r.total for r in rows}
        parts = {r.id: r.pillars or {} for r in rows}
        part_ids = tuple(p.id for p in fw.pillars)
        ranks = competition_ranks(values)
    part_ranks = {pid: competition_ranks({r.id: parts[r.id].get(pid) for r in rows}) for pid in part_ids}
    prev_period = previous if previous is not None else previous_period(store, framework_id, period)
    before, carried = _previous_ranks(store, framework_id, period, prev_period, group, method, include_pending,
                                      [(r.id, r.agency_code, values[r.id]) for r in rows])
    out = []
    for r in rows:
        was = carried[r.id].previous_rank if r.id in carried else before.get(agency_key(r.agency_code, r.agency_name))
        now = ranks[r.id]
        scaled = (r.total_scaled if method == ABSOLUTE else values[r.id])
        out.append(RankedAgency(r.id, r.agency_code, r.agency_name, r.parent_code, r.parent_name, values[r.id],
                                scaled, r.band_vi if method == ABSOLUTE else "", r.band_en if method == ABSOLUTE else "",
                                now, was, (was - now) if was is not None and now is not None else None,
                                {p: parts[r.id].get(p) for p in part_ids},
                                {p: part_ranks[p][r.id] for p in part_ids}, r.status,
                                carried[r.id].predecessors if r.id in carried else (), bool(r.appraisal_version)))
    out.sort(key=lambda a: (a.rank is None, a.rank or 0, a.agency_name))
    note = fw.relative.note if method == RELATIVE else Text("", "")
    return Ranking(framework_id, fw.version, period, group, method, prev_period or None, part_ids, tuple(out), note,
                   include_pending, left_out)


def _previous_ranks(store: ProvinceStore, framework_id: str, period: str, prev_period: str | None,
                    group: str | None, method: str, include_pending: bool, current) -> tuple[dict, dict]:
    """({agency key: rank in the previous period}, {row id: reform.Carried}). Across 1 July 2025
    an old unit's result goes to the new units it went into (by code, through the mapping), and
    the previous period is ranked whole: its groups (districts) are not today's."""
    from . import reform

    if not prev_period:
        return {}, {}
    across = reform.crosses(prev_period, period)
    prev = rank(store, framework_id, prev_period, None if across else group, method, previous="",
                include_pending=include_pending)
    if across:
        carried, before = reform.carried_ranks(prev, current)
        return before, carried
    return {agency_key(r.agency_code, r.agency_name): r.rank for r in prev.rows}, {}


def _framework(framework_id: str, version: str | None) -> Framework:
    return library.resolve(framework_id, version)  # its message says which versions are here


def _framework_of_rows(framework_id: str, rows) -> Framework:
    """The framework the newest submissions were made with, by its content: a version whose file
    was edited since (other weights under the same id and version) must not re-rank them."""
    if not rows:
        return _framework(framework_id, None)
    newest = max(rows, key=lambda r: version_key(r.framework_version))
    fw = registry.by_hash(newest.framework_hash) if newest.framework_hash else None
    if fw is not None:
        return fw
    fw = _framework(framework_id, newest.framework_version)
    if newest.framework_hash and not fw.has_hash(newest.framework_hash):
        raise UserError(bilingual(
            "Bộ tiêu chí «{id}» phiên bản {version} trên máy có nội dung khác với bản các hồ sơ đã nộp được lập theo; "
            "hãy cài lại đúng tệp của phiên bản này (nội dung mới phải mang số phiên bản mới)",
            id=framework_id, version=newest.framework_version))
    return fw


def _method_of(fw: Framework) -> str:
    """The method a framework ranks by when none is asked for: its points, else its relative index."""
    if fw.scores_absolutely:
        return ABSOLUTE
    if fw.relative is not None:
        return RELATIVE
    raise UserError(bilingual("Bộ tiêu chí «{id}» không có điểm cũng không có chỉ số tương đối: không xếp hạng được",
                              id=fw.id))


def _relative_inputs(store: ProvinceStore, fw: Framework, framework_id: str, period: str, group: str | None,
                     rows, stored: dict[int, Any]) -> dict[int, dict[str, Any]]:
    """{submission id: engine answers} from what the importer stored; from the assessment file
    for a row stored before that, or under another framework version."""
    stale = {r.id for r in rows if stored.get(r.id) is None or r.framework_version != fw.version}
    payloads: dict[int, str] = {}
    appraised: dict[int, dict[str, Any]] = {}
    if stale:
        with store.read() as s:
            payloads = {i: p for i, p in s.execute(_query(framework_id, period, group, SubmissionRow.id,
                                                          SubmissionRow.payload)) if i in stale}
            # the final answers: an appraised answer in place of the agency's (province.appraisal)
            for sid, iid, value in s.execute(
                    select(AppraisalRow.submission_id, AppraisalRow.indicator_id, AppraisalRow.value)
                    .join(SubmissionRow, SubmissionRow.id == AppraisalRow.submission_id)
                    .where(SubmissionRow.framework_id == framework_id, SubmissionRow.period == period,
                           SubmissionRow.current.is_(True))):
                if sid in stale and value is not None:
                    appraised.setdefault(sid, {})[iid] = tuple(value) if isinstance(value, list) else value
    return {r.id: ({**assessment_file.loads(payloads[r.id].encode("utf-8"), verify=False).engine_answers(),
                    **appraised.get(r.id, {})}
                   if r.id in stale else _engine_answers(stored[r.id])) for r in rows}


# ---------------------------------------------------------------- compare

@dataclass(frozen=True)
class IndicatorComparison:
    indicator_id: str
    best: tuple[str, ...]          # agency names with the highest share of points
    worst: tuple[str, ...]
    best_share: float | None
    worst_share: float | None
    missed: int                    # agencies that earned no points on it (unanswered or zero)
    counted: int                   # agencies for which it counted


@dataclass(frozen=True)
class PillarDistribution:
    pillar_id: str
    count: int
    minimum: float | None
    q1: float | None
    median: float | None
    q3: float | None
    maximum: float | None
    mean: float | None


@dataclass(frozen=True)
class Comparison:
    indicators: tuple[IndicatorComparison, ...]   # framework order
    most_missed: tuple[IndicatorComparison, ...]  # most missed first
    pillars: tuple[PillarDistribution, ...]


def compare(store: ProvinceStore, framework_id: str, period: str, group: str | None = None,
            top: int = 10) -> Comparison:
    with store.read() as s:
        rows = s.execute(_query(framework_id, period, group, SubmissionRow.agency_name, SubmissionRow.indicators,
                                SubmissionRow.pillars, SubmissionRow.framework_version)).all()
    version = max((r.framework_version for r in rows), default=None)
    fw = registry.get(framework_id, version)
    indicators = []
    for ind_id, ind in fw.indicators.items():
        if ind.scoring is None:
            continue
        shares: dict[str, float] = {}
        missed = 0
        for r in rows:
            pts = (r.indicators or {}).get(ind_id)
            if not pts or not pts[1]:
                continue
            share = (pts[0] or 0.0) / pts[1]
            shares[r.agency_name] = share
            missed += share <= 1e-12
        if not shares:
            indicators.append(IndicatorComparison(ind_id, (), (), None, None, 0, 0))
            continue
        hi, lo = max(shares.values()), min(shares.values())
        indicators.append(IndicatorComparison(
            ind_id, tuple(sorted(n for n, v in shares.items() if v >= hi - 1e-12)),
            tuple(sorted(n for n, v in shares.items() if v <= lo + 1e-12)), hi, lo, missed, len(shares)))
    most_missed = tuple(sorted((i for i in indicators if i.missed), key=lambda i: (-i.missed / i.counted, i.indicator_id))[:top])
    pillars = []
    for p in fw.pillars:
        xs = sorted(v for r in rows if (v := (r.pillars or {}).get(p.id)) is not None)
        if len(xs) >= 2:
            q1, med, q3 = statistics.quantiles(xs, n=4, method="inclusive")
        else:
            q1 = med = q3 = xs[0] if xs else None
        pillars.append(PillarDistribution(p.id, len(xs), xs[0] if xs else None, q1, med, q3,
                                          xs[-1] if xs else None, statistics.fmean(xs) if xs else None))
    return Comparison(tuple(indicators), most_missed, tuple(pillars))


# ---------------------------------------------------------------- trend

@dataclass(frozen=True)
class TrendPoint:
    period: str
    framework_id: str
    value: float | None          # the agency's total, or the group's mean total (index 0..1)
    count: int                   # submissions behind the value
    # before 1 July 2025, for a unit made since of old ones: their results (value is their mean)
    predecessors: tuple = ()


def trend(store: ProvinceStore, agency_code: str | None = None, group: str | None = None,
          framework_id: str | None = None, old_unit: bool = False) -> list[TrendPoint]:
    """Totals over periods: one agency's (by code), or the mean of a group's (parent code or name).
    An agency of today's list is followed back across 1 July 2025 through the old units it was
    made of (province/reform.py): a period before then shows their mean, with each of them.
    `old_unit`: the code is one of the list before the reform, followed until then."""
    q = select(SubmissionRow.period, SubmissionRow.framework_id, SubmissionRow.total, SubmissionRow.total_scaled,
               SubmissionRow.agency_code, SubmissionRow.agency_name).where(SubmissionRow.current.is_(True))
    earlier: set[str] = set()
    if agency_code:
        from . import reform
        earlier = set() if old_unit else reform.predecessor_codes(agency_code)
        q = q.where(SubmissionRow.agency_code.in_({agency_code} | earlier))
    if group:
        q = q.where((SubmissionRow.parent_code == group) | (SubmissionRow.parent_name == group))
    if framework_id:
        q = q.where(SubmissionRow.framework_id == framework_id)
    by: dict[tuple[str, str], list[float]] = {}
    counts: dict[tuple[str, str], int] = {}
    came: dict[tuple[str, str], list] = {}
    with store.read() as s:
        for period, fid, total, scaled, code, name in s.execute(q):
            if agency_code and old_unit:
                if not reform.is_old_unit(code, name, period):
                    continue            # today's unit of the same code
            elif agency_code:
                whole = reform.went_into(code, name, period, agency_code)
                if whole is not None:   # an old unit this one was made of
                    came.setdefault((period, fid), []).append(reform.PredecessorResult(
                        code, name, whole, period, total, scaled, None, 0))
                    continue
                if code != agency_code or reform.is_old_unit(code, name, period):
                    continue            # another unit that had this code before the reform
            counts[(period, fid)] = counts.get((period, fid), 0) + 1
            if total is not None:
                by.setdefault((period, fid), []).append(total)
    out = [TrendPoint(p, f, statistics.fmean(by[(p, f)]) if by.get((p, f)) else None, counts[(p, f)])
           for p, f in counts]
    out += [TrendPoint(p, f, reform.mean_value(preds), len(preds), tuple(sorted(preds, key=reform.by_name)))
            for (p, f), preds in came.items() if (p, f) not in counts]
    return sorted(out, key=lambda t: (t.period, t.framework_id))
