"""The strings the quiz engine shows, by key: handed to each page through its data.

Marked for the catalog (N_ and Plural) and translated when a page is rendered, so the
engine itself holds no text. The engine fills the {placeholders} at run time; a string
with a count noun is a Plural, whose form is picked at build time from a number the page
knows (the `count` it names, see `Counts`). English keeps one wording for both of its
forms ("1 of 1 attempts left", as the course has always said it); a language with other
plural rules translates each form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias

from vigil.i18n import N_
from vigil.i18n.catalog import Translator


@dataclass(frozen=True)
class Plural:
    """A string whose form depends on the page's number named by `count`."""

    singular: str
    plural: str
    count: str


@dataclass(frozen=True)
class Joined:
    """A line made of translated parts: `template` holds a {slot} for each part."""

    template: str
    parts: Mapping[str, Plural]


UiText: TypeAlias = "str | Plural | Joined"
# The numbers plural forms are picked by, by name, as a page knows them when it is built:
# "scenarios", "questions" and "modules" of the course; "attempts" allowed (0: unlimited,
# and no line about attempts is shown); "module_scenarios" of the page's module (the most
# common size where a page shows several); "scenario_questions" of the page's scenario;
# "drawn", the questions an assessment attempt draws.
Counts: TypeAlias = Mapping[str, int]
# A string a page does not show is resolved as for this many.
UNSHOWN = 2

# Strings the quiz engine shows; kept here so a translation replaces one table.
JS_TEXT: Mapping[str, UiText] = {
    "choose": N_("Choose an answer first."),
    "correct": N_("Correct."),
    "incorrect": N_("Not quite."),
    "right": N_("✓ Your choice: correct"),
    "wrong": N_("✗ Your choice: not correct"),
    "missed": N_("Correct answer: not chosen"),
    "alsoOk": N_("Also acceptable"),
    "revealed": Plural(
        "Red flags and leaked details are now marked on the thread. "
        "You answered {correct} of {total} questions correctly.",
        "Red flags and leaked details are now marked on the thread. "
        "You answered {correct} of {total} questions correctly.",
        "scenario_questions",
    ),
    "notStarted": N_("Not started"),
    "inProgress": N_("In progress: {answered} of {total} answered"),
    "done": N_("Done: {correct} of {total} correct"),
    "doneMistakes": N_("Done, with mistakes: {correct} of {total} correct. Try it again."),
    "noQuestions": N_("No questions"),
    "moduleStatus": Plural(
        "{done} of {total} scenarios done", "{done} of {total} scenarios done", "module_scenarios"
    ),
    "courseStatus": Joined(
        # Translators: The course's status line, made of the two parts that follow it.
        N_("{scenarios}, {answers}"),
        {
            "scenarios": Plural(
                "{done} of {total} scenarios done", "{done} of {total} scenarios done", "scenarios"
            ),
            "answers": Plural(
                "{correct} of {questions} answers correct",
                "{correct} of {questions} answers correct",
                "questions",
            ),
        },
    ),
    "erased": N_("Your progress for this course has been erased on this device."),
    "retried": N_("Your answers to this scenario have been cleared. Answer the questions again."),
    "unsaved": N_(
        "Your answers cannot be saved: this browser's storage is full or blocked. They "
        "will be lost when you leave or reload this page. Free some space (clear other "
        "sites' data) or allow storage for this site, then answer again."
    ),
    # Between the items of a list ("a, b, c"); 、 in Chinese.
    "listSeparator": N_(", "),
}

# Status lines of the course home and progress pages about the assessment and certificate.
STATUS_TEXT: Mapping[str, UiText] = {
    "modulesStatus": Plural(
        "{done} of {total} modules done", "{done} of {total} modules done", "modules"
    ),
    "aNotStarted": N_("Not started"),
    "aInProgress": N_("In progress: {answered} of {total} answered"),
    "aBest": N_("Best score {score}%: {verdict}"),
    "aPassed": N_("passed"),
    "aFailed": N_("not passed (pass mark {pass_mark}%)"),
    "aLeft": Plural(
        "{left} of {attempts} attempts left", "{left} of {attempts} attempts left", "attempts"
    ),
    "aNoneLeft": N_("no attempts left"),
    # Translators: Put between the parts of a status line (score, attempts left).
    "statusSeparator": N_(" · "),
    "certEarned": N_("Earned: print it from the certificate page"),
    "certMissing": N_("Not yet earned"),
}

# Strings of the assessment and certificate pages.
ASSESSMENT_TEXT: Mapping[str, UiText] = {
    **STATUS_TEXT,
    "legend": N_("Question {number} of {total}"),
    "unanswered": N_("Not answered."),
    "confirmSubmit": Plural(
        "{missing} of {total} questions have no answer yet. Unanswered questions count as wrong.",
        "{missing} of {total} questions have no answer yet. Unanswered questions count as wrong.",
        "drawn",
    ),
    "score": N_("Your score: {score}% ({correct} of {total} correct)."),
    "passed": N_("Passed. The pass mark is {pass_mark}%."),
    "failed": N_("Not passed. The pass mark is {pass_mark}%."),
    # Translators: Put between two sentences of the assessment's result.
    "sentenceSeparator": N_(" "),
    "certReady": N_("You have completed the course: your certificate is ready."),
    "certAfterScenarios": N_("Finish the remaining scenarios to earn your certificate."),
    "attemptsLeft": Plural(
        "You have {left} of {attempts} attempts left.",
        "You have {left} of {attempts} attempts left.",
        "attempts",
    ),
    "noAttemptsLeft": Plural(
        "You have used all {attempts} attempts without passing, so no new "
        "attempt can be started. Ask your trainer how to continue.",
        "You have used all {attempts} attempts without passing, so no new "
        "attempt can be started. Ask your trainer how to continue.",
        "attempts",
    ),
    "usedUp": Plural(
        "You have used all {attempts} attempts.",
        "You have used all {attempts} attempts.",
        "attempts",
    ),
    "started": Plural(
        "A new set of {total} questions has been drawn.",
        "A new set of {total} questions has been drawn.",
        "drawn",
    ),
    "todoScenario": N_("{module}: {title} ({state})"),
    "todoAssessment": N_("Pass the final assessment (pass mark {pass_mark}%)"),
    "todoBlocked": Plural(
        "The final assessment: all {attempts} attempts used without passing",
        "The final assessment: all {attempts} attempts used without passing",
        "attempts",
    ),
    "nameNeeded": N_("Enter your name as it should appear on the certificate."),
    # Translators: The score as the certificate prints it.
    "certScore": N_("{score}%"),
}

# Strings only the assessment page shows: while it loads the drawn questions' banks, and
# in the review's summary by tactic.
BANK_TEXT: Mapping[str, UiText] = {
    # Translators: One line of the review by tactic; {tactic} is the module's name.
    "tacticScore": N_("{tactic}: {correct} of {total} correct."),
    # Translators: Followed by links to the questions of that tactic the learner missed.
    "tacticMissed": N_("Missed:"),
    "questionLink": N_("question {number}"),
    "loadFailed": N_(
        "Some of the drawn questions could not be loaded. Try again; if it keeps "
        "failing, the course files may be incomplete: tell your trainer."
    ),
}

# Strings of the course notebook (the adversary's notebook across the scenarios done).
NOTEBOOK_TEXT: Mapping[str, UiText] = {
    "nbNothingYet": N_(
        "Nothing yet. Finish a scenario whose questions ask about the details a thread "
        "gives away, and whatever your answers let through is listed here."
    ),
    "nbEmpty": N_(
        "Empty: in the scenarios you finished, your answers flagged every detail that was "
        "given away."
    ),
    "nbCount": N_("Details an adversary now holds: {leaks}. Threads they came from: {threads}."),
    "nbFailed": N_(
        "The notes of some scenarios could not be loaded, so this list may be incomplete. "
        "Reload the page; if it keeps failing, tell your trainer."
    ),
    "nbDetail": N_("Detail"),
    "nbBy": N_("Given away by"),
    "nbWhere": N_("Thread"),
}


def resolve(text: UiText, translator: Translator, counts: Counts) -> str:
    """One string in the page's language, its plural form picked by the page's counts."""
    if isinstance(text, str):
        return translator.gettext(text)
    if isinstance(text, Plural):
        return translator.ngettext(text.singular, text.plural, counts.get(text.count, UNSHOWN))
    line = translator.gettext(text.template)
    for slot, part in text.parts.items():
        line = line.replace("{" + slot + "}", resolve(part, translator, counts))
    return line


def ui_strings(
    translator: Translator, counts: Counts, *tables: Mapping[str, UiText]
) -> dict[str, str]:
    """The tables' strings by key, as a page hands them to the engine."""
    return {
        key: resolve(text, translator, counts) for table in tables for key, text in table.items()
    }
