"""New assessment: level, agency from the official unit list, period, framework, respondent.

The unit list follows the period: a period before 1 July 2025 (2024, "6 tháng đầu năm 2025")
picks from the list of that time (63 provinces, districts, communes), a later one from today's
(34 provinces, 3,321 communes); a line under the results says which, and a unit picked from
one list is let go when the period moves to the other.

What cannot be taken (a phone number with letters, an e-mail address without @, a missing name)
is said in red right under its own field, which gets the cursor; never at the bottom of the
dialog, and never changed silently."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QVBoxLayout, QWidget,
)

from egov_desktop import units
from egov_desktop.domain import Agency, Respondent
from egov_desktop.frameworks import FrameworkInfo, registry
from egov_desktop.i18n import language, tr

from .. import style
from ..labels import level_label
from ..screen_fit import fit_dialog
from ..widgets.field_error import FieldError, with_error

LEVELS = ("commune", "province", "department", "district", "ministry")


@dataclass(frozen=True)
class NewAssessment:
    framework_id: str
    framework_version: str
    agency: Agency
    period: str
    respondent: Respondent


class NewAssessmentDialog(QDialog):
    def __init__(self, frameworks: list[FrameworkInfo] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Tạo đánh giá mới"))
        self.frameworks = frameworks if frameworks is not None else registry.current()
        self.level = QComboBox()
        levels = [lv for lv in LEVELS if any(lv in f.levels for f in self.frameworks)] or list(LEVELS)
        for lv in levels:
            self.level.addItem(level_label(lv), lv)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Gõ tên cơ quan, ví dụ: «quang binh» hoặc «Phường Đồng Hới»"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMinimumHeight(150)
        self.agency_name = QLineEdit()
        self.agency_name.setPlaceholderText(tr("Tên đầy đủ của cơ quan"))
        self.province = QComboBox()
        self.period = QLineEdit(str(dt.date.today().year))
        self.unit_list = QLabel()      # which list the search reads, after the period
        style.hint(self.unit_list)
        self.unit_list.setWordWrap(True)
        self._old_list: bool | None = None
        self.framework = QComboBox()
        # titles are long: the dialog must still fit a 1024×768 screen (the list shows them whole)
        self.framework.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.framework.setMinimumContentsLength(30)
        self.name, self.position, self.phone, self.email = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.email.setPlaceholderText("ten@quangbinh.gov.vn")
        self.phone.setPlaceholderText("0232 3822 123")
        self.field_errors: dict[QWidget, FieldError] = {}  # the message under each field

        who = QGroupBox(tr("Cơ quan được đánh giá"))
        f1 = QFormLayout(who)
        f1.addRow(tr("Cấp"), self.level)
        f1.addRow(tr("Tìm trong danh mục"), self.search)
        f1.addRow("", self.results)
        f1.addRow("", self.unit_list)
        f1.addRow(tr("Tên cơ quan"), self._with_error(self.agency_name))
        f1.addRow(tr("Tỉnh, thành phố"), self.province)
        what = QGroupBox(tr("Kỳ và bộ tiêu chí"))
        f2 = QFormLayout(what)
        f2.addRow(tr("Kỳ đánh giá (năm)"), self._with_error(self.period))
        f2.addRow(tr("Bộ tiêu chí"), self._with_error(self.framework))
        resp = QGroupBox(tr("Người trả lời"))
        f3 = QFormLayout(resp)
        f3.addRow(tr("Họ và tên"), self.name)
        f3.addRow(tr("Chức vụ"), self.position)
        f3.addRow(tr("Điện thoại"), self._with_error(self.phone))
        f3.addRow(tr("Thư điện tử"), self._with_error(self.email))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("Tạo đánh giá"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(what)
        layout.addWidget(resp)
        layout.addWidget(self.buttons)
        self._picked: units.Unit | None = None
        self.level.currentIndexChanged.connect(self._level_changed)
        self.search.textChanged.connect(self._search)
        self.results.currentItemChanged.connect(self._pick)
        self.agency_name.textEdited.connect(lambda _: setattr(self, "_picked", None))
        for field in (self.agency_name, self.period, self.phone, self.email):
            field.textEdited.connect(lambda _, f=field: self._clear_error(f))
        self.phone.editingFinished.connect(self._check_phone)
        self.email.editingFinished.connect(self._check_email)
        self._list_for_period()
        self.period.textChanged.connect(self._period_changed)
        self._level_changed()
        fit_dialog(self, 620, 720)
        # the officer starts by typing the unit's name (the level is nearly always the first one)
        (self.search if self.search.isEnabled() else self.agency_name).setFocus()

    def current_level(self) -> str:
        return self.level.currentData()

    def old_list(self) -> bool:
        """Whether the period is before 1 July 2025, so the units are those of that time."""
        return units.before_reform(self.period.text().strip())

    def _list_for_period(self) -> bool:
        """Provinces and the hint of the list the period uses; True when that list changed."""
        old = self.old_list()
        if old == self._old_list:
            return False
        self._old_list = old
        keep = self.province.currentText()
        self.province.clear()
        self.province.addItem("", "")
        for p in units.provinces(old=old):
            self.province.addItem(p.name, p.code)
        self.province.setCurrentIndex(max(self.province.findText(keep), 0))
        self.unit_list.setText(
            tr("Danh mục đơn vị trước ngày 01/7/2025 (63 tỉnh, huyện, xã), theo kỳ đánh giá.") if old else
            tr("Danh mục đơn vị từ ngày 01/7/2025 (34 tỉnh, thành phố; 3.321 xã, phường, đặc khu)."))
        return True

    def _period_changed(self, _text: str) -> None:
        if not self._list_for_period():
            return
        if self._picked is not None:  # a unit of the other list: let it go, say so
            self._picked = None
            self.agency_name.clear()
            self.show_error(self.agency_name, tr("Kỳ đánh giá dùng danh mục đơn vị khác: hãy chọn lại cơ quan."))
        self._level_changed(keep_search=True)

    def _level_changed(self, _index: int = 0, keep_search: bool = False) -> None:
        lv = self.current_level()
        # districts exist only in the list before the reform
        in_list = lv in (units.COMMUNE, units.PROVINCE) or (lv == units.DISTRICT and self.old_list())
        text = self.search.text()
        self.search.setEnabled(in_list)
        self.results.setEnabled(in_list)
        self.results.clear()
        self.search.clear()
        self._picked = None
        if keep_search and in_list:  # the same words in the other list; the officer picks again
            self.search.blockSignals(True)
            self.search.setText(text)
            self.search.blockSignals(False)
            self._search(text, pick_first=False)
        if keep_search:   # the level, so its frameworks, stay as chosen
            return
        self.framework.clear()
        for f in self.frameworks:
            if lv in f.levels:
                title = f.title_en if language() == "en" else f.title_vi
                self.framework.addItem(f"{title} ({f.id} {f.version})", (f.id, f.version))
        if not self.framework.count():
            self.framework.addItem(tr("(không có bộ tiêu chí cho cấp này)"), None)

    def _search(self, text: str, pick_first: bool = True) -> None:
        self.results.clear()
        if len(text.strip()) < 2:
            return
        for u in units.search(text, level=self.current_level(), limit=60, old=self.old_list()):
            item = QListWidgetItem(u.label)
            item.setData(Qt.UserRole, u)
            self.results.addItem(item)
        if self.results.count() and pick_first:
            self.results.setCurrentRow(0)

    def _pick(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        u: units.Unit = item.data(Qt.UserRole)
        self._picked = u
        self.agency_name.setText(u.name)
        code = u.code if u.level == units.PROVINCE else u.parent_code
        i = self.province.findData(code)
        if i >= 0:
            self.province.setCurrentIndex(i)

    def result_value(self) -> NewAssessment | None:
        """What was entered, or None with the reason shown."""
        name = self.agency_name.text().strip()
        if not name:
            return self._fail(self.agency_name, tr("Hãy chọn hoặc nhập tên cơ quan."))
        period = self.period.text().strip()
        if not period:
            return self._fail(self.period, tr("Hãy nhập kỳ đánh giá (ví dụ: {year}).", year=dt.date.today().year))
        fw = self.framework.currentData()
        if not fw:
            return self._fail(self.framework, tr("Chưa có bộ tiêu chí cho cấp này."))
        if not self._check_phone():
            return self._fail(self.phone)
        if not self._check_email():
            return self._fail(self.email)
        email = self.email.text().strip()
        lv = self.current_level()
        u = self._picked
        province_code = self.province.currentData() or ""
        province_name = self.province.currentText() if province_code else ""
        if u is not None and u.name == name:
            agency = Agency(u.name, lv, u.code, u.parent_name, u.parent_code, u.name)
        else:
            agency = Agency(name, lv, "", province_name if lv != "province" else "",
                            province_code if lv != "province" else "", name)
        return NewAssessment(fw[0], fw[1], agency, period,
                             Respondent(self.name.text().strip(), self.position.text().strip(),
                                        self.phone.text().strip(), email))

    # ------------------------------------------------------------ messages beside the fields
    def _with_error(self, field: QWidget) -> QWidget:
        box, self.field_errors[field] = with_error(field)
        return box

    def show_error(self, field: QWidget, message: str) -> None:
        self.field_errors[field].say(message)

    def _clear_error(self, field: QWidget) -> None:
        self.field_errors[field].clear_message()

    def _check_phone(self) -> bool:
        phone = self.phone.text().strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not re.fullmatch(r"[0-9 +().\-]+", phone) or not 8 <= len(digits) <= 15):
            self.show_error(self.phone, tr("Số điện thoại chỉ gồm 8–15 chữ số (có thể có dấu cách, +, -, dấu chấm), "
                                           "ví dụ 0232 3822 123"))
            return False
        self._clear_error(self.phone)
        return True

    def _check_email(self) -> bool:
        email = self.email.text().strip()
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            self.show_error(self.email, tr("Địa chỉ thư điện tử không hợp lệ (dạng ten@donvi.gov.vn)."))
            return False
        self._clear_error(self.email)
        return True

    def _fail(self, field: QWidget, message: str = "") -> None:
        """Say `message` under `field` (already said when empty) and put the cursor there."""
        if message:
            self.show_error(field, message)
        field.setFocus()
        return None

    def accept(self) -> None:
        if self.result_value() is not None:
            super().accept()
