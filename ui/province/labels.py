"""Names of a received submission's review status and signature, as people read them: shared
by the submissions list, the answers dialog and the ranking."""
from __future__ import annotations

from egov_desktop.i18n import tr


def status_label(status: str) -> str:
    return {"received": tr("Đã nhận, chờ duyệt"), "accepted": tr("Đã chấp nhận"),
            "returned": tr("Trả lại để sửa")}.get(status, status)


def signature_label(state: str) -> str:
    return {"verified": tr("Đã ký, chữ ký hợp lệ"), "unsigned": tr("Không ký"),
            "unregistered": tr("Đã ký, khoá chưa đăng ký")}.get(state, state)


def signer_name(subjects: str) -> str:
    """"CN=Nguyễn Văn A, O=UBND xã B, C=VN" → "Nguyễn Văn A" (each signer's common name)."""
    names = []
    for subject in filter(None, subjects.split("; ")):
        parts = dict(p.split("=", 1) for p in subject.split(", ") if "=" in p)
        names.append(parts.get("CN") or subject)
    return "; ".join(names)
