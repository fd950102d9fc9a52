"""Plain data returned by the services (frozen records, never ORM objects or sessions): the
ones the GUI reads before the Workspace opens (the first list, an assessment opened at once, its
return note), as scoring.record Records, made at every start. The others are in
services.workspace_types."""
from __future__ import annotations

from typing import TYPE_CHECKING

from scoring.record import Record

from ..domain import AssessmentData

if TYPE_CHECKING:  # annotations only: the GUI's start list imports this module without the engine
    from scoring import Text


class AssessmentSummary(Record):
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


class AssessmentRecord(Record):
    """One stored assessment: its database id and its full data."""

    id: int
    data: AssessmentData
    updated_at: str
    deleted: bool


class ReturnNoteInfo(Record):
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
