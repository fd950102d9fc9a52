"""Screenshots of the province mode for docs/images/ui-province-*.png (run on demand, not a test):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screenshots_province.py [vi|en]
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


def wait_for(app, signal, start) -> None:
    """Run `start` and process events until `signal` fires (the way the GUI tests wait)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()

    def done(*_a) -> None:
        loop.quit()

    signal.connect(done)
    start()
    loop.exec()
    signal.disconnect(done)


def main(lang: str = "vi") -> None:
    from PySide6.QtWidgets import QApplication, QFileDialog

    from egov_desktop.i18n import set_language
    from tests.ui.province_samples import make_inbox

    set_language(lang)
    app = QApplication([])
    from ui.style import apply_style

    apply_style(app)
    inbox = make_inbox(Path(tempfile.mkdtemp()) / "hop-thu")
    from ui.province.page import ProvincePage

    page = ProvincePage()
    page.resize(1360, 860)
    page.show()
    wait_for(app, page.loaded, page.open)
    page.authority.setText("Sở Khoa học và Công nghệ tỉnh Quảng Trị")
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(inbox))
    wait_for(app, page.loaded, page.importing.folder_button.click)
    suffix = "" if lang == "vi" else "-en"
    page.tabs.setCurrentWidget(page.importing)
    _save(page, f"ui-province-import{suffix}.png")
    page.tabs.setCurrentWidget(page.roster)
    wait_for(app, page.roster.completeness_shown, page.roster.units_button.click)
    _save(page, f"ui-province-roster{suffix}.png")
    _appraisal(app, page, suffix)
    page.tabs.setCurrentWidget(page.ranking)
    wait_for(app, page.ranking.ranked, page.ranking.rank_button.click)
    _save(page, f"ui-province-ranking{suffix}.png")
    trend = page.trend
    page.tabs.setCurrentWidget(trend)
    trend.agency.setCurrentIndex(trend.agency.findData("now:18880"))
    wait_for(app, trend.drawn, trend.draw_button.click)
    _save(page, f"ui-province-trend{suffix}.png")
    from ui.tasks import wait_for_all

    wait_for_all()
    page.close_store()


def _appraisal(app, page, suffix: str) -> None:
    """The answers dialog with three indicators appraised (and, on a real screen, the whole screen:
    SCREEN=file.png)."""
    subs = page.submissions
    page.tabs.setCurrentWidget(subs)
    for r in range(subs.proxy.rowCount()):
        if subs.proxy.row_object(r).agency_name == "Phường Đồng Sơn":
            subs.table.selectRow(r)
    opened = []
    subs.answers_opened.connect(opened.append)
    wait_for(app, subs.answers_opened, subs.open_button.click)
    dialog = opened[0]
    q = dialog.questionnaire
    q.open_pillar("dich_vu")
    b = dialog.boxes
    b["portal"].points.setText("200")
    b["portal"].remark.setText("Cổng thông tin đã hoạt động (kiểm tra ngày 20/11)")
    b["dvc_pct"].points.setText("300")
    q.open_pillar("ha_tang")
    b["computers"].value.setText("10")
    b["computers"].remark.setText("Biên bản kiểm kê chỉ có 10 máy tính")
    dialog.reviewer.setText("Trần Thẩm Định")
    wait_for(app, dialog.appraisal_saved, dialog.save_button.click)
    _save(dialog, f"ui-province-appraisal{suffix}.png")
    if os.environ.get("SCREEN"):
        from PySide6.QtGui import QGuiApplication

        app.processEvents()
        QGuiApplication.primaryScreen().grabWindow(0).save(os.environ["SCREEN"])
    dialog.tabs.setCurrentWidget(dialog.score_sheet)
    _save(dialog, f"ui-province-appraisal-sheet{suffix}.png")
    if os.environ.get("SCREEN"):
        app.processEvents()
        QGuiApplication.primaryScreen().grabWindow(0).save(os.environ["SCREEN"].replace(".png", "-sheet.png"))
    dialog.close()


def _save(widget, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / name))
    print(OUT / name)


if __name__ == "__main__":
    main(*(sys.argv[1:] or ["vi"]))
