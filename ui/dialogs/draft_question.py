"""Before a draft leaves the program: say it is a draft and offer to check and finalise first."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from egov_desktop.i18n import tr

EXPORT, FINALISE, CANCEL = "export", "finalise", "cancel"


def ask_about_draft(parent, kind: str) -> str:
    """EXPORT (make it, marked "DỰ THẢO"), FINALISE (go and check first) or CANCEL."""
    box = QMessageBox(QMessageBox.Warning, tr("Bản đánh giá chưa hoàn tất"),
                      tr("Đánh giá này còn là bản nháp: báo cáo sẽ mang dấu «DỰ THẢO» trên mọi trang, không có mã "
                         "kiểm tra, và Sở sẽ không nhận.") + "\n\n" +
                      tr("Nên kiểm tra và hoàn tất trước khi gửi."), parent=parent)
    finalise = box.addButton(tr("Kiểm tra và hoàn tất"), QMessageBox.AcceptRole)
    export = box.addButton(tr("Vẫn xuất bản dự thảo") if kind != "email" else tr("Vẫn soạn thư kèm bản dự thảo"),
                           QMessageBox.DestructiveRole)
    box.addButton(tr("Hủy"), QMessageBox.RejectRole)
    box.setDefaultButton(finalise)
    box.exec()
    clicked = box.clickedButton()
    return FINALISE if clicked is finalise else EXPORT if clicked is export else CANCEL
