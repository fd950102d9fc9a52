"""The report PDF laid out as Decree 30/2020/NĐ-CP (Annex I) sets it, read back from the real PDF:
the place, font and size of the heading, number, body, page numbers, signature and Nơi nhận;
page breaks; drafts marked on every page; what the text says (docs/reports.md)."""
from __future__ import annotations

from scoring import record
import importlib.util
import io
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from egov_desktop.domain import Agency, AgencyProfile, Evidence
from egov_desktop.reports.data import build_report_data
from egov_desktop.reports.pdf import render_pdf
from egov_desktop.reports.pdf.report import AssessmentReport
from scoring import build_framework

from .pdf_layout import MM, find, page_text, pages
from .report_samples import FRAMEWORK, assessment, framework, previous_assessment

PAGE_W, PAGE_H = 595.2756, 841.8898
CENTRE = (30 * MM + PAGE_W - 20 * MM) / 2   # of the text area (left margin 30 mm, right 20 mm)


def _report(data=None, previous=None, fw=None, lang="vi"):
    return build_report_data(data or assessment(), fw or framework(), previous=previous)


def _draft():
    return assessment(status="draft", finalised_at="", content_hash="")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_reports", Path(__file__).parents[2] / "benchmarks" /
                                                  "bench_reports.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    fw = mod.framework_100()
    return record.replace(mod.assessment_100(fw), status="finalised"), fw


def _big_chars(pdf: bytes) -> list[str]:
    """Per page, the text drawn in letters above 50 pt (the draft watermark)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return ["".join(c["text"] for c in p.chars if c["size"] > 50) for p in doc.pages]


# ---------------------------------------------------------------- the heading

def test_commune_heading_is_the_committee_in_full_at_left_over_a_fillable_number():
    doc = pages(render_pdf(_report()))
    committee, commune = find(doc, "ỦY BAN NHÂN DÂN", 1), find(doc, "PHƯỜNG ĐỒNG HỚI", 1)
    nation = find(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1)
    motto = find(doc, "Độc lập - Tự do - Hạnh phúc", 1)
    number, date = find(doc, "Số:", 1), find(doc, "Đồng Hới, ngày 15 tháng 12 năm 2025", 1)
    for line in (committee, commune):           # issuing agency: capitals, 12–13 pt, bold, left half
        assert line.bold and 12 <= line.size <= 13 and line.x1 < CENTRE
    assert committee.top < commune.top < number.top
    assert nation.bold and 12 <= nation.size <= 13 and nation.x0 > CENTRE - 30
    assert motto.bold and 13 <= motto.size <= 14 and abs(motto.top - commune.top) < 3
    assert number.text == "Số: /BC-UBND" and 13 <= number.size <= 14 and number.x1 < CENTRE   # room to write it
    assert date.italic and 13 <= date.size <= 14 and date.x0 > CENTRE - 40
    first = page_text(doc, 1)
    assert "UBND PHƯỜNG ĐỒNG HỚI" not in first and "TỈNH QUẢNG TRỊ" not in first  # no abbreviation, no invented line


def test_a_department_prints_its_superior_abbreviated_and_its_own_name_in_full():
    a = assessment()
    data = record.replace(a, agency=Agency("Sở Khoa học và Công nghệ tỉnh Lâm Đồng", "department",
                                                parent_name="Lâm Đồng", address="Lâm Đồng"))
    doc = pages(render_pdf(_report(data)))
    parent, own = find(doc, "UBND TỈNH LÂM ĐỒNG", 1), find(doc, "SỞ KHOA HỌC VÀ CÔNG NGHỆ", 1)
    assert not parent.bold and own.bold and parent.top < own.top
    assert own.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert find(doc, "Số:", 1).text == "Số: /BC-SKHCN"
    text = "\n".join(page_text(doc, n) for n in range(1, len(doc) + 1))
    nơi_nhận = text[text.index("Nơi nhận:"):]
    assert "- UBND tỉnh Lâm Đồng;" in nơi_nhận and "- Sở Khoa học" not in nơi_nhận  # never to itself


def test_the_profile_fills_number_signer_and_recipients():
    profile = AgencyProfile(parent_line="", issuer="ỦY BAN NHÂN DÂN\nPHƯỜNG ĐỒNG HỚI", place="Đồng Hới",
                            symbol="BC-UBND", number="125", authority="KT.", on_behalf="CHỦ TỊCH",
                            signer_position="PHÓ CHỦ TỊCH", signer_name="Trần Văn Bình",
                            recipients=("Sở Khoa học và Công nghệ tỉnh Quảng Trị", "TT Đảng ủy phường", "Lưu: VT"))
    doc = pages(render_pdf(_report(assessment(profile=profile))))
    assert find(doc, "Số:", 1).text == "Số: 125/BC-UBND"
    kt = find(doc, "KT. CHỦ TỊCH")
    assert find(doc, "PHÓ CHỦ TỊCH").top > kt.top and find(doc, "Trần Văn Bình").top > kt.top + 50
    assert find(doc, "- TT Đảng ủy phường;") and find(doc, "- Lưu: VT.")


# ---------------------------------------------------------------- sizes and pages

def test_body_is_13_pt_and_page_numbers_sit_top_centre_from_page_2():
    data, fw = _bench()
    doc = pages(render_pdf(build_report_data(data, fw)))
    assert len(doc) >= 4
    opening = find(doc, "UBND phường Đồng Hới báo cáo", 1)
    assert 13 <= opening.size <= 14
    assert not [line for line in doc[0] if line.top < 20 * MM and line.text.isdigit()]   # none on page 1
    for n in range(2, len(doc) + 1):
        number = doc[n - 1][0]
        assert number.text == str(n), (n, number)
        assert number.top < 20 * MM and abs((number.x0 + number.x1) / 2 - CENTRE) < 3 and 13 <= number.size <= 14
        assert not any(line.text.startswith(("Trang", "Page")) for line in doc[n - 1])


def test_signature_at_right_beside_noi_nhan_at_left_with_decree_sizes():
    doc = pages(render_pdf(_report()))
    head = find(doc, "Nơi nhận:")
    sign = find(doc, "TM. ỦY BAN NHÂN DÂN")
    chairman = find(doc, "CHỦ TỊCH", sign.page)
    item = find(doc, "- Sở Khoa học và Công nghệ tỉnh Quảng Trị;")
    store = find(doc, "- Lưu: VT.")
    assert head.page == sign.page == item.page
    assert head.bold and head.italic and head.size == 12                 # "Nơi nhận:" 12 pt bold italic
    assert item.size == 11 and not item.bold and not item.italic and store.size == 11   # its list 11 pt upright
    assert sign.bold and 13 <= sign.size <= 14 and chairman.top > sign.top
    assert abs(head.top - sign.top) < 4                                  # beside each other
    assert head.x1 < CENTRE < sign.x0 + 40 and sign.x0 > head.x1         # Nơi nhận left, signature right
    # never alone: the closing paragraph is on the signature's page, above it
    closing = find(doc, "Trên đây là báo cáo", sign.page)
    assert closing.top < sign.top


def test_indicator_tables_are_an_appendix_after_the_signature():
    doc = pages(render_pdf(_report(previous=previous_assessment())))
    sign = find(doc, "TM. ỦY BAN NHÂN DÂN")
    appendix = find(doc, "Phụ lục")
    assert appendix.page == sign.page + 1 and appendix.bold and appendix.size == 14
    assert appendix.top < 30 * MM                                            # on a page of its own
    assert find(doc, "I. KẾT QUẢ THEO CHỈ TIÊU").page >= appendix.page
    assert find(doc, "(Kèm theo Báo cáo số").page == appendix.page
    body = "\n".join(page_text(doc, n) for n in range(1, appendix.page))
    assert "Số máy tính trang bị cho cán bộ" in body                       # named in the findings
    assert "Tổng số cán bộ, công chức" not in body                         # the tables are in the appendix
    for h in ("KẾT QUẢ CHUNG", "KẾT QUẢ THEO TỪNG LĨNH VỰC", "SO SÁNH VỚI KỲ TRƯỚC", "NHẬN XÉT, ĐÁNH GIÁ",
              "ĐỀ XUẤT, KIẾN NGHỊ"):
        assert h in body, h


def test_no_heading_at_the_foot_of_a_page_and_no_page_left_two_thirds_blank():
    data, fw = _bench()
    doc = pages(render_pdf(build_report_data(data, fw)))
    appendix = find(doc, "Phụ lục").page
    for lines in doc:
        body = [line for line in lines if line.top > 20 * MM and line.bottom < PAGE_H - 20 * MM]
        last = body[-1]
        # the last thing on a page is never a heading (a bold line of its own above its table)
        assert not (last.bold and last.text[:2] in ("I.", "II", "IV", "V.", "VI") and len(last.text) < 60), last
        if lines[0].page not in (appendix - 1, len(doc)):
            assert last.bottom > PAGE_H * 2 / 3, f"page {lines[0].page} ends at {last.bottom:.0f} pt"


def test_evidence_numbers_and_units_are_never_split_mid_word():
    a = assessment()
    lan = record.replace(a.answers["lan"], evidence=(
        Evidence("1854/QĐ-UBND", "2025-03-01", "Quyết định phê duyệt kế hoạch ứng dụng công nghệ thông tin"),
        Evidence("2315/QĐ-UBND-VX", "2025-04-12", "Quyết định đầu tư mạng LAN")))
    doc = pages(render_pdf(_report(record.replace(a, answers={**a.answers, "lan": lan}))))
    words = {w for p in doc for line in p for w in line.text.split()}
    assert "1854/QĐ-UBND" in words and "2315/QĐ-UBND-VX" in words


def test_the_footer_check_code_stays_inside_the_page_and_clear_of_the_page_number():
    data, fw = _bench()
    doc = pages(render_pdf(build_report_data(data, fw)))
    for lines in doc:
        footer = [line for line in lines if line.text.startswith("Mã kiểm tra (SHA-256):")]
        assert len(footer) == 1 and footer[0].top > PAGE_H - 20 * MM
        assert footer[0].x0 >= 30 * MM - 1 and footer[0].x1 <= PAGE_W - 20 * MM + 1
        others = [line for line in lines if line is not footer[0] and abs(line.top - footer[0].top) < 4]
        assert not others, others


# ---------------------------------------------------------------- drafts

def test_a_draft_is_marked_on_every_page_and_carries_no_check_code():
    pdf = render_pdf(_report(_draft()))
    marks = _big_chars(pdf)
    assert len(marks) >= 2 and all(m == "DỰ THẢO" for m in marks), marks
    doc = pages(pdf)
    box = find(doc, "DỰ THẢO", 1)
    assert box.bold and box.top > find(doc, "Số:", 1).top and box.x1 < CENTRE      # the note under the number
    text = "\n".join(page_text(doc, n) for n in range(1, len(doc) + 1))
    assert "Mã kiểm tra" not in text and "SHA-256" not in text


def test_a_final_report_has_no_draft_mark_and_a_check_code_on_every_page():
    pdf = render_pdf(_report())
    assert not any(_big_chars(pdf))
    doc = pages(pdf)
    assert all("DỰ THẢO" not in page_text(doc, n) for n in range(1, len(doc) + 1))
    assert all(any(line.text.startswith("Mã kiểm tra (SHA-256):") for line in p) for p in doc)


# ---------------------------------------------------------------- what it says

def test_not_applicable_answers_are_never_recommended():
    fw_dict = {**FRAMEWORK, "pillars": [dict(p) for p in FRAMEWORK["pillars"]]}
    inds = [dict(i) for i in fw_dict["pillars"][0]["indicators"]]
    inds[4]["na_counts"] = "zero"   # wan_pct, answered "không áp dụng", then scores 0
    fw_dict["pillars"][0]["indicators"] = inds
    fw = build_framework(fw_dict, "xa-mau.yaml")
    a = assessment(framework_hash=fw.content_hash)
    report = build_report_data(a, fw)
    assert "wan_pct" not in {i.indicator_id for i in report.improvements}
    doc = pages(render_pdf(report))
    body = "\n".join(page_text(doc, n) for n in range(1, find(doc, "Phụ lục").page))
    assert "«Tỷ lệ máy tính kết nối mạng diện rộng" not in body


def test_no_plan_target_talk_without_targets_and_chua_dat_only_against_one():
    fw_dict = {**FRAMEWORK, "pillars": [dict(p, targets=[], indicators=[{k: v for k, v in i.items() if k != "targets"}
                                                                     for i in p["indicators"]])
                                        for p in FRAMEWORK["pillars"]]}
    fw = build_framework(fw_dict, "xa-mau.yaml")
    report = build_report_data(assessment(framework_hash=fw.content_hash), fw)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(report))).pages)
    assert "Mục tiêu kế hoạch" not in text and "mục tiêu kế hoạch" not in text and "Mục tiêu" not in text
    assert "Chưa đạt" not in text and "Còn thiếu" not in text
    assert "% điểm tối đa" in text   # the chart's value axis says its unit


def test_gaps_have_units_and_percentage_points_are_not_percent():
    report = _report(previous=previous_assessment())
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(report))).pages)
    assert "còn thiếu 2 máy" in text
    assert "+25 điểm %" in text and "+15 điểm %" in text       # 35,9% → 60,9%; 80% → 95%
    assert "+25%" not in text


def test_findings_come_from_the_figures_and_no_internal_ids_show():
    report = _report()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(report))).pages)
    assert "Lĩnh vực đạt tỷ lệ cao nhất là Hạ tầng kỹ thuật (95%); thấp nhất là Dịch vụ công trực tuyến (60,9%)." \
        in " ".join(text.split())
    assert "Ứng dụng CNTT tốt, cần duy trì" not in text and "Đạt mức cơ bản" not in text   # no canned verdict
    assert "xa-mau" not in text and "2025.1" not in text and "phiên bản" not in text
    assert "Thực hiện Kế hoạch số 1759/KH-UBND" in " ".join(text.split())


# ---------------------------------------------------------------- the file

def test_pdf_1_4_with_bookmarks_for_the_sections():
    pdf = render_pdf(_report(previous=previous_assessment()))
    assert pdf.startswith(b"%PDF-1.4")
    reader = PdfReader(io.BytesIO(pdf))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[:5] == ["I. KẾT QUẢ CHUNG", "II. KẾT QUẢ THEO TỪNG LĨNH VỰC", "III. SO SÁNH VỚI KỲ TRƯỚC",
                          "IV. NHẬN XÉT, ĐÁNH GIÁ", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert "Phụ lục" in titles


def test_the_signature_space_is_known_for_a_visible_signature():
    doc = AssessmentReport(_report())
    pdf = doc.render()
    page, x0, y0, x1, y1 = doc.signature_box
    sign = find(pages(pdf), "TM. ỦY BAN NHÂN DÂN")
    assert page == sign.page and x0 < sign.x0 < x1 and y1 - y0 >= 55 and PAGE_H - y1 > sign.bottom


@pytest.mark.parametrize("lang", ["en"])
def test_english_keeps_the_layout(lang):
    doc = pages(render_pdf(_report(), lang))
    assert find(doc, "SOCIALIST REPUBLIC OF VIET NAM", 1).x0 > CENTRE - 30
    head = find(doc, "Recipients:")
    assert head.bold and head.italic and head.size == 12
    assert find(doc, "No.:", 1)
    assert doc[1][0].text == "2"


def test_bars_sit_on_their_category_and_targets_are_marks_not_bars():
    """Pillar 1 has a plan target, pillar 2 none: both result bars are centred over their labels."""
    pdf = render_pdf(_report())
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        result = (0x1F / 255, 0x4E / 255, 0x79 / 255)   # charts.RESULT
        bars = sorted((r for r in page.rects if r["non_stroking_color"] and
                       all(abs(a - b) < 0.01 for a, b in zip(r["non_stroking_color"], result))
                       and r["height"] > 10), key=lambda r: r["x0"])   # not the legend swatch
        words = page.extract_words()
    labels = [next(w for w in words if w["text"] == f"{n}.") for n in ("1", "2")]
    label_centres = []
    for w in labels:   # "1. Hạ tầng kỹ thuật": the centre of the whole label line
        line = [x for x in words if abs(x["top"] - w["top"]) < 1 and x["x0"] >= w["x0"] and x["x0"] - w["x0"] < 160]
        label_centres.append((w["x0"] + max(x["x1"] for x in line)) / 2)
    assert len(bars) == 2
    for bar, centre in zip(bars, label_centres):
        assert abs((bar["x0"] + bar["x1"]) / 2 - centre) < 3, (bar, centre)
