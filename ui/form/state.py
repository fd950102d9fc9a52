"""The answers being edited, and what follows from them: skip logic, calculations, problems, score.

No widgets here: the form and the score panel listen to `changed`. Every change is handed to
`save` (the storage service) at once, then the engine recomputes; there is no Save button.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from egov_desktop.domain import Answer
from scoring import NA, AnswerProblem, Framework, ScoreResult, resolve, score, validate
from scoring.numbering import question_groups
from scoring.record import replace
from scoring.resolution import Resolved, is_empty

Saver = Callable[[str, Answer, Answer], None]  # (indicator id, old answer, new answer)


class FormState(QObject):
    changed = Signal(str)          # the indicator that changed ("" after a full reload)
    revealed = Signal(str)         # its missing answer may now be said ("" for every question)
    save_failed = Signal(str, object)  # indicator id, exception

    def __init__(self, framework: Framework, answers: dict[str, Answer] | None = None,
                 save: Saver | None = None, read_only: bool = False, parent: QObject | None = None,
                 period: str | None = None, remarks: dict[str, str] | None = None):
        super().__init__(parent)
        self.framework = framework
        # the Sở's remark per question, from its return note (shown under each question)
        self.remarks: dict[str, str] = {k: v for k, v in (remarks or {}).items() if k in framework.indicators}
        self.period = period  # picks each indicator's target (scoring.target_for)
        self.answers: dict[str, Answer] = dict(answers or {})
        self._save = save
        self.read_only = read_only
        self.resolved: Resolved
        self.result: ScoreResult
        self.problems: dict[str, list[AnswerProblem]] = {}
        # Questions the officer has left, and whether the check was run: only then is a missing
        # required answer said (an untouched form is not a page of red errors).
        self.left: set[str] = set()
        self.checked = False
        self._groups = {p.id: question_groups(p) for p in framework.pillars}
        self._recompute()

    # ------------------------------------------------------------ reading
    def answer(self, indicator_id: str) -> Answer:
        return self.answers.get(indicator_id) or Answer()

    def remark(self, indicator_id: str) -> str:
        return self.remarks.get(indicator_id, "")

    def remarked(self) -> list[str]:
        """The questions the Sở remarked on, in framework order."""
        return [iid for iid in self.framework.indicators if iid in self.remarks]

    def set_remarks(self, remarks: dict[str, str]) -> None:
        """Another note, or none (the next revision was sent): every row shows it again."""
        self.remarks = {k: v for k, v in remarks.items() if k in self.framework.indicators}
        self.changed.emit("")

    def engine_answers(self) -> dict[str, Any]:
        return {k: (NA if a.na else a.value) for k, a in self.answers.items()}

    def is_relevant(self, indicator_id: str) -> bool:
        return self.resolved.relevant.get(indicator_id, True)

    def value(self, indicator_id: str) -> Any:
        """What the engine sees for this indicator (calculated values included)."""
        return self.resolved.values.get(indicator_id)

    def calculation_missing(self, indicator_id: str) -> bool:
        """Whether a question this calculated value uses has no value yet."""
        calc = self.framework.indicators[indicator_id].calculation
        return calc is None or any(self.resolved.values.get(r) is None for r in calc.refs)

    def is_answered(self, indicator_id: str) -> bool:
        a = self.answers.get(indicator_id)
        return a is not None and (a.na or not is_empty(a.value))

    def flagged(self) -> list[str]:
        """The questions flagged ⚑ for review, in framework order."""
        return [iid for iid in self.framework.indicators if self.answer(iid).flagged]

    def errors(self) -> list[AnswerProblem]:
        return [p for ps in self.problems.values() for p in ps if p.level == "error"]

    def all_problems(self) -> list[AnswerProblem]:
        """Every problem in framework order."""
        return [p for iid in self.framework.indicators for p in self.problems.get(iid, ())]

    def shown_problems(self, indicator_id: str) -> list[AnswerProblem]:
        """The problems the form shows now: all of them, except "not answered (required)" on
        a question the officer has not yet left, before the check has been run."""
        problems = self.problems.get(indicator_id, [])
        if self.checked or indicator_id in self.left:
            return problems
        return [p for p in problems if p.code != "required"]

    def leave(self, indicator_id: str) -> None:
        """The officer left this question (the focus went to another one)."""
        if indicator_id not in self.left:
            self.left.add(indicator_id)
            self.revealed.emit(indicator_id)

    def reveal_all(self) -> None:
        """The officer ran the check: every missing answer is said from now on."""
        if not self.checked:
            self.checked = True
            self.revealed.emit("")

    def pillar_progress(self, pillar_id: str) -> tuple[int, int]:
        """(done, questions) of a pillar, counted by numbered question: a question and its
        follow-ups ("if yes, how many…", numbered 1.4.1) are one, done when every follow-up
        that applies is answered too. So answering "yes" does not make the count jump from
        0/2 to 1/4: the follow-up joins its question instead of adding to the total. Counted are
        the questions the score counts (required or scored, not calculated)."""
        done = total = 0
        for group in self._groups[pillar_id]:
            counted = [i for i in group if self._counts(i)]
            if counted:
                total += 1
                done += all(self.is_answered(i) for i in counted)
        return done, total

    def _counts(self, indicator_id: str) -> bool:
        ind = self.framework.indicators[indicator_id]
        return (ind.is_input and (ind.required or ind.scoring is not None)
                and self.is_relevant(indicator_id))

    # ------------------------------------------------------------ editing
    def set_value(self, indicator_id: str, value: Any) -> None:
        if isinstance(value, list):
            value = tuple(value)
        self.update(indicator_id, value=value, na=False)

    def set_na(self, indicator_id: str, na: bool) -> None:
        self.update(indicator_id, na=na, value=None if na else self.answer(indicator_id).value)

    def update(self, indicator_id: str, **fields: Any) -> None:
        """Change one answer's fields (value, na, comment, flagged, evidence), save, recompute."""
        if self.read_only:
            return
        old = self.answer(indicator_id)
        new = replace(old, **fields)
        if new == old:
            return
        self.answers[indicator_id] = new
        if self._save is not None:
            try:
                self._save(indicator_id, old, new)
            except Exception as e:  # noqa: BLE001 - shown to the user; the edit stays on screen
                self.save_failed.emit(indicator_id, e)
        self._recompute()
        self.changed.emit(indicator_id)

    def replace_answer(self, indicator_id: str, answer: Answer) -> None:
        """Take an answer as already stored (e.g. evidence saved by the dialog); no save."""
        self.answers[indicator_id] = answer
        self._recompute()
        self.changed.emit(indicator_id)

    def reload(self, answers: dict[str, Answer], read_only: bool | None = None) -> None:
        self.answers = dict(answers)
        if read_only is not None:
            self.read_only = read_only
        self._recompute()
        self.changed.emit("")

    def _recompute(self) -> None:
        answers = self.engine_answers()
        evidence = {k: len(a.evidence) for k, a in self.answers.items() if a.evidence}
        self.resolved = resolve(self.framework, answers)
        self.result = score(self.framework, answers, self.resolved, period=self.period)
        problems: dict[str, list[AnswerProblem]] = {}
        for p in validate(self.framework, answers, evidence, self.resolved):
            problems.setdefault(p.indicator_id, []).append(p)
        self.problems = problems
