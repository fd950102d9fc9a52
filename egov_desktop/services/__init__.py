"""The use cases the GUI and the CLI call (docs/architecture.md, "Services API").

    from egov_desktop.services import Workspace
    with Workspace() as ws:                      # the user's data folder (or a folder, file or URL)
        a = ws.create_assessment("xa-2025", None, Agency("Xã A", "commune"), "2025")
        saved = ws.set_answer(a.id, "pcs", 12)   # committed, rescored: saved.result, saved.problems

Everything returned is a plain frozen dataclass; failures the user can act on are UserError.

Names are exported lazily (PEP 562): the GUI imports `services.opening` and `services.types` at
start-up without paying for SQLAlchemy, which `services.workspace` imports.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "..storage.backup": ("BackupInfo",),
    "..storage.lock": ("LockedError",),
    ".types": ("AssessmentRecord", "AssessmentSummary"),
    ".workspace_types": ("AnswerSaved", "AuditEntry", "EvidenceItem", "ImportResult"),
    ".opening": ("AssessmentDamaged", "DatabaseDamaged", "resolve_location"),
    "..storage.faults": ("DatabaseUnavailable",),
    ".workspace": ("TRANSITIONS", "NotReady", "Workspace"),
    ".backups": ("check_database", "restore_backup"),
    ".evidence": ("MAX_EVIDENCE_BYTES",),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # next time: a plain attribute
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # for type checkers and IDEs
    from ..storage.backup import BackupInfo
    from ..storage.lock import LockedError
    from ..storage.faults import DatabaseUnavailable
    from .opening import AssessmentDamaged, DatabaseDamaged, resolve_location
    from .types import AssessmentRecord, AssessmentSummary
    from .workspace_types import AnswerSaved, AuditEntry, EvidenceItem, ImportResult
    from .backups import check_database, restore_backup
    from .evidence import MAX_EVIDENCE_BYTES
    from .workspace import TRANSITIONS, NotReady, Workspace
