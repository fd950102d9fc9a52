"""A province's inbox for the GUI tests and screenshots: real report PDFs (with their attached,
checksummed assessment files) of four communes of Quảng Trị over two periods, with a newer
revision, a duplicate, a conflict, a hand-altered file and a file of the wrong kind."""
from __future__ import annotations

from pathlib import Path

from egov_desktop.exchange import assessment_file
from tests.core.exchange_samples import assessment, install_framework, report_pdf

# real unit codes of the official list, so that the roster of province 44 finds them
COMMUNES = {"A": ("18880", "Phường Đồng Hới"), "B": ("18859", "Phường Đồng Thuận"),
            "C": ("18871", "Phường Đồng Sơn"), "D": ("19093", "Xã Nam Gianh")}
PROVINCE = "44"
# 2024: B 920, A 500, C 370, D 100 points; 2025: A 960, B = C 590 (tied), D 250
ANSWERS = {
    "2024": {"A": dict(computers=10, dvc=50, portal="no"), "B": dict(computers=20, dvc=80, portal="yes"),
             "C": dict(computers=5, dvc=30, portal="no"), "D": dict(computers=0, dvc=0, lan="no", portal="no")},
    "2025": {"B": dict(computers=15, dvc=60, portal="no"), "C": dict(computers=15, dvc=60, portal="no")},
}


def _agency(key: str, period: str, **kw):
    code, name = COMMUNES[key]
    return assessment(code, name, PROVINCE, period=period, **kw)


def make_inbox(folder: Path) -> Path:
    """13 files: 8 imported, 1 newer revision replacing one of them, 1 duplicate, 1 conflict,
    2 refused (altered, wrong kind)."""
    install_framework()
    folder.mkdir(parents=True, exist_ok=True)

    def pdf(name: str, data) -> None:
        (folder / name).write_bytes(report_pdf(data))

    for key, answers in ANSWERS["2024"].items():
        pdf(f"2024-{key}.pdf", _agency(key, "2024", **answers))
    for key, answers in ANSWERS["2025"].items():
        pdf(f"2025-{key}.pdf", _agency(key, "2025", **answers))
    pdf("2025-A-lan1.pdf", _agency("A", "2025", computers=20, dvc=40, portal="yes"))
    pdf("2025-A-lan2.pdf", _agency("A", "2025", computers=20, dvc=90, portal="yes", revision=2))
    pdf("2025-B-ban-sao.pdf", _agency("B", "2025", **ANSWERS["2025"]["B"]))
    pdf("2025-D.pdf", _agency("D", "2025", computers=5, dvc=10, portal="no"))
    pdf("2025-D-ban-khac.pdf", _agency("D", "2025", computers=6, dvc=10, portal="no"))
    altered = assessment_file.dumps(assessment("19075", "Phường Nam Ba Đồn", PROVINCE, period="2025", computers=15))
    (folder / "2025-sua-tay.egov.json").write_bytes(altered.replace(b'"value": 15', b'"value": 19'))
    (folder / "ghi-chu.docx").write_bytes(b"PK\x03\x04 not a report")
    return folder


def opened_province_page(qtbot, width: int | None = None, height: int | None = None):
    """The province page (Tổng hợp của Sở) on screen, sized if asked, its store opened (the
    `loaded` of this open awaited)."""
    from ui.province.page import ProvincePage

    page = ProvincePage()
    qtbot.addWidget(page)
    if width is not None:
        page.resize(width, height)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.open()
    return page
