"""The answers of the assessments being edited, kept in memory by the Workspace so that saving one
answer does not read all of them back from the database to rescore.

An entry is served only while its stamp is the assessment's current one, read inside the writing
transaction (which holds SQLite's write lock): (uid, answers_version, updated_at).
answers_version is moved on by SQLite triggers at every change to that assessment's answers or
evidence, whoever makes it (another Workspace method, another program, raw SQL), so a changed
assessment is read afresh; uid and updated_at tell a row that replaced a removed one under the
same id. Without those triggers (PostgreSQL) the cache is off. A failed write drops the entry.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

from ..domain import Answer

Stamp = tuple[str, int, str]   # (uid, answers_version, updated_at)


class AnswersCache:
    def __init__(self, enabled: bool = True, size: int = 8):
        self.enabled = enabled
        self._size = size            # a few: the officer edits one assessment at a time
        self._entries: OrderedDict[int, tuple[Stamp, dict[str, Answer]]] = OrderedDict()
        self._lock = threading.Lock()   # the GUI saves from a writer thread and reads from others

    def get(self, assessment_id: int, stamp: Stamp) -> dict[str, Answer] | None:
        """The answers last stored for this assessment, if they are still the current ones (do not
        mutate the dict: copy it)."""
        with self._lock:
            entry = self._entries.get(assessment_id)
            if entry is None or entry[0] != stamp:
                return None
            self._entries.move_to_end(assessment_id)
            return entry[1]

    def put(self, assessment_id: int, stamp: Stamp, answers: dict[str, Answer]) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._entries[assessment_id] = (stamp, answers)
            self._entries.move_to_end(assessment_id)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def drop(self, assessment_id: int) -> None:
        with self._lock:
            self._entries.pop(assessment_id, None)
