"""`rate-profile`: rate the risk of one account from its profile card, with the evidence.

The learner ticks the signals that apply (from the question's list), then rates the risk.
Right means every signal judged right and the right level. A signal may name the cue it
teaches; its feedback then ends with what that cue does and does not tell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from vigil.format.fields import Bool, FormatModel, Id, Markdown, Text
from vigil.i18n import N_, Gettext
from vigil.problems import quoted
from vigil.questions.base import Choice
from vigil.questions.rating import RatingQuestion, RiskLevel

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vigil.check.context import QuestionContext
    from vigil.format.scenario import Persona, Scenario
    from vigil.problems import Problem


class Cue(StrEnum):
    """The signals of a fake or hired account the course teaches."""

    AGE = "age"
    BURST = "burst"
    COPY_PASTE = "copy-paste"
    HOURS = "hours"
    PHOTO = "photo"
    NETWORK = "network"


# What each cue tells and what it does not, added to the feedback of a signal naming it.
CUE_LESSONS = {
    Cue.AGE: N_(
        "*Account age:* worth a look, but it proves nothing alone. Old accounts are bought "
        "or kept for campaigns, and real people join every day."
    ),
    Cue.BURST: N_(
        "*A burst of activity:* many posts in minutes, or a quiet account suddenly busy on "
        "one subject, is how scripts and paid posters work."
    ),
    Cue.COPY_PASTE: N_(
        "*Copy-paste text:* the same sentences under several names point to one hand or "
        "one script behind them."
    ),
    Cue.HOURS: N_(
        "*Posting hours:* posts always in one shift, at hours that fit neither the claimed "
        "home nor an ordinary day, suggest a work rota."
    ),
    Cue.PHOTO: N_("*A stock photo:* a polished portrait of a stranger hides who runs the account."),
    Cue.NETWORK: N_(
        "*A closed network:* accounts that boost only each other make a few hands look like "
        "a crowd."
    ),
}

# What a card must show for a cue to apply: the learner needs evidence to tick it.
EVIDENCE: dict[Cue, tuple[str, Callable[[Persona, Scenario, str], bool]]] = {
    Cue.AGE: ("an account age", lambda p, s, i: True),
    Cue.BURST: (
        "recent posts or a post count",
        lambda p, s, i: bool(p.recent) or p.posts is not None,
    ),
    Cue.COPY_PASTE: ("recent posts", lambda p, s, i: bool(p.recent)),
    Cue.HOURS: ("posting hours", lambda p, s, i: p.hours is not None),
    Cue.PHOTO: ("a photo description", lambda p, s, i: p.photo is not None),
    Cue.NETWORK: (
        "boosts either way",
        lambda p, s, i: bool(p.boosts) or any(i in o.boosts for o in s.personas.values()),
    ),
}


class Signal(FormatModel):
    """One signal the learner may tick: whether it applies to the account, and why."""

    id: Id
    text: Text = Field(description="The signal as the learner reads it.")
    cue: Cue | None = Field(
        default=None,
        description="The cue it teaches (age, burst, copy-paste, hours, photo, network): its "
        "feedback then ends with what that cue does and does not tell.",
    )
    applies: Bool = Field(default=False, description="true when the card shows this signal.")
    feedback: Markdown | None = Field(
        default=None, description="Why it applies or not, from what the card shows."
    )


class RateProfileQuestion(RatingQuestion):
    """Rate the risk of one account from its profile card: tick the signals, then rate."""

    type: Literal["rate-profile"]
    about: Id = Field(
        description="Persona id of the account to rate; its profile card is shown beside "
        "the question."
    )
    signals: tuple[Signal, ...] = Field(
        min_length=2,
        description="The signals to judge, in the order shown; mix ones that apply with "
        "ones that do not.",
    )

    template: ClassVar[Traversable] = files("vigil.questions") / "rate_profile.html.j2"
    script: ClassVar[Traversable] = files("vigil.questions") / "rate_profile.js"
    style: ClassVar[Traversable | None] = files("vigil.questions") / "rate_profile.css"
    hint: ClassVar[str] = N_("Tick the signals that apply, then rate the risk.")

    def choices(
        self, scenario: Scenario, gettext: Gettext, *, shuffled: bool = True
    ) -> list[Choice]:
        """The signals in written order, then the levels."""
        return [
            Choice(s.id, s.text, _with_lesson(s, gettext)) for s in self.signals
        ] + self.level_choices(gettext)

    def answer_key(self) -> list[str]:
        return [s.id for s in self.signals if s.applies] + [self.answer.value]

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        yield from self._account(ctx)
        levels = {r.value for r in RiskLevel}
        seen: dict[str, int] = {}
        for j, signal in enumerate(self.signals):
            if signal.id in levels:
                yield ctx.error(
                    ("signals", j, "id"),
                    "duplicate-id",
                    f"signal id {quoted(signal.id)} is the name of a risk level; choose another",
                )
            elif signal.id in seen:
                first = ctx.doc.position((*ctx.loc, "signals", seen[signal.id], "id"))
                yield ctx.error(
                    ("signals", j, "id"),
                    "duplicate-id",
                    f"signal id {quoted(signal.id)} is already used at line {first.line}",
                )
            else:
                seen[signal.id] = j
        missing = [s.id for s in self.signals if s.feedback is None]
        if missing:
            yield ctx.warning(
                ("signals",), "no-feedback", f"no feedback for signals {', '.join(missing)}"
            )
        yield from self.level_problems(ctx)

    def _account(self, ctx: QuestionContext) -> Iterator[Problem]:
        """The account must exist, and a cue that applies needs its evidence on the card."""
        yield from ctx.unknown_persona(("about",), self.about)
        persona = ctx.scenario.personas.get(self.about)
        if persona is None:
            return
        for j, signal in enumerate(self.signals):
            if signal.applies and signal.cue is not None:
                what, shown = EVIDENCE[signal.cue]
                if not shown(persona, ctx.scenario, self.about):
                    yield ctx.warning(
                        ("signals", j, "cue"),
                        "no-evidence",
                        f"the {signal.cue.value} signal applies, but the profile of "
                        f"{quoted(self.about)} gives nothing to see it by: it needs {what}",
                    )


def _with_lesson(signal: Signal, gettext: Gettext) -> str | None:
    """The author's feedback, then what the signal's cue teaches in general."""
    parts = [signal.feedback, gettext(CUE_LESSONS[signal.cue]) if signal.cue else None]
    return "\n\n".join(p for p in parts if p) or None
