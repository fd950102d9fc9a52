"""The evidence dialog reads only a regular file of bounded size: a pipe chosen as the file
would freeze the window for ever, a link to /dev/zero would fill the memory (issue 14)."""
from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from ui.dialogs.evidence import EvidenceDialog


@pytest.mark.timeout(60)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes or /dev/zero on this system")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_a_device_chosen_as_evidence_is_refused_in_the_dialog(qtbot, tmp_path, monkeypatch, kind):
    path = tmp_path / "scan.pdf"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    dialog = EvidenceDialog("Số máy tính", ())
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog._attach()
    qtbot.keyClicks(dialog.number, "125/QD")
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    assert "scan.pdf" in dialog.error.text() and "không phải tệp" in dialog.error.text()
    assert dialog.items == []
