"""Errors the core reports to people: what went wrong, in which file, at which place."""
from __future__ import annotations

from scoring.text import Text


class UserError(Exception):
    """A problem with the user's input (a file, a value): shown as a message, never a traceback."""

    def __init__(self, message: Text, path: str | None = None, where: str | None = None):
        super().__init__(message.en or message.vi)
        self.message = message
        self.path = path
        self.where = where

    def describe(self, lang: str = "vi") -> str:
        parts = [p for p in (self.path, self.where) if p]
        head = ": ".join(parts)
        return f"{head}: {self.message.get(lang)}" if head else self.message.get(lang)
