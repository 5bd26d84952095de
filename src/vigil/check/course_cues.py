"""Cues across the course that answer questions without reading them (guessability lints).

Each lint reads the per-file `Facts` (`cues.py`) of the whole course, once every file is
checked, and reports one warning at the first place that contributes (in file order),
naming the others as `file:line`. The thresholds are `extra.vigil.lints`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from vigil.check.cues import Account, Facts
from vigil.course import LintOptions
from vigil.format.loader import Position
from vigil.problems import Problem, Severity, quoted

Place = tuple[str, Position]  # a file's display path and a position in it
NAMED = 10  # places a message names before it only counts the rest


def course_cues(files: list[tuple[str, Facts]], lints: LintOptions) -> list[Problem]:
    return [*_risk(files, lints), *_replies(files, lints), *_age(files, lints)]


def _warning(places: list[Place], code: str, message: str) -> Problem:
    """The warning at the first place; the others named after the message."""
    (path, at), others = places[0], places[1:]
    if others:
        named = ", ".join(f"{p}:{a.line}" for p, a in others[:NAMED])
        more = f" and {len(others) - NAMED} more" if len(others) > NAMED else ""
        message = f"{message} (also: {named}{more})"
    return Problem(path, at.line, at.col, code, message, Severity.WARNING)


def _risk(files: list[tuple[str, Facts]], lints: LintOptions) -> Iterator[Problem]:
    answers = [(path, r) for path, f in files for r in f.risk]
    if len(answers) < lints.risk_min:
        return
    counts = Counter(r.level for _, r in answers)
    level, count = counts.most_common(1)[0]
    if count * 100 <= lints.risk_share * len(answers):
        return
    spread = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
    message = (
        f"{quoted(level)} is the answer to {count} of the course's {len(answers)} risk-rated "
        f"questions ({spread}), more than {lints.risk_share} % "
        "(extra.vigil.lints.risk_share), so always answering it passes them without "
        "reading; make some answers another level: a reply that looks alarming but is "
        "harmless, a case in between"
    )
    yield _warning(
        [(p, r.at) for p, r in answers if r.level == level], "risk-answers-skewed", message
    )


def _replies(files: list[tuple[str, Facts]], lints: LintOptions) -> Iterator[Problem]:
    options = [(path, o) for path, f in files for o in f.replies]
    right = sum(o.correct for _, o in options)
    if len(options) < lints.reply_min or 0 < right < len(options):
        return
    verbs = ", ".join(lints.reply_verbs)
    if right:
        code, what = "reply-always-right", "right, so always replying"
        fix = "add reply options that are wrong, such as a reply that gives a detail away"
    else:
        code, what = "reply-always-wrong", "wrong, so never replying"
        fix = (
            "make replying the right answer where it is, such as a public reply that says "
            "nothing specific and points to the official page"
        )
    message = (
        f"all {len(options)} options of the course that start with a reply verb ({verbs}; "
        f"extra.vigil.lints.reply_verbs) are {what} answers them without reading; {fix}"
    )
    yield _warning([(p, o.at) for p, o in options], code, message)


class _Cut(NamedTuple):
    """A cut-off on account age: flagged authors are taken to be those at most (or, when
    `newer` is False, more than) `months` old."""

    score: float  # the share of all authors it sorts right
    months: float
    newer: bool
    flagged_right: int
    others_right: int


def _age(files: list[tuple[str, Facts]], lints: LintOptions) -> Iterator[Problem]:
    accounts = [(path, a) for path, f in files for a in f.accounts]
    flagged = sum(a.flagged for _, a in accounts)
    others = len(accounts) - flagged
    if flagged < lints.age_min_flagged or others == 0:
        return
    cut = best_cut([(a.months, a.flagged) for _, a in accounts])
    if cut is None or cut.score * 100 < lints.age_accuracy:
        return
    side = "or less" if cut.newer else "or more"
    age = _age_text(cut.months if cut.newer else _next_age(accounts, cut.months))
    message = (
        f"account age alone tells flagged authors from the others: taking the accounts that "
        f"joined {age} ago {side} for the flagged ones sorts {cut.flagged_right} of {flagged} "
        f"flagged authors and {cut.others_right} of {others} others right "
        f"({round(cut.score * 100)} %, at least {lints.age_accuracy} %: "
        "extra.vigil.lints.age_accuracy), so ticking the "
        f"{'new' if cut.newer else 'old'} accounts answers pick-comments questions; give some "
        f"adversaries {'aged or bought' if cut.newer else 'new'} accounts and some harmless "
        f"people {'new' if cut.newer else 'old'} ones"
    )
    telling = [
        (p, a.at)
        for p, a in accounts
        if a.at is not None and a.flagged and (a.months <= cut.months) == cut.newer
    ]
    yield _warning(telling, "age-gives-away", message)


def best_cut(accounts: list[tuple[float, bool]]) -> _Cut | None:
    """The cut-off on age that sorts the most authors right, either way, among those that
    sort most flagged authors and most others right (a cut that calls nearly everyone
    harmless is right about most authors of a course, and tells nothing); found in one
    sweep over the ages in order. None when no cut-off separates the two."""
    flagged = sum(f for _, f in accounts)
    others = len(accounts) - flagged
    best: _Cut | None = None
    young_flagged = young_others = 0  # at most the cut's age
    ordered = sorted(accounts)
    for i, (months, is_flagged) in enumerate(ordered):
        young_flagged += is_flagged
        young_others += not is_flagged
        if i + 1 < len(ordered) and ordered[i + 1][0] == months:
            continue  # a cut falls between two ages
        for newer, caught, cleared in (
            (True, young_flagged, others - young_others),
            (False, flagged - young_flagged, young_others),
        ):
            if caught * 2 <= flagged or cleared * 2 <= others:
                continue
            cut = _Cut((caught + cleared) / len(accounts), months, newer, caught, cleared)
            if best is None or cut.score > best.score:
                best = cut
    return best


def _next_age(accounts: list[tuple[str, Account]], months: float) -> float:
    """The youngest age above the cut: 'joined ... ago or more' names an age written."""
    return min((a.months for _, a in accounts if a.months > months), default=months)


def _age_text(months: float) -> str:
    if months >= 12 and months % 12 == 0:
        years = int(months // 12)
        return f"{years} year{'s' if years != 1 else ''}"
    if months >= 1 and months == int(months):
        return f"{int(months)} month{'s' if months != 1 else ''}"
    days = round(months * 30)
    return f"{days} day{'s' if days != 1 else ''}"
