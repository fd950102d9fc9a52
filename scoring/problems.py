"""Problems found in a framework or in answers, each with its place and a bilingual message."""
from __future__ import annotations


from .record import Record
from .text import Text

ERROR, WARNING = "error", "warning"


class FrameworkProblem(Record):
    """Something wrong in a framework definition: where it is and what is wrong."""

    source: str          # file name (or "<data>")
    where: str           # e.g. "pillars[2].indicators[4] (pcs_lan)"
    field: str           # e.g. "constraint"
    message: Text

    def describe(self, lang: str = "vi") -> str:
        place = ", ".join(x for x in (self.where, self.field) if x)
        return f"{self.source}: {place}: {self.message.get(lang)}" if place else f"{self.source}: {self.message.get(lang)}"


class FrameworkError(Exception):
    """A framework that cannot be used; `problems` lists every reason, each with its place."""

    def __init__(self, problems: list[FrameworkProblem]):
        super().__init__("\n".join(p.describe("en") for p in problems))
        self.problems = problems

    def describe(self, lang: str = "vi") -> str:
        return "\n".join(p.describe(lang) for p in self.problems)


class AnswerProblem(Record):
    """Something wrong in an assessment's answers (validation result)."""

    indicator_id: str
    level: str           # "error" blocks finalising, "warning" does not
    code: str            # required, type, range, choice, constraint, irrelevant, not_applicable
    message: Text
