"""ReportData, file names and the e-mail draft."""
from __future__ import annotations

import email
from email import policy

from scoring import NA

from egov_desktop.reports.data import build_report_data
from egov_desktop.reports.email import build_eml
from egov_desktop.reports.format import fmt_long_date, fmt_number
from egov_desktop.reports.names import ascii_fold, report_file_name

from .report_samples import AGENCY_NAME, assessment, framework, previous_assessment


def test_report_data_carries_scores_answers_and_previous_period():
    r = build_report_data(assessment(), framework(), previous=previous_assessment())
    assert r.agency.name == AGENCY_NAME and r.report_date == "2025-12-15"
    assert round(r.total_scaled, 2) == 745.43 and r.band.vi == "Trung bình"
    lines = {line.id: line for line in r.lines()}
    assert lines["computers"].answer.vi == "18 máy" and lines["computers"].answer.en == "18 computers"
    assert lines["computers"].gap == 2 and lines["computers"].target_met is False
    assert lines["wan_pct"].raw is NA and lines["wan_pct"].answer.vi == "Không áp dụng"
    assert lines["systems"].answer.vi == "Quản lý văn bản và điều hành; Chữ ký số"
    assert lines["computers_per_staff"].calculated and lines["computers_per_staff"].answer.vi == "0,9"
    assert [line.id for line in r.flagged] == ["dvc_level"]
    assert r.improvements[0].indicator_id == "dvc_level"
    assert r.previous.period == "2024" and r.pillars[0].previous_index == 0.8
    assert len(r.content_hash) == 64


def test_numbers_and_dates_read_the_vietnamese_way():
    assert fmt_number(1234.5) == "1.234,5" and fmt_number(1234.5, "en") == "1,234.5"
    assert fmt_long_date("2025-02-05") == "ngày 05 tháng 02 năm 2025"
    assert fmt_long_date("2025-12-15", "en") == "15 December 2025"


def test_file_names_are_ascii_and_say_what_the_file_is():
    assert report_file_name("UBND phường Đồng Hới", "2025", "xa-2025", ".pdf") == "UBND-phuong-Dong-Hoi_2025_xa-2025.pdf"
    assert ascii_fold("Đắk Lắk – Điện Biên") == "Dak Lak   Dien Bien"
    name = report_file_name('Sở TT&TT "Hà Nội"/../x', "2024–2025", "so-nganh", ".pdf")
    assert name == "So-TT-TT-Ha-Noi-x_2024-2025_so-nganh.pdf"
    assert name.isascii() and "/" not in name and '"' not in name and " " not in name


def test_eml_is_an_unsent_message_with_the_pdf_attached():
    r = build_report_data(assessment(), framework())
    raw = build_eml(r, b"%PDF-1.4 test", "UBND-phuong-Dong-Hoi_2025_xa-mau.pdf", "so@quangtri.gov.vn")
    m = email.message_from_bytes(raw, policy=policy.default)
    assert m["X-Unsent"] == "1" and m["To"] == "so@quangtri.gov.vn"
    assert AGENCY_NAME in m["Subject"] and "2025" in m["Subject"]
    body = m.get_body(("plain",)).get_content()
    assert "745,44/1.000" in body and "Trung bình" in body and AGENCY_NAME in body
    [att] = list(m.iter_attachments())
    assert att.get_filename() == "UBND-phuong-Dong-Hoi_2025_xa-mau.pdf" and att.get_content() == b"%PDF-1.4 test"


def test_the_report_prints_the_target_of_the_assessments_period():
    """Dated targets: the report shows, and measures the gap against, the one for its period."""
    import copy
    from scoring.record import replace

    from scoring import build_framework

    from .report_samples import FRAMEWORK

    data = copy.deepcopy(FRAMEWORK)
    ind = next(i for p in data["pillars"] for i in p["indicators"] if i.get("type") == "percent")
    ind["targets"] = [{"value": 100, "year": 2022}, {"value": 60, "year": 2025}]
    fw = build_framework(data, "x.yaml")
    for period, target in (("2025", "60"), ("2022", "100")):
        report = build_report_data(replace(assessment(), period=period), fw)
        line = next(x for x in report.lines() if x.id == ind["id"])
        assert line.target.vi.startswith(target), (period, line.target)
