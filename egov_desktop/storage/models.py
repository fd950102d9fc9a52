"""The database schema: SQLAlchemy 2 typed models.

Only the storage and services packages see these classes; everything leaving the core is a
plain dataclass (egov_desktop.domain, egov_desktop.services.types and .workspace_types). Timestamps are ISO-8601
UTC text so that SQLite and PostgreSQL store them the same way and files carry them verbatim.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import (DDL, JSON, Boolean, Float, ForeignKey, Index, Integer, MetaData, String, Text,
                        UniqueConstraint, event)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .triggers import SQLITE_TRIGGERS

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class AgencyRow(Base):
    """An agency: an official unit (code from vietnam-provinces) or a free entry (a department)."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(20), default="")
    parent_code: Mapped[str] = mapped_column(String(20), default="")
    parent_name: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    # a unit that existed before 1 July 2025 (63 provinces, districts) and is not in today's list
    historical: Mapped[bool] = mapped_column(Boolean, default=False)

    profile: Mapped[AgencyProfileRow | None] = relationship(lazy="selectin", uselist=False,
                                                            cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("name", "level", "code", "parent_code"),)


class AgencyProfileRow(Base):
    """How an agency issues its reports (domain.AgencyProfile), kept across periods (migration 0004).
    The document number is the assessment's own (assessments.document_number)."""

    __tablename__ = "agency_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"), unique=True)
    parent_line: Mapped[str] = mapped_column(String(300), default="")
    issuer: Mapped[str] = mapped_column(String(300), default="")
    place: Mapped[str] = mapped_column(String(100), default="")
    symbol: Mapped[str] = mapped_column(String(50), default="")
    authority: Mapped[str] = mapped_column(String(10), default="")
    on_behalf: Mapped[str] = mapped_column(String(200), default="")
    signer_position: Mapped[str] = mapped_column(String(200), default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    recipients: Mapped[Any] = mapped_column(JSON, default=list)      # list of names, "Lưu: VT." last
    recipient_email: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[str] = mapped_column(String(40), default="")


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    framework_id: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(50))
    framework_hash: Mapped[str] = mapped_column(String(64), default="")
    period: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))
    finalised_at: Mapped[str] = mapped_column(String(40), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    respondent_name: Mapped[str] = mapped_column(String(200), default="")
    respondent_position: Mapped[str] = mapped_column(String(200), default="")
    respondent_phone: Mapped[str] = mapped_column(String(50), default="")
    respondent_email: Mapped[str] = mapped_column(String(200), default="")
    # deleted assessments are kept (recoverable) until purged
    deleted_at: Mapped[str] = mapped_column(String(40), default="")
    # score summary kept with the row so a list of 11,000 needs no rescoring (migration 0002);
    # scored_at "" means "not computed yet" (rows from schema 0001)
    total: Mapped[float | None] = mapped_column(Float, nullable=True)
    total_scaled: Mapped[float | None] = mapped_column(Float, nullable=True)
    completeness: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    band_vi: Mapped[str] = mapped_column(String(100), default="", server_default="")
    band_en: Mapped[str] = mapped_column(String(100), default="", server_default="")
    errors: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    scored_at: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # moved on by the database (storage.triggers) at every change to the answers or evidence
    # (migration 0003); the Workspace's answers cache is checked against it
    answers_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # the number the văn thư gives the report ("Số: 12/BC-UBND"); may be written after finalisation
    # (migration 0004; outside the content hash, like the rest of the issuing profile)
    document_number: Mapped[str] = mapped_column(String(50), default="", server_default="")

    agency: Mapped[AgencyRow] = relationship(lazy="joined")
    answers: Mapped[list[AnswerRow]] = relationship(back_populates="assessment", cascade="all, delete-orphan",
                                                    passive_deletes=True)

    __table_args__ = (
        UniqueConstraint("uid", "revision"),
        Index("ix_assessments_period", "period"),
    )


class AnswerRow(Base):
    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    indicator_id: Mapped[str] = mapped_column(String(100))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)   # number, text, list of choice ids
    na: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[str] = mapped_column(String(40))

    assessment: Mapped[AssessmentRow] = relationship(back_populates="answers")
    evidence: Mapped[list[EvidenceRow]] = relationship(back_populates="answer", cascade="all, delete-orphan",
                                                       lazy="selectin", order_by="EvidenceRow.id")

    __table_args__ = (UniqueConstraint("assessment_id", "indicator_id"),)


class EvidenceRow(Base):
    """A document backing an answer; an attached file lives in the data folder under its SHA-256."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(200), default="")
    date: Mapped[str] = mapped_column(String(20), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(255), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)

    answer: Mapped[AnswerRow] = relationship(back_populates="evidence")


class ReturnNoteRow(Base):
    """A return note of the Sở (exchange.return_note) the agency opened, kept with the assessment
    revision it returns (migration 0005); outside that assessment's content and its lock."""

    __tablename__ = "return_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), unique=True)
    uid: Mapped[str] = mapped_column(String(64), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[Any] = mapped_column(JSON, default=dict)     # {indicator id: remark}
    issuer: Mapped[str] = mapped_column(String(300), default="")
    reviewer: Mapped[str] = mapped_column(String(200), default="")
    returned_at: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(300), default="")  # the PDF's file name
    opened_at: Mapped[str] = mapped_column(String(40), default="")


class AuditRow(Base):
    """One change: what, old and new value (JSON), when, by whom (the OS user)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    at: Mapped[str] = mapped_column(String(40))
    user: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(40))       # answer, comment, flag, status, ...
    target: Mapped[str] = mapped_column(String(100), default="")   # indicator id or field
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)


# The finalised lock and the answers counter live in SQLite triggers (storage/triggers.py):
# created with the tables for a new database, by migration 0003 for an older one.
for _sql in SQLITE_TRIGGERS:
    event.listen(Base.metadata, "after_create", DDL(_sql).execute_if(dialect="sqlite"))
