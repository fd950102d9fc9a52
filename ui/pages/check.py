"""Check and finalise: every problem, each jumping to its indicator; Finalise when no error is left."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from egov_desktop.i18n import tr

from .. import style
from ..form.state import FormState
from ..models.problems import COL_MESSAGE, ProblemModel, flag_rows


class CheckView(QWidget):
    jump = Signal(str)
    finalise_requested = Signal()

    def __init__(self, state: FormState, parent=None):
        super().__init__(parent)
        self.state = state
        self.model = ProblemModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("checkSummary")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(COL_MESSAGE, QHeaderView.Stretch)
        self.table.activated.connect(self._jump)
        self.table.doubleClicked.connect(self._jump)
        self.finalise = QPushButton(tr("Hoàn tất đánh giá…"))
        style.strong_button(self.finalise)
        self.finalise.clicked.connect(self.finalise_requested)
        hint = QLabel(tr("Bấm đúp (hoặc Enter) vào một dòng để đến câu hỏi đó."))
        style.hint(hint)
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(self.finalise)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        state.changed.connect(lambda _: self.refresh() if self.isVisible() else None)
        self._stale = True  # filled when first shown

    def showEvent(self, event) -> None:  # noqa: N802
        self.state.reveal_all()  # the officer runs the check: the form says every missing answer now
        if self._stale:  # answers changed while the page was hidden
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Show the current problems; while hidden, only remember to (as ResultsView)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        st = self.state
        flagged = st.flagged()
        comments = {iid: st.answer(iid).comment for iid in flagged}
        self.model.set_problems(st.framework, st.all_problems() + flag_rows(flagged, comments))
        errors = self.model.errors()
        warnings = self.model.warnings()
        if st.read_only:
            text = tr("Bản đánh giá đã hoàn tất và đã khóa.")
        elif errors:
            text = tr("Còn {e} lỗi phải sửa và {w} cảnh báo. Chỉ hoàn tất được khi không còn lỗi.", e=errors, w=warnings)
        elif warnings:
            text = tr("Không còn lỗi; còn {w} cảnh báo (nên xem lại, không bắt buộc). Có thể hoàn tất.", w=warnings)
        else:
            text = tr("Không có lỗi hay cảnh báo nào. Có thể hoàn tất.")
        if flagged and not st.read_only:
            text += " " + tr("{n} câu đánh dấu ⚑ để xem lại (in trong báo cáo gửi Sở).", n=len(flagged))
        self.summary.setText(text)
        style.coloured(self.summary, style.RED if errors and not st.read_only else style.GREEN, bold=True)
        self.finalise.setEnabled(errors == 0 and not st.read_only)

    def _jump(self, index) -> None:
        self.jump.emit(self.model.data(index.siblingAtColumn(0), Qt.UserRole))
