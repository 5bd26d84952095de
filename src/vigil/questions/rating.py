"""What the rating kinds share (`risk`, `rate-profile`): a risk level as the answer, the
three levels as choices in their own order, and feedback per level."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from vigil.format.fields import Markdown
from vigil.i18n import N_, Gettext
from vigil.questions.base import Choice, Question

if TYPE_CHECKING:
    from vigil.check.context import QuestionContext
    from vigil.format.loader import Loc
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


class RatingQuestion(Question):
    """A question answered (in part) by a risk level; a kind adds its `type` and the rest."""

    answer: RiskLevel = Field(description="The right risk level: low, medium or high.")
    feedback: dict[RiskLevel, Markdown] = Field(
        default_factory=dict, description="Feedback per level: low, medium, high."
    )

    hint: ClassVar[str] = N_("Rate the risk.")

    def level_choices(self, gettext: Gettext) -> list[Choice]:
        """The levels in their own order, low to high."""
        return [Choice(r.value, gettext(LEVEL_LABELS[r]), self.feedback.get(r)) for r in RiskLevel]

    def scale_answer(self) -> tuple[Loc, str] | None:
        return ("answer",), self.answer.value

    def level_problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        """One warning naming the levels without feedback."""
        missing = [r.value for r in RiskLevel if r not in self.feedback]
        yield from ctx.missing_feedback(bool(self.feedback), "risk levels", missing)
