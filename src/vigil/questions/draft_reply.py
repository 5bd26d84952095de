"""`draft-reply`: the learner writes a reply, checks it before posting, then posts it.

The check runs `vigil.detect` in the browser on what the learner typed and highlights what
would leak, by category. Posting grades the reply: it passes when the check finds nothing,
not even a word of the probe (the subject the asker is fishing for). The text stays on the
learner's device; the answer recorded is the outcome: `safe`, or the categories found.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from enum import StrEnum
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from vigil.course import walk_comments
from vigil.detect import Terms, browser_patterns, browser_terms, find
from vigil.format.fields import Id, Markdown, Text
from vigil.i18n import N_, Gettext
from vigil.problems import quoted
from vigil.questions.base import Choice, Question

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vigil.check.context import QuestionContext
    from vigil.format.scenario import Scenario
    from vigil.problems import Problem


class Outcome(StrEnum):
    """What posting a reply comes to: safe, or each category the check found in it (the
    detector's categories, in its order)."""

    SAFE = "safe"
    TERM = "term"
    NAME = "name"
    PLACE = "place"
    PROBE = "probe"
    DATE = "date"
    NUMBER = "number"
    CODE = "code"


# Each outcome's label and what it means, shown in the check's report and after posting.
OUTCOME_TEXT: dict[str, tuple[str, str]] = {
    "safe": (
        N_("Gives nothing away and leaves the question alone"),
        N_("The check found nothing in it, and it does not take up what was asked."),
    ),
    "term": (
        N_("A sensitive term"),
        N_(
            "A word this scenario treats as sensitive, or a detail already given away in "
            "the thread: repeating it confirms it."
        ),
    ),
    "name": (
        N_("A person's name"),
        N_("Names of colleagues tell an adversary whom to approach next."),
    ),
    "place": (
        N_("A place or facility"),
        N_("Where the work happens narrows down who you are and what you work on."),
    ),
    "probe": (
        N_("Takes up the question"),
        N_(
            "It uses the words of what the asker is fishing for. Even a refusal that names "
            "the subject confirms you know about it."
        ),
    ),
    "date": (
        N_("A date or schedule"),
        N_("Test windows, deadlines and shift patterns tell an adversary when to look."),
    ),
    "number": (
        N_("A number with a unit"),
        N_("A measure or specification: small figures like this add up."),
    ),
    "code": (
        N_("A serial-like or model-like code"),
        N_("Codes identify equipment, batches and suppliers."),
    ),
}


class DraftReplyQuestion(Question):
    """Write a reply to a comment, check it for what would leak, then post it."""

    type: Literal["draft-reply"]
    reply_to: Id = Field(description="Comment id of the comment the learner replies to.")
    probe: tuple[Text, ...] = Field(
        min_length=1,
        description="Words of what the asker is fishing for; a reply using any of them "
        'engages the probe and does not pass. A word ending in "*" also matches longer '
        'words it begins ("gyro*" matches "gyroscopes").',
    )
    names: tuple[Id, ...] | None = Field(
        default=None,
        description="Persona ids whose names must not appear in the reply; by default every "
        "persona but the author of the comment replied to.",
    )
    people: tuple[Text, ...] = Field(
        default=(), description="Names of people who are not personas (named in the setting)."
    )
    places: tuple[Text, ...] = Field(
        default=(), description="Places that must not appear: sites, towns, ranges."
    )
    terms: tuple[Text, ...] = Field(
        default=(),
        description="The scenario's own sensitive terms: project names, codenames, suppliers. "
        "The texts of the thread's leaks are sensitive too, without being listed.",
    )
    example: Text | None = Field(
        default=None, description="A reply that passes, shown once the learner has posted."
    )
    feedback: dict[Outcome, Markdown] = Field(
        default_factory=dict,
        description="Feedback per outcome: safe, or a category the check found "
        "(term, name, place, probe, date, number, code).",
    )

    template: ClassVar[Traversable] = files("vigil.questions") / "draft_reply.html.j2"
    script: ClassVar[Traversable] = files("vigil.questions") / "draft_reply.js"
    style: ClassVar[Traversable | None] = files("vigil.questions") / "draft_reply.css"
    hint: ClassVar[str] = N_(
        "Write your reply, check it before posting, edit it until the check finds "
        "nothing, then post it."
    )
    ui_text: ClassVar[Mapping[str, str]] = {
        # The check before posting and the verdicts once posted.
        "draftPost": N_("Post reply"),
        "draftEmpty": N_("Write your reply first."),
        "draftClean": N_("The check found nothing that gives something away. You can post it."),
        "draftFound": N_(
            "The check found what would give something away: {found}. Edit your reply and "
            "check again, or post it as it is."
        ),
        "draftElsewhere": N_("Your reply is kept only on the device where you wrote it."),
        "draftPassed": N_("✓ Your reply"),
        "draftFlagged": N_("✗ Found in your reply"),
        "draftGoal": N_("What passes"),
        # Each outcome's name and what it means: the check explains what it found by them.
        **{f"draftCat_{value}": name for value, (name, _) in OUTCOME_TEXT.items()},
        **{f"draftNote_{value}": note for value, (_, note) in OUTCOME_TEXT.items()},
    }

    def choices(
        self, scenario: Scenario, gettext: Gettext, *, shuffled: bool = True
    ) -> list[Choice]:
        """Every outcome, safe first: feedback is the trainer's, else what it means."""
        return [
            Choice(o.value, gettext(label), self.feedback.get(o) or gettext(note))
            for o in Outcome
            for label, note in [OUTCOME_TEXT[o]]
        ]

    def answer_key(self) -> list[str]:
        return [Outcome.SAFE.value]

    def needs_thread(self) -> bool:
        return True

    def detector_terms(self, scenario: Scenario) -> Terms:
        """What the check looks for beyond its patterns, from the question and its scenario."""
        personas = scenario.personas
        if self.names is None:
            author = next(
                (c.by for c in walk_comments(scenario.thread) if c.id == self.reply_to), None
            )
            ids = [pid for pid in personas if pid != author]
        else:
            ids = [pid for pid in self.names if pid in personas]
        leaks = [leak.text for c in walk_comments(scenario.thread) for leak in c.leaks]
        return Terms(
            sensitive=(*self.terms, *leaks),
            names=(*(personas[pid].name for pid in ids), *self.people),
            places=self.places,
            probe=self.probe,
        )

    @classmethod
    def script_source(cls) -> str:
        patterns = json.dumps(browser_patterns(), ensure_ascii=False, separators=(",", ":"))
        return f"var DRAFT_PATTERNS = {patterns};\n" + super().script_source()

    def detector_json(self, scenario: Scenario) -> str:
        """The question's terms as the page's script runs them (the patterns come with the
        script; escaped where the template puts it)."""
        terms = browser_terms(self.detector_terms(scenario))
        return json.dumps({"terms": terms}, ensure_ascii=False, separators=(",", ":"))

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        yield from ctx.unknown_comment(("reply_to",), self.reply_to)
        yield from self._name_problems(ctx)
        yield from self._term_problems(ctx)
        if self.example is not None:
            found = find(self.example, self.detector_terms(ctx.scenario))
            if found:
                words = ", ".join(
                    f"{quoted(self.example[d.start : d.end])} ({d.category})" for d in found
                )
                yield ctx.error(
                    ("example",), "example-leaks", f"the example reply does not pass: {words}"
                )

    def _name_problems(self, ctx: QuestionContext) -> Iterator[Problem]:

        for j, pid in enumerate(self.names or ()):
            yield from ctx.unknown_persona(("names", j), pid)
        by_name = {p.name.casefold(): pid for pid, p in ctx.scenario.personas.items()}
        for j, person in enumerate(self.people):
            if (owner := by_name.get(person.strip().casefold())) is not None:
                yield ctx.warning(
                    ("people", j),
                    "persona-name",
                    f"{quoted(person)} is the name of persona {quoted(owner)}: "
                    "list the persona id under names instead",
                )

    def _term_problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        seen: dict[str, str] = {}
        for field in ("probe", "people", "places", "terms"):
            for j, term in enumerate(getattr(self, field)):
                word = term.strip()
                if "*" in word.rstrip("*") or word.endswith("**"):
                    yield ctx.error(
                        (field, j),
                        "bad-wildcard",
                        f'{quoted(term)}: "*" may only end a word, once',
                    )
                elif not word.rstrip("*"):
                    yield ctx.error((field, j), "empty-term", f"{quoted(term)} matches nothing")
                elif (folded := word.casefold()) in seen:
                    yield ctx.error(
                        (field, j),
                        "duplicate-term",
                        f"{quoted(term)} is already listed under {seen[folded]}",
                    )
                else:
                    seen[folded] = field
