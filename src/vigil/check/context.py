"""What a question kind's rules see: the document for positions and the scenario around it."""

from __future__ import annotations

from dataclasses import dataclass

from vigil.format.loader import Document, Loc
from vigil.format.scenario import Scenario
from vigil.problems import Problem, Severity


@dataclass(frozen=True)
class QuestionContext:
    """One question of one scenario; `at` locates keys relative to the question."""

    doc: Document
    loc: Loc
    scenario: Scenario
    comment_ids: frozenset[str]

    def error(self, where: Loc, code: str, message: str, *, key: bool = False) -> Problem:
        return self.doc.problem((*self.loc, *where), code, message, key=key)

    def warning(self, where: Loc, code: str, message: str) -> Problem:
        pos = self.doc.position((*self.loc, *where))
        return Problem(self.doc.path, pos.line, pos.col, code, message, Severity.WARNING)

    def missing_feedback(self, has_feedback: bool, what: str, missing: list[str]) -> list[Problem]:
        """One warning naming every choice of the question that has no feedback."""
        if not missing:
            return []
        where: Loc = ("feedback",) if has_feedback else ()
        return [self.warning(where, "no-feedback", f"no feedback for {what} {', '.join(missing)}")]
