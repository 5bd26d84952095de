"""The course: its options from mkdocs.yml and its validated scenarios, as frozen values."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict

from vigil.format.fields import Bool, Id, Text, Verbatim
from vigil.format.scenario import Comment, Scenario
from vigil.format.taxonomy import LANGUAGE_TAG, Taxonomy, Term

DEFAULT_CONTACT = "your organisation's security officer"


class AssessmentOptions(BaseModel):
    """The final assessment: how many questions an attempt draws, attempts, feedback."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    questions: Annotated[int, Strict()] = Field(
        default=15,
        ge=1,
        description="Questions drawn per attempt, spread across the modules as evenly as "
        "their banks allow (fewer when the whole bank is smaller).",
    )
    per_tactic: Annotated[int, Strict()] | None = Field(
        default=None,
        ge=0,
        description="Instead of `questions`: exactly this many questions from each module.",
    )
    attempts: Annotated[int, Strict()] | None = Field(
        default=3, ge=0, description="Attempts allowed; 0 (or null) = unlimited."
    )
    exam_mode: Bool = Field(
        default=True, description="Defer feedback until the whole assessment is submitted."
    )

    def drawn(self, banks: list[int]) -> int:
        """How many questions an attempt draws from modules whose banks hold `banks`."""
        if self.per_tactic is not None:
            return sum(min(self.per_tactic, size) for size in banks)
        return min(self.questions, sum(banks))


# What a report holds unless the course says otherwise: the evidence the respond-and-report
# page asks learners to keep.
DEFAULT_INCLUDE = (
    "screenshots that show the account names",
    "the date and time of each comment or message",
    "the link to the thread or profile",
    "a line or two on why it worried you",
)


class ReportingOptions(BaseModel):
    """Where learners report, how, and what a report holds (`{{ vigil.reporting.* }}`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    who: Text | None = Field(
        default=None,
        description='Whom learners report to, as it reads after "report to" (the older '
        "key reporting_contact is read as this).",
    )
    how: Text | None = Field(
        default=None, description='How to reach them, e.g. "by phone on ext. 4400".'
    )
    include: tuple[Text, ...] = Field(
        default=DEFAULT_INCLUDE, min_length=1, description="What every report should hold."
    )


class HygieneOptions(BaseModel):
    """The hygiene lint of `vigil check` (real-looking identifiers in scenario text)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    allow: tuple[Verbatim, ...] = Field(
        default=(),
        description="Invented identifiers the lint accepts: exact text or * patterns; "
        "a domain also covers its subdomains and addresses.",
    )
    deny: tuple[Verbatim, ...] = Field(
        default=(), description="Real names (organisations, people) no scenario may mention."
    )
    level: Literal["error", "warning"] = Field(
        default="error", description="How findings are reported; error, as courses are shared."
    )


LanguageTag = Annotated[str, Field(pattern=LANGUAGE_TAG)]

REPLY_VERBS = ("Reply", "Post", "Quote", "Message", "Answer", "Write", "Comment", "DM")


class LintOptions(BaseModel):
    """Thresholds of the guessability lints of `vigil check`: cues that answer a question
    without reading it (content/authoring.md, "Questions that need reading")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    longest_ratio: Annotated[float, Strict()] = Field(
        default=1.4,
        ge=1,
        description="longest-correct: a right option at least this many times as long as "
        "the longest wrong one gives itself away.",
    )
    longest_gap: Annotated[int, Strict()] = Field(
        default=10,
        ge=0,
        description="longest-correct: and at least this many characters longer (Yes and No "
        "differ by a third, but nobody reads that as a cue).",
    )
    risk_share: Annotated[int, Strict()] = Field(
        default=60,
        ge=0,
        le=100,
        description="risk-answers-skewed: warn when one level answers more than this percent "
        "of the risk-rated questions.",
    )
    risk_min: Annotated[int, Strict()] = Field(
        default=5, ge=1, description="risk-answers-skewed: risk-rated questions needed to judge."
    )
    reply_verbs: tuple[Verbatim, ...] = Field(
        default=REPLY_VERBS,
        description="reply-always-wrong/right: the first words that make an option a reply.",
    )
    reply_min: Annotated[int, Strict()] = Field(
        default=4, ge=1, description="reply-always-wrong/right: reply options needed to judge."
    )
    age_accuracy: Annotated[int, Strict()] = Field(
        default=85,
        ge=0,
        le=100,
        description="age-gives-away: warn when a cut-off on account age that sorts most "
        "flagged authors and most others right sorts at least this percent of all comment "
        "authors right.",
    )
    age_min_flagged: Annotated[int, Strict()] = Field(
        default=8, ge=1, description="age-gives-away: flagged authors needed to judge."
    )


class CourseOptions(BaseModel):
    """Course options, written by the course author under `extra.vigil` in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id = Field(description="Keys the learner's saved progress; changing it resets progress.")
    scenarios: str = Field(
        default="scenarios", pattern=r"^[^\x00]+$", description="Folder of scenario YAML files."
    )
    reporting_contact: Text | None = Field(
        default=None, description="Older name of reporting.who, still read."
    )
    reporting: ReportingOptions = ReportingOptions()
    pass_mark: Annotated[int, Strict()] = Field(
        default=80, ge=0, le=100, description="Percent needed to pass."
    )
    assessment: AssessmentOptions = AssessmentOptions()
    tactics: tuple[Term, ...] = Field(default=(), description="The course's own tactics.")
    categories: tuple[Term, ...] = Field(default=(), description="The course's own categories.")
    hygiene: HygieneOptions = HygieneOptions()
    lints: LintOptions = LintOptions()
    languages: tuple[LanguageTag, ...] = Field(
        default=("en",),
        min_length=1,
        description="The course's languages as BCP 47 tags (en, zh-Hans); the first is the "
        "language its scenarios and pages are written in, each other one is translated "
        "(translations/<tag>.po, content/<page>.<tag>.md). With more than one, `vigil "
        "build` writes build/<language>/ for each.",
    )
    trainers_section: Verbatim | None = Field(
        default=None,
        description="The title of the nav section written for trainers (the sample's "
        '"For trainers"). A learners\' build (`vigil build`, `vigil export`, plain `mkdocs '
        "build`) leaves that section and its pages out; `vigil build --trainers` keeps it.",
    )

    @property
    def contact(self) -> str:
        """Whom to report to: reporting.who, else the older reporting_contact."""
        return self.reporting.who or self.reporting_contact or DEFAULT_CONTACT


@dataclass(frozen=True)
class Course:
    title: str
    options: CourseOptions
    taxonomy: Taxonomy
    scenarios: tuple[Scenario, ...]

    @cached_property
    def version(self) -> str:
        """A short hash of everything the learner sees, for certificates and cache keys."""
        digest = hashlib.sha256(self.title.encode())
        for model in (self.options, *self.scenarios):
            digest.update(b"\0" + _dumped(model))
        return digest.hexdigest()[:12]

    def module_of(self, scenario: Scenario) -> str:
        """A scenario belongs to the module of its first (primary) tactic."""
        return scenario.tactics[0]

    def modules(self) -> list[tuple[Term, list[Scenario]]]:
        """Tactics in taxonomy order, each with its scenarios that have a page (not the
        assessment-only ones); modules without such a scenario are left out."""
        return [(tactic, list(members)) for tactic, members in self._modules]

    def bank_modules(self) -> list[tuple[Term, list[Scenario]]]:
        """As `modules`, with the assessment-only scenarios too: the final assessment's
        banks. A module of assessment-only scenarios alone is here, and only here."""
        return [(tactic, list(members)) for tactic, members in self._bank_modules]

    @cached_property
    def _modules(self) -> tuple[tuple[Term, tuple[Scenario, ...]], ...]:
        """Worked out once: every page of a render asks for the modules."""
        return self._by_module(s for s in self.scenarios if not s.assessment_only)

    @cached_property
    def _bank_modules(self) -> tuple[tuple[Term, tuple[Scenario, ...]], ...]:
        return self._by_module(self.scenarios)

    def _by_module(
        self, scenarios: Iterable[Scenario]
    ) -> tuple[tuple[Term, tuple[Scenario, ...]], ...]:
        by_tactic: dict[str, list[Scenario]] = {}
        for scenario in scenarios:
            by_tactic.setdefault(self.module_of(scenario), []).append(scenario)
        return tuple(
            (tactic, tuple(sorted(by_tactic[tactic.id], key=lambda s: (s.difficulty, s.id))))
            for tactic in self.taxonomy.tactics
            if tactic.id in by_tactic
        )


# Each model's JSON by identity: the check stage hands back the same frozen Scenario for an
# unchanged file, so a live-preview rebuild dumps only what was edited. The model is kept
# beside its JSON, so an id is never mistaken for a later object's.
_dumps: dict[int, tuple[BaseModel, bytes]] = {}


def _dumped(model: BaseModel) -> bytes:
    hit = _dumps.get(id(model))
    if hit is None or hit[0] is not model:
        if len(_dumps) > 65536:
            _dumps.clear()
        hit = _dumps[id(model)] = (model, model.model_dump_json().encode())
    return hit[1]


def walk_comments(comments: tuple[Comment, ...]) -> list[Comment]:
    """Every comment of a thread, replies included, in reading order."""
    out: list[Comment] = []
    for comment in comments:
        out.append(comment)
        out.extend(walk_comments(comment.replies))
    return out
