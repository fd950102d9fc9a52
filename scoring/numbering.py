"""The number of each question, the same on screen, in the check, on the paper questionnaire.

Numbers come from the framework's order and never from what is shown at the moment, so they
are stable (the "1.4" on the screen is the "1.4" on paper and in the report) and show no gaps
when a conditional question is hidden: a question that applies only on some answers
(`relevant`, "if yes, how many…") is a follow-up of the question before it and gets its
number with one more part (1.4.1, 1.4.2), as paper forms number "if yes" questions. Hiding a
follow-up leaves 1.4 → 1.5 with nothing missing in between. A pillar that starts with a
conditional question has nothing to follow, so that one gets a number of its own.
"""
from __future__ import annotations

from .model import Framework, Pillar


def question_groups(pillar: Pillar) -> list[list[str]]:
    """The pillar's indicator ids, one list per numbered question: the question, then its
    follow-ups."""
    groups: list[list[str]] = []
    for ind in pillar.indicators:
        if ind.relevant is None or not groups:
            groups.append([ind.id])
        else:
            groups[-1].append(ind.id)
    return groups


def pillar_numbers(pillar: Pillar, pillar_number: int) -> dict[str, str]:
    """{indicator id: "2.3" or "2.3.1"} for one pillar (numbered `pillar_number`)."""
    out: dict[str, str] = {}
    for qi, group in enumerate(question_groups(pillar), 1):
        out[group[0]] = f"{pillar_number}.{qi}"
        for fi, iid in enumerate(group[1:], 1):
            out[iid] = f"{pillar_number}.{qi}.{fi}"
    return out


def question_numbers(framework: Framework) -> dict[str, str]:
    """{indicator id: its number} for the whole framework."""
    out: dict[str, str] = {}
    for pi, p in enumerate(framework.pillars, 1):
        out.update(pillar_numbers(p, pi))
    return out
