"""Names of internal codes (statuses, backup reasons) as people read them, in both languages:
a message never shows a code such as «draft» or «daily»."""
from __future__ import annotations

from scoring.text import Text

from .i18n import bilingual

STATUS_NAMES = {
    "draft": "Đang nhập", "finalised": "Đã hoàn tất", "submitted": "Đã gửi",
    "returned": "Trả lại để sửa", "accepted": "Đã chấp nhận",
    "received": "Đã nhận, chờ duyệt",  # a submission the province has not reviewed yet
}
BACKUP_REASONS = {
    "manual": "Sao lưu tay", "daily": "Hằng ngày", "migration": "Trước khi nâng cấp",
    "restore": "Trước khi khôi phục", "before-restore": "Trước khi khôi phục", "damaged": "Tệp bị hỏng",
}


def status_name(status: str) -> Text:
    """An assessment status as a bilingual name (an unknown code is shown as it is)."""
    return bilingual(STATUS_NAMES[status]) if status in STATUS_NAMES else Text(status, status)


def backup_reason(reason: str) -> Text:
    reason = reason.rstrip("0123456789")  # a counter keeps two backups of one second apart
    return bilingual(BACKUP_REASONS[reason]) if reason in BACKUP_REASONS else Text(reason, reason)
