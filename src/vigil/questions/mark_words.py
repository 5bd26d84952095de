"""`mark-words`: the learner marks the words of a text that give something away.

The text is a comment of the thread (its `leaks` are the answer) or a draft of the
learner's own written in the question (its `spans` are the answer). The text is cut into
words, each drawn as a toggle button and numbered from 0; an answer is the numbers of the
marked words. Each span of the key is written `first:last` (its first and last word): a
span is found when any of its words is marked, and the answer is right when every span is
found and no other word is marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from vigil.check.partial import incomplete
from vigil.check.suggest import suggest
from vigil.course import walk_comments
from vigil.format.fields import CategoryId, FormatModel, Id, Markdown, Text
from vigil.i18n import N_, Gettext
from vigil.problems import quoted
from vigil.questions.base import Choice, Question

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vigil.check.context import QuestionContext
    from vigil.format.loader import Loc
    from vigil.format.scenario import Scenario
    from vigil.problems import Problem

# A word: a run of characters between spaces, or one CJK character (those languages write
# no spaces), without the punctuation around it; it must hold a letter or a digit.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CHUNK = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")
# Quotation marks and brackets, Western and CJK (escaped: some look like ASCII ones).
_OPENING = "([{\"'\u201c\u2018\u00ab\u300c\u300e"
_CLOSING = (
    ".,;:!?)]}\"'\u201d\u2019\u00bb\u2026"
    "\u3002\uff0c\u3001\uff1b\uff1a\uff01\uff1f\uff09\u300d\u300f"
)
_LETTER = re.compile(r"[^\W_]")


def words(text: str) -> list[tuple[int, int]]:
    """Where each word of `text` starts and ends."""
    found = []
    for match in _CHUNK.finditer(text):
        start, end = match.span()
        chunk = match.group()
        start += len(chunk) - len(chunk.lstrip(_OPENING))
        end -= len(chunk) - len(chunk.rstrip(_CLOSING))
        if start < end and _LETTER.search(text, start, end):
            found.append((start, end))
    return found


def covered(bounds: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """The numbers of the words that share a character with text[start:end]."""
    return [i for i, (s, e) in enumerate(bounds) if s < end and e > start]


class Span(FormatModel):
    """Words of a draft that give something away, with their category and feedback."""

    text: Text = Field(
        description="The exact words, as they occur in the question's text (the first "
        "occurrence counts)."
    )
    category: CategoryId
    feedback: Markdown | None = Field(
        default=None, description="What these words give away (a warning if missing)."
    )


@dataclass(frozen=True)
class Found:
    """A span of the key as it lies in the text: its words `first` to `last`."""

    text: str
    category: str
    feedback: str | None
    first: int
    last: int
    leak: int | None  # its index in the comment's leaks, when the text is a comment

    @property
    def value(self) -> str:
        return f"{self.first}:{self.last}"


@dataclass(frozen=True)
class Marking:
    """What the template draws: the text in parts (a word's number, or None between
    words), the spans of the key in text order, and each category with its spans."""

    parts: list[tuple[str, int | None]]
    spans: list[Found]
    categories: list[tuple[str, list[str], str | None]]


class MarkWordsQuestion(Question):
    """Mark the words of a comment, or of a draft of the learner's own, that give
    something away."""

    type: Literal["mark-words"]
    comment: Id | None = Field(
        default=None,
        description="The comment of the thread to mark words in; its leaks are the answer.",
    )
    text: Text | None = Field(
        default=None,
        description="A draft of the learner's own to mark words in (instead of a comment); "
        "its spans are the answer.",
    )
    spans: tuple[Span, ...] = Field(
        default=(), description="With text: the words that give something away."
    )
    feedback: tuple[Markdown, ...] = Field(
        default=(),
        description="With comment: feedback on each of its leaks, in the order of its leaks.",
    )
    categories: dict[CategoryId, Markdown] = Field(
        default_factory=dict,
        description="Feedback per category of the answer's spans, shown with how many of "
        "them the learner found (the category's description if missing).",
    )

    template: ClassVar[Traversable] = files("vigil.questions") / "mark_words.html.j2"
    script: ClassVar[Traversable] = files("vigil.questions") / "mark_words.js"
    style: ClassVar[Traversable | None] = files("vigil.questions") / "mark_words.css"
    hint: ClassVar[str] = N_(
        "Mark every word that gives something away: each word is a button that marks or "
        "unmarks it, and the arrow keys move from word to word."
    )
    ui_text: ClassVar[Mapping[str, str]] = {
        # The verdict on each span that gives something away, and the summary.
        "mwFound": N_("✓ You marked it"),
        "mwMissed": N_("✗ Not marked"),
        "mwTotal": N_("You marked {found} of the {total} details that give something away."),
        # Translators: How many of a category's details the learner marked, after its name.
        "mwCount": N_("({found} of {total} marked)"),
        "mwExtra": N_("You also marked words that give nothing away: {words}."),
        # Translators: One marked word, quoted, in the list of words that give nothing away.
        "mwWord": N_("“{word}”"),
    }

    def _source(self, scenario: Scenario) -> tuple[str, list[tuple[str, str, str | None]]]:
        """The text and its spans as written (text, category, feedback)."""
        if self.text is not None:
            return self.text, [(s.text, s.category, s.feedback) for s in self.spans]
        comment = next((c for c in walk_comments(scenario.thread) if c.id == self.comment), None)
        if comment is None:
            return "", []
        notes = self.feedback
        return comment.text, [
            (leak.text, leak.category, notes[i] if i < len(notes) else None)
            for i, leak in enumerate(comment.leaks)
        ]

    def marking(self, scenario: Scenario) -> Marking:
        """The text cut into words and the spans found in it; a span the rules report (not
        in the text, no word, overlapping one before it) is left out."""
        text, written = self._source(scenario)
        bounds = words(text)
        spans: list[Found] = []
        taken: set[int] = set()
        for i, (quote, category, feedback) in enumerate(written):
            start = text.find(quote)
            numbers = covered(bounds, start, start + len(quote)) if start >= 0 else []
            if numbers and not taken.intersection(numbers):
                taken.update(numbers)
                leak = i if self.text is None else None
                spans.append(Found(quote, category, feedback, numbers[0], numbers[-1], leak))
        spans.sort(key=lambda s: s.first)
        parts: list[tuple[str, int | None]] = []
        cursor = 0
        for number, (start, end) in enumerate(bounds):
            if start > cursor:
                parts.append((text[cursor:start], None))
            parts.append((text[start:end], number))
            cursor = end
        if cursor < len(text):
            parts.append((text[cursor:], None))
        by_category: dict[str, list[str]] = {}
        for span in spans:
            by_category.setdefault(span.category, []).append(span.value)
        categories = [(c, v, self.categories.get(c)) for c, v in by_category.items()]
        return Marking(parts, spans, categories)

    def choices(
        self, scenario: Scenario, gettext: Gettext, *, shuffled: bool = True
    ) -> list[Choice]:
        """The spans in text order: each one's feedback says whether it was found."""
        return [Choice(s.value, s.text, s.feedback) for s in self.marking(scenario).spans]

    def answer_key(self) -> list[str]:
        raise NotImplementedError("a mark-words key numbers the words of its text: key_in()")

    def key_in(self, scenario: Scenario) -> list[str]:
        return [s.value for s in self.marking(scenario).spans]

    def needs_thread(self) -> bool:
        return self.comment is not None or super().needs_thread()

    def catches(self, scenario: Scenario) -> dict[str, list[str]]:
        """Marking any word of a comment's leak catches that leak; a draft of the learner's
        own is no comment of the thread and catches none."""
        return {
            str(number): [f"{self.comment}/{span.leak}"]
            for span in self.marking(scenario).spans
            if span.leak is not None
            for number in range(span.first, span.last + 1)
        }

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        if (self.comment is None) == (self.text is None):
            where: Loc = ("text",) if self.text is not None else ()
            found = "both" if self.text is not None else "neither"
            yield ctx.error(
                where,
                "text-source",
                "a mark-words question needs either comment (a comment of the thread) or "
                f"text (a draft of the learner's own), found {found}",
            )
            return
        if self.comment is not None:
            yield from self._comment_problems(ctx, self.comment)
        else:
            yield from self._text_problems(ctx)
        yield from self._category_problems(ctx)

    def _comment_problems(self, ctx: QuestionContext, ref: str) -> Iterator[Problem]:
        if self.spans:
            yield ctx.error(
                ("spans",),
                "misplaced-key",
                "spans are for a text written in the question; a comment's spans are its leaks",
            )
        if not ctx.is_comment(ref):
            yield from ctx.unknown_comment(("comment",), ref)
            return
        comment = next((c for c in walk_comments(ctx.scenario.thread) if c.id == ref), None)
        if comment is None:  # it failed validation: its own problems are reported
            return
        if not comment.leaks:
            yield ctx.error(
                ("comment",),
                "no-spans",
                f"comment {quoted(ref)} has no leaks to mark; list what it gives away under "
                "its leaks",
            )
        for j in range(len(comment.leaks), len(self.feedback)):
            yield ctx.error(
                ("feedback", j),
                "unknown-leak",
                f"comment {quoted(ref)} has {len(comment.leaks)} leaks; this is feedback for "
                f"leak {j + 1}",
            )
        quotes = [leak.text for leak in comment.leaks]
        for _, code, message in self._clashes(comment.text, quotes, "leak"):
            yield ctx.error(("comment",), code, f"in comment {quoted(ref)}: {message}")
        missing = [quoted(q) for q in quotes[len(self.feedback) :]]
        yield from ctx.missing_feedback(bool(self.feedback), "the leaks", missing)

    def _text_problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        if self.feedback:
            yield ctx.error(
                ("feedback",),
                "misplaced-key",
                "with text, give each span its own feedback; feedback is for a comment's leaks",
            )
        if not self.spans and not incomplete(ctx.doc, (*ctx.loc, "spans")):
            yield ctx.error(
                ("text",),
                "no-spans",
                "the text has no spans: list the words that give something away under spans",
            )
        text = self.text or ""
        for j, span in enumerate(self.spans):
            if span.text not in text:
                yield ctx.error(
                    ("spans", j, "text"),
                    "span-not-in-text",
                    f"span {quoted(span.text)} does not occur in the question's text; quote "
                    "the exact words",
                )
        quotes = [span.text for span in self.spans]
        for j, code, message in self._clashes(text, quotes, "span"):
            yield ctx.error(("spans", j, "text"), code, message)
        disclosure = set(ctx.scenario.disclosure)
        if not incomplete(ctx.doc, ("disclosure",)):
            for j, span in enumerate(self.spans):
                if span.category not in disclosure:
                    yield ctx.error(
                        ("spans", j, "category"),
                        "category-not-disclosed",
                        f"category {quoted(span.category)} is not in this scenario's "
                        f"disclosure{suggest(span.category, disclosure)}; add it there",
                    )
        for j, span in enumerate(self.spans):
            if span.feedback is None:
                yield ctx.warning(
                    ("spans", j),
                    "no-feedback",
                    f"span {quoted(span.text)} has no feedback saying what it gives away",
                )

    def _clashes(self, text: str, quotes: list[str], what: str) -> Iterator[tuple[int, str, str]]:
        """Spans written twice, sharing a word with one before them, or holding no word."""
        bounds = words(text)
        owner: dict[int, int] = {}
        for j, quote in enumerate(quotes):
            start = text.find(quote)
            if start < 0:
                continue  # reported as not in the text
            numbers = covered(bounds, start, start + len(quote))
            shared = sorted({owner[n] for n in numbers if n in owner})
            if quote in quotes[:j]:
                first = quotes.index(quote) + 1
                message = f"{what} {quoted(quote)} is listed twice ({what}s {first} and {j + 1})"
                yield j, "duplicate-span", message
            elif not numbers:
                yield j, "span-no-words", f"{what} {quoted(quote)} holds no word to mark"
            elif shared:
                message = (
                    f"{what} {quoted(quote)} shares words with {what} {quoted(quotes[shared[0]])}"
                    f"; a marked word must belong to one {what}"
                )
                yield j, "span-overlap", message
            owner.update((n, j) for n in numbers if n not in owner)

    def _category_problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        text, written = self._source(ctx.scenario)
        if self.comment is not None and not text:
            return
        used = {category for _, category, _ in written}
        for category in self.categories:
            if category not in used:
                yield ctx.error(
                    ("categories", category),
                    "unknown-category",
                    f"feedback for category {quoted(category)}, which none of the text's "
                    f"spans has{suggest(category, used)}",
                    key=True,
                )
