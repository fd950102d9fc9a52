"""Relative (UN-style) scoring across the peer group ranked together.

For each component: each input capped, optionally z-scored across the group, combined by
weighted mean, then min–max normalised to [0, 1] across the group. The composite is the
weighted mean of the components. Scores change when the group changes, by design.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeVar

from .model import Framework, RelativeComponent
from .numbers import is_number
from .ranking import competition_ranks
from .record import Record
from .resolution import resolve

K = TypeVar("K", bound=Hashable)


def minmax(xs: Sequence[float | None]) -> list[float | None]:
    """(x − min) / (max − min); a group where all are equal scores 1 (nobody is behind)."""
    known = [x for x in xs if x is not None]
    if not known:
        return [None] * len(xs)
    lo, hi = min(known), max(known)
    if hi - lo <= 1e-15:
        return [None if x is None else 1.0 for x in xs]
    return [None if x is None else (x - lo) / (hi - lo) for x in xs]


def zscores(xs: Sequence[float | None]) -> list[float | None]:
    """(x − mean) / sd with the population sd; all equal gives 0."""
    known = [x for x in xs if x is not None]
    if not known:
        return [None] * len(xs)
    mean = math.fsum(known) / len(known)
    sd = math.sqrt(math.fsum((x - mean) ** 2 for x in known) / len(known))
    if sd <= 1e-15:
        return [None if x is None else 0.0 for x in xs]
    return [None if x is None else (x - mean) / sd for x in xs]


class RelativeResult(Record):
    components: dict[str, float | None]
    composite: float | None
    rank: int | None


def _component(comp: RelativeComponent, inputs: list[dict[str, Any]]) -> list[float | None]:
    columns = []
    for inp in comp.inputs:
        col = []
        for values in inputs:
            x = values.get(inp.indicator)
            if not is_number(x):
                col.append(None)
            else:
                col.append(min(float(x), inp.cap) if inp.cap is not None else float(x))
        columns.append(zscores(col) if comp.zscore else col)
    raw: list[float | None] = []
    for row in range(len(inputs)):
        num = den = 0.0
        for inp, col in zip(comp.inputs, columns):
            if col[row] is not None:
                num += inp.weight * col[row]
                den += inp.weight
        raw.append(num / den if den > 0 else None)
    return minmax(raw) if comp.normalise == "minmax" else raw


def relative_scores(framework: Framework, answers_by_key: Mapping[K, Mapping[str, Any]]) -> dict[K, RelativeResult]:
    """Component indices, composite and competition rank of every member of the group."""
    scheme = framework.relative
    if scheme is None:
        raise ValueError(f"framework {framework.id} declares no relative scoring")
    keys = list(answers_by_key)
    needed = {i.indicator for c in scheme.components for i in c.inputs}
    plain = all(framework.indicators[i].calculation is None and framework.indicators[i].relevant is None
                for i in needed)
    if plain:  # inputs are answers as given: no need to resolve the whole questionnaire
        inputs = [answers_by_key[k] for k in keys]
    else:
        inputs = [resolve(framework, answers_by_key[k]).values for k in keys]
    comp_values = {c.id: _component(c, inputs) for c in scheme.components}
    composites: dict[K, float | None] = {}
    per_key: dict[K, dict[str, float | None]] = {}
    for row, k in enumerate(keys):
        comps = {cid: vals[row] for cid, vals in comp_values.items()}
        num = den = 0.0
        complete = True
        for c in scheme.components:
            v = comps[c.id]
            if v is None:
                complete = False
                break
            num += c.weight * v
            den += c.weight
        composites[k] = num / den if complete and den > 0 else None
        per_key[k] = comps
    ranks = competition_ranks(composites, scheme.decimals)
    return {k: RelativeResult(per_key[k], composites[k], ranks[k]) for k in keys}
