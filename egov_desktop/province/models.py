"""The province's tables: received submissions, their appraisal, registered agency keys, the roster.

Kept in their own metadata and their own Alembic chain (province/migrations, version table
`province_alembic_version`), beside the storage tables in the same database, so the two
schemas evolve without touching each other's migrations. Timestamps are ISO-8601 UTC text.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..storage.models import NAMING_CONVENTION


class ProvinceBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SubmissionRow(ProvinceBase):
    """One received assessment (a revision of one agency's assessment for a framework and period)."""

    __tablename__ = "province_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slot: Mapped[str] = mapped_column(String(500))   # framework id | period | agency key
    current: Mapped[bool] = mapped_column(Boolean, default=True)  # False once a newer revision replaced it
    uid: Mapped[str] = mapped_column(String(64), default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    content_hash: Mapped[str] = mapped_column(String(64))
    framework_id: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(50))
    framework_hash: Mapped[str] = mapped_column(String(64), default="")
    period: Mapped[str] = mapped_column(String(40))
    agency_code: Mapped[str] = mapped_column(String(64), default="")
    agency_name: Mapped[str] = mapped_column(String(300))
    agency_level: Mapped[str] = mapped_column(String(20), default="")
    parent_code: Mapped[str] = mapped_column(String(64), default="")
    parent_name: Mapped[str] = mapped_column(String(300), default="")
    # a group the province defines (a table's "Nhóm" column), for ranking within it
    group_name: Mapped[str] = mapped_column(String(300), default="", server_default="")
    status: Mapped[str] = mapped_column(String(20), default="received")  # received, accepted, returned
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[str] = mapped_column(String(40), default="")
    source_name: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20), default="file")     # pdf, file, workbook, table
    signature: Mapped[str] = mapped_column(String(20), default="unsigned")
    # ký số: the certificate subjects of the PDF's digital signatures ("; "-separated), "" when none
    digital_signer: Mapped[str] = mapped_column(Text, default="", server_default="")
    received_at: Mapped[str] = mapped_column(String(40))
    finalised_at: Mapped[str] = mapped_column(String(40), default="")
    # the scores below (total … indicators, relative_answers) are the final ones: the agency's own
    # (tự đánh giá) until an appraisal (thẩm định) changes them (province.appraisal)
    total: Mapped[float | None] = mapped_column(Float, nullable=True)
    total_scaled: Mapped[float | None] = mapped_column(Float, nullable=True)
    self_total: Mapped[float | None] = mapped_column(Float, nullable=True)          # as the agency scored it
    self_total_scaled: Mapped[float | None] = mapped_column(Float, nullable=True)
    # moved on by every saved appraisal: a reviewer's save made on an older one is a conflict
    appraisal_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    points: Mapped[float] = mapped_column(Float, default=0.0)
    max_points: Mapped[float] = mapped_column(Float, default=0.0)
    completeness: Mapped[float] = mapped_column(Float, default=0.0)
    band_vi: Mapped[str] = mapped_column(String(100), default="")
    band_en: Mapped[str] = mapped_column(String(100), default="")
    pillars: Mapped[Any] = mapped_column(JSON)      # {pillar id: index 0..1 or null}
    indicators: Mapped[Any] = mapped_column(JSON)   # {indicator id: [points or null, max counted]}
    payload: Mapped[str] = mapped_column(Text)      # the assessment file as received (JSON text)
    # the answers the framework's relative method reads (ranking.encode_answers); NULL: read the payload
    relative_answers: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    # the return note as sent (exchange.return_note payload: note, remarks per indicator, signer,
    # date), kept to show the next revision's changes against it (migration p0006); NULL: none
    return_note: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)

    __table_args__ = (
        Index("ix_province_submissions_slot", "slot"),
        Index("ix_province_submissions_fw_period", "framework_id", "period", "current"),
        Index("ix_province_submissions_hash", "content_hash"),
    )


class AppraisalRow(ProvinceBase):
    """The appraisal in force of one indicator of a submission: points or a corrected answer, a remark."""

    __tablename__ = "province_appraisals"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("province_submissions.id"))
    indicator_id: Mapped[str] = mapped_column(String(100))
    points: Mapped[float | None] = mapped_column(Float, nullable=True)    # the appraised points
    value: Mapped[Any] = mapped_column(JSON, nullable=True)               # the appraised answer
    remark: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(40))
    # the revision it was made on when carried to this one unchanged (reviewer and at are the
    # original ones); None: made on this revision
    carried_from: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (UniqueConstraint("submission_id", "indicator_id"),)


class AppraisalLogRow(ProvinceBase):
    """Every appraisal ever saved, and every one withdrawn (action "cleared"): only ever added to."""

    __tablename__ = "province_appraisal_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("province_submissions.id"), index=True)
    indicator_id: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))      # set, cleared
    points: Mapped[float | None] = mapped_column(Float, nullable=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    remark: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)         # the submission's appraisal_version it made
    carried_from: Mapped[int | None] = mapped_column(Integer, nullable=True)   # action "carried": from that revision


class AgencyKeyRow(ProvinceBase):
    """A public key the province registered for an agency code."""

    __tablename__ = "province_agency_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(64), index=True)
    agency_name: Mapped[str] = mapped_column(String(300), default="")
    key_id: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[str] = mapped_column(String(40))

    __table_args__ = (UniqueConstraint("agency_code", "key_id"),)


class RosterRow(ProvinceBase):
    """An agency expected to submit for a period."""

    __tablename__ = "province_roster"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(40), index=True)
    code: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20), default="")
    group_code: Mapped[str] = mapped_column(String(64), default="")
    group_name: Mapped[str] = mapped_column(String(300), default="")
    # the unit's e-mail addresses, "; "-separated ("" : not known), the To of its reminder
    email: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (UniqueConstraint("period", "code", "name"),)
