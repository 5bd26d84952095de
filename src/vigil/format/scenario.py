"""The scenario format, version 1, as pydantic models.

These models are the single source of the JSON Schema (`vigil schema`) and, once
validated, the frozen model the renderer reads. Structure (ids, answers, flags) is
separate from text (titles, prompts, feedback), so a translation can replace text
fields by id without repeating the structure.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, Strict

from vigil.format.taxonomy import SLUG, builtin

FORMAT_VERSION = 1

Id = Annotated[str, Field(pattern=SLUG, max_length=64)]
# Text must hold something visible; counts must be written as numbers (YAML's `yes` is not 1).
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
Markdown = Annotated[
    str, Field(min_length=1, pattern=r"\S", description="Markdown; sanitised when rendered.")
]
Count = Annotated[int, Strict(), Field(ge=0)]


def _term_id(description: str, examples: list[JsonValue]) -> Any:
    """An id from the taxonomy; listed as examples so editors can complete them."""
    return Field(pattern=SLUG, description=description, json_schema_extra={"examples": examples})


TacticId = Annotated[
    str,
    _term_id(
        "A tactic id: a built-in one or one the course adds in mkdocs.yml.",
        [t.id for t in builtin().tactics],
    ),
]
CategoryId = Annotated[
    str,
    _term_id(
        "A disclosure category id: built-in or added by the course.",
        [c.id for c in builtin().categories],
    ),
]


class _Strict(BaseModel):
    """Unknown keys are errors (with a suggestion); parsed objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Platform(StrEnum):
    VIDEO = "video"
    FORUM = "forum"
    MICROBLOG = "microblog"
    MESSAGES = "messages"


class Persona(_Strict):
    """An account in the thread. Counts and account age are the learner's bot cues."""

    name: Text = Field(description="Display name as the platform shows it.")
    joined: Text = Field(description='Account age as shown, e.g. "3 weeks ago".')
    followers: Count | None = Field(default=None, description="Follower count, if shown.")
    posts: Count | None = Field(default=None, description="Post count, if shown.")
    badge: Text | None = Field(
        default=None, description='A platform label such as "Verified" or "Channel owner".'
    )


class Post(_Strict):
    """The video, forum opening post or microblog post the thread sits under."""

    by: Id = Field(description="Persona id of the author.")
    title: Text | None = Field(default=None, description="Video or topic title.")
    text: Text = Field(description="Plain text of the post or video description.")
    time: Text = Field(description='Relative time, e.g. "2 days ago".')
    views: Count | None = None


class Flag(_Strict):
    """A trainer's red flag on a comment, revealed after the learner answers."""

    tactic: TacticId
    note: Text = Field(description="Why this comment is a warning sign, in one or two sentences.")


class Leak(_Strict):
    """A detail the comment gives away; `text` must appear verbatim in the comment."""

    category: CategoryId
    text: Text = Field(description="The exact words that leak, highlighted once revealed.")


class Comment(_Strict):
    id: Id
    by: Id = Field(description="Persona id of the author.")
    text: Text = Field(description="Plain text of the comment; line breaks are kept.")
    time: Text = Field(description='Relative time, e.g. "5 h ago".')
    likes: Count = 0
    flag: Flag | None = None
    leaks: tuple[Leak, ...] = ()
    replies: tuple[Comment, ...] = ()


class Option(_Strict):
    """One choice of a single, multiple or action question, with its own feedback."""

    id: Id
    text: Text
    correct: bool = False
    feedback: Markdown | None = Field(
        default=None, description="Why this choice is right or wrong (a warning if missing)."
    )


class _Question(_Strict):
    id: Id
    prompt: Markdown
    explanation: Markdown | None = Field(
        default=None, description="Shown once the question is answered, whatever the answer."
    )
    assessment_only: bool = Field(
        default=False,
        description="Kept for the final assessment: not shown on the scenario page.",
    )


class _OptionsQuestion(_Question):
    options: tuple[Option, ...] = Field(min_length=2)
    shuffle: bool = Field(
        default=True, description="false pins the written order (e.g. for 'all of the above')."
    )


class SingleQuestion(_OptionsQuestion):
    """Exactly one option is correct."""

    type: Literal["single"]


class MultipleQuestion(_OptionsQuestion):
    """One or more options are correct; the learner must pick exactly those."""

    type: Literal["multiple"]


class ActionQuestion(_OptionsQuestion):
    """Choose what to do: reply safely, ignore, report... One or more options are acceptable."""

    type: Literal["action"]


class PickCommentsQuestion(_Question):
    """The learner selects the comments of the thread that are red flags."""

    type: Literal["pick-comments"]
    answer: tuple[Id, ...] = Field(min_length=1, description="Ids of the comments to pick.")
    feedback: dict[Id, Markdown] = Field(
        default_factory=dict, description="Feedback per comment id, shown once answered."
    )


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RiskQuestion(_Question):
    """Rate the risk of a comment, an account or an approach as low, medium or high."""

    type: Literal["risk"]
    about: Id | None = Field(default=None, description="Comment id the question is about.")
    answer: RiskLevel
    feedback: dict[RiskLevel, Markdown] = Field(
        default_factory=dict, description="Feedback per level: low, medium, high."
    )


Question = Annotated[
    SingleQuestion | MultipleQuestion | ActionQuestion | PickCommentsQuestion | RiskQuestion,
    Field(discriminator="type"),
]


class Source(_Strict):
    """Where a scenario comes from: a document and the passage it draws on."""

    title: Text
    passage: Text | None = Field(default=None, description="The passage quoted or summarised.")
    url: Text | None = Field(default=None, description="http(s) link, if public.")


class Scenario(_Strict):
    """A simulated comment thread with questions: one page of the course."""

    id: Id = Field(description="Unique across the course; part of every progress key.")
    title: Text
    summary: Text | None = Field(default=None, description="One line for module listings.")
    tactics: tuple[TacticId, ...] = Field(min_length=1)
    disclosure: tuple[CategoryId, ...] = Field(
        default=(), description="Categories of sensitive information at stake."
    )
    difficulty: Annotated[int, Strict()] = Field(
        ge=1, le=3, description="1 introductory, 2 subtle, 3 expert."
    )
    platform: Platform
    setting: Markdown = Field(description="Who the learner is and what they are looking at.")
    personas: dict[Id, Persona] = Field(min_length=1)
    post: Post | None = None
    thread: tuple[Comment, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = ()
    takeaways: tuple[Markdown, ...] = ()
    sources: tuple[Source, ...] = ()
