"""The published ranking as an official notice (Decree 30 layout), read back from the PDF; the
workbook and the CSV in both conventions."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from egov_desktop.exchange import assessment_file
from egov_desktop.province import importer, publish, ranking
from egov_desktop.province.store import open_store
from tests.core.exchange_samples import assessment, install_framework

from .pdf_layout import MM, find, page_text, pages

CENTRE = (30 * MM + 595.2756 - 20 * MM) / 2


@pytest.fixture()
def ranked(tmp_path):
    install_framework()
    store = open_store()
    files = []
    for i in range(9):
        p = tmp_path / f"{i}.egov.json"
        p.write_bytes(assessment_file.dumps(assessment(f"3{i:04d}", f"Xã {i}", computers=10 + (i % 3),
                                                       staff=10 + i % 4, dvc=40 + i)))
        files.append(p)
    importer.import_files(store, files)
    yield ranking.rank(store, "xa-thu", "2025", include_pending=True)   # just imported: awaiting review
    store.close()


def test_ranking_is_a_notice_of_the_so_with_number_signer_and_noi_nhan(ranked):
    pdf = publish.ranking_pdf(ranked, authority="Sở Khoa học và Công nghệ tỉnh Quảng Trị", date_iso="2026-01-05")
    doc = pages(pdf)
    parent, own = find(doc, "UBND TỈNH QUẢNG TRỊ", 1), find(doc, "SỞ KHOA HỌC VÀ CÔNG NGHỆ", 1)
    assert not parent.bold and own.bold and own.x1 < CENTRE
    assert find(doc, "Số:", 1).text == "Số: /TB-SKHCN"
    assert find(doc, "Quảng Trị, ngày 05 tháng 01 năm 2026", 1).italic
    kind = find(doc, "THÔNG BÁO", 1)
    assert kind.bold and kind.size == 14
    text = "\n".join(page_text(doc, n) for n in range(1, len(doc) + 1))
    assert "Kỳ trước" not in text and "Thay đổi" not in text          # no previous period: no empty columns
    assert "LV1" in text and "LV2" in text                               # pillar columns, with a legend
    assert text.count("Đã nhận") == len(ranked.rows)                     # the status of each submission
    for a in ranked.rows:                                                # the decimals that decide ranks
        assert f"{a.value:.4f}".replace(".", ",") in text and f"{a.pillars['dich_vu']:.4f}".replace(".", ",") in text
    assert "Chỉ số" in text
    head, sign = find(doc, "Nơi nhận:"), find(doc, "GIÁM ĐỐC")
    assert head.page == sign.page and abs(head.top - sign.top) < 4 and head.x1 < sign.x0
    assert "- UBND tỉnh Quảng Trị;" in text and "- Lưu: VT." in text


def test_return_note_is_a_letter_in_the_same_layout(ranked, tmp_path):
    from egov_desktop.province import review
    store = open_store()
    try:
        sub = review.submissions(store, "xa-thu", "2025")[0]
        returned = review.return_for_correction(store, sub.id, "Số máy tính không khớp")
    finally:
        store.close()
    doc = pages(review.return_note_pdf(returned, "Lê Văn Tâm", "Sở Khoa học và Công nghệ tỉnh Quảng Trị"))
    assert find(doc, "SỞ KHOA HỌC VÀ CÔNG NGHỆ", 1).bold and find(doc, "PHIẾU TRẢ LẠI HỒ SƠ", 1).bold
    assert find(doc, "Số:", 1).text == "Số: /SKHCN"
    assert find(doc, f"- {returned.agency_name};") and find(doc, "Lê Văn Tâm").bold
    assert abs(find(doc, "Nơi nhận:").top - find(doc, "GIÁM ĐỐC").top) < 4


def test_csv_is_vietnamese_by_default_and_international_on_request(ranked):
    vi = list(csv.reader(io.StringIO(publish.ranking_csv(ranked).decode("utf-8-sig")), delimiter=";"))
    intl = list(csv.reader(io.StringIO(publish.ranking_csv(ranked, convention="intl").decode("utf-8-sig"))))
    assert vi[0] == intl[0] and len(vi[0]) > 6 and vi[0][-1] == "Tình trạng hồ sơ"
    assert "Hạng kỳ trước" not in vi[0]
    v = ranked.rows[0].value
    assert vi[0][5] == "Chỉ số (0–1)" and vi[1][5] == f"{v:.4f}".replace(".", ",") and intl[1][5] == f"{v:.4f}"


def test_workbook_prints_on_a4_landscape_with_4_decimals(ranked):
    ws = load_workbook(io.BytesIO(publish.ranking_xlsx(ranked))).active
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.cell(4, 6).number_format == "0.0000" and ws.print_title_rows == "$3:$3"
