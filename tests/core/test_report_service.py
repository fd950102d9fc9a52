"""The report use case lives once, in services.reports: the GUI and the CLI only ask it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pypdf import PdfReader


from egov_desktop.errors import UserError
from egov_desktop.exchange import assessment_file, pdf_attachment
from egov_desktop.services.reports import EMAIL, EXCEL, PDF, Report, write_atomically

from .report_samples import AGENCY_NAME, assessment, framework

ROOT = Path(__file__).resolve().parents[2]
# what making a report is made of: only services.reports may put these together
PARTS = {"egov_desktop.reports.data", "egov_desktop.reports.pdf", "egov_desktop.reports.email",
         "egov_desktop.reports.excel.export", "egov_desktop.exchange.pdf_attachment",
         "egov_desktop.exchange.pades.sign_pdf", "egov_desktop.exchange.pades.signature_box"}


def _imported_modules(path: Path, package: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("path, package", [("ui/reports.py", "ui.reports"),
                                           ("egov_desktop/cli/report.py", "egov_desktop.cli.report")])
def test_gui_and_cli_only_ask_the_report_service(path, package):
    imported = _imported_modules(ROOT / path, package)
    assert "egov_desktop.services.reports" in imported
    assert imported & PARTS == set()


def test_the_service_renders_embeds_and_writes_each_kind(tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    data = assessment()
    report = Report(data, framework())
    assert report.file_name() == "UBND-phuong-Dong-Hoi_2025_xa-mau.pdf"
    pdf = report.export(PDF, tmp_path / "r.pdf")
    assert pdf.size == (tmp_path / "r.pdf").stat().st_size
    assert AGENCY_NAME in PdfReader(str(pdf.path)).pages[0].extract_text()
    assert pdf_attachment.extract(pdf.path).file_bytes == assessment_file.dumps(data)
    assert report.export(EXCEL, tmp_path / "r.xlsx").path.read_bytes()[:2] == b"PK"
    assert b"UBND-phuong-Dong-Hoi_2025_xa-mau.pdf" in report.export(EMAIL, tmp_path / "r.eml").path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.eml", "r.pdf", "r.xlsx"]   # no .part left


def test_a_failed_write_leaves_nothing_and_names_the_file(tmp_path):
    target = tmp_path / "missing-folder" / "r.pdf"
    with pytest.raises(UserError) as e:
        write_atomically(target, b"%PDF-")
    assert e.value.path == str(target)
    assert not target.parent.exists()


def test_a_file_that_cannot_be_written_is_named_and_nothing_is_left(tmp_path):
    """One writer for every file the user keeps (egov_desktop/files.py): a failure says which file,
    never leaves half of it, never leaves its temporary file."""
    import pytest

    from egov_desktop.errors import UserError
    from egov_desktop.files import write_atomically

    folder = tmp_path / "bao cáo"
    folder.mkdir()
    target = folder / "bao-cao.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new" and sorted(p.name for p in folder.iterdir()) == ["bao-cao.pdf"]
    with pytest.raises(UserError) as e:
        write_atomically(folder / "khong-co" / "x.pdf", b"data")  # a folder that does not exist
    assert "x.pdf" in e.value.describe("vi")
    assert sorted(p.name for p in folder.iterdir()) == ["bao-cao.pdf"]
