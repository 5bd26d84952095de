"""`pick-comments`: the learner selects the comments of the thread that are red flags, or
that give something away, or both, as the question `asks`; the hint under the prompt says
which, and the answer must be exactly those comments (`hint-mismatch` otherwise)."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from vigil.check.partial import incomplete
from vigil.check.suggest import suggest
from vigil.course import walk_comments
from vigil.format.fields import Id, Markdown
from vigil.i18n import N_, Gettext
from vigil.problems import quoted
from vigil.questions.base import Choice, Question
from vigil.render.text import comment_label

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vigil.check.context import QuestionContext
    from vigil.format.scenario import Scenario
    from vigil.problems import Problem


class Asks(StrEnum):
    """What the learner is asked to pick."""

    FLAGS = "flags"
    LEAKS = "leaks"
    BOTH = "both"


# The hint under the prompt for each, in the source language (translated when shown).
HINTS = {
    Asks.FLAGS: N_("Choose every comment that is a red flag."),
    Asks.LEAKS: N_("Choose every comment that gives something away."),
    Asks.BOTH: N_("Choose every comment that is a red flag or gives something away."),
}
# The comments each answers, as the hint-mismatch message names them.
_WHAT = {
    Asks.FLAGS: "the comments with a flag",
    Asks.LEAKS: "the comments with leaks",
    Asks.BOTH: "the comments with a flag or leaks",
}


class PickCommentsQuestion(Question):
    """The learner selects the comments of the thread that are red flags (or leak)."""

    type: Literal["pick-comments"]
    asks: Asks = Field(
        default=Asks.FLAGS,
        description="What the learner picks, and so the hint under the prompt: flags (the "
        "red flags), leaks (comments that give something away) or both. The answer must be "
        "exactly those comments.",
    )
    answer: tuple[Id, ...] = Field(min_length=1, description="Ids of the comments to pick.")
    feedback: dict[Id, Markdown] = Field(
        default_factory=dict, description="Feedback per comment id, shown once answered."
    )

    template: ClassVar[Traversable] = files("vigil.questions") / "pick_comments.html.j2"
    script: ClassVar[Traversable] = files("vigil.questions") / "pick_comments.js"
    hint: ClassVar[str] = HINTS[Asks.FLAGS]
    input_type: ClassVar[str] = "checkbox"
    in_thread: ClassVar[bool] = True

    def choices(
        self, scenario: Scenario, gettext: Gettext, *, shuffled: bool = True
    ) -> list[Choice]:
        """Every comment in thread order: the order is part of what the learner reads."""
        return [
            Choice(c.id, comment_label(scenario, c, gettext), self.feedback.get(c.id), c.id)
            for c in walk_comments(scenario.thread)
        ]

    def answer_key(self) -> list[str]:
        return list(self.answer)

    def instruction(self) -> str:
        return HINTS[self.asks]

    def needs_thread(self) -> bool:
        return True

    def catches(self, scenario: Scenario) -> dict[str, list[str]]:
        """Ticking a comment flags it, and with it every detail it gives away."""
        return {
            c.id: [f"{c.id}/{i}" for i in range(len(c.leaks))]
            for c in walk_comments(scenario.thread)
            if c.leaks
        }

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        ids = ctx.comment_ids
        for j, ref in enumerate(self.answer):
            if not ctx.is_comment(ref):
                yield from ctx.unknown_comment(("answer", j), ref)
            elif ref in self.answer[:j]:
                yield ctx.error(
                    ("answer", j), "answer-mismatch", f"comment {quoted(ref)} is listed twice"
                )
        for ref in self.feedback:
            if not ctx.is_comment(ref):
                yield ctx.error(
                    ("feedback", ref),
                    "unknown-comment",
                    f"feedback for {quoted(ref)}, which is not a comment of this thread"
                    f"{suggest(ref, ids)}",
                    key=True,
                )
        missing = [c.id for c in walk_comments(ctx.scenario.thread) if c.id not in self.feedback]
        yield from ctx.missing_feedback(bool(self.feedback), "comments", missing)
        if not incomplete(ctx.doc, ("thread",)):  # a failed comment's flag is unknown
            yield from self._hint_fits(ctx)

    def _hint_fits(self, ctx: QuestionContext) -> Iterator[Problem]:
        """A learner who does what the hint says must be marked right: the answer is
        exactly the comments that are asked for."""
        comments = walk_comments(ctx.scenario.thread)
        if not set(self.answer) <= {c.id for c in comments}:
            return  # an unknown comment is reported as such
        wanted = {
            Asks.FLAGS: [c.id for c in comments if c.flag],
            Asks.LEAKS: [c.id for c in comments if c.leaks],
            Asks.BOTH: [c.id for c in comments if c.flag or c.leaks],
        }
        asked = wanted[self.asks]
        if set(self.answer) == set(asked):
            return
        extra = [ref for ref in self.answer if ref not in asked]
        left = [ref for ref in asked if ref not in self.answer]
        found = "; ".join(
            part
            for part in (
                f"it also holds {', '.join(extra)}" if extra else "",
                f"it leaves out {', '.join(left)}" if left else "",
            )
            if part
        )
        fits = [a for a in Asks if set(self.answer) == set(wanted[a])]
        fix = (
            f"if the prompt asks for {_WHAT[fits[0]]}, write asks: {fits[0].value}"
            if fits
            else "make the answer fit the prompt, or add or remove flags and leaks in the thread"
        )
        where = ("asks",) if "asks" in self.model_fields_set else ("answer",)
        yield ctx.warning(
            where,
            "hint-mismatch",
            f"the hint says {HINTS[self.asks]!r} (asks: {self.asks.value}), so the answer "
            f"should be {_WHAT[self.asks]}, but {found}: a learner who follows the hint is "
            f"marked wrong; {fix}",
        )
