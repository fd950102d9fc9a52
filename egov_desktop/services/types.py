"""Plain data returned by the services (frozen dataclasses; never ORM objects or sessions)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain import Answer, AssessmentData, Evidence

if TYPE_CHECKING:  # annotations only: the GUI's start list imports this module without the engine
    from scoring import AnswerProblem, ScoreResult, Text


@dataclass(frozen=True)
class AssessmentSummary:
    """One line of the assessment list."""

    id: int
    uid: str
    agency_name: str
    agency_level: str
    agency_code: str
    parent_name: str
    period: str
    framework_id: str
    framework_version: str
    status: str
    revision: int
    completeness: float           # 0..1
    total: float | None           # index 0..1
    total_scaled: float | None    # on the framework's scale (e.g. 1000 points)
    band: Text | None
    errors: int                   # validation errors (finalising needs 0)
    created_at: str
    updated_at: str
    finalised_at: str
    deleted: bool


@dataclass(frozen=True)
class AssessmentRecord:
    """One stored assessment: its database id and its full data."""

    id: int
    data: AssessmentData
    updated_at: str
    deleted: bool


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
class ReturnNoteInfo:
    """A return note of the Sở, as this data folder keeps it (services.return_notes)."""

    assessment_id: int              # the revision it returns
    revision: int
    note: str                       # the general note
    remarks: dict[str, str]         # {indicator id: remark}
    issuer: str                     # the Sở
    reviewer: str
    returned_at: str                # ISO date
    source: str                     # the PDF's file name
    opened_at: str


@dataclass(frozen=True)
class NoteOpened:
    """What opening a return note did: the note kept, and the assessment to show it in."""

    note: ReturnNoteInfo
    returned: AssessmentSummary     # the revision returned (now "returned")
    open_id: int                    # where to correct: a draft revision begun already, else the returned one
    again: bool                     # the same note had been opened before
