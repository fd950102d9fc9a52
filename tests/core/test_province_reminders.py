"""Reminders to the roster's units that have not submitted: the list (xlsx, PDF) and one e-mail
draft per unit, read back with the standard library's parser; and the CLI."""
from __future__ import annotations

import email.utils
from email import policy
from email.parser import BytesParser

import pytest

from egov_desktop.cli import main
from egov_desktop.province import importer, reminders, roster
from egov_desktop.province.store import open_store
from tests.core.exchange_samples import assessment, install_framework, report_pdf

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
    to = BytesParser(policy=policy.default).parsebytes(reminders.reminder_eml(r, r.missing[1], "ubnd@x.gov.vn"))
    assert to["To"] == "ubnd@x.gov.vn"


def test_cli_roster_remind(store, tmp_path, capsys):
    assert main(["roster", "remind", "--framework", "xa-thu", "--period", "2025", "-o", str(tmp_path / "thu")]) == 0
    assert len(list((tmp_path / "thu").glob("*.eml"))) == 2 and "2" in capsys.readouterr().out
    assert main(["roster", "remind", "--framework", "xa-thu", "--period", "2025", "-o", str(tmp_path / "n.pdf")]) == 0
    assert (tmp_path / "n.pdf").read_bytes().startswith(b"%PDF")
