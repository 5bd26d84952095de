"""`write-report`: the learner writes the report they would send, and it is checked for
what a report must hold.

The form shows whom to report to, how, and what the course asks every report to include
(`extra.vigil.reporting`); the question lists what this thread's report must hold, each
with the words that show it is there (the account's name, the time, the link, what was
asked). Sending grades the report: complete, or the items it misses. What the learner
typed stays on their device, as with draft-reply.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from vigil.format.fields import FormatModel, Id, Markdown, Text
from vigil.i18n import N_, Gettext
from vigil.problems import quoted
from vigil.questions.base import Choice, Question

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vigil.check.context import QuestionContext
    from vigil.format.scenario import Scenario
    from vigil.problems import Problem

COMPLETE = "complete"
# Translators: A choice of a written report: it holds everything asked for.
COMPLETE_LABEL = N_("A report that holds everything asked for")
COMPLETE_NOTE = N_("Whoever reads it can act on it without coming back to you.")
# Translators: One thing a written report left out; {what} is the trainer's wording.
MISSING_LABEL = N_("Missing: {what}")
MISSING_NOTE = N_("Without it, whoever reads the report has to come back to you, or guess.")


class ReportItem(FormatModel):
    """One thing the report must hold, and the words that show it is there."""

    what: Text = Field(description='What it is, e.g. "the account\'s name".')
    any: tuple[Text, ...] = Field(
        min_length=1,
        description="Words any one of which shows the report holds it (case does not "
        'matter; a word ending in "*" also matches longer words it begins).',
    )
    feedback: Markdown | None = Field(
        default=None, description="Shown when the report leaves it out."
    )


# Scripts written without spaces between words (Chinese, Japanese kana): a word of theirs
# is found inside a run of text, and next to one any word may start or end.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
UNSPACED = re.compile(f"[{_UNSPACED}]")
_SPACED_LETTER = f"[^\\W{_UNSPACED}]"


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `words`, as the page's script decides it: a whole word,
    or a word's start when it ends in `*`. Only letters of spaced scripts make a word
    longer; an unspaced script's word is found anywhere."""
    folded = text.casefold()
    for word in words:
        stem = word.casefold().rstrip("*")
        if not stem:
            continue
        head = "" if UNSPACED.match(stem[0]) else f"(?<!{_SPACED_LETTER})"
        open_end = word.endswith("*") or UNSPACED.match(stem[-1])
        tail = "" if open_end else f"(?!{_SPACED_LETTER})"
        if re.search(f"{head}{re.escape(stem)}{tail}", folded):
            return True
    return False


class WriteReportQuestion(Question):
    """Write the report you would send; it is checked for what a report must hold."""

    type: Literal["write-report"]
    about: tuple[Id, ...] = Field(
        min_length=1, description="Comment ids of what the report is about, in the thread."
    )
    include: tuple[ReportItem, ...] = Field(
        min_length=1, description="What this report must hold, each found by its words."
    )
    example: Text | None = Field(
        default=None, description="A report that holds everything, shown once sent."
    )
    feedback: Markdown | None = Field(default=None, description="Feedback for a complete report.")

    template: ClassVar[Traversable] = files("vigil.questions") / "write_report.html.j2"
    script: ClassVar[Traversable] = files("vigil.questions") / "write_report.js"
    style: ClassVar[Traversable | None] = files("vigil.questions") / "write_report.css"
    hint: ClassVar[str] = N_(
        "Write the report you would send, then send it: it is checked for what a report must hold."
    )
    ui_text: ClassVar[Mapping[str, str]] = {
        # Sending the report, and the verdicts once sent.
        "reportSend": N_("Send report"),
        "reportDone": N_("✓ Your report"),
        "reportMissing": N_("✗ Missing from your report"),
        "reportGoal": N_("What a complete report holds"),
    }

    def choices(
        self, scenario: Scenario, gettext: Gettext, *, shuffled: bool = True
    ) -> list[Choice]:
        """A complete report first, then each item the report may miss, in order."""
        complete = Choice(
            COMPLETE, gettext(COMPLETE_LABEL), self.feedback or gettext(COMPLETE_NOTE)
        )
        return [complete] + [
            Choice(
                f"m{n}",
                gettext(MISSING_LABEL).replace("{what}", item.what),
                item.feedback or gettext(MISSING_NOTE),
            )
            for n, item in enumerate(self.include, 1)
        ]

    def answer_key(self) -> list[str]:
        return [COMPLETE]

    def needs_thread(self) -> bool:
        return True

    def words_json(self) -> str:
        """Each item's words, in order, for the page's script."""
        return json.dumps([list(i.any) for i in self.include], ensure_ascii=False)

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        for j, ref in enumerate(self.about):
            yield from ctx.unknown_comment(("about", j), ref)
        if self.example is not None:
            missing = [i.what for i in self.include if not mentions(self.example, i.any)]
            if missing:
                yield ctx.error(
                    ("example",),
                    "example-incomplete",
                    "the example report does not hold "
                    + ", ".join(quoted(what) for what in missing)
                    + ": add it, or the words that show it to the item's `any`",
                )
