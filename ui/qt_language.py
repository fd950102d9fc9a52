"""Qt's own texts (standard buttons, file and input dialogs, edit menus, the calendar) in the
program's language.

PySide6-Essentials ships no Vietnamese catalogue (no qtbase_vi.qm), so the Vietnamese of the
strings Qt's widgets ask for is kept here and served by a QTranslator; the calendar's month and
day names follow QLocale's default, set to the program's language. `apply_qt_language` runs at
start and on every language switch (ui/app.py, ui/main_window.py).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

_BUTTONS = {  # QPlatformTheme::defaultStandardButtonText
    "OK": "Đồng ý", "Save": "Lưu", "Save All": "Lưu tất cả", "Open": "Mở", "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả", "&No": "&Không", "N&o to All": "K&hông với tất cả",
    "Abort": "Hủy bỏ", "Retry": "Thử lại", "Ignore": "Bỏ qua", "Close": "Đóng", "Cancel": "Hủy",
    "Discard": "Không lưu", "Help": "Trợ giúp", "Apply": "Áp dụng", "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
}
_EDIT_MENU = {  # the right-click menu of every text field
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "&Cắt", "&Copy": "Sao &chép",
    "Copy &Link Location": "Chép địa chỉ liên &kết", "&Paste": "&Dán", "Delete": "Xóa",
    "Select All": "Chọn tất cả",
}
_FILE_DIALOG = {  # Qt's own file dialog (Linux; Windows shows its native one, in its own language)
    "&Delete": "&Xóa", "&Look in:": "&Tìm trong:", "&New Folder": "Thư mục &mới", "&Open": "&Mở",
    "&Rename": "Đổi &tên", "&Save": "&Lưu", "&Choose": "&Chọn", "All Files (*)": "Mọi tệp (*)",
    "Back": "Lùi lại", "Forward": "Tiến tới", "Parent Directory": "Thư mục cha",
    "Go back": "Lùi lại", "Go forward": "Tiến tới", "Go to the parent directory": "Lên thư mục cha",
    "Change to detail view mode": "Xem chi tiết", "Change to list view mode": "Xem dạng danh sách",
    "Create New Folder": "Tạo thư mục mới", "Create a New Folder": "Tạo thư mục mới",
    "Detail View": "Xem chi tiết", "List View": "Xem danh sách", "File &name:": "&Tên tệp:",
    "Files of &type:": "&Kiểu tệp:", "Files": "Tệp", "Open": "Mở", "Save As": "Lưu thành",
    "Show &hidden files": "Hiện tệp &ẩn", "Sidebar": "Thanh bên", "Directory:": "Thư mục:",
    "List of places and bookmarks": "Các nơi và dấu trang", "Directories": "Thư mục",
    "New Folder": "Thư mục mới", "Find Directory": "Chọn thư mục", "Directory": "Thư mục",
    "Recent Places": "Nơi mở gần đây",
    "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nBạn có muốn ghi đè không?",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
    "Are you sure you want to delete '%1'?": "Xóa «%1»?",
}
VIETNAMESE: dict[tuple[str, str], str] = {
    **{("QPlatformTheme", k): v for k, v in _BUTTONS.items()},
    **{(ctx, k): v for ctx in ("QLineEdit", "QWidgetTextControl") for k, v in _EDIT_MENU.items()},
    **{("QFileDialog", k): v for k, v in _FILE_DIALOG.items()},
    ("QFileSystemModel", "Name"): "Tên", ("QFileSystemModel", "Size"): "Cỡ",
    ("QFileSystemModel", "Type"): "Kiểu", ("QFileSystemModel", "Date Modified"): "Ngày sửa",
    ("QFileSystemModel", "Computer"): "Máy tính", ("QFileSystemModel", "My Computer"): "Máy tính",
    ("QAbstractFileIconProvider", "Folder"): "Thư mục", ("QAbstractFileIconProvider", "Drive"): "Ổ đĩa",
    ("QAbstractFileIconProvider", "File"): "Tệp",
    ("QMessageBox", "Show Details..."): "Xem chi tiết…", ("QMessageBox", "Hide Details..."): "Ẩn chi tiết…",
    ("QProgressDialog", "Cancel"): "Hủy",
    ("QCalendarWidget", "Today"): "Hôm nay", ("QCalendarWidget", "Week"): "Tuần",
}
LOCALES = {"vi": QLocale(QLocale.Vietnamese, QLocale.Vietnam), "en": QLocale(QLocale.English, QLocale.UnitedKingdom)}


class _Vietnamese(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
        return VIETNAMESE.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802
        return False


_translator: _Vietnamese | None = None


def apply_qt_language(lang: str) -> None:
    """Qt's own texts and the calendar in `lang` from now on (widgets made later pick it up)."""
    global _translator
    QLocale.setDefault(LOCALES.get(lang, LOCALES["vi"]))
    app = QCoreApplication.instance()
    if app is None:
        return
    if lang == "vi" and _translator is None:
        _translator = _Vietnamese(app)
        app.installTranslator(_translator)
    elif lang != "vi" and _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
