"""Start screen: the list of assessments, with search and the actions on them."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from egov_desktop.i18n import tr

from .. import style
from ..form.fit_layout import FitLayout
from ..models.assessments import COL_AGENCY, AssessmentFilterProxy, AssessmentTableModel

if TYPE_CHECKING:  # the services pull in SQLAlchemy: not needed to draw the first window
    from egov_desktop.services.types import AssessmentSummary


TRASH_ACTIONS = ("restore", "purge", "empty_trash")


CELL_PADDING = 8  # a cell's text margins (2 × 3 px in Qt's styles) and the grid line


class StartPage(QWidget):
    # new, open, from_last_year, revision, delete, import, export, questionnaire, workbook,
    # import_workbook; trash (the view was switched), restore, purge, empty_trash
    action = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = AssessmentTableModel(self)
        self.proxy = AssessmentFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        title = QLabel(tr("Các bản đánh giá"))
        style.page_title(title)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Tìm theo cơ quan, tỉnh, kỳ… (gõ có dấu hoặc không dấu)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        # sized by _fit_columns: ResizeToContents asks the model for every cell's size, role by role
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(COL_AGENCY, QHeaderView.Stretch)
        self.table.sortByColumn(7, Qt.DescendingOrder)
        self.table.doubleClicked.connect(lambda _: self._act("open"))
        self.table.activated.connect(lambda _: self._act("open"))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty = QLabel(tr("Chưa có bản đánh giá nào. Bấm «Tạo đánh giá mới» để bắt đầu."))
        style.hint(self.empty)
        self.buttons: dict[str, QPushButton] = {}
        # two groups, the assessment's actions and the files, forms and bin: side by side when they
        # fit, one above the other on a narrow screen (1024×768 at 125 %: ui/form/fit_layout.py)
        actions, files = QHBoxLayout(), QHBoxLayout()
        for key, text, tip in (
            ("new", tr("Tạo đánh giá mới…"), tr("Tạo một bản đánh giá mới (Ctrl+N)")),
            ("open", tr("Mở"), tr("Mở bản đánh giá đã chọn (Enter)")),
            ("from_last_year", tr("Tạo từ kỳ trước…"), tr("Tạo bản đánh giá kỳ mới, chép sẵn các câu trả lời của bản đã chọn")),
            ("revision", tr("Tạo lần sửa đổi"), tr("Mở lại bản đã hoàn tất thành một lần sửa đổi mới")),
            ("delete", tr("Xóa"), tr("Chuyển bản đã chọn vào thùng rác")),
            ("import", tr("Nhập tệp…"), tr("Nhập tệp đánh giá (.egov.json), hoặc mở phiếu trả lại của Sở (.pdf)")),
            ("export", tr("Xuất tệp…"), tr("Xuất bản đã chọn ra tệp đánh giá (.egov.json)")),
        ):
            b = QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, k=key: self._act(k))
            self.buttons[key] = b
            (files if key in ("import", "export") else actions).addWidget(b)
            if key == "open":
                actions.addSpacing(12)
        actions.addStretch(1)
        # how officers collect figures from colleagues: paper form, fill-in workbook and its import
        from ..fill_in import forms_button
        self.forms, self.form_actions = forms_button(self._act)
        files.addWidget(self.forms)
        # the recycle bin: the same list shows the deleted ones, with their own actions in this bar
        for key, text, tip in (
            ("restore", tr("Khôi phục"), tr("Đưa bản đã chọn trở lại danh sách")),
            ("purge", tr("Xóa vĩnh viễn…"), tr("Xóa hẳn bản đã chọn và các tệp đính kèm chỉ nó dùng")),
            ("empty_trash", tr("Dọn thùng rác…"), tr("Xóa vĩnh viễn mọi bản đang nhập trong thùng rác")),
        ):
            b = QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, k=key: self._act(k))
            b.hide()
            self.buttons[key] = b
            files.addWidget(b)
        self.trash = QPushButton(tr("Thùng rác"))
        self.trash.setCheckable(True)
        self.trash.setToolTip(tr("Xem các bản đã xóa: khôi phục hoặc xóa vĩnh viễn"))
        self.trash.toggled.connect(self._trash_toggled)
        files.addWidget(self.trash)
        bar = FitLayout(stretch_first=True)
        for group in (actions, files):
            box = QWidget()
            group.setContentsMargins(0, 0, 0, 0)
            box.setLayout(group)
            bar.addWidget(box)
        self.buttons["new"].setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self._update_buttons()

    def showing_trash(self) -> bool:
        return self.trash.isChecked()

    def _trash_toggled(self, on: bool) -> None:
        for key, b in self.buttons.items():
            b.setVisible(on == (key in TRASH_ACTIONS))
        self.forms.setVisible(not on)
        self.empty.setText(tr("Thùng rác trống.") if on else
                           tr("Chưa có bản đánh giá nào. Bấm «Tạo đánh giá mới» để bắt đầu."))
        self._act("trash")

    def _act(self, key: str) -> None:
        self.action.emit(key)  # (through a method: a slot must return None, see ui/tasks.py)

    def set_rows(self, rows: list[AssessmentSummary], select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self.selected().id if self.selected() else None)
        self.model.set_rows(rows)
        self._fit_columns()
        self.empty.setVisible(not rows)
        if (keep is None or not self.select(keep)) and self.proxy.rowCount():
            self.table.selectRow(0)  # (the one selected is gone: deleted, restored, another view)
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Each column but the agency's (which takes the rest) as wide as its header and its widest
        text, measured on the texts the model formatted once: QHeaderView.ResizeToContents asked
        the model for each cell's size hint, role by role, some 6,000 calls into Python for a
        list of 30 (10 ms of every start, docs/performance.md, GUI)."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        for c in range(self.model.columnCount()):
            if c != COL_AGENCY:
                widest = max(map(metrics.horizontalAdvance, self.model.column_texts(c)), default=0)
                header.resizeSection(c, max(header.sectionSizeHint(c), widest + CELL_PADDING))

    def select(self, assessment_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            if self.proxy.mapToSource(self.proxy.index(r, 0)).row() < len(self.model.rows) and \
                    self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()].id == assessment_id:
                self.table.selectRow(r)
                return True
        return False

    def selected(self) -> AssessmentSummary | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.summary(self.proxy.mapToSource(rows[0]).row())

    def _update_buttons(self) -> None:
        a = self.selected()
        for key in ("open", "from_last_year", "delete", "export", "restore", "purge"):
            self.buttons[key].setEnabled(a is not None)
        self.buttons["empty_trash"].setEnabled(bool(self.model.rows))
        self.buttons["revision"].setEnabled(a is not None and a.status != "draft")
