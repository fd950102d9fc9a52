"""The province's side of xa-un-egdi-2022: the example table of 12 communes (2023, 2024) imports,
ranks relatively with OSI, TII and HCI shown, rank change and trend, and says that relative
scores change with the group; the agency's report shows the three pillars and the same note."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from egov_desktop.cli import main
from egov_desktop.exchange import assessment_file
from egov_desktop.frameworks import registry
from egov_desktop.province import ranking
from egov_desktop.province.store import open_store
from egov_desktop.province.table_import import import_table
from egov_desktop.reports.data import build_report_data
from egov_desktop.reports.pdf.report import render_pdf

FID = "xa-un-egdi-2022"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TABLE = EXAMPLES / f"{FID}-quang-tri.csv"
needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


@pytest.fixture()
def store():
    s = open_store()
    out = import_table(s, TABLE, FID)
    assert out.written and not out.problems, [p.message for p in out.problems]
    yield s
    s.close()


def test_the_example_table_ranks_relatively_with_the_three_components(store):
    r = ranking.rank(store, FID, "2024", method=ranking.RELATIVE, include_pending=True)
    assert len(r.rows) == 12 and r.pillar_ids == ("osi", "tii", "hci")
    for comp in r.pillar_ids:
        values = [a.pillars[comp] for a in r.rows]
        assert max(values) == pytest.approx(1.0) and min(values) == pytest.approx(0.0)
    assert [a.rank for a in r.rows] == sorted(a.rank for a in r.rows)
    assert r.rows[0].agency_name == "UBND Phường Đồng Hới"
    # rank change against 2023, for every commune; some moved
    assert r.previous_period == "2023"
    assert all(a.previous_rank is not None and a.change == a.previous_rank - a.rank for a in r.rows)
    assert any(a.change for a in r.rows)
    assert "nhóm thay đổi" in r.note.vi and "group changes" in r.note.en


def test_ranking_within_a_group_and_the_trend(store):
    whole = ranking.rank(store, FID, "2024", method=ranking.RELATIVE, include_pending=True)
    in_province = ranking.rank(store, FID, "2024", group="44", method=ranking.RELATIVE, include_pending=True)
    assert [a.agency_code for a in in_province.rows] == [a.agency_code for a in whole.rows]
    assert ranking.rank(store, FID, "2024", group="99", method=ranking.RELATIVE, include_pending=True).rows == ()
    trend = ranking.trend(store, agency_code="18880", framework_id=FID)
    assert [p.period for p in trend] == ["2023", "2024"]
    assert trend[0].value < trend[1].value          # the commune's own LOSI share grew
    absolute = ranking.rank(store, FID, "2024", include_pending=True)
    assert absolute.note.vi == ""                   # the note belongs to the relative method


@needs_pdftotext
def test_the_published_ranking_shows_the_components_and_the_note(store, tmp_path, capsys):
    pdf, xlsx = tmp_path / "xep-hang.pdf", tmp_path / "xep-hang.xlsx"
    store.close()
    for out in (pdf, xlsx):
        assert main(["rank", "--include-pending", "--framework", FID, "--period", "2024", "--method", "relative", "-o", str(out)]) == 0
    text = " ".join(pdf_text(pdf.read_bytes(), tmp_path).split())
    assert "OSI (từ LOSI)" in text and "TII" in text and "HCI" in text
    assert "Lưu ý:" in text and "khi nhóm thay đổi" in text.lower()
    ws = load_workbook(io.BytesIO(xlsx.read_bytes())).active
    assert "nhóm thay đổi" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert {"OSI (từ LOSI)", "TII", "HCI"} <= set(header)


@needs_pdftotext
def test_the_agency_report_shows_the_three_pillars_and_explains_absolute_and_relative(tmp_path):
    data = assessment_file.read(EXAMPLES / f"{FID}.egov.json")
    fw = registry.get(FID)
    report = build_report_data(data, fw)
    assert report.method_note == fw.relative.note
    assert [p.title.vi.split(" – ")[0] for p in report.pillars] == ["OSI", "TII", "HCI"]
    text = " ".join(pdf_text(render_pdf(report, "vi"), tmp_path).split())
    assert "Lưu ý về cách tính:" in text
    assert "là số tuyệt đối" in text and "là tương đối" in text
    for title in ("OSI – Tham gia và tương tác", "TII – Hạ tầng viễn thông", "HCI – Nguồn nhân lực"):
        assert title in text
    english = " ".join(pdf_text(render_pdf(report, "en"), tmp_path).split())
    assert "Note on the method:" in english and "are absolute" in english


def test_a_framework_without_a_relative_method_adds_no_note():
    data = assessment_file.read(EXAMPLES / "xa-2025.egov.json")
    assert build_report_data(data, registry.get("xa-2025")).method_note.vi == ""
