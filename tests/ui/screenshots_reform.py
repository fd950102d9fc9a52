"""Screenshots across the 2025 reform for docs/images/ui-reform-*.png (run on demand, not a test),
in a real window at 1024×768: the new-assessment dialog picking a unit of 2024 from the old list,
the ranking of new wards with their predecessors' previous ranks, a new ward's trend.

    Xvfb :73 -screen 0 1024x768x24 &
    DISPLAY=:73 QT_QPA_PLATFORM=xcb .venv/bin/python tests/ui/screenshots_reform.py [vi|en]
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["EGOV_DESKTOP_DATA_DIR"] = tempfile.mkdtemp()
OUT = ROOT / "docs" / "images"


def settle(app, ms: int = 600) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def shoot(app, name: str) -> None:
    settle(app)
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)
    print(OUT / name)


def main(lang: str = "vi") -> None:
    from PySide6.QtWidgets import QApplication, QFileDialog

    from egov_desktop.exchange import assessment_file
    from egov_desktop.i18n import set_language
    from tests.core.exchange_samples import assessment, install_framework
    from tests.ui.screenshots_province import wait_for
    from tests.ui.test_province_reform import NEW, OLD

    set_language(lang)
    app = QApplication([])
    from ui.style import apply_style
    apply_style(app)
    suffix = "" if lang == "vi" else "-en"

    from ui.dialogs.new_assessment import NewAssessmentDialog
    d = NewAssessmentDialog()
    d.move(0, 0)
    d.show()
    d.level.setCurrentIndex(d.level.findData("commune"))
    d.period.setText("2024")
    d.search.setText("hang trong")
    shoot(app, f"ui-reform-new-assessment{suffix}.png")
    d.close()

    install_framework()
    inbox = Path(tempfile.mkdtemp()) / "hop-thu"
    inbox.mkdir()
    for period, rows in (("2024", OLD), ("2025", NEW)):
        for code, name, dvc in rows:
            (inbox / f"{period}-{code}.egov.json").write_bytes(
                assessment_file.dumps(assessment(code, name, "01", period=period, dvc=dvc, parent_name="Thành phố Hà Nội")))
    from ui.province.page import ProvincePage
    page = ProvincePage()
    page.move(0, 0)
    page.resize(1024, 768)
    page.show()
    wait_for(app, page.loaded, page.open)
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(inbox))
    wait_for(app, page.loaded, page.importing.folder_button.click)
    page.period.setCurrentIndex(page.period.findText("2025"))
    rank = page.ranking
    page.tabs.setCurrentWidget(rank)
    rank.pending.setChecked(True)
    wait_for(app, rank.ranked, rank.rank_button.click)
    row = next(r for r in range(rank.proxy.rowCount()) if rank.proxy.row_object(r).agency_name == "Phường Ba Đình")
    rank.table.selectRow(row)
    shoot(app, f"ui-reform-ranking{suffix}.png")
    trend = page.trend
    page.tabs.setCurrentWidget(trend)
    trend.agency.setCurrentIndex(trend.agency.findData("now:00070"))
    wait_for(app, trend.drawn, trend.draw_button.click)
    shoot(app, f"ui-reform-trend{suffix}.png")
    page.close_store()


if __name__ == "__main__":
    main(*sys.argv[1:])
