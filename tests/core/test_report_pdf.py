"""The PDF report read back the way a person checks it: text, fonts, structure, pixels."""
from __future__ import annotations

from scoring import record
import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from egov_desktop.domain import Agency, Answer
from egov_desktop.reports.data import build_report_data
from egov_desktop.reports.pdf import render_pdf

from .report_samples import AGENCY_NAME, assessment, framework, nfd, previous_assessment

needs = pytest.mark.skipif(not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "qpdf", "pdftoppm")),
                           reason="poppler-utils and qpdf are needed")


def _pdf(tmp_path, lang="vi", data=None, previous=None):
    report = build_report_data(data or assessment(), framework(), previous=previous)
    pdf = render_pdf(report, lang)
    path = tmp_path / f"report-{lang}.pdf"
    path.write_bytes(pdf)
    return path, pdf


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


@needs
def test_text_has_agency_indicators_and_exact_diacritics(tmp_path):
    path, _ = _pdf(tmp_path, previous=previous_assessment())
    text = _text(path)
    for s in ("ỦY BAN NHÂN DÂN", "PHƯỜNG ĐỒNG HỚI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "Đồng Hới, ngày 15 tháng 12 năm 2025", "Số máy tính trang bị cho cán bộ",
              "Mức độ cung cấp dịch vụ công trực tuyến", "Hạ tầng kỹ thuật", "Trung bình", "745,44 / 1.000 điểm",  # 745.435 rounded half up
              "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nơi nhận:", "SO SÁNH VỚI KỲ TRƯỚC",
              "ĐỀ XUẤT, KIẾN NGHỊ", "15/QĐ-UBND", "Cần Sở xác nhận lại"):
        assert s in text, s
    reader = PdfReader(str(path))
    assert AGENCY_NAME in reader.pages[0].extract_text()
    meta = reader.metadata
    assert meta.author == AGENCY_NAME and AGENCY_NAME in meta.title
    assert reader.trailer["/Root"]["/Lang"] == "vi-VN"


@needs
def test_decomposed_input_renders_composed(tmp_path):
    a = assessment()
    data = record.replace(a, agency=Agency(nfd(AGENCY_NAME), "commune", parent_name=nfd("UBND tỉnh Quảng Trị"),
                                                address=nfd("Đồng Hới")),
                               answers={**a.answers, "notes": Answer(nfd("Kinh phí hạn chế; nhân lực thiếu"))})
    text = _text(_pdf(tmp_path, data=data)[0])
    assert "PHƯỜNG ĐỒNG HỚI" in text and "Kinh phí hạn chế" in text and AGENCY_NAME in text


@needs
def test_markup_typed_by_a_user_shows_literally(tmp_path):
    text = _text(_pdf(tmp_path)[0])
    assert "<b>bold</b> & <font color='red'>đỏ</font>" in text


@needs
def test_structure_and_fonts_embedded_subset_never_helvetica(tmp_path):
    path, _ = _pdf(tmp_path, previous=previous_assessment())
    subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(r[0].startswith("AAAAAA+LiberationSerif") for r in rows), fonts
    assert all(r[-5:-3] == ["yes", "yes"] for r in rows), fonts  # emb, sub
    assert "Helvetica" not in fonts


def test_same_input_same_bytes_and_english_on_request(tmp_path):
    report = build_report_data(assessment(), framework(), previous=previous_assessment())
    assert render_pdf(report) == render_pdf(report)
    en = PdfReader(io.BytesIO(render_pdf(report, "en")))
    text = "".join(p.extract_text() for p in en.pages)
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text and "Computers provided to staff" in text
    assert "Recipients:" in text
    assert en.trailer["/Root"]["/Lang"] == "en"


@needs
def test_first_page_renders_to_an_image(tmp_path):
    path, _ = _pdf(tmp_path)
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_report_of_every_builtin_framework_renders(tmp_path):
    """An empty assessment of each shipped framework: every indicator type, nothing answered."""
    from egov_desktop.domain import AssessmentData
    from egov_desktop.frameworks import registry
    infos = registry.list()
    if not infos:
        pytest.skip("no built-in frameworks yet")
    for info in infos:
        fw = registry.get(info.id, info.version)
        data = AssessmentData(fw.id, fw.version, fw.content_hash, Agency("UBND xã Tân Lập", "commune"), "2025")
        pdf = render_pdf(build_report_data(data, fw, report_date="2025-12-01"))
        assert pdf.startswith(b"%PDF") and len(pdf) < 150_000, info.id
