"""A small framework and a filled assessment for the report, Excel and template tests.

Covers every answer type, a calculated value, N/A, targets, bands with narratives, comments
with markup in them, evidence and flagged answers.
"""
from __future__ import annotations

import unicodedata

from scoring import NA, build_framework

from egov_desktop.domain import Agency, Answer, AssessmentData, Evidence, Respondent

FRAMEWORK = {
    "id": "xa-mau",
    "version": "2025.1",
    "title": {"vi": "Bộ chỉ số đánh giá chuyển đổi số cấp xã (mẫu)", "en": "Commune digital transformation index (sample)"},
    "source": {"vi": "Kế hoạch số 1759/KH-UBND", "en": "Plan No. 1759/KH-UBND"},
    "levels": ["commune"],
    "period": {"from": "2025-07-01", "to": None},
    "total": {"method": "points", "scale": 1000},
    "bands": [
        {"min": 0, "label": {"vi": "Yếu", "en": "Weak"}, "narrative": {"vi": "Cần nỗ lực nhiều.", "en": "Much to do."}},
        {"min": 0.5, "label": {"vi": "Trung bình", "en": "Average"}, "narrative": {"vi": "Đạt mức cơ bản.", "en": "Basic level."}},
        {"min": 0.8, "label": {"vi": "Tốt", "en": "Good"}, "narrative": {"vi": "Ứng dụng CNTT tốt, cần duy trì.", "en": "Good use of IT; keep it up."}},
    ],
    "pillars": [
        {"id": "ha_tang", "title": {"vi": "Hạ tầng kỹ thuật", "en": "Technical infrastructure"}, "max_points": 400,
         "targets": [{"value": 0.9}],
         "indicators": [
             {"id": "staff", "label": {"vi": "Tổng số cán bộ, công chức", "en": "Number of staff"},
              "type": "integer", "unit": {"vi": "người", "en": "people"}, "min": 0, "max": 10000},
             {"id": "computers", "label": {"vi": "Số máy tính trang bị cho cán bộ", "en": "Computers provided to staff"},
              "type": "integer", "unit": {"vi": "máy", "en": "computers"}, "min": 0, "max": 10000,
              "help": {"vi": "Đếm cả máy tính xách tay", "en": "Count laptops too"},
              "scoring": {"rule": "ratio", "denominator": "${staff}", "max_points": 100},
              "targets": [{"value": 20, "source": "KH 1759"}]},
             {"id": "computers_per_staff", "label": {"vi": "Tỷ lệ máy tính trên cán bộ", "en": "Computers per staff member"},
              "type": "calculated", "calculation": "${computers} / ${staff}", "decimals": 2},
             {"id": "lan", "label": {"vi": "Có mạng nội bộ (LAN) kết nối Internet", "en": "LAN connected to the Internet"},
              "type": "yes_no", "scoring": {"rule": "yes_no", "max_points": 100}, "evidence": "required"},
             {"id": "wan_pct", "label": {"vi": "Tỷ lệ máy tính kết nối mạng diện rộng (WAN) của tỉnh",
                                          "en": "Share of computers on the provincial WAN"},
              "type": "percent", "unit": {"vi": "%", "en": "%"}, "min": 0, "max": 100, "allow_na": True,
              "scoring": {"rule": "ratio", "max_points": 200}, "targets": [{"value": 100}]},
         ]},
        {"id": "dich_vu", "title": {"vi": "Dịch vụ công trực tuyến", "en": "Online public services"}, "max_points": 600,
         "indicators": [
             {"id": "dvc_level", "label": {"vi": "Mức độ cung cấp dịch vụ công trực tuyến", "en": "Level of online public services"},
              "type": "choice", "choices": [
                  {"id": "full", "label": {"vi": "Toàn trình", "en": "Full"}, "points": 300},
                  {"id": "partial", "label": {"vi": "Một phần", "en": "Partial"}, "points": 150},
                  {"id": "none", "label": {"vi": "Chưa cung cấp", "en": "None"}, "points": 0}],
              "scoring": {"rule": "choice", "max_points": 300}},
             {"id": "systems", "label": {"vi": "Hệ thống thông tin đang sử dụng", "en": "Information systems in use"},
              "type": "multiple", "choices": [
                  {"id": "dms", "label": {"vi": "Quản lý văn bản và điều hành", "en": "Document management"}, "points": 100},
                  {"id": "mail", "label": {"vi": "Thư điện tử công vụ", "en": "Official e-mail"}, "points": 50},
                  {"id": "sign", "label": {"vi": "Chữ ký số", "en": "Digital signature"}, "points": 50}],
              "scoring": {"rule": "choice", "max_points": 200}},
             {"id": "portal_date", "label": {"vi": "Ngày khai trương cổng thông tin điện tử", "en": "Portal launch date"},
              "type": "date", "required": False},
             {"id": "website_hits", "label": {"vi": "Số lượt truy cập cổng thông tin trong năm", "en": "Portal visits in the year"},
              "type": "number", "unit": {"vi": "lượt", "en": "visits"}, "min": 0,
              "scoring": {"rule": "linear", "target": 10000, "max_points": 100}},
             {"id": "notes", "label": {"vi": "Khó khăn, vướng mắc", "en": "Difficulties"}, "type": "text", "required": False},
         ]},
    ],
}

AGENCY_NAME = "UBND phường Đồng Hới"


def framework():
    return build_framework(FRAMEWORK, "xa-mau.yaml")


def assessment(**changes) -> AssessmentData:
    answers = {
        "staff": Answer(20),
        "computers": Answer(18, comment="Thiếu 2 máy <b>bold</b> & <font color='red'>đỏ</font>"),
        "lan": Answer("yes", evidence=(Evidence("15/QĐ-UBND", "2025-03-01", "Quyết định đầu tư mạng LAN & Internet"),)),
        "wan_pct": Answer(None, na=True, comment="Tỉnh chưa triển khai WAN"),
        "dvc_level": Answer("partial", flagged=True, comment="Cần Sở xác nhận lại"),
        "systems": Answer(("dms", "sign")),
        "portal_date": Answer("2019-09-02"),
        "website_hits": Answer(6543.5),
        "notes": Answer("Kinh phí hạn chế; nhân lực thiếu"),
    }
    base = dict(
        framework_id="xa-mau", framework_version="2025.1", framework_hash=framework().content_hash,
        agency=Agency(AGENCY_NAME, "commune", "19999", "UBND tỉnh Quảng Trị", "44", "Đồng Hới"),
        period="2025", answers=answers,
        respondent=Respondent("Nguyễn Thị Hằng", "Công chức Văn hóa - Xã hội", "0912 345 678", "hang@donghoi.gov.vn"),
        uid="6f1c2a8e-0000-4000-8000-000000000001", created_at="2025-12-01T08:00:00+07:00",
        finalised_at="2025-12-15T16:30:00+07:00", status="finalised",
    )
    base.update(changes)
    return AssessmentData(**base)


def previous_assessment() -> AssessmentData:
    a = assessment(period="2024", finalised_at="2024-12-10T10:00:00+07:00")
    answers = dict(a.answers)
    answers["computers"] = Answer(12)
    answers["dvc_level"] = Answer("none")
    return assessment(period="2024", answers=answers)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


__all__ = ["AGENCY_NAME", "FRAMEWORK", "NA", "assessment", "framework", "nfd", "previous_assessment"]
