"""The final assessment: its page (what a draw needs) and one question bank per scenario.

The page's size depends on the number of questions, never on the threads; the engine
loads the drawn scenarios' banks (scripts, so they load from file:// too) after each draw.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from vigil.course import Course, walk_comments
from vigil.format.scenario import Comment, Scenario
from vigil.i18n.catalog import Translator
from vigil.questions.base import Choice, Question
from vigil.render.contract import (
    AssessmentPageData,
    Bank,
    BankQuestion,
    DrawEntry,
    DrawModule,
)
from vigil.render.environment import render
from vigil.render.links import (
    ASSESSMENT_URI,
    bank_key,
    bank_uri,
    code_data,
    linker,
    relative_path,
)
from vigil.render.progress_data import assessment_summary, progress_index
from vigil.render.text import script_json

# A placeholder no scenario id can contain, for the engine to put the drawn id in.
BANK_SLOT = "{scenario}"


def draw_modules(course: Course) -> list[DrawModule]:
    """Each module's bank as keys, kinds and shuffle flags, assessment-only scenarios
    included; modules that ask nothing are out."""
    modules: list[DrawModule] = []
    for tactic, scenarios in course.bank_modules():
        bank: list[DrawEntry] = [
            {"key": bank_key(s, q), "type": q.type, "shuffle": q.shuffles()}
            for s in scenarios
            for q in s.questions
        ]
        if bank:
            modules.append({"id": tactic.id, "title": tactic.name, "questions": bank})
    return modules


def drawn(course: Course, modules: list[DrawModule]) -> int:
    """How many questions each attempt draws from these banks."""
    return course.options.assessment.drawn([len(m["questions"]) for m in modules])


def assessment_data(
    course: Course, directory_urls: bool, modules: list[DrawModule], ui: dict[str, str]
) -> AssessmentPageData:
    link = linker(ASSESSMENT_URI, directory_urls)
    return {
        "course": course.options.id,
        "ui": ui,
        "modules": progress_index(course),
        "assessment": assessment_summary(course, link),
        "title": course.title,
        "version": course.version,
        "per_tactic": course.options.assessment.per_tactic,
        "drawn": drawn(course, modules),
        "exam_mode": course.options.assessment.exam_mode,
        "bank": modules,
        "bank_url": relative_path(ASSESSMENT_URI, bank_uri(BANK_SLOT), directory_urls),
        **code_data(
            (q["type"] for m in modules for q in m["questions"]), ASSESSMENT_URI, directory_urls
        ),
    }


def bank_file(course: Course, scenario: Scenario, translator: Translator) -> bytes:
    """One scenario's bank as a script: the sanitised HTML of all its questions (with the
    thread when they need it), their answer key and option lists."""
    comments = {c.id: c for c in walk_comments(scenario.thread)}
    questions: dict[str, BankQuestion] = {}
    case: list[tuple[Question, list[Choice], str]] = []
    items: list[Markup] = []
    for question in scenario.questions:
        key = bank_key(scenario, question)
        choices = question.choices(scenario, translator.gettext, shuffled=False)
        questions[key] = {
            "type": question.type,
            "answer": question.key_in(scenario),
            "options": [c.value for c in choices],
            "shuffle": question.shuffles(),
        }
        entry = (question, choices, key)
        if question.needs_thread():
            case.append(entry)
        else:
            items.append(_item(course, translator, scenario, comments, [entry], with_thread=False))
    if case:
        items.insert(0, _item(course, translator, scenario, comments, case, with_thread=True))
    lines = (line.strip() for item in items for line in str(item).splitlines())
    bank: Bank = {"html": "\n".join(line for line in lines if line), "questions": questions}
    name = script_json(scenario.id)
    return (
        f"/* Vigil question bank of {name}: generated, loaded on demand"
        " by the final assessment. */\n"
        f"window.VigilBank && VigilBank.add({name}, {script_json(bank)});\n"
    ).encode()


def _item(
    course: Course,
    translator: Translator,
    scenario: Scenario,
    comments: Mapping[str, Comment],
    questions: list[tuple[Question, list[Choice], str]],
    *,
    with_thread: bool,
) -> Markup:
    """One block of the assessment: a scenario's thread with its questions, or one question.

    Rendered on its own so the thread and question macros see this scenario as theirs.
    """
    html = render(
        "_assessment_item.html.j2",
        translator,
        course=course,
        scenario=scenario,
        comments=comments,
        questions=questions,
        with_thread=with_thread,
    )
    return Markup(html)  # noqa: S704  (autoescaped template output)
