"""Screenshots of the return note on the agency's side (docs/images/ui-1024-return-note*.png) and
the note PDF as pages (docs/images/return-note-1.png); run on demand, not a test:

    Xvfb :72 -screen 0 1024x768x24 &
    DISPLAY=:72 QT_QPA_PLATFORM=xcb .venv/bin/python tests/ui/screenshots_return_note.py vi --taskbar 40
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["EGOV_DESKTOP_DATA_DIR"] = tempfile.mkdtemp()

from tests.ui.screenshots import ANSWERS_2024, OUT, _Shots  # noqa: E402

NOTE = ("Hồ sơ cơ bản đầy đủ. Đề nghị Phường rà soát lại số liệu hạ tầng kỹ thuật cho khớp với báo cáo "
        "thống kê quý IV/2025 và bổ sung văn bản kiểm chứng cho các câu có nhận xét dưới đây.")
REMARKS = {
    "computers": "Số máy tính (19) không khớp với báo cáo thống kê quý IV/2025 (22 máy); đề nghị kiểm tra lại.",
    "pcs_lan": "Cần kèm sơ đồ mạng LAN hoặc biên bản nghiệm thu.",
    "security_rules": "Phường đã ban hành Quy chế bảo đảm an toàn thông tin (Quyết định 45/QĐ-UBND ngày "
                      "12/3/2025); đề nghị sửa câu trả lời và đính kèm quyết định.",
}


def main(lang: str = "vi", taskbar: int | None = None) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from egov_desktop.domain import Agency, Respondent
    from egov_desktop.i18n import set_language
    from egov_desktop.province import importer, review
    from egov_desktop.province.store import open_store

    set_language(lang)
    app = QApplication([])
    from ui.app import create_window

    w = create_window(app)
    screen = app.primaryScreen().geometry()
    area = screen.adjusted(0, 0, 0, -(taskbar or 0))
    w.setGeometry(area)
    shot = _Shots(w, f"ui-{screen.width()}-", area if taskbar is not None else None)
    w.show()
    while w.workspace is None:
        app.processEvents()
    ws = w.workspace
    suffix = "" if lang == "vi" else "-en"
    agency = Agency("Phường Đồng Hới", "commune", "19190", "Tỉnh Quảng Trị", "19", "Đồng Hới")
    a = ws.create_assessment("xa-2025", None, agency, "2025", Respondent("Nguyễn Thị Hoa"))
    for k, v in ANSWERS_2024.items():
        ws.set_answer(a.id, k, v)
    ws.finalise(a.id)
    folder = Path(tempfile.mkdtemp())
    sent = ws.export_file(a.id, folder / "bao-cao.egov.json")
    store = open_store()
    importer.import_files(store, [sent])
    sub = review.submissions(store)[0]
    _, pdf = review.return_with_note(store, sub.id, NOTE, folder / "tra-lai.pdf", "Lê Văn Tâm",
                                     "Sở Khoa học và Công nghệ tỉnh Quảng Trị", lang, remarks=REMARKS)
    store.close()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / f"return-note{suffix}")], check=True)
    w.open_files([str(pdf)])
    while w.screen_ is None:
        app.processEvents()
    QTest.qWait(300)
    w.screen_.questionnaire.jump_to("computers")
    app.processEvents()
    shot(w, f"return-note{suffix}.png")
    # the agency corrects two answers and sends revision 2; the Sở opens it
    draft = ws.correction(a.id)
    ws.set_answer(draft.id, "computers", 22)
    ws.set_answer(draft.id, "security_rules", "yes")
    ws.finalise(draft.id)
    again = ws.export_file(draft.id, folder / "bao-cao-lan-2.egov.json")
    store = open_store()
    importer.import_files(store, [again])
    new = review.submissions(store)[0]
    from egov_desktop.province.changes import since_returned
    from ui.province.answers_dialog import AnswersDialog
    d = AnswersDialog(new, review.assessment(store, new.id), w, changes=since_returned(store, new.id))
    store.close()
    d.setGeometry(area)
    d.show()
    shot(d, f"revision-changes{suffix}.png")
    d.close()
    w.close()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("lang", nargs="?", default="vi", choices=["vi", "en"])
    parser.add_argument("--taskbar", type=int, help="a real screen (xcb): the height of its taskbar in px")
    args = parser.parse_args()
    main(args.lang, args.taskbar)
