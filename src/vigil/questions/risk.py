"""`risk`: rate a comment, an account or an approach as low, medium or high risk."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from vigil.check.suggest import suggest
from vigil.format.fields import Id, Markdown
from vigil.i18n import N_, Gettext
from vigil.problems import quoted
from vigil.questions.base import Choice, Question

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vigil.check.context import QuestionContext
    from vigil.format.scenario import Scenario
    from vigil.problems import Problem


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


# How each level is shown to learners; translated like every other string.
LEVEL_LABELS = {
    RiskLevel.LOW: N_("Low"),
    RiskLevel.MEDIUM: N_("Medium"),
    RiskLevel.HIGH: N_("High"),
}


class RiskQuestion(Question):
    """Rate the risk of a comment, an account or an approach as low, medium or high."""

    type: Literal["risk"]
    about: Id | None = Field(default=None, description="Comment id the question is about.")
    answer: RiskLevel
    feedback: dict[RiskLevel, Markdown] = Field(
        default_factory=dict, description="Feedback per level: low, medium, high."
    )

    template: ClassVar[Traversable] = files("vigil.questions") / "risk.html.j2"
    script: ClassVar[Traversable] = files("vigil.questions") / "risk.js"
    hint: ClassVar[str] = N_("Rate the risk.")

    def choices(
        self, scenario: Scenario, gettext: Gettext, *, shuffled: bool = True
    ) -> list[Choice]:
        """The levels in their own order, low to high."""
        return [Choice(r.value, gettext(LEVEL_LABELS[r]), self.feedback.get(r)) for r in RiskLevel]

    def answer_key(self) -> list[str]:
        return [self.answer.value]

    def needs_thread(self) -> bool:
        return self.about is not None or super().needs_thread()

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        if self.about is not None and not ctx.is_comment(self.about):
            yield ctx.error(
                ("about",),
                "unknown-comment",
                f"no comment {quoted(self.about)} in this thread"
                f"{suggest(self.about, ctx.comment_ids)}",
            )
        missing = [r.value for r in RiskLevel if r not in self.feedback]
        yield from ctx.missing_feedback(bool(self.feedback), "risk levels", missing)
