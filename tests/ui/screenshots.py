"""Screenshots of the real application for docs/images/ui-*.png (run on demand, not a test):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screenshots.py [vi|en]

or of a real window on a small screen, as an office PC shows it (docs/images/ui-1024-*.png):
the window maximised in what the screen leaves above a taskbar, grabbed from the X server:

    Xvfb :92 -screen 0 1024x768x24 &
    DISPLAY=:92 QT_QPA_PLATFORM=xcb .venv/bin/python tests/ui/screenshots.py vi --taskbar 40
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["EGOV_DESKTOP_DATA_DIR"] = tempfile.mkdtemp()
OUT = ROOT / "docs" / "images"

ANSWERS_2024 = {
    "staff": 24, "computers": 19, "pcs_lan": 17, "pcs_internet": 19, "internet_mbps": 80, "tsl_connected": "yes",
    "video_conf": "no", "qlvb": "yes", "qlvb_software": "iOffice", "docs_out": 950, "docs_out_signed": 610,
    "work_files_online": 40, "email_users": 20, "shared_systems": ["portal", "email"], "signature_users": 6,
    "org_signature": "yes", "tthc_total": 290, "dvc_full": 120, "dvc_partial": 110, "dossiers_total": 4200,
    "dossiers_online": 1900, "one_stop": "yes", "one_stop_share": 100, "digitised_results": 35,
    "postal_service": "yes", "website": "partial", "it_officer": "part_time", "it_officer_qualified": "yes", "it_officer_security_training": "no", "staff_trained": 10,
    "systems_total": 4, "systems_classified": 2, "antivirus": "free", "backup": "monthly", "incidents": 2, "incidents_resolved": 2,
    "security_rules": "no", "annual_plan": "yes", "annual_plan_date": "2024-02-20", "previous_plan_done": 80, "it_budget": 150,
    "it_budget_spent": 120, "steering_meetings": 2, "steering_head": "vice_chairman",
}
ANSWERS_2025 = {
    "staff": 26, "computers": 24, "pcs_lan": 23, "pcs_internet": 24, "internet_mbps": 150, "tsl_connected": "yes",
    "video_conf": "yes", "video_meetings": 36, "qlvb": "yes", "qlvb_software": "iOffice 5", "docs_out": 1180,
    "docs_out_signed": 1050, "work_files_online": 75, "email_users": 26, "shared_systems": ["portal", "email", "document"],
    "signature_users": 12, "org_signature": "yes", "tthc_total": 305, "dvc_full": 190, "dvc_partial": 90,
}


def main(lang: str = "vi", taskbar: int | None = None) -> None:
    from PySide6.QtWidgets import QApplication

    from egov_desktop.domain import Agency, Respondent
    from egov_desktop.i18n import set_language

    set_language(lang)
    app = QApplication([])
    from ui.app import create_window

    w = create_window(app)
    real = taskbar is not None
    if real:  # maximised above the taskbar (Xvfb has no window manager to do it)
        screen = app.primaryScreen().geometry()
        area = screen.adjusted(0, 0, 0, -taskbar)
        w.setGeometry(area)
        shot = _Shots(w, f"ui-{screen.width()}-", area)
    else:
        w.resize(1360, 860)
        shot = _Shots(w, "ui-")
    w.show()
    app.processEvents()
    while w.workspace is None:  # opened in the background once the window is up
        app.processEvents()
    ws = w.workspace
    suffix = "" if lang == "vi" else "-en"
    agency = Agency("Phường Đồng Hới", "commune", "19190", "Tỉnh Quảng Trị", "19", "Đồng Hới")
    who = Respondent("Nguyễn Thị Hoa", "Công chức Văn phòng - Thống kê", "0232 3822 123", "hoa.nt@quangtri.gov.vn")
    old = ws.create_assessment("xa-2025", None, agency, "2024", who)
    for k, v in ANSWERS_2024.items():
        ws.set_answer(old.id, k, v)
    ws.finalise(old.id)
    other = ws.create_assessment("xa-2025", None, Agency("Xã Lệ Thủy", "commune", "", "Tỉnh Quảng Trị", "19"), "2025", who)
    ws.set_answer(other.id, "staff", 21)
    new = ws.start_from_previous(old.id, "2025")
    for k, v in ANSWERS_2025.items():
        ws.set_answer(new.id, k, v)
    ws.set_answer(new.id, "pcs_lan", 30)  # more than the computers: an error to show
    w.refresh_list(new.id)
    app.processEvents()
    shot(w, f"start{suffix}.png")
    if not real:
        # the recycle bin: one assessment moved there, shown, then put back
        ws.delete(other.id)
        w.start.trash.setChecked(True)
        app.processEvents()
        shot(w, f"trash{suffix}.png")
        w.start.select(other.id)
        w.restore_from_trash(w.start.selected())
        w.start.trash.setChecked(False)
        w.refresh_list(new.id)
        app.processEvents()

    if not real:
        from ui.dialogs.new_assessment import NewAssessmentDialog
        d = NewAssessmentDialog(parent=w)
        d.search.setText("dong hoi")
        d.name.setText(who.name)
        d.position.setText(who.position)
        d.show()
        app.processEvents()
        shot(d, f"new-assessment{suffix}.png")
        d.close()

    w.open_assessment(new.id)
    s = w.screen_
    q = s.questionnaire
    app.processEvents()
    q.jump_to("pcs_lan")
    app.processEvents()
    shot(w, f"questionnaire{suffix}.png")
    if real:
        s.tabs.setCurrentWidget(s.results)
        app.processEvents()
        s.results.verticalScrollBar().setValue(s.results.table.y() - 40)  # the table's number columns
        app.processEvents()
        shot(w, f"results{suffix}.png")
        w.close()
        return
    q.jump_to("dvc_full")
    app.processEvents()
    shot(w, f"questionnaire-services{suffix}.png")
    s.tabs.setCurrentWidget(s.check)
    app.processEvents()
    shot(w, f"check{suffix}.png")
    s.tabs.setCurrentWidget(s.results)
    app.processEvents()
    shot(w, f"results{suffix}.png")

    from ui.dialogs.settings_dialog import SettingsDialog
    ws.backup("manual")
    sd = SettingsDialog(ws.backups(), w)
    sd.show()
    app.processEvents()
    shot(sd, f"settings{suffix}.png")
    sd.close()
    w.close()


class _Shots:
    """Saves docs/images/<prefix><name>: the widget as drawn, or (on a real screen) the area of
    the screen the window fills, as the X server shows it."""

    def __init__(self, window, prefix: str, area=None):
        self.window, self.prefix, self.area = window, prefix, area

    def __call__(self, widget, name: str) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / (self.prefix + name)
        if self.area is None:
            widget.grab().save(str(path))
        else:
            from PySide6.QtTest import QTest
            from PySide6.QtWidgets import QApplication

            QTest.qWaitForWindowExposed(self.window, 10000)
            QTest.qWait(400)  # the repaint reaches the X server
            a = self.area
            QApplication.primaryScreen().grabWindow(0, a.x(), a.y(), a.width(), a.height()).save(str(path))
        print(path)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("lang", nargs="?", default="vi", choices=["vi", "en"])
    parser.add_argument("--taskbar", type=int, help="a real screen (xcb): the height of its taskbar in px")
    args = parser.parse_args()
    main(args.lang, args.taskbar)
