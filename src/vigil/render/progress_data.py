"""The course tree as the quiz engine's progress views read it (see `contract`)."""

from __future__ import annotations

from collections.abc import Callable

from vigil.course import Course
from vigil.format.scenario import Scenario
from vigil.questions.base import Question
from vigil.render.contract import AssessmentSummary, ModuleEntry
from vigil.render.links import (
    ASSESSMENT_URI,
    CERTIFICATE_URI,
    Linker,
    module_uri,
    scenario_uri,
)


def shown_questions(scenario: Scenario) -> list[Question]:
    """The questions a scenario's page asks: assessment-only questions (and all those of an
    assessment-only scenario, which has no page) wait for the final assessment."""
    if scenario.assessment_only:
        return []
    return [q for q in scenario.questions if not q.assessment_only]


def structure(
    course: Course, link: Linker, status: Callable[[int], str], only: str | None = None
) -> list[ModuleEntry]:
    """Modules with their scenarios' ids, titles, urls and shown questions, and each
    module's status line (`status` of its number of scenarios: the plural form is its own)."""
    return [
        {
            "id": tactic.id,
            "title": tactic.name,
            "url": link(module_uri(tactic)),
            "status": status(len(scenarios)),
            "scenarios": [
                {
                    "id": s.id,
                    "title": s.title,
                    "url": link(scenario_uri(course, s)),
                    "questions": [q.id for q in shown_questions(s)],
                }
                for s in scenarios
            ],
        }
        for tactic, scenarios in course.modules()
        if only in (None, tactic.id)
    ]


def progress_index(course: Course) -> list[ModuleEntry]:
    """The course tree reduced to what "every scenario done" needs: ids and question ids."""
    return [
        {
            "id": tactic.id,
            "scenarios": [
                {"id": s.id, "questions": [q.id for q in shown_questions(s)]} for s in scenarios
            ],
        }
        for tactic, scenarios in course.modules()
    ]


def assessment_summary(course: Course, link: Linker) -> AssessmentSummary:
    return {
        "pass_mark": course.options.pass_mark,
        "attempts": course.options.assessment.attempts,
        "url": link(ASSESSMENT_URI),
        "certificate_url": link(CERTIFICATE_URI),
    }
