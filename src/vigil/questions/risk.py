"""`risk`: rate a comment, an account or an approach as low, medium or high risk."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from vigil.format.fields import Id
from vigil.i18n import Gettext
from vigil.questions.base import Choice
from vigil.questions.rating import RatingQuestion

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vigil.check.context import QuestionContext
    from vigil.format.scenario import Scenario
    from vigil.problems import Problem


class RiskQuestion(RatingQuestion):
    """Rate the risk of a comment, an account or an approach as low, medium or high."""

    type: Literal["risk"]
    about: Id | None = Field(default=None, description="Comment id the question is about.")

    template: ClassVar[Traversable] = files("vigil.questions") / "risk.html.j2"
    script: ClassVar[Traversable] = files("vigil.questions") / "risk.js"

    def choices(
        self, scenario: Scenario, gettext: Gettext, *, shuffled: bool = True
    ) -> list[Choice]:
        """The levels in their own order, low to high."""
        return self.level_choices(gettext)

    def answer_key(self) -> list[str]:
        return [self.answer.value]

    def needs_thread(self) -> bool:
        return self.about is not None or super().needs_thread()

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        if self.about is not None:
            yield from ctx.unknown_comment(("about",), self.about)
        yield from self.level_problems(ctx)
