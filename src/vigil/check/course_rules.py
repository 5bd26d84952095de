"""Rules over the whole course, checked once every scenario is valid."""

from __future__ import annotations

from vigil.course import Course
from vigil.format.loader import Document
from vigil.problems import Problem

QUOTA_LOC = ("extra", "vigil", "assessment", "per_tactic")


def bank_quotas(course: Course, config: Document | None) -> list[Problem]:
    """Each module's question bank must hold enough questions for the assessment's quota."""
    quota = course.options.assessment.per_tactic
    problems: list[Problem] = []
    for tactic, scenarios in course.modules():
        bank = sum(len(s.questions) for s in scenarios)
        if bank >= quota:
            continue
        message = (
            f"the final assessment draws {quota} question(s) per tactic, but the bank for "
            f"'{tactic.id}' holds {bank} (from {', '.join(s.id for s in scenarios)}); "
            "add questions (assessment_only: true keeps them off the scenario page) "
            "or lower extra.vigil.assessment.per_tactic"
        )
        if config is None:
            problems.append(Problem("mkdocs.yml", 1, 1, "bank-too-small", message))
        else:
            problems.append(config.problem(QUOTA_LOC, "bank-too-small", message))
    return problems
