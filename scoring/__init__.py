"""The pure scoring engine: framework model, rule language, validation, scoring, ranking.

No Qt, no database, no file formats: callers hand it plain Python data
(a framework as a mapping, answers as {indicator id: value}).

Names are exported lazily (PEP 562): `from scoring.text import Text` at start-up does not
pay for building the engine's classes.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "absolute": ("Improvement", "IndicatorScore", "PillarScore", "ScoreResult", "improvements", "score"),
    "expressions": ("ExpressionError", "compile_expression"),
    "framework": ("FORMAT", "build_framework", "content_hash"),
    "model": ("NA", "Band", "Framework", "Indicator", "Pillar", "target_for", "year_of"),
    "problems": ("AnswerProblem", "FrameworkError", "FrameworkProblem"),
    "ranking": ("competition_ranks", "ranks_within_groups"),
    "relative": ("RelativeResult", "minmax", "relative_scores", "zscores"),
    "resolution": ("Resolved", "is_empty", "resolve"),
    "text": ("Text", "nfc"),
    "validation": ("validate",),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'scoring' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # next time: a plain attribute
    return value


def __dir__() -> list[str]:
    return __all__ + ["__version__"]


if TYPE_CHECKING:  # for type checkers and IDEs
    from .absolute import Improvement, IndicatorScore, PillarScore, ScoreResult, improvements, score
    from .expressions import ExpressionError, compile_expression
    from .framework import FORMAT, build_framework, content_hash
    from .model import NA, Band, Framework, Indicator, Pillar
    from .problems import AnswerProblem, FrameworkError, FrameworkProblem
    from .ranking import competition_ranks, ranks_within_groups
    from .relative import RelativeResult, minmax, relative_scores, zscores
    from .resolution import Resolved, is_empty, resolve
    from .text import Text, nfc
    from .validation import validate
