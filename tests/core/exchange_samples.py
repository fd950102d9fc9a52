"""A small framework, assessments of many agencies and report PDFs for the exchange and
province tests (reportlab-made PDFs stand in for the reports' own)."""
from __future__ import annotations

import io
import json

from egov_desktop.domain import FINALISED, Agency, Answer, AssessmentData
from egov_desktop.exchange import assessment_file, pdf_attachment
from egov_desktop.frameworks import registry
from egov_desktop.paths import data_dir
from scoring.record import replace

FRAMEWORK = {
    "id": "xa-thu",
    "version": "2025.1",
    "title": {"vi": "Bộ chỉ số chuyển đổi số cấp xã (thử)", "en": "Commune digital transformation (test)"},
    "source": {"vi": "Kế hoạch thử", "en": "Test plan"},
    "levels": ["commune"],
    "period": {"from": "2025-07-01", "to": None},
    "total": {"method": "points", "scale": 1000},
    "bands": [{"min": 0, "label": {"vi": "Yếu", "en": "Weak"}},
              {"min": 0.5, "label": {"vi": "Trung bình", "en": "Average"}},
              {"min": 0.8, "label": {"vi": "Tốt", "en": "Good"}}],
    "pillars": [
        {"id": "ha_tang", "title": {"vi": "Hạ tầng kỹ thuật", "en": "Infrastructure"}, "max_points": 400,
         "indicators": [
             {"id": "staff", "label": {"vi": "Số cán bộ", "en": "Staff"}, "type": "integer", "min": 1, "max": 10000},
             {"id": "computers", "label": {"vi": "Số máy tính", "en": "Computers"}, "type": "integer",
              "min": 0, "max": 10000, "scoring": {"rule": "ratio", "denominator": "${staff}", "max_points": 200}},
             {"id": "lan", "label": {"vi": "Có mạng LAN", "en": "Has a LAN"}, "type": "yes_no",
              "scoring": {"rule": "yes_no", "max_points": 200}},
         ]},
        {"id": "dich_vu", "title": {"vi": "Dịch vụ công trực tuyến", "en": "Online services"}, "max_points": 600,
         "indicators": [
             {"id": "dvc_pct", "label": {"vi": "Tỷ lệ hồ sơ trực tuyến", "en": "Share of online applications"},
              "type": "percent", "min": 0, "max": 100, "scoring": {"rule": "ratio", "max_points": 400}},
             {"id": "portal", "label": {"vi": "Có cổng thông tin", "en": "Has a portal"}, "type": "yes_no",
              "scoring": {"rule": "yes_no", "max_points": 200}},
         ]},
    ],
    "relative": {"decimals": 4, "components": [
        {"id": "infra", "label": {"vi": "Hạ tầng", "en": "Infrastructure"}, "inputs": [{"indicator": "computers"}]},
        {"id": "online", "label": {"vi": "Trực tuyến", "en": "Online"}, "inputs": [{"indicator": "dvc_pct"}]},
    ]},
}


def install_framework(fw: dict | None = None):
    """Put the framework where the registry finds a user's frameworks; returns the built one."""
    fw = fw or FRAMEWORK
    folder = data_dir() / "frameworks"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{fw['id']}-{fw['version']}.yaml").write_text(json.dumps(fw, ensure_ascii=False), encoding="utf-8")
    return registry.get(fw["id"], fw["version"])


def assessment(code: str = "19723", name: str = "Phường Đồng Hới", parent: str = "44", *, period: str = "2025",
               computers: int = 15, staff: int = 20, lan: str = "yes", dvc: float = 60, portal: str = "no",
               revision: int = 1, status: str = FINALISED, framework=None,
               parent_name: str = "Tỉnh Quảng Trị") -> AssessmentData:
    fw = framework or registry.get(FRAMEWORK["id"], FRAMEWORK["version"])
    answers = {"staff": Answer(staff), "computers": Answer(computers), "lan": Answer(lan),
               "dvc_pct": Answer(dvc), "portal": Answer(portal)}
    data = AssessmentData(fw.id, fw.version, fw.content_hash,
                          Agency(name, "commune", code, parent_name, parent), period, answers,
                          status=status, revision=revision, uid=f"uid-{code}-{period}",
                          created_at="2025-11-01T08:00:00+00:00", finalised_at="2025-11-20T08:00:00+00:00")
    stamp = assessment_file.compute_hash(assessment_file.to_payload(data)) if status != "draft" else ""
    return replace(data, content_hash=stamp)


def plain_pdf(title: str = "Báo cáo tự đánh giá") -> bytes:
    """A one-page PDF made by reportlab (what a report looks like to the importer)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, title.encode("ascii", "replace").decode())
    c.showPage()
    c.save()
    return buf.getvalue()


def report_pdf(data: AssessmentData, private_key=None) -> bytes:
    return pdf_attachment.embed_assessment(plain_pdf(data.agency.name), data, private_key)


def old_province_store(path, revision: str) -> str:
    """The URL of a province store at `path` made by an older release (migrated up to `revision`)."""
    from alembic import command

    from egov_desktop.province import store as store_module
    from egov_desktop.storage.engine import make_engine
    from egov_desktop.storage.migrate import prepare

    url = f"sqlite:///{path}"
    engine = make_engine(url)
    prepare(engine, path, path.name)
    with engine.begin() as conn:
        command.upgrade(store_module._alembic_config(conn), revision)
    engine.dispose()
    return url
