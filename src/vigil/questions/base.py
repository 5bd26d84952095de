"""What every question kind has, and what a kind supplies.

A kind is one pydantic model (its YAML keys) whose methods give its check rules, its
choices and answer key, and whether it needs the thread, plus a template of its answer
area and a script of its grading in the browser. Core code asks the kind; it never
switches on the kind's name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from pydantic import Field

from vigil.format.fields import Bool, FormatModel, Id, Markdown
from vigil.i18n import N_, Gettext

if TYPE_CHECKING:
    from vigil.check.context import QuestionContext
    from vigil.format.loader import Loc
    from vigil.format.scenario import Scenario
    from vigil.problems import Problem


@dataclass(frozen=True)
class Choice:
    """One answer a learner can pick, whatever the kind: its value, label and feedback."""

    value: str
    label: str
    feedback: str | None
    # The thread comment the choice stands for, if any: its feedback links back to it.
    comment: str | None = None


class WrittenOption(NamedTuple):
    """An option as the trainer wrote it, for the guessability lints: where its text is
    (relative to the question), the text, and whether it is a right answer."""

    loc: Loc
    text: str
    correct: bool


class Question(FormatModel):
    """The keys every kind has. A kind adds `type: Literal[...]` and its own keys."""

    if TYPE_CHECKING:
        # The kind's YAML tag: each kind declares it as a Literal, which the registry reads.
        type: str
    id: Id
    prompt: Markdown
    explanation: Markdown | None = Field(
        default=None, description="Shown once the question is answered, whatever the answer."
    )
    assessment_only: Bool = Field(
        default=False,
        description="Kept for the final assessment: not shown on the scenario page.",
    )

    # The kind's answer area (a Jinja file defining the macros `extra` and `answers`) and
    # its grading in the browser (a script calling defineKind); both ship with the kind.
    template: ClassVar[Traversable]
    script: ClassVar[Traversable]
    # Styles only this kind needs, joined after the engine's own; most kinds have none.
    style: ClassVar[Traversable | None] = None
    # The instruction under the prompt, in the source language (translated when shown).
    hint: ClassVar[str] = N_("Choose one answer.")
    # The input each choice is drawn with: one pick (radio) or several (checkbox).
    input_type: ClassVar[str] = "radio"
    # Strings the kind's script shows, by key (marked with N_): pages that show the kind
    # hand them to the engine, translated, with the core's (render/strings.py).
    ui_text: ClassVar[Mapping[str, str]] = {}

    @classmethod
    def script_source(cls) -> str:
        """The kind's script as pages load it; a kind may put build-time data before it
        (data every question of the kind shares is shipped once, not in every page)."""
        return cls.script.read_text(encoding="utf-8")

    # Whether the inputs sit on the thread's comments (one per comment, tied to the form by
    # its `form` attribute) rather than in the answer area: the thread draws them.
    in_thread: ClassVar[bool] = False

    def choices(self, scenario: Scenario, _: Gettext, *, shuffled: bool = True) -> list[Choice]:
        """The choices in page order; `shuffled=False` keeps the written order (the
        assessment shuffles per attempt in the browser instead)."""
        raise NotImplementedError

    def answer_key(self) -> list[str]:
        """The choice values that make up a right answer."""
        raise NotImplementedError

    def key_in(self, scenario: Scenario) -> list[str]:
        """The answer key the pages and banks hand the engine: `answer_key()`, unless the
        key depends on the scenario (mark-words numbers the words of a thread comment)."""
        return self.answer_key()

    def shuffles(self) -> bool:
        """Whether the assessment shuffles the choices on each attempt."""
        return False

    def needs_thread(self) -> bool:
        """Scenario questions were asked beside their thread; the assessment keeps it."""
        return not self.assessment_only

    def catches(self, scenario: Scenario) -> dict[str, list[str]]:
        """Which leaks each answer value flags or marks, as `<comment id>/<leak index>`:
        the adversary's notebook counts the leaks a learner's answers did not catch."""
        return {}

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        """The kind's own rules: answers that fit, references, missing feedback."""
        return iter(())

    def instruction(self) -> str:
        """The hint shown under this question's prompt (a catalog string): the kind's
        `hint`, unless the question says what it asks for (pick-comments' `asks`)."""
        return self.hint

    def written_options(self) -> tuple[WrittenOption, ...]:
        """The options the trainer wrote, with the right ones marked, for kinds whose
        choices are such options: the lints look for right answers given away by length
        or by their first word."""
        return ()

    def scale_answer(self) -> tuple[Loc, str] | None:
        """Where the answer is written and its value, for kinds answered on a fixed scale
        (a risk level): the lints look for one value answering most such questions."""
        return None
