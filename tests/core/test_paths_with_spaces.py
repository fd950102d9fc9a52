"""The program unpacked, run and writing where an office PC puts things: a program folder, a home
folder, a data folder and an output folder whose paths hold spaces and Vietnamese letters
(C:\\Users\\Nguyễn Văn A\\Tải về\\…). Fonts are read from the program folder, the database,
backups and evidence live in the data folder, the PDF and the .eml go to the output folder, and
the e-mail's attachment keeps its name (read back with the standard library's e-mail parser)."""
from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
from email import policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_report_and_its_email_from_folders_with_vietnamese_names(tmp_path):
    home = tmp_path / "Nguyễn Văn A"
    program = home / "Tải về" / "egov desktop"
    for package in ("scoring", "egov_desktop"):
        shutil.copytree(ROOT / package, program / package, ignore=shutil.ignore_patterns("__pycache__"))
    data, out = home / "Dữ liệu egov", home / "Báo cáo gửi Sở"
    out.mkdir(parents=True)
    env = dict(os.environ, HOME=str(home), USERPROFILE=str(home), EGOV_DESKTOP_DATA_DIR=str(data),
               PYTHONPATH=str(program), PYTHONDONTWRITEBYTECODE="1")
    scan = home / "Tải về" / "quyết định số 12.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned decision" * 40)
    script = (
        "import sys\n"
        "import egov_desktop, scoring\n"
        "assert egov_desktop.__file__.startswith(sys.argv[1]) and scoring.__file__.startswith(sys.argv[1])\n"
        "from egov_desktop.cli import main\n"
        "from egov_desktop.domain import Agency, Evidence, Respondent\n"
        "from egov_desktop.services import Workspace\n"
        "with Workspace() as ws:\n"
        "    a = ws.create_assessment('xa-2025', None, Agency('Phường Đồng Hới', 'commune'), '2025', Respondent('Lê Thị Hoà'))\n"
        "    ws.set_answer(a.id, 'staff', 26)\n"
        "    ws.add_evidence(a.id, 'staff', Evidence('12/QĐ-UBND', '2025-03-01', 'Kế hoạch'), file=sys.argv[2])\n"
        "    ws.backup('manual')\n"
        "sys.exit(main(['report', str(a.id), '-o', sys.argv[3], '--eml', sys.argv[4], '--to', 'so@quangtri.gov.vn']))\n"
    )
    pdf, eml = out / "Báo cáo Đồng Hới 2025.pdf", out / "Thư gửi Sở.eml"
    run = subprocess.run([sys.executable, "-c", script, str(program), str(scan), str(pdf), str(eml)], env=env,
                         cwd=home, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert run.returncode == 0, run.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-" and b"LiberationSerif" in pdf.read_bytes()  # the font from the program folder
    assert (data / "egov-desktop.sqlite").is_file() and any((data / "backups").iterdir())
    assert [p.name for p in (data / "evidence").rglob("*") if p.is_file()]  # the scan, stored
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["Phuong-Dong-Hoi_2025_xa-2025.pdf"]
    assert attachments[0].get_content()[:5] == b"%PDF-"
    assert "Đồng Hới" in message["Subject"]
