"""The scenario format, version 1, as pydantic models.

These models are the single source of the JSON Schema (`vigil schema`) and, once
validated, the frozen model the renderer reads. Structure (ids, answers, flags) is
separate from text (titles, prompts, feedback), so a translation can replace text
fields by id without repeating the structure.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, Strict

from vigil.format.fields import (
    Bool,
    CategoryId,
    Count,
    FormatModel,
    Id,
    Markdown,
    TacticId,
    Text,
    Verbatim,
)
from vigil.questions.base import Question

FORMAT_VERSION = 1


class Platform(StrEnum):
    VIDEO = "video"
    FORUM = "forum"
    MICROBLOG = "microblog"
    MESSAGES = "messages"


class RecentPost(FormatModel):
    """One of an account's recent posts, as its profile lists them."""

    text: Text = Field(description="Plain text of the post.")
    time: Text | None = Field(default=None, description='Relative time, e.g. "3 min ago".')


class Persona(FormatModel):
    """An account in the thread. Bylines show its name (and badge); everything else is on
    its profile card, where the learner looks for the cues of a fake or hired account."""

    name: Text = Field(description="Display name as the platform shows it.")
    joined: Text = Field(
        description='Account age as the profile shows it, e.g. "3 weeks ago". Age alone '
        "gives nothing away: adversaries use aged accounts, and harmless people join daily."
    )
    followers: Count | None = Field(default=None, description="Follower count, if shown.")
    posts: Count | None = Field(default=None, description="Post count, if shown.")
    badge: Text | None = Field(
        default=None,
        description='A platform label shown beside the name, such as "Verified" or '
        '"Channel owner".',
    )
    bio: Text | None = Field(default=None, description="The profile's bio, as written.")
    photo: Text | None = Field(
        default=None,
        description="What the profile photo shows, in words, e.g. "
        '"a stock photo of a smiling engineer in a hard hat".',
    )
    hours: Text | None = Field(
        default=None,
        description='When the account posts, as a learner could tell, e.g. "every night '
        '02:00-04:00 your time".',
    )
    recent: tuple[RecentPost, ...] = Field(
        default=(), description="A sample of recent posts, newest first."
    )
    boosts: tuple[Id, ...] = Field(
        default=(),
        description="Persona ids of the accounts this one reposts or promotes; the profile "
        "card shows both directions (boosts and boosted by).",
    )
    you: Bool = Field(
        default=False,
        description="This account is the learner's own (at most one per scenario): its "
        "messages are drawn as theirs (on the right in direct messages, in their own "
        "colour), without a profile card or account age.",
    )


class Chapter(FormatModel):
    """A chapter of a video, listed under the player: what timecodes in comments point at."""

    time: Verbatim = Field(
        description='Where the chapter starts, "m:ss" or "h:mm:ss", e.g. "2:05".'
    )
    title: Text = Field(description="What the video shows from there, in a few words.")


class Post(FormatModel):
    """The video, forum opening post or microblog post the thread sits under."""

    by: Id = Field(description="Persona id of the author.")
    title: Text | None = Field(default=None, description="Video or topic title.")
    text: Text = Field(description="Plain text of the post or video description.")
    time: Text = Field(description='Relative time, e.g. "2 days ago".')
    views: Count | None = None
    chapters: tuple[Chapter, ...] = Field(
        default=(),
        description="A video's chapters, in order, shown under the player, so that "
        'comments citing a timecode ("at 2:14") have something to refer to.',
    )


class Flag(FormatModel):
    """A trainer's red flag on a comment, revealed after the learner answers."""

    tactic: TacticId
    note: Text = Field(description="Why this comment is a warning sign, in one or two sentences.")


class Leak(FormatModel):
    """A detail the comment gives away; `text` must appear verbatim in the comment."""

    category: CategoryId
    text: Text = Field(description="The exact words that leak, highlighted once revealed.")


class Comment(FormatModel):
    id: Id
    by: Id = Field(description="Persona id of the author.")
    text: Text = Field(description="Plain text of the comment; line breaks are kept.")
    time: Text = Field(description='Relative time, e.g. "5 h ago".')
    likes: Count = 0
    flag: Flag | None = None
    leaks: tuple[Leak, ...] = ()
    replies: tuple[Comment, ...] = ()


class Source(FormatModel):
    """Where a scenario comes from: a document and the passage it draws on."""

    title: Text
    passage: Text | None = Field(default=None, description="The passage quoted or summarised.")
    url: Verbatim | None = Field(default=None, description="http(s) link, if public.")


class Scenario(FormatModel):
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
    # Any registered kind; the registry builds the model that tells them apart by `type`.
    questions: tuple[Question, ...] = ()
    takeaways: tuple[Markdown, ...] = ()
    sources: tuple[Source, ...] = ()
    assessment_only: Bool = Field(
        default=False,
        description="A scenario for the final assessment alone: it has no page, no entry in "
        "the navigation and no part in module progress or the certificate's every-scenario "
        "condition; its questions are drawn only in the final assessment, beside its thread, "
        "so the assessment tests threads learners have not seen.",
    )
    fictional: tuple[Annotated[str, Field(min_length=1)], ...] = Field(
        default=(),
        description="Invented identifiers (serial or part numbers, names) written in this "
        "scenario, which the hygiene lint of `vigil check` accepts: exact text or * patterns.",
    )
