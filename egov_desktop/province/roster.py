"""The roster of agencies expected to submit for a period, and completeness against it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from .. import units
from ..errors import UserError
from ..i18n import bilingual
from ..reports.email import BadAddress, addresses
from .models import RosterRow, SubmissionRow
from .store import ProvinceStore
from .tables import header_index, read_sheet

SUBMITTED, ACCEPTED, RETURNED, MISSING = "submitted", "accepted", "returned", "missing"
COLUMNS = {
    "code": ("code", "mã", "ma", "mã đơn vị"),
    "name": ("name", "tên", "ten", "tên đơn vị", "cơ quan"),
    "level": ("level", "cấp"),
    "group_code": ("group_code", "mã nhóm", "mã tỉnh"),
    "group_name": ("group_name", "nhóm", "tỉnh"),
    "email": ("email", "e-mail", "thư điện tử", "địa chỉ thư điện tử", "địa chỉ email", "email address"),
}
MAX_BAD_CELLS = 10   # named in the message; the others counted


@dataclass(frozen=True)
class Expected:
    code: str
    name: str
    level: str = ""
    group_code: str = ""
    group_name: str = ""
    email: str = ""      # the unit's addresses, "a@x.gov.vn; b@y.gov.vn" ("" : not known)


@dataclass(frozen=True)
class RosterLine:
    expected: Expected
    state: str                      # SUBMITTED, ACCEPTED, RETURNED or MISSING
    submission_id: int | None


def set_roster(store: ProvinceStore, period: str, expected: list[Expected]) -> int:
    """Replace the roster of `period` (one transaction). An empty roster is refused: it would
    only wipe the one stored."""
    seen, rows = set(), []
    for e in expected:
        key = (e.code, e.name)
        if key not in seen and e.name:
            seen.add(key)
            rows.append(RosterRow(period=period, code=e.code, name=e.name, level=e.level,
                                  group_code=e.group_code, group_name=e.group_name, email=e.email))
    if not rows:
        raise UserError(bilingual("Danh sách không có cơ quan nào; danh sách đã lưu của kỳ {period} được giữ nguyên",
                                  period=period))
    with store.write() as s:
        s.execute(delete(RosterRow).where(RosterRow.period == period))
        s.add_all(rows)
    return len(rows)


def from_units(province_code: str, period: str | None = None) -> list[Expected]:
    """Every commune and ward of a province in the official unit list of `period`. For a period
    before 1 July 2025, the communes of that time of the old provinces that form today's
    province `province_code` (the province's own roster of then), each in its district; a code
    of an old province that is no province today gives that old province."""
    if period is not None and units.before_reform(period):
        today = units.get(province_code, "province")
        old = ([p.unit for p in units.predecessors(today.code, "province")] if today is not None else
               [u for u in [units.get(province_code, "province", old=True)] if u is not None])
        if not old:
            raise UserError(bilingual("Không có tỉnh/thành phố mã «{code}» trong danh mục", code=province_code))
        return [Expected(u.code, u.name, "commune", u.district_code, u.district_name)
                for p in old for u in units.communes(p.code, old=True)]
    province = units.get(province_code, "province")
    if province is None:
        raise UserError(bilingual("Không có tỉnh/thành phố mã «{code}» trong danh mục", code=province_code))
    return [Expected(u.code, u.name, "commune", province.code, province.name) for u in units.communes(province.code)]


def from_table(path: str | Path) -> list[Expected]:
    """The roster of a workbook or CSV file; every bad e-mail address of it in one message."""
    sheet = read_sheet(path)
    rows, name = sheet.rows, Path(path).name
    if not rows:
        raise UserError(bilingual("Bảng trống"), name)
    cols = header_index(rows[0], COLUMNS)
    if "name" not in cols:
        raise UserError(bilingual("Thiếu cột «tên» (name) ở dòng tiêu đề"), name, "1")

    def get(row, field):
        i = cols.get(field)
        return "" if i is None or i >= len(row) or row[i] is None else str(row[i]).strip()

    out, bad = [], []
    for number, r in enumerate(rows[1:], 2):
        if not get(r, "name"):
            continue
        try:
            email = "; ".join(addresses(get(r, "email")))
        except BadAddress as e:
            bad.append((number, str(e)))
            continue
        out.append(Expected(get(r, "code"), get(r, "name"), get(r, "level"), get(r, "group_code"),
                            get(r, "group_name"), email))
    if bad:
        raise _bad_addresses(name, sheet.name, cols["email"], str(rows[0][cols["email"]]), bad)
    if not out:  # a header alone, or every name empty: loading it would wipe the stored roster
        raise UserError(bilingual("Bảng không có cơ quan nào (không dòng nào ghi tên); danh sách đã lưu "
                                  "được giữ nguyên"), name, "2")
    return out


def _bad_addresses(file: str, sheet: str, column: int, header: str, bad: list[tuple[int, str]]) -> UserError:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(column + 1)
    cells = "; ".join(f"{letter}{row} «{piece}»" for row, piece in bad[:MAX_BAD_CELLS])
    more = len(bad) - MAX_BAD_CELLS
    message = bilingual("Địa chỉ thư điện tử không hợp lệ ở {n} dòng, cột {column} («{header}»): {cells}{more}. "
                        "Mỗi địa chỉ có dạng ten@donvi.gov.vn; nhiều địa chỉ cách nhau bằng dấu ; hoặc dấu ,. "
                        "Danh sách đã lưu được giữ nguyên.", n=len(bad), column=letter, header=header, cells=cells,
                        more=f" (+{more})" if more > 0 else "")
    return UserError(message, file, f"{sheet}!{letter}{bad[0][0]}")


HEADER = {"vi": ("Mã", "Tên đơn vị", "Cấp", "Mã nhóm", "Nhóm", "Thư điện tử"),
          "en": ("code", "name", "level", "group_code", "group_name", "email")}   # names from_table reads


def workbook(expected: list[Expected], lang: str = "vi") -> bytes:
    """The roster as a table to complete (the addresses, above all) and load back with
    from_table: one row per unit under the header from_table reads."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..reports.excel.cells import print_a4_landscape, put, to_bytes

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách" if lang == "vi" else "Roster"
    for c, h in enumerate(HEADER["en" if lang == "en" else "vi"], 1):
        put(ws, 1, c, h).font = Font(bold=True)
    for r, e in enumerate(expected, 2):
        for c, v in enumerate((e.code, e.name, e.level, e.group_code, e.group_name, e.email), 1):
            put(ws, r, c, v)
    for col, width in zip("ABCDEF", (10, 40, 10, 10, 30, 45)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    print_a4_landscape(ws, "1:1")
    return to_bytes(wb)


def roster(store: ProvinceStore, period: str) -> list[Expected]:
    with store.read() as s:
        return [Expected(r.code, r.name, r.level, r.group_code, r.group_name, r.email)
                for r in s.scalars(select(RosterRow).where(RosterRow.period == period).order_by(RosterRow.id))]


def completeness(store: ProvinceStore, framework_id: str, period: str) -> list[RosterLine]:
    """Each expected agency with what it sent: accepted, returned, submitted, or missing."""
    expected = roster(store, period)
    with store.read() as s:
        subs = s.execute(select(SubmissionRow.id, SubmissionRow.agency_code, SubmissionRow.agency_name,
                                SubmissionRow.status).where(
            SubmissionRow.framework_id == framework_id, SubmissionRow.period == period,
            SubmissionRow.current.is_(True))).all()
    by_code = {r.agency_code: r for r in subs if r.agency_code}
    by_name = {units.fold(r.agency_name): r for r in subs}
    out = []
    for e in expected:
        sub = by_code.get(e.code) if e.code else by_name.get(units.fold(e.name))
        if sub is None:
            out.append(RosterLine(e, MISSING, None))
        else:
            state = {"accepted": ACCEPTED, "returned": RETURNED}.get(sub.status, SUBMITTED)
            out.append(RosterLine(e, state, sub.id))
    return out
