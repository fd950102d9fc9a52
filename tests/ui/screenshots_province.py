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
    page.tabs.setCurrentWidget(page.ranking)
    wait_for(app, page.ranking.ranked, page.ranking.rank_button.click)
    _save(page, f"ui-province-ranking{suffix}.png")
    trend = page.trend
    page.tabs.setCurrentWidget(trend)
    trend.agency.setCurrentIndex(trend.agency.findData("18880"))
    wait_for(app, trend.drawn, trend.draw_button.click)
    _save(page, f"ui-province-trend{suffix}.png")
    from ui.tasks import wait_for_all

    wait_for_all()
    page.close_store()


def _save(widget, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / name))
    print(OUT / name)


if __name__ == "__main__":
    main(*(sys.argv[1:] or ["vi"]))
