"""Bulk import of received files into the province store, with a final report.

Every file is checked completely before anything is written (format, checksum, framework,
answers, signature); its write is one savepoint, so a refused or failing file changes
nothing. Savepoints are committed in batches (a commit per file would spend most of the time
waiting for the disk); cancelling keeps what was imported before it.

Within one slot (framework, period, agency) a file is:
  imported    the first of its slot;
  duplicate   the same content as one already there;
  replaced    a newer revision: the older one stays, no longer current;
  conflict    the same revision as the current one but different content (two finalised
              versions of one revision): refused, the province must ask the agency;
  outdated    an older revision than the current one: not imported;
  refused     not trusted or not readable, with the reason.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from scoring import Framework, Text, score, validate

from ..domain import ACCEPTED, DRAFT, FINALISED, RETURNED, SUBMITTED, AssessmentData
from ..errors import UserError
from ..exchange import signing
from ..exchange.received import TABLE, Received, kind_of, read_received
from ..frameworks import registry
from ..i18n import bilingual
from ..labels import status_name
from . import appraisal
from .keys import public_keys_by_agency
from .models import SubmissionRow
from .ranking import relative_answers
from .store import ProvinceStore, utc_now

IMPORTED, DUPLICATE, REPLACED, CONFLICT, OUTDATED, REFUSED = (
    "imported", "duplicate", "replaced", "conflict", "outdated", "refused")
# a table's row with the values already held; a table's row the corrected table no longer has
UNCHANGED, WITHDRAWN = "unchanged", "withdrawn"
# Statuses of a received submission
RECEIVED = "received"
SENDABLE = (FINALISED, SUBMITTED, ACCEPTED, RETURNED)
COMMIT_EVERY_SECONDS = 1.0


@dataclass(frozen=True)
class ImportItem:
    source: str                   # file name (and row, for tables)
    outcome: str
    reason: Text | None = None    # why refused / conflict
    submission_id: int | None = None
    agency: str = ""
    signed_by: str = ""           # digital signature (ký số): the signers' certificate subjects
    whole_document: bool | None = None   # the signatures cover the whole file (None: not signed)
    warnings: tuple[Text, ...] = ()      # e.g. a signer whose certificate no trusted root vouches for
    framework_id: str = ""        # where an imported or replaced submission went
    period: str = ""


@dataclass
class ImportReport:
    items: list[ImportItem] = field(default_factory=list)
    cancelled: bool = False

    def of(self, outcome: str) -> list[ImportItem]:
        return [i for i in self.items if i.outcome == outcome]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys((IMPORTED, REPLACED, DUPLICATE, OUTDATED, CONFLICT, REFUSED), 0)
        # a table's own outcomes, counted only when there are any (files never have them)
        out.update(dict.fromkeys({i.outcome for i in self.items} & {UNCHANGED, WITHDRAWN}, 0))
        for i in self.items:
            out[i.outcome] += 1
        return out

    def main_slot(self) -> tuple[str, str] | None:
        """The framework and period most of the imported files went to (None when nothing was)."""
        slots = Counter((i.framework_id, i.period) for i in self.items
                        if i.outcome in (IMPORTED, REPLACED) and i.framework_id)
        return max(slots, key=lambda k: (slots[k], k)) if slots else None


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to import: the given files, and the files of the given folders (recursively).
    Whatever is not a folder is listed, so that a pipe or a link to a device is reported as
    refused by the reader rather than silently left out."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if not f.is_dir() and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


def slot_of(data: AssessmentData) -> str:
    agency = data.agency.code or f"{data.agency.parent_code}/{data.agency.level}/{data.agency.name.casefold()}"
    return f"{data.framework_id}|{data.period}|{agency}"


class Importer:
    """Imports into one store; frameworks and registered keys are looked up once per run."""

    def __init__(self, store: ProvinceStore, roots_folder: str | Path | None = None):
        """`roots_folder`: the root certificates the province trusts for digital signatures
        (default: the signing settings' folder, exchange.signing_settings)."""
        from ..exchange import signing_settings

        self.store = store
        self._frameworks: dict[tuple[str, str], Framework | Text] = {}
        self._keys = public_keys_by_agency(store)
        self.roots_folder = Path(roots_folder) if roots_folder else signing_settings.load().roots_folder()
        self._roots: list | None = None

    @property
    def roots(self) -> list:
        """The trusted root certificates, read once, when the first file is read."""
        if self._roots is None:
            from ..exchange import pades
            self._roots = pades.trusted_roots(self.roots_folder)
        return self._roots

    def import_files(self, paths: Iterable[str | Path], progress: Callable[[int, int, str], None] | None = None,
                     cancel: Callable[[], bool] | None = None) -> ImportReport:
        files = collect_files(paths)
        report = ImportReport()
        batch = []
        for n, path in enumerate(files):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(n, len(files), path.name)
            if kind_of(path) is None:
                report.items.append(ImportItem(path.name, REFUSED, bilingual(
                    "Loại tệp không được hỗ trợ (chỉ nhận .pdf, .egov.json, .xlsx)")))
                continue
            try:
                batch.append(read_received(path, self.roots))
            except UserError as e:
                report.items.append(ImportItem(path.name, REFUSED, _reason(e)))
                continue
            except MemoryError:
                report.items.append(ImportItem(path.name, REFUSED, bilingual("Tệp quá lớn để đọc")))
                continue
            except Exception as e:  # noqa: BLE001 - one unreadable file must not stop the folder's import
                report.items.append(ImportItem(path.name, REFUSED, bilingual(
                    "Không đọc được tệp (lỗi chưa lường trước: {kind}); các tệp khác vẫn được nhập",
                    kind=type(e).__name__)))
                continue
            if len(batch) >= 200:
                report.items.extend(self.store_received(batch))
                batch = []
        report.items.extend(self.store_received(batch))
        if progress is not None:
            progress(len(files), len(files), "")
        return report

    def store_received(self, received: list[Received]) -> list[ImportItem]:
        """Check and store already read files (files, template rows, table rows); items in input order."""
        items: list[ImportItem | None] = [None] * len(received)
        checked: list[tuple[int, Received, Framework, str]] = []
        for n, r in enumerate(received):
            try:
                fw, sig = self.check(r)
            except UserError as e:
                items[n] = ImportItem(r.source, REFUSED, _reason(e), agency=r.data.agency.name)
                continue
            checked.append((n, r, fw, sig))
        start = time.monotonic()
        pending: list[tuple[int, Received, Framework, str]] = []
        for entry in checked:
            pending.append(entry)
            if time.monotonic() - start > COMMIT_EVERY_SECONDS:
                self._write(pending, items)
                pending, start = [], time.monotonic()
        self._write(pending, items)
        for n, r in enumerate(received):
            if r.digital_signatures and items[n] is not None and items[n].outcome != REFUSED:
                items[n] = replace(items[n], **self.digital_signature(r))
        return [i for i in items if i is not None]

    def digital_signature(self, r: Received) -> dict:
        """What the import report says of a PDF's digital signatures: who, whole, warnings."""
        checks = r.digital_signatures
        warnings = tuple(bilingual("Chứng thư số của người ký ({who}) không do CA gốc được tin cậy cấp "
                                   "(thư mục CA gốc: {folder})", who=c.signer, folder=str(self.roots_folder))
                         for c in checks if not c.trusted)
        return {"signed_by": "; ".join(c.signer for c in checks),
                "whole_document": all(c.whole_document for c in checks), "warnings": warnings}

    # ------------------------------------------------------------ checks

    def framework(self, data: AssessmentData, source: str) -> Framework:
        key = (data.framework_id, data.framework_version)
        found = self._frameworks.get(key)
        if found is None:
            try:
                found = registry.get(data.framework_id, data.framework_version)
            except KeyError:
                found = bilingual("Bộ tiêu chí «{id}» phiên bản {version} chưa có trong chương trình; "
                                  "hãy thêm bộ tiêu chí này trước", id=data.framework_id,
                                  version=data.framework_version)
            self._frameworks[key] = found
        if isinstance(found, Text):
            raise UserError(found, source, "framework")
        if data.framework_hash and not found.has_hash(data.framework_hash):
            raise UserError(bilingual("Bộ tiêu chí «{id}» {version} trong tệp khác với bản của Sở (mã băm khác); "
                                      "tệp được lập theo một bản đã bị sửa", id=found.id, version=found.version),
                            source, "framework.content_hash")
        return found

    def check(self, r: Received) -> tuple[Framework, str]:
        data = r.data
        if data.status not in SENDABLE or data.status == DRAFT:
            raise UserError(bilingual("Đánh giá chưa được hoàn thành (trạng thái «{status}»)", status=status_name(data.status)),
                            r.source, "status")
        if not data.period:
            raise UserError(bilingual("Thiếu kỳ đánh giá"), r.source, "period")
        fw = self.framework(data, r.source)
        unknown = sorted(k for k in data.answers if k not in fw.indicators)
        if unknown:
            raise UserError(bilingual("Chỉ tiêu không có trong bộ tiêu chí: {ids}", ids=", ".join(unknown[:5])),
                            r.source, "answers")
        errors = [p for p in validate(fw, data.engine_answers(), data.evidence_counts()) if p.level == "error"]
        if errors:
            p = errors[0]
            raise UserError(bilingual("Câu trả lời không hợp lệ ({n} lỗi), ví dụ chỉ tiêu {id}: {msg}",
                                      n=len(errors), id=p.indicator_id, msg=p.message.vi),
                            r.source, f"answers.{p.indicator_id}")
        registered = self._keys.get(data.agency.code, []) if data.agency.code else []
        state = signing.verify(r.canonical, r.signature, registered)
        if state == signing.INVALID:
            raise UserError(bilingual("Dữ liệu không khớp chữ ký: tệp đã bị sửa sau khi ký"), r.source, "signature")
        if registered and state != signing.VERIFIED and r.kind != TABLE:  # a table is the province's own data
            raise UserError(bilingual("Cơ quan {code} đã đăng ký khoá ký nhưng tệp không được ký bằng khoá đó",
                                      code=data.agency.code), r.source, "signature")
        return fw, state

    # ------------------------------------------------------------ writing

    def _write(self, entries: list[tuple[int, Received, Framework, str]], items: list) -> None:
        if not entries:
            return
        with self.store.write() as s:
            for n, r, fw, sig in entries:
                try:
                    with s.begin_nested():
                        items[n] = self._place(s, r, fw, sig)
                except UserError as e:
                    items[n] = ImportItem(r.source, REFUSED, _reason(e), agency=r.data.agency.name)

    def _place(self, s, r: Received, fw: Framework, sig: str) -> ImportItem:
        data = r.data
        slot = slot_of(data)
        name = data.agency.name
        # one query for the whole slot (columns only: no ORM objects to build)
        held = s.execute(_HELD, {"slot": slot}).all()
        for row in held:
            if row.content_hash == data.content_hash:
                return ImportItem(r.source, DUPLICATE, submission_id=row.id, agency=name)
        current = [row for row in held if row.current]
        for row in current:
            if data.revision < row.revision:
                return ImportItem(r.source, OUTDATED, bilingual(
                    "Đã có lần sửa đổi mới hơn ({have}) của đánh giá này", have=row.revision),
                    submission_id=row.id, agency=name)
            if data.revision == row.revision:
                return ImportItem(r.source, CONFLICT, bilingual(
                    "Hai bản khác nhau của cùng lần sửa đổi {rev}: giữ bản đã nhận ({first}); "
                    "hãy hỏi lại cơ quan", rev=data.revision, first=row.source_name),
                    submission_id=row.id, agency=name)
        outcome = IMPORTED
        if current:
            s.execute(update(SubmissionRow).where(SubmissionRow.id.in_([row.id for row in current]))
                      .values(current=False))
            outcome = REPLACED
        added = add_submission(s, r, fw, sig, slot)
        warnings = ()
        if current:   # the appraisals of the questions left as they were hold on the new revision
            carried = appraisal.carry(s, [row.id for row in current], s.get(SubmissionRow, added), fw, data)
            warnings = carry_warnings(carried)
        return ImportItem(r.source, outcome, submission_id=added, agency=name, warnings=warnings,
                          framework_id=data.framework_id, period=data.period)


# The statements of every file, built once (their compiled form is cached by SQLAlchemy, but
# building them anew cost more than running them).
_HELD = select(SubmissionRow.id, SubmissionRow.revision, SubmissionRow.content_hash, SubmissionRow.current,
               SubmissionRow.source_name).where(SubmissionRow.slot == bindparam("slot"))
_INSERT = insert(SubmissionRow.__table__)


def add_submission(s, r: Received, fw: Framework, sig: str, slot: str, group: str = "") -> int:
    """Store a checked file as the current submission of its slot; its id. A Core insert: the
    ORM's unit of work, for a row nothing reads back in this session, took half a millisecond
    per file."""
    return s.execute(_INSERT, submission_values(r, fw, sig, slot, group)).inserted_primary_key[0]


def submission_values(r: Received, fw: Framework, sig: str, slot: str, group: str = "") -> dict[str, Any]:
    """The province_submissions columns of a checked file, its scores computed by the
    province's own copy of the framework."""
    data = r.data
    answers = data.engine_answers()
    result = score(fw, answers, period=data.period)
    return dict(
        slot=slot, current=True, uid=data.uid, revision=data.revision, content_hash=data.content_hash,
        framework_id=data.framework_id, framework_version=data.framework_version,
        framework_hash=fw.content_hash, period=data.period, agency_code=data.agency.code,
        agency_name=data.agency.name, agency_level=data.agency.level, parent_code=data.agency.parent_code,
        parent_name=data.agency.parent_name, group_name=group[:300], status=RECEIVED, review_note="", reviewed_at="",
        source_name=r.source[:300], kind=r.kind, signature=sig, received_at=utc_now(),
        digital_signer="; ".join(c.signer for c in r.digital_signatures)[:4000],
        finalised_at=data.finalised_at, total=result.total, total_scaled=result.total_scaled,
        self_total=result.total, self_total_scaled=result.total_scaled,
        points=result.points, max_points=result.max_points, completeness=result.completeness,
        band_vi=result.band.label.vi if result.band else "", band_en=result.band.label.en if result.band else "",
        pillars={p.id: p.index for p in result.pillars},
        indicators={i.id: [i.points, i.max_points] for i in result.indicators.values() if i.max_points or i.points},
        payload=r.file_bytes.decode("utf-8-sig"),
        relative_answers=relative_answers(fw, answers),
    )


def carry_warnings(c) -> tuple[Text, ...]:
    """What the import says of the appraisals of the revision replaced (province.appraisal.carry)."""
    if c is None:
        return ()
    out = []
    if c.carried or c.changed:
        out.append(bilingual("Thẩm định lần {rev}: giữ {n} chỉ tiêu cơ quan không sửa; {m} chỉ tiêu đã sửa cần "
                             "thẩm định lại", rev=c.from_revision, n=len(c.carried), m=len(c.changed)))
    if c.not_valid:
        out.append(bilingual("Thẩm định lần {rev} không chuyển được cho {ids}: bộ tiêu chí phiên bản khác (chỉ tiêu "
                             "không còn, khác điểm tối đa) hoặc nay không áp dụng", rev=c.from_revision,
                             ids=", ".join(c.not_valid)))
    return tuple(out)


def _reason(e: UserError) -> Text:
    where = f" ({e.where})" if e.where else ""
    return Text(e.message.vi + where, (e.message.en or e.message.vi) + where)


def import_files(store: ProvinceStore, paths: Iterable[str | Path], progress=None, cancel=None,
                 roots_folder: str | Path | None = None) -> ImportReport:
    return Importer(store, roots_folder).import_files(paths, progress, cancel)
