"""The other plain data the Workspace gives back (frozen dataclasses): an answer saved, evidence,
the history, an import, a return note opened. Apart from services.types, which the GUI reads
before the Workspace opens (see there)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain import Answer, Evidence
from .types import AssessmentSummary, ReturnNoteInfo

if TYPE_CHECKING:  # annotations only
    from scoring import AnswerProblem, ScoreResult


@dataclass(frozen=True)
class AnswerSaved:
    """What set_answer (and the other per-answer calls) give back once the answer is committed."""

    assessment_id: int
    indicator_id: str
    answer: Answer
    result: ScoreResult                  # the whole assessment rescored
    problems: tuple[AnswerProblem, ...]  # problems of this indicator
    errors: int                          # validation errors in the whole assessment


@dataclass(frozen=True)
class EvidenceItem:
    """A piece of evidence as stored: its row id and indicator."""

    id: int
    indicator_id: str
    evidence: Evidence


@dataclass(frozen=True)
class AuditEntry:
    """One change in an assessment's history: who, when, what, from what to what."""

    at: str
    user: str
    action: str          # create, answer, na, comment, flag, reviewed, evidence, status, delete, ...
    target: str          # indicator id or field name
    old: Any
    new: Any


@dataclass(frozen=True)
class ImportResult:
    """What importing an assessment file did."""

    assessment_id: int
    outcome: str         # "created" or "duplicate" (the same revision with the same content was there)
    summary: AssessmentSummary


@dataclass(frozen=True)
class NoteOpened:
    """What opening a return note did: the note kept, and the assessment to show it in."""

    note: ReturnNoteInfo
    returned: AssessmentSummary     # the revision returned (now "returned")
    open_id: int                    # where to correct: a draft revision begun already, else the returned one
    again: bool                     # the same note had been opened before
