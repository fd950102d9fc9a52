"""Names of statuses, levels and errors as people read them."""
from __future__ import annotations

from egov_desktop.errors import UserError
from egov_desktop.i18n import language, tr
from egov_desktop.labels import backup_reason, status_name


def status_label(status: str) -> str:
    return status_name(status).get(language())


def backup_reason_label(reason: str) -> str:
    return backup_reason(reason).get(language())


def level_label(level: str) -> str:
    return {
        "commune": tr("Cấp xã (xã, phường, đặc khu)"), "province": tr("Cấp tỉnh"),
        "department": tr("Sở, ban, ngành"), "district": tr("Cấp huyện (trước 01/7/2025)"),
        "ministry": tr("Bộ, ngành trung ương"),
    }.get(level, level)


def describe_error(e: BaseException) -> str:
    """A problem as a message in the user's language (a UserError names its file and place)."""
    if isinstance(e, UserError):
        return e.describe(language())
    return tr("Lỗi không mong muốn: {msg}", msg=f"{type(e).__name__}: {e}")
