"""Cues that answer a question without reading it: the guessability lints, one file's part.

`longest_correct` warns about each question whose right option stands out by its length.
`facts` gathers what the course-wide lints (`course_cues`) need from one file: its risk
answers, its reply options and its authors' account ages, each with the position it is
reported at. The facts are small and kept with the file's outcome, so a rebuild that
checks only the edited files still judges the whole course; the YAML is not kept.
Kinds are asked through `Question.written_options` and `Question.scale_answer`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from vigil.course import LintOptions, walk_comments
from vigil.format.loader import Document, Position
from vigil.format.scenario import Scenario
from vigil.problems import Problem, Severity, quoted
from vigil.questions.base import Question, WrittenOption


class RiskAnswer(NamedTuple):
    at: Position
    level: str


class ReplyOption(NamedTuple):
    at: Position
    correct: bool


class Account(NamedTuple):
    """A persona who writes in the thread: its age in months, and whether any of its
    comments carries a flag; only a flagged account is named in a warning, so only its
    position is looked up."""

    at: Position | None
    months: float
    flagged: bool


@dataclass(frozen=True)
class Facts:
    """What the course-wide lints read from one file."""

    risk: tuple[RiskAnswer, ...] = ()
    replies: tuple[ReplyOption, ...] = ()
    accounts: tuple[Account, ...] = ()


# Account age as profiles write it: "3 weeks ago", "a year ago". Other forms are not read.
_AGE = re.compile(r"(\d+|an?|one)\s+(minute|hour|day|week|month|year)s?\s+ago", re.IGNORECASE)
_MONTHS = {"minute": 0.0, "hour": 0.0, "day": 1 / 30, "week": 7 / 30, "month": 1.0, "year": 12.0}
_FIRST_WORD = re.compile(r"\W*(\w+)")


def age_in_months(joined: str) -> float | None:
    """The account's age in months, or None when `joined` is not written "N units ago"."""
    match = _AGE.fullmatch(joined.strip())
    if match is None:
        return None
    count, unit = match.groups()
    number = int(count) if count.isdigit() else 1
    return number * _MONTHS[unit.lower()]


def is_reply(text: str, verbs: tuple[str, ...]) -> bool:
    """Whether an option starts with one of the reply verbs (any case)."""
    match = _FIRST_WORD.match(text)
    return match is not None and match.group(1).casefold() in _folded(verbs)


@lru_cache(maxsize=4)
def _folded(verbs: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v.casefold() for v in verbs)


def facts(doc: Document, scenario: Scenario, lints: LintOptions) -> Facts:
    risk: list[RiskAnswer] = []
    replies: list[ReplyOption] = []
    for i, question in enumerate(scenario.questions):
        if (answer := question.scale_answer()) is not None:
            risk.append(RiskAnswer(doc.position(("questions", i, *answer[0])), answer[1]))
        for option in question.written_options():
            if is_reply(option.text, lints.reply_verbs):
                place = doc.position(("questions", i, *option.loc))
                replies.append(ReplyOption(place, option.correct))
    comments = walk_comments(scenario.thread)
    flagged = {c.by for c in comments if c.flag}
    accounts = []
    for ident in dict.fromkeys(c.by for c in comments):
        persona = scenario.personas.get(ident)
        months = age_in_months(persona.joined) if persona is not None else None
        if months is not None:
            named = ident in flagged
            at = doc.position(("personas", ident, "joined")) if named else None
            accounts.append(Account(at, months, named))
    return Facts(tuple(risk), tuple(replies), tuple(accounts))


def longest_correct(doc: Document, scenario: Scenario, lints: LintOptions) -> list[Problem]:
    """A right option far longer than every wrong one: picking the longest (or, where
    several are ticked, the long ones) answers the question without reading it."""
    problems = []
    for i, question in enumerate(scenario.questions):
        options = question.written_options()
        right = [o for o in options if o.correct]
        wrong = [o for o in options if not o.correct]
        if not right or not wrong:
            continue
        several = question.input_type == "checkbox"
        telling = min(right, key=_size) if several else max(right, key=_size)
        rival = max(wrong, key=_size)
        ratio = _size(telling) / max(_size(rival), 1)
        if ratio < lints.longest_ratio or _size(telling) - _size(rival) < max(lints.longest_gap, 1):
            continue
        at = doc.position(("questions", i, *telling.loc))
        message = _longest_message(doc, i, question, several, ratio, lints.longest_ratio)
        problems.append(
            Problem(doc.path, at.line, at.col, "longest-correct", message, Severity.WARNING)
        )
    return problems


def _size(option: WrittenOption) -> int:
    return len(option.text.strip())


def _times(ratio: float) -> str:
    """'1.44 times', '2 times': two decimals at most, so a ratio just over the limit does
    not read as the limit."""
    return f"{ratio:.2f}".rstrip("0").rstrip(".") + " times"


def _longest_message(
    doc: Document, i: int, question: Question, several: bool, ratio: float, limit: float
) -> str:
    if several:
        what = (
            "every right option is far longer than the wrong ones (the shortest right one is "
            f"{_times(ratio)} as long as the longest wrong one), so ticking the long ones"
        )
    else:
        what = (
            f"the right option is the longest by far ({_times(ratio)} as long as the "
            "longest wrong one), so picking the longest"
        )
    listed = "; ".join(
        f"line {doc.position(('questions', i, *o.loc)).line} {quoted(o.text.strip())} "
        f"{_size(o)} characters{' (right)' if o.correct else ''}"
        for o in sorted(question.written_options(), key=_size, reverse=True)
    )
    return (
        f"{what} answers question {quoted(question.id)} without reading it; shorten the right "
        f"option or give the wrong ones as much detail, until it is less than "
        f"{limit:g} times as long (extra.vigil.lints.longest_ratio). Options by length: {listed}"
    )
