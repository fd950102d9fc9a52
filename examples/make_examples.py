"""Write one filled assessment per built-in framework: examples/<framework-id>.egov.json.

Run from the repository: `.venv/bin/python examples/make_examples.py`. The files are
deterministic (fixed uid and timestamps), so re-running gives the same bytes.

The answers are realistic but invented, except the DTI example: the main-index values of
TP. Đà Nẵng in 2022 as published on dti.gov.vn (methodology.md §5.4), which reproduce its
published DTI of 0.8002.
"""
from __future__ import annotations

import uuid
from pathlib import Path

from egov_desktop.domain import DRAFT, FINALISED, Agency, Answer, AssessmentData, Evidence, Respondent
from egov_desktop.exchange import assessment_file
from egov_desktop.frameworks import registry
from scoring import NA

HERE = Path(__file__).resolve().parent
_NAMESPACE = uuid.UUID("6f1c3d2e-1b7a-4c55-9e0f-2a4d8b6c7e10")


def assessment(framework_id: str, agency: Agency, period: str, values: dict, *,
               evidence: dict[str, Evidence] | None = None, comments: dict[str, str] | None = None,
               respondent: Respondent = Respondent(), status: str = DRAFT) -> AssessmentData:
    fw = registry.get(framework_id)
    evidence = evidence or {}
    comments = comments or {}
    answers = {}
    for iid, value in values.items():
        if iid not in fw.indicators:
            raise KeyError(f"{framework_id}: unknown indicator {iid}")
        answers[iid] = Answer(
            value=None if value is NA else value,
            na=value is NA,
            comment=comments.get(iid, ""),
            evidence=(evidence[iid],) if iid in evidence else (),
        )
    return AssessmentData(
        framework_id=fw.id, framework_version=fw.version, framework_hash=fw.content_hash,
        agency=agency, period=period, answers=answers, respondent=respondent, status=status,
        uid=str(uuid.uuid5(_NAMESPACE, f"{framework_id}/{agency.code or agency.name}/{period}")),
        created_at=f"{period[:4]}-12-15T09:00:00+07:00",
        finalised_at=f"{period[:4]}-12-20T16:30:00+07:00" if status == FINALISED else "",
    )


def commune() -> AssessmentData:
    """Phường Đồng Hới, tỉnh Quảng Trị (ward code 18880 in the post-2025 official list)."""
    values = {
        # Hạ tầng kỹ thuật
        "staff": 38, "computers": 36, "pcs_lan": 36, "pcs_internet": 36, "internet_mbps": 80,
        "tsl_connected": "yes", "video_conf": "yes", "video_meetings": 9,
        # Ứng dụng CNTT trong nội bộ
        "qlvb": "yes", "qlvb_software": "VNPT iOffice", "docs_out": 1240, "docs_out_signed": 1054,
        "work_files_online": 70, "email_users": 35,
        "shared_systems": ("portal", "email", "document", "one_stop", "reporting"),
        "signature_users": 12, "org_signature": "yes",
        # Dịch vụ công trực tuyến
        "tthc_total": 120, "dvc_full": 48, "dvc_partial": 52, "dossiers_total": 5230,
        "dossiers_online": 3190, "one_stop": "yes", "one_stop_share": 100, "digitised_results": 35,
        "postal_service": "yes", "website": "partial",
        # Nguồn nhân lực
        "it_officer": "part_time", "it_officer_qualified": "yes", "it_officer_security_training": "no",
        "staff_trained": 30,
        # An toàn thông tin
        "systems_total": 0, "systems_classified": NA, "antivirus": "licensed", "backup": "weekly",
        "incidents": 1, "incidents_resolved": 1, "security_rules": "yes",
        # Kế hoạch, đầu tư và chỉ đạo
        "annual_plan": "yes", "annual_plan_date": "2025-08-15", "previous_plan_done": NA,
        "it_budget": 150, "it_budget_spent": 120, "steering_meetings": 2, "steering_head": "chairman",
    }
    evidence = {
        "annual_plan": Evidence("112/KH-UBND", "2025-08-15",
                                "Kế hoạch ứng dụng công nghệ thông tin, chuyển đổi số năm 2025 của UBND phường Đồng Hới"),
        "security_rules": Evidence("45/QĐ-UBND", "2025-09-02",
                                   "Quyết định ban hành Quy chế bảo đảm an toàn thông tin mạng của UBND phường"),
    }
    comments = {
        "previous_plan_done": "Phường thành lập từ 01/7/2025 nên chưa có kế hoạch năm trước.",
        "systems_classified": "Phường không trực tiếp vận hành hệ thống thông tin nào; dùng hệ thống dùng chung của tỉnh.",
    }
    return assessment(
        "xa-2025",
        Agency("UBND phường Đồng Hới", "commune", "18880", "Tỉnh Quảng Trị", "44", "Đồng Hới"),
        "2025", values, evidence=evidence, comments=comments,
        respondent=Respondent("Lê Thị Hồng Nhung", "Công chức Văn phòng – Thống kê, phụ trách CNTT",
                              "0232 3822 111", "vp.donghoi@quangtri.gov.vn"),
    )


def department() -> AssessmentData:
    """Sở Khoa học và Công nghệ tỉnh Lâm Đồng (province code 68)."""
    values = {
        "staff": 92, "computers": 101, "pcs_lan": 101, "pcs_internet": 101, "internet_mbps": 300,
        "tsl_connected": "yes", "video_conf": "yes", "video_meetings": 24,
        "qlvb": "yes", "qlvb_software": "Hệ thống quản lý văn bản và điều hành tỉnh Lâm Đồng",
        "docs_out": 3420, "docs_out_signed": 3310, "work_files_online": 92, "email_users": 92,
        "shared_systems": ("portal", "email", "document", "tasks", "one_stop", "personnel", "reporting"),
        "signature_users": 41, "org_signature": "yes", "lgsp_connected": "yes", "open_data": "yes",
        "tthc_total": 86, "dvc_full": 61, "dvc_partial": 25, "dossiers_total": 1480, "dossiers_online": 1362,
        "one_stop": "yes", "one_stop_share": 100, "digitised_results": 64, "postal_service": "yes",
        "website": "full",
        "it_officer": "dedicated", "it_officer_qualified": "yes", "it_officer_security_training": "yes",
        "staff_trained": 92, "staff_data_trained": 38,
        "systems_total": 4, "systems_classified": 3, "antivirus": "central", "backup": "daily",
        "incidents": 0, "incidents_resolved": 0, "security_rules": "yes",
        "annual_plan": "yes", "annual_plan_date": "2025-02-10", "previous_plan_done": 90,
        "it_budget": 2500, "it_budget_spent": 2150, "steering_meetings": 4, "steering_head": "director",
    }
    evidence = {
        "annual_plan": Evidence("35/KH-SKHCN", "2025-02-10", "Kế hoạch chuyển đổi số năm 2025"),
        "security_rules": Evidence("210/QĐ-SKHCN", "2024-06-05", "Quy chế bảo đảm an toàn thông tin mạng"),
        "systems_classified": Evidence("1854/QĐ-UBND", "2024-08-20",
                                       "Phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin"),
    }
    return assessment(
        "so-nganh-2025",
        Agency("Sở Khoa học và Công nghệ tỉnh Lâm Đồng", "department", "", "Tỉnh Lâm Đồng", "68", "Lâm Đồng"),
        "2025", values, evidence=evidence,
        respondent=Respondent("Nguyễn Văn Hải", "Phó Trưởng phòng Chuyển đổi số", "0263 3822 222",
                              "chuyendoiso.skhcn@lamdong.gov.vn"),
    )


def district() -> AssessmentData:
    """UBND thành phố Đồng Hới, tỉnh Quảng Bình (district code 450, province 44; before 1 July 2025)."""
    values = {
        "staff": 74, "computers": 78, "pcs_lan": 78, "pcs_internet": 76, "internet_mbps": 100,
        "tsl_connected": "yes", "video_conf": "yes", "video_meetings": 14,
        "qlvb": "yes", "qlvb_software": "eDocTC", "docs_out": 4120, "docs_out_signed": 3580,
        "work_files_online": 78, "email_users": 70,
        "shared_systems": ("portal", "email", "document", "one_stop", "reporting"),
        "signature_users": 22, "org_signature": "yes",
        "tthc_total": 265, "dvc_level3": 120, "dvc_level4": 46, "dvc_with_dossiers": 118,
        "dossiers_total": 9840, "dossiers_online": 2950, "one_stop": "yes", "one_stop_share": 100,
        "digitised_results": 25, "postal_service": "yes", "website": "full",
        "it_officer": "dedicated", "it_officer_qualified": "yes", "it_officer_security_training": "yes",
        "staff_trained": 60,
        "systems_total": 1, "systems_classified": 1, "antivirus": "central", "backup": "weekly",
        "incidents": 2, "incidents_resolved": 2, "security_rules": "yes",
        "annual_plan": "yes", "annual_plan_date": "2020-01-20", "previous_plan_done": 85,
        "it_budget": 1200, "it_budget_spent": 1150, "steering_meetings": 3, "steering_head": "chairman",
    }
    evidence = {
        "annual_plan": Evidence("18/KH-UBND", "2020-01-20",
                                "Kế hoạch ứng dụng CNTT trong hoạt động của cơ quan nhà nước thành phố Đồng Hới năm 2020"),
        "security_rules": Evidence("2650/QĐ-UBND", "2019-07-12", "Quy chế bảo đảm an toàn thông tin mạng"),
        "systems_classified": Evidence("3012/QĐ-UBND", "2019-10-01", "Phê duyệt cấp độ an toàn hệ thống thông tin"),
    }
    return assessment(
        "huyen-2020",
        Agency("UBND thành phố Đồng Hới", "district", "450", "Tỉnh Quảng Bình", "44", "Đồng Hới"),
        "2020", values, evidence=evidence,
        respondent=Respondent("Trần Minh Đức", "Chuyên viên Phòng Văn hóa và Thông tin", "0232 3844 333",
                              "pvhtt.donghoi@quangbinh.gov.vn"),
        status=FINALISED,
    )


# Published DTI 2022 main-index values of TP. Đà Nẵng (dti.gov.vn/xep-hang-2022; methodology.md §5.4).
DA_NANG_DTI_2022 = {
    "nhan_thuc_so_value": 1.0000, "the_che_so_value": 0.9000, "ha_tang_so_value": 0.8253,
    "nhan_luc_so_value": 0.8487, "an_toan_thong_tin_value": 0.7578, "chinh_quyen_so_value": 0.8575,
    "kinh_te_so_value": 0.7836, "xa_hoi_so_value": 0.5197,
}


def dti() -> AssessmentData:
    return assessment(
        "dti-tinh-2022",
        Agency("UBND thành phố Đà Nẵng", "province", "48", "", "", "Đà Nẵng"),
        "2022", DA_NANG_DTI_2022,
        comments={"nhan_thuc_so_value": "Giá trị công bố trên dti.gov.vn (xếp hạng DTI 2022, hạng 1)."},
        status=FINALISED,
    )


UN_EGDI = "xa-un-egdi-2022"
# The 17 LOSI 2022 participation indicators, most common first (UN E-Government Survey 2022,
# Figure 3.10): a commune with n "yes" answers has the n most common features.
LOSI_ITEMS = ("pe_social", "pe_feedback", "pe_budget_info", "pe_council_meetings", "pe_incidents",
              "pe_deliberation", "pe_open_data", "pe_open_data_metadata", "pe_announcements", "pe_land_use",
              "pe_email_quality", "pe_email_responsive", "pe_participatory_budget", "pe_consultation_feedback",
              "pe_discrimination", "pe_real_time", "pe_e_voting")
# Invented figures for 12 communes of Quảng Trị (province code 44), 2024: population, LOSI "yes"
# count, Internet users %, mobile, mobile-broadband and fixed-broadband subscriptions, adult
# literacy %, gross enrolment %, expected and mean years of schooling.
UN_EGDI_2024 = (
    (42150, 13, 86.5, 51200, 40100, 15400, 99.1, 88.0, 13.8, 10.9),
    (18230, 9, 78.0, 20100, 15300, 5100, 98.4, 81.5, 13.1, 9.8),
    (25410, 11, 81.2, 28900, 22000, 7900, 98.8, 84.0, 13.4, 10.2),
    (9870, 4, 61.0, 9100, 6400, 1700, 94.2, 70.5, 11.9, 7.6),
    (12040, 6, 66.5, 11800, 8700, 2500, 95.7, 74.0, 12.3, 8.1),
    (7420, 2, 55.3, 6500, 4300, 900, 91.8, 66.0, 11.2, 6.9),
    (15880, 8, 72.4, 16700, 12500, 3900, 97.2, 79.0, 12.8, 9.1),
    (11230, 5, 64.1, 10900, 7800, 2100, 95.1, 72.5, 12.1, 7.9),
    (30560, 12, 84.0, 35800, 28400, 10800, 99.0, 86.5, 13.6, 10.6),
    (8610, 3, 58.7, 7700, 5200, 1200, 93.0, 68.0, 11.5, 7.2),
    (13950, 7, 69.9, 14600, 10700, 3100, 96.4, 76.5, 12.6, 8.6),
    (21300, 10, 79.5, 24400, 18600, 6500, 98.1, 82.0, 13.2, 9.9),
)

UN_EGDI_SLOW = {3, 7, 10}   # rows of communes whose figures did not change from 2023 to 2024


def un_egdi_values(row, year: int, older: int = 0, slow: bool = False) -> dict:
    """One commune's answers; `older` years back, fewer portal features and lower figures (a
    `slow` commune has not changed since, so others overtake it)."""
    pop, yes, net, mob, mbb, fbb, lit, ger, eys, mys = row
    older = 0 if slow else older
    yes = max(0, yes - 2 * older)
    shrink = 1 - 0.06 * older
    values = {iid: ("yes" if i < yes else "no") for i, iid in enumerate(LOSI_ITEMS)}
    values.update(population=pop, internet_users_pct=round(net * shrink, 1), mobile_subs=round(mob * shrink),
                  mobile_bb_subs=round(mbb * (1 - 0.12 * older)), fixed_bb_subs=round(fbb * (1 - 0.15 * older)),
                  tii_source="Số liệu thuê bao của các doanh nghiệp viễn thông gửi Sở Khoa học và Công nghệ; "
                             "dân số theo Thống kê tỉnh Quảng Trị",
                  tii_as_of=f"{year}-12-31", adult_literacy=round(lit - 0.3 * older, 1), gross_enrolment=round(ger - 1.5 * older, 1),
                  expected_schooling=round(eys - 0.1 * older, 1), mean_schooling=round(mys - 0.1 * older, 1),
                  hci_source="Hồ sơ phổ cập giáo dục, xóa mù chữ của xã", hci_as_of=f"{year}-12-31")
    return values


def un_egdi() -> AssessmentData:
    """Phường Đồng Hới, Quảng Trị, 2024: the first row of the province table."""
    values = un_egdi_values(UN_EGDI_2024[0], 2024)
    portal = "https://donghoi.quangtri.gov.vn"
    evidence = {
        "pe_feedback": Evidence("", "2024-11-05", f"{portal}/phan-anh-kien-nghi: biểu mẫu gửi phản ánh trực tuyến"),
        "pe_budget_info": Evidence("", "2024-11-05", f"{portal}/cong-khai-ngan-sach: dự toán ngân sách phường năm 2024"),
        "pe_email_quality": Evidence("", "2024-11-07", "Thư hỏi gửi 04/11/2024, trả lời đúng nội dung ngày 06/11/2024"),
    }
    return assessment(
        UN_EGDI, Agency("UBND phường Đồng Hới", "commune", "18880", "Tỉnh Quảng Trị", "44", "Đồng Hới"),
        "2024", values, evidence=evidence,
        comments={"pe_email_responsive": "Gửi 04/11/2024, nhận trả lời 06/11/2024 (2 ngày làm việc)."},
        respondent=Respondent("Lê Thị Hồng Nhung", "Công chức Văn phòng – Thống kê, phụ trách CNTT",
                              "0232 3822 111", "vp.donghoi@quangtri.gov.vn"),
    )


def un_egdi_table() -> Path:
    """examples/xa-un-egdi-2022-quang-tri.csv: the province's own table of 12 communes, 2023 and
    2024 (one row per commune and year), for `egov-desktop import-table` and the relative ranking."""
    import csv
    import io

    from egov_desktop import units

    communes = units.communes("44")[:len(UN_EGDI_2024)]
    fields = list(un_egdi_values(UN_EGDI_2024[0], 2024))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["STT", "Mã đơn vị", "Tên cơ quan", "Kỳ", *fields])
    n = 0
    for year, older in ((2023, 1), (2024, 0)):
        for k, (unit, row) in enumerate(zip(communes, UN_EGDI_2024)):
            n += 1
            values = un_egdi_values(row, year, older, slow=k in UN_EGDI_SLOW)
            cells = ["Có" if v == "yes" else "Không" if v == "no" else v for v in values.values()]
            w.writerow([n, unit.code, f"UBND {unit.name}", str(year), *cells])
    path = HERE / f"{UN_EGDI}-quang-tri.csv"
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))  # the BOM lets Excel read the Vietnamese letters
    return path


UN_EGDI_LOSI_2024 = "xa-un-egdi-2024"
# The LOSI 2024 features Phường Đồng Hới's page on the province portal has in this invented
# example (35 of 95): what a Vietnamese commune page typically carries, plus links to the
# National Public Service Portal for the services it cannot give itself.
LOSI_2024_YES = (
    "if_official_portal", "if_org_chart", "if_heads", "if_gov_links",
    "cp_about", "cp_procurement", "cp_service_info", "cp_health", "cp_education", "cp_social_welfare",
    "cp_leisure", "cp_labour", "cp_usage_stats", "cp_emergencies", "cp_events", "cp_news",
    "sp_building_permit", "sp_business_licence", "sp_residence", "sp_birth", "sp_death", "sp_marriage",
    "sp_land_title", "sp_pay_services",
    "pe_email_responsive", "pe_budget_info", "pe_feedback", "pe_deliberation", "pe_council_meetings",
    "egl_search", "egl_faq", "egl_social",
    "te_contact", "te_mobile", "te_browsers",
)


def un_egdi_2024() -> AssessmentData:
    """Phường Đồng Hới, Quảng Trị, 2024, on all 95 LOSI 2024 indicators (invented answers)."""
    fw = registry.get(UN_EGDI_LOSI_2024)
    losi = [i.id for p in fw.pillars if p.id.startswith("losi_") for i in p.indicators if i.type == "yes_no"]
    values = {iid: ("yes" if iid in LOSI_2024_YES else "no") for iid in losi}
    values.update({k: v for k, v in un_egdi_values(UN_EGDI_2024[0], 2024).items() if k in fw.indicators
                   and not k.startswith("pe_")})
    portal = "https://donghoi.quangtri.gov.vn"
    evidence = {
        "if_org_chart": Evidence("", "2024-11-05", f"{portal}/co-cau-to-chuc: sơ đồ tổ chức UBND phường"),
        "pe_feedback": Evidence("", "2024-11-05", f"{portal}/phan-anh-kien-nghi: biểu mẫu gửi phản ánh trực tuyến"),
        "pe_email_responsive": Evidence("", "2024-11-07", "Thư hỏi gửi 04/11/2024, trả lời ngày 06/11/2024"),
        "sp_birth": Evidence("", "2024-11-05", f"{portal}/dich-vu-cong: liên kết đến thủ tục đăng ký khai sinh trên Cổng Dịch vụ công quốc gia"),
    }
    return assessment(
        UN_EGDI_LOSI_2024, Agency("UBND phường Đồng Hới", "commune", "18880", "Tỉnh Quảng Trị", "44", "Đồng Hới"),
        "2024", values, evidence=evidence,
        comments={"pe_email_quality": "Trả lời ngày 06/11/2024 chỉ hướng dẫn đến bộ phận một cửa, chưa trả lời câu hỏi."},
        respondent=Respondent("Lê Thị Hồng Nhung", "Công chức Văn phòng – Thống kê, phụ trách CNTT",
                              "0232 3822 111", "vp.donghoi@quangtri.gov.vn"),
    )


def dti_2025_common() -> dict:
    return {
        "dx_head": "head", "dx_communication": "yes", "dx_day": "yes",
        "annual_plan": "yes", "dx_budget": "yes",
        "internet_broadband": "yes", "tsl_connected": "yes", "video_conf": "yes",
        "it_officer": "part_time", "antivirus": "central", "soc_connected": "yes",
        "systems_total": 0, "systems_classified": 0, "systems_cloud": 0, "security_plan_systems": 0,
        "security_training": "yes", "ai_service": "no", "dx_training": "yes",
        "personal_data_officer": "yes", "personal_data_dpia": "no",
        "integrated_platform": "yes", "population_db": "yes", "document_exchange": "yes", "dvc_signature": "no",
    }


def commune_dti() -> AssessmentData:
    """Phường Đồng Hới on the Decision 405 structure (invented figures)."""
    values = {**dti_2025_common(),
              "staff": 38, "computers": 35, "staff_trained": 30, "staff_online": 34,
              "docs_total": 2900, "docs_electronic": 2610, "work_files_online": 65,
              "tthc_total": 120, "dvc_full": 48, "dossiers_total": 5230, "dossiers_online": 3190,
              "inperson_online": 45, "digitised_results": 35, "service_index": 78.5,
              "cashless_services": "yes", "satisfaction": 92, "adults_eid": 61, "households_fibre": 78,
              "smartphone_share": 82, "payment_accounts": 70, "ehealth_records": 85,
              "population": 52400, "cdt_members": 1310, "digital_skills_people": 8600}
    return assessment(
        "xa-dti-2025",
        Agency("UBND phường Đồng Hới", "commune", "18880", "Tỉnh Quảng Trị", "44", "Đồng Hới"),
        "2025", values,
        evidence={"annual_plan": Evidence("112/KH-UBND", "2025-08-15",
                                          "Kế hoạch chuyển đổi số năm 2025 của UBND phường Đồng Hới")},
        comments={"systems_classified": "Phường không trực tiếp vận hành hệ thống thông tin nào."},
        respondent=Respondent("Lê Thị Hồng Nhung", "Công chức Văn phòng – Thống kê, phụ trách CNTT",
                              "0232 3822 111", "vp.donghoi@quangtri.gov.vn"),
    )


def department_dti() -> AssessmentData:
    """Sở Khoa học và Công nghệ tỉnh Lâm Đồng on the Decision 405 structure (invented figures)."""
    values = {**dti_2025_common(),
              "it_officer": "dedicated", "dvc_signature": "yes",
              "plan_tasks": 24, "plan_tasks_done": 21,
              "staff": 92, "computers": 92, "staff_trained": 80, "staff_online": 92,
              "systems_total": 3, "systems_classified": 2, "systems_cloud": 2, "security_plan_systems": 1,
              "ai_service": "yes",
              "docs_total": 7800, "docs_electronic": 7650, "work_files_online": 92,
              "tthc_total": 64, "dvc_full": 41, "dossiers_total": 1450, "dossiers_online": 1320,
              "inperson_online": 80, "digitised_results": 70, "service_index": 86.2,
              "cashless_services": NA, "satisfaction": 95}
    return assessment(
        "so-nganh-dti-2025",
        Agency("Sở Khoa học và Công nghệ tỉnh Lâm Đồng", "department", "", "Tỉnh Lâm Đồng", "68", "Lâm Đồng"),
        "2025", values,
        evidence={"annual_plan": Evidence("35/KH-SKHCN", "2025-08-01",
                                          "Kế hoạch chuyển đổi số năm 2025 của Sở Khoa học và Công nghệ")},
        comments={"cashless_services": "Sở không quản lý cơ sở giáo dục, y tế."},
        respondent=Respondent("Nguyễn Văn Minh", "Chuyên viên Văn phòng Sở, phụ trách CNTT",
                              "0263 3822 222", "vp.skhcn@lamdong.gov.vn"),
    )


def main() -> list[Path]:
    written = []
    for make in (commune, department, district, dti, un_egdi, un_egdi_2024, commune_dti, department_dti):
        data = make()
        written.append(assessment_file.write(data, HERE / f"{data.framework_id}{assessment_file.SUFFIX}"))
    written.append(un_egdi_table())
    return written


if __name__ == "__main__":
    for p in main():
        print(p)
