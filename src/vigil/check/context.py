"""What a question kind's rules see: the document for positions and the scenario around it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from vigil.check.suggest import suggest
from vigil.format.loader import Document, Loc
from vigil.format.scenario import Scenario
from vigil.problems import Problem, Severity, quoted


class Written(NamedTuple):
    """Ids as written in the YAML, whether or not their parts validated.

    A reference to a persona or comment that exists but failed validation is not unknown:
    its own problems are reported where it is written. None: the personas (or the thread)
    could not be read at all, so no reference to one can be checked.
    """

    personas: frozenset[str] | None
    comments: frozenset[str] | None


def written(doc: Document) -> Written:
    """The persona and comment ids written in the scenario's YAML."""
    data = doc.data if isinstance(doc.data, dict) else {}
    personas = data.get("personas")
    thread = data.get("thread")
    return Written(
        frozenset(map(str, personas)) if isinstance(personas, dict) else None,
        frozenset(_comment_ids(thread)) if isinstance(thread, list) else None,
    )


def _comment_ids(comments: list[Any]) -> set[str]:
    ids: set[str] = set()
    for comment in comments:
        if not isinstance(comment, dict):
            continue
        if isinstance(comment.get("id"), str):
            ids.add(comment["id"])
        if isinstance(comment.get("replies"), list):
            ids |= _comment_ids(comment["replies"])
    return ids


@dataclass(frozen=True)
class QuestionContext:
    """One question of one scenario; `at` locates keys relative to the question.

    `comment_ids` holds every comment id of the thread, including comments that failed
    validation (they are not in `scenario.thread` then). `thread_readable` is False when
    the thread itself could not be read: then `is_comment` accepts any id.
    """

    doc: Document
    loc: Loc
    scenario: Scenario
    comment_ids: frozenset[str]
    thread_readable: bool = True

    def is_comment(self, ref: str) -> bool:
        """Whether `ref` names a comment of the thread (or may: the thread failed)."""
        return ref in self.comment_ids or not self.thread_readable

    def error(self, where: Loc, code: str, message: str, *, key: bool = False) -> Problem:
        return self.doc.problem((*self.loc, *where), code, message, key=key)

    def warning(self, where: Loc, code: str, message: str) -> Problem:
        pos = self.doc.position((*self.loc, *where))
        return Problem(self.doc.path, pos.line, pos.col, code, message, Severity.WARNING)

    def unknown_comment(self, where: Loc, ref: str) -> Iterator[Problem]:
        """`unknown-comment` at `where` unless `ref` names a comment of the thread."""
        if not self.is_comment(ref):
            yield self.error(
                where,
                "unknown-comment",
                f"no comment {quoted(ref)} in this thread{suggest(ref, self.comment_ids)}",
            )

    def unknown_persona(self, where: Loc, ref: str) -> Iterator[Problem]:
        """`unknown-persona` at `where` unless `ref` names a persona written in the scenario
        (nothing when the personas could not be read at all)."""
        ids = written(self.doc).personas
        personas = (ids or frozenset()) | set(self.scenario.personas)
        if ids is not None and ref not in personas:
            yield self.error(
                where,
                "unknown-persona",
                f"no persona {quoted(ref)} in personas{suggest(ref, personas)}",
            )

    def missing_feedback(self, has_feedback: bool, what: str, missing: list[str]) -> list[Problem]:
        """One warning naming every choice of the question that has no feedback."""
        if not missing:
            return []
        where: Loc = ("feedback",) if has_feedback else ()
        return [self.warning(where, "no-feedback", f"no feedback for {what} {', '.join(missing)}")]
