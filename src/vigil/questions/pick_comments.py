"""`pick-comments`: the learner selects the comments of the thread that are red flags."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

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


class PickCommentsQuestion(Question):
    """The learner selects the comments of the thread that are red flags."""

    type: Literal["pick-comments"]
    answer: tuple[Id, ...] = Field(min_length=1, description="Ids of the comments to pick.")
    feedback: dict[Id, Markdown] = Field(
        default_factory=dict, description="Feedback per comment id, shown once answered."
    )

    template: ClassVar[Traversable] = files("vigil.questions") / "pick_comments.html.j2"
    script: ClassVar[Traversable] = files("vigil.questions") / "pick_comments.js"
    hint: ClassVar[str] = N_("Choose every comment that is a red flag.")
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
