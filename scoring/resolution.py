"""Answers → the values expressions see: skip logic applied, calculations done."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import NA, Framework
from .record import Record


def is_empty(value: Any) -> bool:
    """Unanswered: missing, None, blank text or an empty selection (NA is an answer)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return len(value) == 0
    return False


class Resolved(Record):
    """The answers after skip logic and calculations."""

    values: dict[str, Any]        # what expressions see: answers of relevant questions + calculations
    relevant: dict[str, bool]     # indicator id -> shown (skip logic)


def resolve(framework: Framework, answers: Mapping[str, Any]) -> Resolved:
    """Apply skip logic in framework order, then compute calculations in dependency order.

    An answer to a question that does not apply is dropped, so nothing downstream sees it.
    A relevance condition that cannot be decided yet (it depends on an unanswered
    question) hides the question, as paper forms do ("if yes, ...").
    """
    values: dict[str, Any] = {}
    for iid, v in answers.items():
        if v is NA or is_empty(v):
            continue
        values[iid] = tuple(v) if isinstance(v, list) else v
    relevant: dict[str, bool] = {}
    calculated = set(framework.order)
    for iid, ind in framework.indicators.items():
        if iid in calculated:
            continue
        shown = ind.relevant is None or ind.relevant.evaluate(values) is True
        relevant[iid] = shown
        if not shown:
            values.pop(iid, None)
    for iid in framework.order:
        ind = framework.indicators[iid]
        values.pop(iid, None)
        shown = ind.relevant is None or ind.relevant.evaluate(values) is True
        relevant[iid] = shown
        if shown and ind.calculation is not None:
            v = ind.calculation.evaluate(values)
            if v is not None:
                values[iid] = v
    return Resolved(values, relevant)
