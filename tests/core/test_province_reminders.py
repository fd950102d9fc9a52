"""Reminders to the roster's units that have not submitted: the list (xlsx, PDF) and one e-mail
draft per unit, read back with the standard library's parser; and the CLI."""
from __future__ import annotations

import email.utils
from email import policy
from email.parser import BytesParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_desktop.cli import main
from egov_desktop.errors import UserError
from egov_desktop.province import importer, reminders, roster
from egov_desktop.province.store import open_store
from egov_desktop.reports.email import addresses, display_name
from tests.core.exchange_samples import assessment, install_framework, report_pdf
from tests.core.test_email import names

ROSTER = [roster.Expected("10000", "Xã 0"), roster.Expected("10001", "=HYPERLINK(\"x\")", "commune", "44",
                                                                  "Tỉnh Quảng Trị"),
          roster.Expected("10002", "Phường Đồng Hới, «mới»", "commune", "44", "Tỉnh Quảng Trị")]


@pytest.fixture()
def store(tmp_path):
    install_framework()
    s = open_store()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "0.pdf").write_bytes(report_pdf(assessment("10000", "Xã 0")))
    importer.import_files(s, [tmp_path / "in"])
    roster.set_roster(s, "2025", ROSTER)
    yield s
    s.close()


def test_the_missing_units_as_a_list_and_as_drafts(store, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    r = reminders.reminder(store, "xa-thu", "2025", "Sở Khoa học và Công nghệ tỉnh Quảng Trị")
    assert [e.code for e in r.missing] == ["10001", "10002"]   # 10000 has submitted

    (xlsx,) = reminders.write_reminders(r, tmp_path / "nhac.xlsx")
    ws = load_workbook(xlsx).active
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert "chưa nộp" in ws["A1"].value and ws["A3"].value == "STT"
    names = [ws.cell(row=i, column=3) for i in (4, 5)]
    assert names[0].value.startswith("=") and names[0].data_type == "s"   # text, never a formula
    assert names[1].value == "Phường Đồng Hới, «mới»"

    (pdf,) = reminders.write_reminders(r, tmp_path / "nhac.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "CÔNG VĂN ĐÔN ĐỐC" in text and "Phường Đồng Hới" in text and "Xã 0" not in text

    drafts = reminders.write_reminders(r, tmp_path / "thu")
    assert len(drafts) == 2 and all(p.suffix == ".eml" and p.name.isascii() for p in drafts)
    ids = set()
    for path, unit in zip(drafts, r.missing):
        msg = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        assert msg["Subject"] == f"Đôn đốc gửi báo cáo tự đánh giá {r.framework_title} kỳ 2025 - {unit.name}"
        assert msg["To"] is None and msg["X-Unsent"] == "1"     # the unit's address is unknown
        date = email.utils.parsedate_to_datetime(msg["Date"])
        assert date.utcoffset() is not None
        ids.add(msg["Message-ID"])
        assert unit.name in msg.get_content() and "Sở Khoa học và Công nghệ tỉnh Quảng Trị" in msg.get_content()
    assert len(ids) == 2


def test_cli_roster_remind(store, tmp_path, capsys):
    assert main(["roster", "remind", "--framework", "xa-thu", "--period", "2025", "-o", str(tmp_path / "thu")]) == 0
    assert len(list((tmp_path / "thu").glob("*.eml"))) == 2 and "2" in capsys.readouterr().out
    assert main(["roster", "remind", "--framework", "xa-thu", "--period", "2025", "-o", str(tmp_path / "n.pdf")]) == 0
    assert (tmp_path / "n.pdf").read_bytes().startswith(b"%PDF")


# ------------------------------------------------------------ the To address, from the roster

def _roster_xlsx(path, rows, header=("Mã", "Tên đơn vị", "Thư điện tử")):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Danh sách"
    wb.active.append(list(header))
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)
    return path


def _parse(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


def test_the_rosters_addresses_are_the_drafts_to_and_a_unit_without_one_is_named(store, tmp_path, capsys):
    path = _roster_xlsx(tmp_path / "ds.xlsx", [
        ("10000", "Xã 0", "xa0@quangtri.gov.vn"),
        ("10001", "Ủy ban nhân dân phường Đồng Hới, «mới»", " vanthu.dh@quangtri.gov.vn ; ubnd.dh@quangtri.gov.vn,"
                                                            "VanThu.DH@quangtri.gov.vn"),
        ("10002", "Xã Nam Gianh", None)])
    expected = roster.from_table(path)
    assert [e.email for e in expected] == [
        "xa0@quangtri.gov.vn", "vanthu.dh@quangtri.gov.vn; ubnd.dh@quangtri.gov.vn", ""]   # each once
    roster.set_roster(store, "2025", expected)
    assert roster.roster(store, "2025") == expected                     # stored and read back

    r = reminders.reminder(store, "xa-thu", "2025")
    assert [e.code for e in r.missing] == ["10001", "10002"] and r.unaddressed == [expected[2]]
    dh, ng = reminders.write_reminders(r, tmp_path / "thu")
    m = _parse(dh.read_bytes())
    assert [(a.display_name, a.addr_spec) for a in m["To"].addresses] == [
        ("Ủy ban nhân dân phường Đồng Hới «mới»", "vanthu.dh@quangtri.gov.vn"),
        ("Ủy ban nhân dân phường Đồng Hới «mới»", "ubnd.dh@quangtri.gov.vn")]
    assert dh.read_bytes().split(b"\r\n\r\n", 1)[0].isascii()           # encoded, not raw UTF-8
    assert _parse(ng.read_bytes())["To"] is None                        # still a draft, no To
    assert "Xã Nam Gianh" in reminders.no_address_note(r) and "1" in reminders.no_address_note(r)

    (xlsx,) = reminders.write_reminders(r, tmp_path / "nhac.xlsx")
    from openpyxl import load_workbook
    ws = load_workbook(xlsx).active
    assert ws["E3"].value == "Thư điện tử"
    assert ws["E4"].value == "vanthu.dh@quangtri.gov.vn; ubnd.dh@quangtri.gov.vn"
    assert "chưa có địa chỉ" in ws["E5"].value

    assert main(["roster", "remind", "--framework", "xa-thu", "--period", "2025", "-o", str(tmp_path / "cli")]) == 0
    out = capsys.readouterr().out
    assert "1 thư không có người nhận" in out and "Xã Nam Gianh" in out
    assert main(["roster", "remind", "--framework", "xa-thu", "--period", "2025", "-o", str(tmp_path / "l.pdf")]) == 0
    assert "không có người nhận" not in capsys.readouterr().out       # the list is not a draft


def test_every_bad_address_is_named_by_file_row_and_column_and_nothing_is_stored(store, tmp_path):
    before = roster.roster(store, "2025")
    # the e-mail column is the fourth (D) here: the header names it, not its place
    path = _roster_xlsx(tmp_path / "sai.xlsx", [
        ("10000", "Xã 0", "Tỉnh Quảng Trị", "xa0@quangtri.gov.vn"),
        ("10001", "Xã 1", "Tỉnh Quảng Trị", "xa1@quangtri"),                      # no top-level domain
        ("10002", "Xã 2", "Tỉnh Quảng Trị", "vanthu@xa2.gov.vn; Văn thư <vt@xa2.gov.vn>"),  # a name is not an address
        ("10003", "Xã 3", "Tỉnh Quảng Trị", "ubnd xa3@gov.vn")], header=("Mã", "Tên", "Tỉnh", "E-mail"))
    with pytest.raises(UserError) as e:
        roster.from_table(path)
    err = e.value
    assert err.path == "sai.xlsx" and err.where == "Danh sách!D3"
    text = err.describe("vi")
    assert "3 dòng, cột D («E-mail»)" in text
    assert "D3 «xa1@quangtri»" in text and "D4 «Văn thư <vt@xa2.gov.vn>»" in text and "D5 «ubnd xa3@gov.vn»" in text
    assert "D2" not in text
    assert "sai.xlsx: Danh sách!D3" in text                                # the file and the first cell
    assert "column D ('E-mail')" in err.describe("en")
    assert roster.roster(store, "2025") == before


def test_a_csv_roster_with_addresses(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text("ma;ten;email\n10000;Xã 0;a@x.gov.vn, b@x.gov.vn\n10001;Xã 1;\n10002;Xã 2;@x.gov.vn\n",
                    encoding="utf-8")
    with pytest.raises(UserError) as e:
        roster.from_table(path)
    assert e.value.path == "ds.csv" and e.value.where == "ds!C4" and "«@x.gov.vn»" in e.value.describe()
    path.write_text("ma;ten;email\n10000;Xã 0;a@x.gov.vn, b@x.gov.vn\n10001;Xã 1;\n", encoding="utf-8")
    assert [e.email for e in roster.from_table(path)] == ["a@x.gov.vn; b@x.gov.vn", ""]


def test_a_roster_stored_before_the_email_column_is_migrated(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine, text

    from egov_desktop.province.models import ProvinceBase
    from tests.core.exchange_samples import old_province_store

    url = old_province_store(tmp_path / "old.sqlite", "p0007")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO province_roster (period, code, name, level, group_code, group_name) "
                          "VALUES ('2025', '10000', 'Xã 0', 'commune', '44', 'Tỉnh Quảng Trị')"))
    engine.dispose()
    s = open_store(url)
    try:
        assert roster.roster(s, "2025") == [roster.Expected("10000", "Xã 0", "commune", "44", "Tỉnh Quảng Trị", "")]
        with s.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": lambda o, name, *_: (
                o.__class__.__name__ != "Table" or (name.startswith("province_") and "alembic" not in name))})
            assert [d for d in compare_metadata(ctx, ProvinceBase.metadata) if "province_" in str(d)] == []
    finally:
        s.close()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names, to=st.lists(st.emails(), min_size=1, max_size=4, unique_by=str.casefold),
       separator=st.sampled_from(["; ", ",", " ;", ";\n", " , "]))
def test_any_agency_name_and_addresses_survive_the_to_header(name, to, separator):
    """As a roster cell writes them (`;` or `,` between), read back by the standard parser: each
    address under the agency's name (RFC 5322 specials taken out, as the reports' From)."""
    assert addresses(separator.join(to)) == tuple(to)
    r = reminders.Reminder("xa-thu", "Bộ tiêu chí xã", "2025", [])
    unit = roster.Expected("10001", name, email="; ".join(to))
    raw = reminders.reminder_eml(r, unit)
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii() and all(len(line) <= 998 for line in raw.split(b"\r\n"))
    m = _parse(raw)
    assert [(a.display_name, a.addr_spec) for a in m["To"].addresses] == [(display_name(name), a) for a in to]
    plain = " ".join(name.split())
    if not set(plain) & set('()<>[]:;@\\,."') and len(plain) <= 120:   # the name comes back as written
        assert {a.display_name for a in m["To"].addresses} == {plain}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_roster_as_a_table_to_complete_and_load_back(tmp_path, capsys, lang):
    """`roster template`: the province's communes (or the stored roster) as a workbook; the
    addresses typed into it come back with `roster load --file`."""
    from openpyxl import load_workbook

    from egov_desktop.i18n import set_language

    set_language(lang)
    try:
        out = tmp_path / "ds.xlsx"
        assert main(["roster", "template", "--period", "2025", "--province", "44", "-o", str(out)]) == 0
        wb = load_workbook(out)
        ws = wb.active
        rows = list(ws.iter_rows(values_only=True))
        official = roster.from_units("44", "2025")
        assert len(rows) == len(official) + 1 and rows[1][:2] == (official[0].code, official[0].name)
        ws.cell(row=2, column=6).value = "ubnd@xa.gov.vn, vanthu@xa.gov.vn"
        wb.save(out)
        loaded = roster.from_table(out)
        assert loaded[0] == replace_email(official[0], "ubnd@xa.gov.vn; vanthu@xa.gov.vn") and loaded[1:] == official[1:]

        assert main(["roster", "load", "--period", "2025", "--file", str(out)]) == 0
        again = tmp_path / "lai.xlsx"
        assert main(["roster", "template", "--period", "2025", "-o", str(again)]) == 0   # the stored roster
        assert roster.from_table(again) == loaded
        assert main(["roster", "template", "--period", "2031", "-o", str(tmp_path / "x.xlsx")]) != 0
        assert "--province" in capsys.readouterr().err
    finally:
        set_language("vi")


def replace_email(e, email):
    from dataclasses import replace
    return replace(e, email=email)
