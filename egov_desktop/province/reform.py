"""Continuity across the 2025 reform: the results of the old units a new one was made of.

Submissions of a period before 1 July 2025 name units of the list of that time (units.py), by
codes that today's list reuses for other units (00070 was Phường Hàng Trống, is Phường Hoàn
Kiếm). A stored submission is matched by its code through the mapping (units.successors), the
code confirmed by the name ("P. Hàng Trống" will do): a 2024 submission that names today's
Phường Hoàn Kiếm with 00070 (picked from today's list) is that unit, matched as before.

How a new unit's earlier result is shown, as a province officer reads it:
- every predecessor is listed with its own result and rank in its own period ("Phường Hàng Bạc:
  hạng 3/150, 72,50"), a part of a divided commune marked as such;
- the number the trend draws and the previous rank are those of the mean of the predecessors'
  results (each counted once, whole or part), ranked among the new units of the current ranking,
  and always said to be so: a rank of 1 among 150 old communes is not a rank among 50 new wards.
"""
from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from scoring import competition_ranks

from .. import units
from ..i18n import language, tr


@dataclass(frozen=True)
class PredecessorResult:
    agency_code: str
    agency_name: str       # the old unit's name, as the submission gave it
    whole: bool            # all of it went into the new unit (False: a part; the rest went elsewhere)
    period: str
    value: float | None    # its total index 0..1 (or relative composite)
    value_scaled: float | None
    rank: int | None       # its rank in its own period's ranking
    ranked: int            # how many that ranking held


@dataclass(frozen=True)
class Carried:
    """What a new unit's predecessors give its rank change."""
    previous_rank: int | None          # the predecessors' mean, ranked among the new units
    predecessors: tuple[PredecessorResult, ...]


def crosses(previous_period: str | None, period: str) -> bool:
    """Whether a comparison of `period` with `previous_period` spans 1 July 2025."""
    return bool(previous_period) and units.before_reform(previous_period) and not units.before_reform(period)


@lru_cache(maxsize=65536)   # the same names come back for every ranking and trend
def _plain(name: str) -> str:
    """A unit's name without its kind, diacritics or case ("Phường Hàng Bạc" → "hang bac")."""
    folded = " ".join(units.fold(name).replace(".", " ").split())
    for kind in ("thanh pho ", "thi tran ", "thi xa ", "dac khu ", "phuong ", "tinh ", "quan ", "huyen ", "xa "):
        if folded.startswith(kind):
            return folded[len(kind):]
    return folded


def _names(name: str, unit: units.Unit) -> bool:
    """Whether `name` names `unit`, however written: "Phường Hàng Trống", "P. Hàng Trống",
    "UBND phường Hàng Trống"."""
    plain, official = _plain(name), _plain(unit.name)
    return plain == official or f" {units.fold(name)} ".replace(".", " ").endswith(f" {official} ")


def old_unit(code: str, name: str) -> units.Unit | None:
    """The unit of the list before the reform that a submission of that time names by `code`,
    confirmed by its name (or no name); None when the code is no official one of that list, or
    the name is another unit's (today's unit of that code, a made-up entry)."""
    if not code:
        return None
    unit = units.get(code, old=True)
    if unit is None or (name and not _names(name, unit)):
        return None
    return unit


def successors_of(code: str, name: str) -> tuple[tuple[str, bool], ...]:
    """((code of today's unit, whole), …) an old submission's unit went into; () for none."""
    unit = old_unit(code, name)
    if unit is None:
        return ()
    went = units.successors(unit.code, unit.level)
    return tuple((u.code, len(went) == 1) for u in went)


def is_old_unit(code: str, name: str, period: str) -> bool:
    """Whether a submission of `period` names a unit of the list before the reform."""
    return units.before_reform(period) and old_unit(code, name) is not None


def went_into(code: str, name: str, period: str, new_code: str) -> bool | None:
    """For a submission of an old unit that went into `new_code`: whether whole (True) or in
    part (False); None for any other submission."""
    if not units.before_reform(period):
        return None
    return dict(successors_of(code, name)).get(new_code)


def _level(code: str) -> str:
    return units.PROVINCE if len(code) <= 2 else units.COMMUNE


def predecessor_codes(code: str) -> set[str]:
    """The codes of the old units today's unit `code` was made of (none for another code)."""
    return {p.unit.code for p in units.predecessors(code, _level(code))}


def by_name(p: PredecessorResult):
    return (not p.whole, units.fold(p.agency_name))


def carried_ranks(previous, current: Iterable[tuple[int, str, float | None]]) -> tuple[dict[int, Carried], dict[str, int | None]]:
    """Across the reform: for each current row (id, agency code, value) made of old units ranked
    in `previous` (a Ranking of a period before July 2025), their results and the rank of their
    mean among the current rows; and the previous ranks of the other rows of `previous` (not old
    units: departments, free entries) by agency key, to be matched as before."""
    from .ranking import agency_key

    came: dict[str, list[PredecessorResult]] = {}
    others: dict[str, int | None] = {}
    ranked = sum(1 for r in previous.rows if r.rank is not None)
    for r in previous.rows:
        went = successors_of(r.agency_code, r.agency_name)
        if not went:
            others[agency_key(r.agency_code, r.agency_name)] = r.rank
        for new_code, whole in went:
            came.setdefault(new_code, []).append(PredecessorResult(
                r.agency_code, r.agency_name, whole, previous.period, r.value, r.value_scaled, r.rank, ranked))
    found = {row_id: tuple(sorted(came[code], key=_order)) for row_id, code, _ in current if code in came}
    means = {row_id: mean_value(preds) for row_id, preds in found.items()}
    ranks = competition_ranks(means)
    return {row_id: Carried(ranks[row_id], preds) for row_id, preds in found.items()}, others


def _order(p: PredecessorResult):
    return (not p.whole, p.rank is None, p.rank or 0, units.fold(p.agency_name))


def mean_value(preds: Iterable[PredecessorResult], scaled: bool = False) -> float | None:
    xs = [p.value_scaled if scaled else p.value for p in preds]
    xs = [x for x in xs if x is not None]
    return statistics.fmean(xs) if xs else None


def describe_point(point, lang: str | None = None) -> str:
    """A trend point made of predecessors, in words, as the chart draws it (index in %): "2024:
    trung bình của 2 đơn vị trước sáp nhập (Xã A 60 %; Xã B (một phần) 70 %)"."""
    from ..reports.format import fmt_number

    lang = lang or language()
    parts = "; ".join(f"{p.agency_name if p.whole else tr('{name} (một phần)', lang, name=p.agency_name)} "
                      f"{'—' if p.value is None else fmt_number(p.value * 100, lang, 1) + ' %'}"
                      for p in point.predecessors)
    return tr("{period}: trung bình của {n} đơn vị trước sáp nhập ({list})", lang, period=point.period,
              n=len(point.predecessors), list=parts)


def describe(preds: tuple[PredecessorResult, ...], lang: str | None = None, decimals: int = 2) -> str:
    """"Gồm kết quả của các đơn vị trước sáp nhập (kỳ 2024): Phường Hàng Bạc hạng 3/150, 72,50;
    Phường Hàng Trống (một phần) hạng 10/150, 60,10. Hạng kỳ trước: trung bình 66,30." """
    from ..reports.format import fmt_number

    if not preds:
        return ""
    lang = lang or language()
    parts = []
    for p in preds:
        rank = tr("hạng {rank}/{n}", lang, rank=p.rank, n=p.ranked) if p.rank is not None else tr("không xếp hạng", lang)
        name = p.agency_name if p.whole else tr("{name} (một phần)", lang, name=p.agency_name)
        parts.append(f"{name} {rank}, {fmt_number(p.value_scaled, lang, decimals)}")
    return tr("Gồm kết quả của các đơn vị trước sáp nhập (kỳ {period}): {list}. "
              "Hạng kỳ trước tính trên trung bình {mean} của các đơn vị này.", lang, period=preds[0].period,
              list="; ".join(parts), mean=fmt_number(mean_value(preds, scaled=True), lang, decimals))


def rank_note(lang: str | None = None) -> str:
    """The footnote of a ranking whose previous period is before the reform."""
    return tr("* Đơn vị hình thành từ ngày 01/7/2025: hạng kỳ trước là hạng của trung bình kết quả các đơn vị "
              "trước sáp nhập, xếp cùng các đơn vị mới.", lang)
