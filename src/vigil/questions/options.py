"""Kinds whose choices are options written in the scenario: single, multiple and action."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from vigil.format.fields import Bool, FormatModel, Id, Markdown, Text
from vigil.i18n import Gettext
from vigil.problems import quoted
from vigil.questions.base import Choice, Question, WrittenOption

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vigil.check.context import QuestionContext
    from vigil.format.scenario import Scenario
    from vigil.problems import Problem


class Option(FormatModel):
    """One choice of a single, multiple or action question, with its own feedback."""

    id: Id
    text: Text
    correct: Bool = False
    feedback: Markdown | None = Field(
        default=None, description="Why this choice is right or wrong (a warning if missing)."
    )


def stable_hash(*parts: str) -> str:
    """Shuffles the same way on every build, so output stays byte-identical."""
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


class OptionsQuestion(Question):
    options: tuple[Option, ...] = Field(min_length=2)
    shuffle: Bool = Field(
        default=True, description="false pins the written order (e.g. for 'all of the above')."
    )

    template: ClassVar[Traversable] = files("vigil.questions") / "choices.html.j2"
    # At least this many options must be correct, and at most `most_correct` (None: any).
    least_correct: ClassVar[int] = 1
    most_correct: ClassVar[int | None] = None

    def choices(self, scenario: Scenario, _: Gettext, *, shuffled: bool = True) -> list[Choice]:
        options = self.options
        if self.shuffle and shuffled:
            options = tuple(sorted(options, key=lambda o: stable_hash(scenario.id, self.id, o.id)))
        return [Choice(o.id, o.text, o.feedback) for o in options]

    def answer_key(self) -> list[str]:
        return [o.id for o in self.options if o.correct]

    def shuffles(self) -> bool:
        return self.shuffle

    def written_options(self) -> tuple[WrittenOption, ...]:
        return tuple(
            WrittenOption(("options", j, "text"), o.text, o.correct)
            for j, o in enumerate(self.options)
        )

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        seen: dict[str, int] = {}
        for j, option in enumerate(self.options):
            if option.id in seen:
                first = ctx.doc.position((*ctx.loc, "options", seen[option.id], "id"))
                yield ctx.error(
                    ("options", j, "id"),
                    "duplicate-id",
                    f"option id {quoted(option.id)} is already used at line {first.line}",
                )
            else:
                seen[option.id] = j
        correct = sum(o.correct for o in self.options)
        if correct < self.least_correct or (
            self.most_correct is not None and correct > self.most_correct
        ):
            yield ctx.error(("options",), "answer-mismatch", self.mismatch(correct))
        for j, option in enumerate(self.options):
            if option.feedback is None:
                yield ctx.warning(
                    ("options", j),
                    "no-feedback",
                    f"option {quoted(option.id)} has no feedback explaining why",
                )

    def mismatch(self, correct: int) -> str:
        """What to say when the number of correct options does not fit the kind."""
        return f"a {self.type} question needs at least one option with correct: true"
