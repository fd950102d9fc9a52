"""validate(framework, answers) → every problem, each naming its indicator."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .model import (
    CALCULATED, CHOICE, DATE, INTEGER, MULTIPLE, NA, NUMBER, PERCENT, TEXT, YES_NO, Framework,
    Indicator,
)
from .numbers import format_number, is_number
from .problems import ERROR, WARNING, AnswerProblem
from .resolution import Resolved, is_empty, resolve
from .text import Text

MAX_TEXT = 5000


def _fmt(x: float, lang: str = "vi") -> str:
    return format_number(x, lang, 6)  # as the form writes it: 10.000 (vi), 10,000 (en)


def check_value(ind: Indicator, value: Any) -> Text | None:
    """Why `value` is not a valid answer of this indicator's type, or None if it is."""
    t = ind.type
    if t in (INTEGER, NUMBER, PERCENT):
        if not is_number(value):
            return Text("Phải là một số", "Must be a number")
        if t == INTEGER and float(value) != int(value):
            return Text("Phải là số nguyên", "Must be a whole number")
        return None
    if t == YES_NO:
        return None if value in ("yes", "no") else Text("Phải là Có hoặc Không", "Must be yes or no")
    if t == CHOICE:
        if not isinstance(value, str) or ind.choice(value) is None:
            return Text(f"Lựa chọn không hợp lệ «{value}»", f"Not one of the choices: '{value}'")
        return None
    if t == MULTIPLE:
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            return Text("Phải là danh sách lựa chọn", "Must be a list of choices")
        bad = [v for v in value if ind.choice(v) is None]
        if bad:
            return Text(f"Lựa chọn không hợp lệ «{bad[0]}»", f"Not one of the choices: '{bad[0]}'")
        if len(set(value)) != len(value):
            return Text("Lựa chọn bị lặp", "A choice is repeated")
        return None
    if t == DATE:
        try:
            dt.date.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return Text("Không phải một ngày có thật", "Not a date that exists")
        return None
    if t == TEXT:
        if not isinstance(value, str):
            return Text("Phải là văn bản", "Must be text")
        if len(value) > MAX_TEXT:
            return Text(f"Quá dài (tối đa {MAX_TEXT} ký tự)", f"Too long (at most {MAX_TEXT} characters)")
    return None


def check_range(ind: Indicator, value: Any) -> Text | None:
    if not is_number(value):
        return None
    unit = f" {ind.unit.vi}" if ind.unit.vi else ""
    unit_en = f" {ind.unit.en or ind.unit.vi}" if ind.unit.vi else ""
    if ind.min is not None and value < ind.min:
        return Text(f"Không được nhỏ hơn {_fmt(ind.min)}{unit}", f"Must not be less than {_fmt(ind.min, 'en')}{unit_en}")
    if ind.max is not None and value > ind.max:
        return Text(f"Không được lớn hơn {_fmt(ind.max)}{unit}", f"Must not be more than {_fmt(ind.max, 'en')}{unit_en}")
    return None


def validate(framework: Framework, answers: Mapping[str, Any],
             evidence_counts: Mapping[str, int] | None = None,
             resolved: Resolved | None = None) -> list[AnswerProblem]:
    """Every problem of `answers`, in framework order.

    Errors block finalising: a required question unanswered, a wrong type, a value out of
    range, a failed error-level constraint, "not applicable" where it is not allowed.
    Warnings do not: a failed warning-level constraint, an answer to a question that does
    not apply (it is ignored), evidence missing where the framework asks for it.
    """
    r = resolved or resolve(framework, answers)
    out: list[AnswerProblem] = []
    for iid, ind in framework.indicators.items():
        raw = answers.get(iid)
        if not r.relevant.get(iid, True):
            if ind.type != CALCULATED and not is_empty(raw):
                out.append(AnswerProblem(iid, WARNING, "irrelevant", Text(
                    "Câu hỏi không áp dụng theo các câu trả lời khác; câu trả lời sẽ bị bỏ qua",
                    "This question does not apply given other answers; the answer is ignored")))
            continue
        if ind.type == CALCULATED:
            value = r.values.get(iid)
        elif raw is NA:
            if not ind.allow_na:
                out.append(AnswerProblem(iid, ERROR, "not_applicable", Text(
                    "Chỉ tiêu này không cho phép chọn «Không áp dụng»",
                    "'Not applicable' is not allowed for this indicator")))
            continue
        elif is_empty(raw):
            if ind.required:
                out.append(AnswerProblem(iid, ERROR, "required", Text("Chưa trả lời (bắt buộc)", "Not answered (required)")))
            continue
        else:
            value = raw
            msg = check_value(ind, value)
            if msg is not None:
                out.append(AnswerProblem(iid, ERROR, "type", msg))
                continue
            msg = check_range(ind, value)
            if msg is not None:
                out.append(AnswerProblem(iid, ERROR, "range", msg))
                continue
        if value is None:
            continue
        for c in ind.constraints:
            if c.expression.evaluate(r.values, value) is False:
                out.append(AnswerProblem(iid, c.level, "constraint", c.message))
        if (evidence_counts is not None and ind.evidence == "required"
                and ind.type != CALCULATED and not evidence_counts.get(iid)):
            out.append(AnswerProblem(iid, WARNING, "evidence", Text(
                "Cần tài liệu kiểm chứng (số, ngày, trích yếu văn bản)",
                "Evidence is required (document number, date, summary)")))
    return out
