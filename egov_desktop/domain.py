"""Plain data passed between the core, the CLI and the GUI (never ORM objects): frozen records
(scoring.record), made at every start."""
from __future__ import annotations

from typing import Any

from scoring.record import Record, field

# Assessment statuses (lifecycle enforced in the services, not the GUI)
DRAFT, FINALISED, SUBMITTED, RETURNED, ACCEPTED = "draft", "finalised", "submitted", "returned", "accepted"
STATUSES = (DRAFT, FINALISED, SUBMITTED, RETURNED, ACCEPTED)


class Agency(Record):
    """The agency an assessment is about."""

    name: str
    level: str                    # commune, district, province, department, ministry
    code: str = ""                # official unit code (vietnam-provinces) or "" for a free entry
    parent_name: str = ""         # e.g. the province of a commune
    parent_code: str = ""
    address: str = ""             # place name used in the report's "place, date" line


class Respondent(Record):
    """Who answered the questionnaire, for the report's contact line."""

    name: str = ""
    position: str = ""
    phone: str = ""
    email: str = ""


class AgencyProfile(Record):
    """How the agency issues its documents (Decree 30/2020/NĐ-CP): the lines of the heading, the
    number, the signature block and Nơi nhận. Kept per agency across periods; empty fields are
    filled from the agency and period by reports.profile.effective_profile."""

    parent_line: str = ""         # the direct superior, as printed: "UBND TỈNH LÂM ĐỒNG"; "" for a People's Committee
    issuer: str = ""              # full name of the issuing agency, one line per "\n": "ỦY BAN NHÂN DÂN\nXÃ A"
    place: str = ""               # place name of the "place, date" line
    symbol: str = ""              # document symbol after the number: "BC-UBND"
    number: str = ""              # the number the văn thư gives; "" leaves room to write it
    authority: str = ""           # "", "TM.", "KT.", "Q.", "TL.", "TUQ."
    on_behalf: str = ""           # after the authority: "ỦY BAN NHÂN DÂN" (TM.), "CHỦ TỊCH" (KT.)
    signer_position: str = ""     # "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC"
    signer_name: str = ""
    recipients: tuple[str, ...] = ()   # Nơi nhận, without the leading "- " and trailing ";"
    recipient_email: str = ""     # the Sở's address the report is e-mailed to

    def is_empty(self) -> bool:
        return self == AgencyProfile()


class Evidence(Record):
    """A document given as evidence for an answer (its file kept by hash)."""

    number: str = ""              # document number (số hiệu văn bản)
    date: str = ""                # ISO date
    summary: str = ""             # trích yếu
    file_name: str = ""
    sha256: str = ""
    size: int = 0


class Answer(Record):
    """The answer to one indicator, with its comment, flags and evidence."""

    value: Any = None             # number, "yes"/"no", choice id, [choice ids], ISO date, text
    na: bool = False              # "not applicable"
    comment: str = ""
    flagged: bool = False         # flagged for review
    reviewed: bool = False
    evidence: tuple[Evidence, ...] = ()


class AssessmentData(Record):
    """One assessment as it travels between agencies (and as the assessment file holds it)."""

    framework_id: str
    framework_version: str
    framework_hash: str
    agency: Agency
    period: str
    answers: dict[str, Answer] = field(default_factory=dict)
    respondent: Respondent = Respondent()
    status: str = DRAFT
    revision: int = 1
    uid: str = ""                 # stable id of the assessment across revisions and machines
    created_at: str = ""
    finalised_at: str = ""
    content_hash: str = ""        # stamped at finalisation
    # how the report is issued: outside the content hash (the văn thư numbers a finished report)
    profile: AgencyProfile = AgencyProfile()

    def engine_answers(self) -> dict[str, Any]:
        """{indicator id: value or NA} as the scoring engine takes them."""
        from scoring import NA
        return {k: (NA if a.na else a.value) for k, a in self.answers.items()}

    def evidence_counts(self) -> dict[str, int]:
        return {k: len(a.evidence) for k, a in self.answers.items() if a.evidence}
