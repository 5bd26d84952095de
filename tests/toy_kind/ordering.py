"""A toy question kind that lives only under tests/: put the items in the right order.

It shows what a contributor writes for a new kind: a model with its keys, its rules, its
choices and answer key, a template of its answer area and a script of its grading. It is
registered by the test that uses it; nothing under src/ names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field

from vigil.check.context import QuestionContext
from vigil.format.fields import FormatModel, Id, Text
from vigil.format.scenario import Scenario
from vigil.i18n import Gettext
from vigil.problems import Problem
from vigil.questions.base import Choice, Question

HERE = Path(__file__).parent


class Item(FormatModel):
    id: Id
    text: Text


class OrderingQuestion(Question):
    """The learner numbers the items; right when the order is the answer's."""

    type: Literal["ordering"]
    items: tuple[Item, ...] = Field(min_length=2)
    answer: tuple[Id, ...] = Field(description="Every item id, in the right order.")

    template: ClassVar[Path] = HERE / "ordering.html.j2"
    script: ClassVar[Path] = HERE / "ordering.js"
    hint: ClassVar[str] = "Number the items in order."

    def choices(self, scenario: Scenario, _: Gettext, *, shuffled: bool = True) -> list[Choice]:
        """Items shown in written order, so the right order is never given away by position."""
        return [Choice(item.id, item.text, None) for item in self.items]

    def answer_key(self) -> list[str]:
        return list(self.answer)

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        ids = [item.id for item in self.items]
        for j, ref in enumerate(self.answer):
            if ref not in ids:
                yield ctx.error(("answer", j), "unknown-item", f"no item '{ref}' in items")
        if sorted(self.answer) != sorted(ids):
            yield ctx.error(
                ("answer",),
                "answer-mismatch",
                f"the answer must list every item once, found {len(self.answer)} of {len(ids)}",
            )
