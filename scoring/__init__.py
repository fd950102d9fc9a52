"""The pure scoring engine: framework model, rule language, validation, scoring, ranking.

No Qt, no database, no file formats: callers hand it plain Python data
(a framework as a mapping, answers as {indicator id: value}).
"""
__version__ = "0.1.0"

from .absolute import Improvement, IndicatorScore, PillarScore, ScoreResult, improvements, score
from .expressions import ExpressionError, compile_expression
from .framework import FORMAT, build_framework, content_hash
from .model import NA, Band, Framework, Indicator, Pillar
from .problems import AnswerProblem, FrameworkError, FrameworkProblem
from .ranking import competition_ranks, ranks_within_groups
from .relative import RelativeResult, minmax, relative_scores, zscores
from .resolve import Resolved, resolve
from .text import Text, nfc
from .validation import validate

__all__ = [
    "NA", "FORMAT", "AnswerProblem", "Band", "ExpressionError", "Framework", "FrameworkError",
    "FrameworkProblem", "Improvement", "Indicator", "IndicatorScore", "Pillar", "PillarScore",
    "RelativeResult", "Resolved", "ScoreResult", "Text", "build_framework", "compile_expression",
    "competition_ranks", "content_hash", "improvements", "minmax", "nfc", "ranks_within_groups",
    "relative_scores", "resolve", "score", "validate", "zscores",
]
