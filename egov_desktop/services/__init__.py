"""The use cases the GUI and the CLI call (docs/architecture.md, "Services API").

    from egov_desktop.services import Workspace
    with Workspace() as ws:                      # the user's data folder (or a folder, file or URL)
        a = ws.create_assessment("xa-2025", None, Agency("Xã A", "commune"), "2025")
        saved = ws.set_answer(a.id, "pcs", 12)   # committed, rescored: saved.result, saved.problems

Everything returned is a plain frozen dataclass; failures the user can act on are UserError.
"""
from ..storage.backup import BackupInfo
from ..storage.lock import LockedError
from .types import AnswerSaved, AssessmentRecord, AssessmentSummary, AuditEntry, EvidenceItem, ImportResult
from .workspace import (MAX_EVIDENCE_BYTES, TRANSITIONS, DatabaseDamaged, NotReady, Workspace, check_database,
                        resolve_location, restore_backup)

__all__ = [
    "MAX_EVIDENCE_BYTES", "TRANSITIONS", "AnswerSaved", "AssessmentRecord", "AssessmentSummary", "AuditEntry",
    "BackupInfo", "DatabaseDamaged", "EvidenceItem", "ImportResult", "LockedError", "NotReady", "Workspace",
    "check_database", "resolve_location", "restore_backup",
]
