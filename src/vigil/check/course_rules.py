"""Rules over the whole course, checked once every scenario is valid."""

from __future__ import annotations

import re

from vigil.check.rules import reserved_id
from vigil.check.suggest import suggest
from vigil.check.validate import bad_text
from vigil.course import Course, CourseOptions
from vigil.format.fields import text_problem
from vigil.format.loader import Document
from vigil.format.taxonomy import LANGUAGE_TAG
from vigil.i18n.catalog import SOURCE_LANGUAGE, catalog_languages
from vigil.problems import Problem, quoted
from vigil.render.links import RESERVED

OPTIONS_LOC = ("extra", "vigil")
ASSESSMENT_LOC = (*OPTIONS_LOC, "assessment")
QUOTA_LOC = (*ASSESSMENT_LOC, "per_tactic")
TOTAL_LOC = (*ASSESSMENT_LOC, "questions")
LANGUAGES_LOC = (*OPTIONS_LOC, "languages")


def empty_course(config: Document | None, folder: str) -> Problem:
    """A course without a scenario would build, with an assessment of no questions."""
    message = (
        f"the course has no scenarios: {quoted(folder)} holds no .yaml file; "
        "add one (vigil new my-scenario writes a template)"
    )
    if config is None:
        return Problem(folder, 1, 1, "empty-course", message)
    return config.problem((*OPTIONS_LOC, "scenarios"), "empty-course", message)


def course_options(config: Document | None, options: CourseOptions | None) -> list[Problem]:
    """What the options' schema cannot say: a course tactic named like a generated page
    (course/<tactic>/ beside course/assessment.md), and the site's title and the course
    terms' text holding control characters or nothing visible."""
    if config is None:
        return []
    problems: list[Problem] = []
    title = config.data.get("site_name") if isinstance(config.data, dict) else None
    if isinstance(title, str) and (kind := text_problem(title)) is not None:
        problems.append(bad_text(config, ("site_name",), kind, title))
    if options is None:
        return problems
    if options.assessment.per_tactic == 0:
        message = (
            "the final assessment draws 0 questions per tactic, so it has none and no one "
            "can pass it; write per_tactic: 1 or more"
        )
        problems.append(config.problem(QUOTA_LOC, "empty-assessment", message))
    if options.assessment.per_tactic is not None and "questions" in (
        options.assessment.model_fields_set
    ):
        message = (
            "the final assessment's size is given twice: questions (drawn per attempt, spread "
            "across the modules) and per_tactic (drawn from each module); keep one of them, "
            "e.g. remove per_tactic"
        )
        problems.append(config.problem(QUOTA_LOC, "assessment-size-twice", message))
    problems += _languages(config, options)
    for key, terms in (("tactics", options.tactics), ("categories", options.categories)):
        for i, term in enumerate(terms):
            loc = (*OPTIONS_LOC, key, i)
            if key == "tactics" and term.id in RESERVED:
                message = f"tactic id {reserved_id(term.id)}"
                problems.append(config.problem((*loc, "id"), "reserved-id", message))
            for field in ("name", "description"):
                value = getattr(term, field)
                if (kind := text_problem(value)) is not None:
                    problems.append(bad_text(config, (*loc, field), kind, value))
    return problems


def _languages(config: Document, options: CourseOptions) -> list[Problem]:
    """Each language of the course once, and one Vigil can show its pages in: the source or
    a language with a UI catalog."""
    known = (SOURCE_LANGUAGE, *catalog_languages())
    problems: list[Problem] = []
    written = config.data.get("extra", {}).get("vigil", {}).get("languages")
    tags = written if isinstance(written, list) else []  # as written: these are options
    for i, tag in enumerate(tags):  # that may not all have validated
        loc = (*LANGUAGES_LOC, i)
        if not isinstance(tag, str) or not re.fullmatch(LANGUAGE_TAG, tag):
            continue  # reported by the schema
        if tag in tags[:i]:
            message = f"language {quoted(tag)} is listed twice"
            problems.append(config.problem(loc, "duplicate-language", message))
        elif tag not in known:
            message = (
                f"unknown language {quoted(tag)}: Vigil has no catalog of its own words in "
                f"it (known: {', '.join(known)}){suggest(tag, known)}"
            )
            problems.append(config.problem(loc, "unknown-language", message))
    return problems


def bank_quotas(course: Course, config: Document | None) -> list[Problem]:
    """Each module's question bank must hold enough questions for a per-tactic quota; the
    whole bank, for a number of questions the author wrote (the default of 15 draws what
    a smaller course has)."""
    options = course.options.assessment
    modules = course.bank_modules()
    found: list[tuple[tuple[str | int, ...], str]] = []
    if options.per_tactic is None:
        bank = sum(len(s.questions) for _, scenarios in modules for s in scenarios)
        if "questions" in options.model_fields_set and bank < options.questions:
            found.append(
                (
                    TOTAL_LOC,
                    f"the final assessment draws {options.questions} questions per attempt, "
                    f"but the course's scenarios hold {bank}; add questions (assessment_only: "
                    "true keeps them off the scenario pages) or lower "
                    "extra.vigil.assessment.questions",
                )
            )
    else:
        quota = options.per_tactic
        for tactic, scenarios in modules:
            bank = sum(len(s.questions) for s in scenarios)
            if bank >= quota:
                continue
            found.append(
                (
                    QUOTA_LOC,
                    f"the final assessment draws {quota} question(s) per tactic, but the bank "
                    f"for {quoted(tactic.id)} holds {bank} (from "
                    f"{', '.join(s.id for s in scenarios)}); add questions (assessment_only: "
                    "true keeps them off the scenario page) or lower "
                    "extra.vigil.assessment.per_tactic",
                )
            )
    if config is None:
        return [Problem("mkdocs.yml", 1, 1, "bank-too-small", m) for _, m in found]
    return [config.problem(loc, "bank-too-small", m) for loc, m in found]
