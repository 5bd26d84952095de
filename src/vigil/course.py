"""The course: its options from mkdocs.yml and its validated scenarios, as frozen values."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict

from vigil.format.fields import Bool, Id, Text
from vigil.format.scenario import Comment, Scenario
from vigil.format.taxonomy import Taxonomy, Term

DEFAULT_CONTACT = "your organisation's security officer"


class AssessmentOptions(BaseModel):
    """The final assessment (issue: assessment and certificate)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    per_tactic: Annotated[int, Strict()] = Field(
        default=1, ge=0, description="Questions drawn per tactic."
    )
    attempts: Annotated[int, Strict()] | None = Field(
        default=None, ge=1, description="Attempts allowed; none = unlimited."
    )
    exam_mode: Bool = Field(
        default=True, description="Defer feedback until the whole assessment is submitted."
    )


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

    allow: tuple[Text, ...] = Field(
        default=(),
        description="Invented identifiers the lint accepts: exact text or * patterns; "
        "a domain also covers its subdomains and addresses.",
    )
    deny: tuple[Text, ...] = Field(
        default=(), description="Real names (organisations, people) no scenario may mention."
    )
    level: Literal["error", "warning"] = Field(
        default="error", description="How findings are reported; error, as courses are shared."
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
    trainers_section: Text | None = Field(
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
        """Tactics in taxonomy order, each with its scenarios; empty modules are left out."""
        return [(tactic, list(members)) for tactic, members in self._modules]

    @cached_property
    def _modules(self) -> tuple[tuple[Term, tuple[Scenario, ...]], ...]:
        """Worked out once: every page of a render asks for the modules."""
        by_tactic: dict[str, list[Scenario]] = {}
        for scenario in self.scenarios:
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
