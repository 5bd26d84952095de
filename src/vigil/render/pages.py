"""Course → page text, nav and assets: the pure rendering step.

It never imports MkDocs, so the same pages build on MkDocs 1.6 today and on another
engine later. Page bodies are raw-HTML blocks (MkDocs leaves them alone), so links
between generated pages are computed here for the URL style the build uses.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from importlib.resources import files
from typing import Any, TypeAlias, TypeVar, cast

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from vigil.course import Course, scenario_page_uri, walk_comments
from vigil.format.scenario import (
    Comment,
    PickCommentsQuestion,
    Question,
    RiskLevel,
    RiskQuestion,
    Scenario,
)
from vigil.format.taxonomy import Term
from vigil.render.sanitize import markdown_to_html, plain_to_html, safe_url

NavItem: TypeAlias = "str | dict[str, list[NavItem]]"
Linker: TypeAlias = Callable[[str], str]

HOME_URI = "course/index.md"
ASSESSMENT_URI = "course/assessment.md"
CERTIFICATE_URI = "course/certificate.md"
PROGRESS_URI = "course/progress.md"
ASSET_FOLDER = "assets/vigil"
BANK_FOLDER = f"{ASSET_FOLDER}/bank"
ASSET_NAMES = ("quiz.js", "quiz.css")
AVATAR_COLOURS = 8
EXCERPT_LENGTH = 70

# Strings the quiz engine shows; kept here so a translation replaces one table.
JS_TEXT: Mapping[str, str] = {
    "choose": "Choose an answer first.",
    "correct": "Correct.",
    "incorrect": "Not quite.",
    "right": "✓ Your choice: correct",
    "wrong": "✗ Your choice: not correct",
    "missed": "Correct answer: not chosen",
    "alsoOk": "Also acceptable",
    "revealed": "Red flags and leaked details are now marked on the thread. "
    "You answered {correct} of {total} questions correctly.",
    "notStarted": "Not started",
    "inProgress": "In progress: {answered} of {total} answered",
    "done": "Done: {correct} of {total} correct",
    "noQuestions": "No questions",
    "moduleStatus": "{done} of {total} scenarios done",
    "courseStatus": "{done} of {total} scenarios done, {correct} of {questions} answers correct",
    "erased": "Your progress for this course has been erased on this device.",
}

# Status lines of the course home and progress pages about the assessment and certificate.
STATUS_TEXT: Mapping[str, str] = {
    "modulesStatus": "{done} of {total} modules done",
    "aNotStarted": "Not started",
    "aInProgress": "In progress: {answered} of {total} answered",
    "aBest": "Best score {score}%: {verdict}",
    "aPassed": "passed",
    "aFailed": "not passed (pass mark {passMark}%)",
    "aLeft": "{left} of {attempts} attempts left",
    "aNoneLeft": "no attempts left",
    "certEarned": "Earned: print it from the certificate page",
    "certMissing": "Not yet earned",
}

# Strings of the assessment and certificate pages.
ASSESSMENT_TEXT: Mapping[str, str] = {
    **STATUS_TEXT,
    "legend": "Question {number} of {total}",
    "unanswered": "Not answered.",
    "confirmSubmit": "{missing} of {total} questions have no answer yet. "
    "Unanswered questions count as wrong.",
    "score": "Your score: {score}% ({correct} of {total} correct).",
    "passed": "Passed. The pass mark is {passMark}%.",
    "failed": "Not passed. The pass mark is {passMark}%.",
    "certReady": "You have completed the course: your certificate is ready.",
    "certAfterScenarios": "Finish the remaining scenarios to earn your certificate.",
    "attemptsLeft": "You have {left} of {attempts} attempts left.",
    "noAttemptsLeft": "You have used all {attempts} attempts without passing, so no new "
    "attempt can be started. Ask your trainer how to continue.",
    "usedUp": "You have used all {attempts} attempts.",
    "started": "A new set of {total} questions has been drawn.",
    "todoScenario": "{module}: {title} ({state})",
    "todoAssessment": "Pass the final assessment (pass mark {passMark}%)",
    "todoBlocked": "The final assessment: all {attempts} attempts used without passing",
    "nameNeeded": "Enter your name as it should appear on the certificate.",
}

# Strings only the assessment page shows, while it loads the drawn questions' banks.
BANK_TEXT: Mapping[str, str] = {
    "loadFailed": "Some of the drawn questions could not be loaded. Try again; if it keeps "
    "failing, the course files may be incomplete: tell your trainer.",
}


NAV_SCENARIOS_MAX = 20

# Per-scenario output of the last render (pages and question banks), by scenario identity
# and everything else it depends on. The check stage hands back the same frozen Scenario
# for an unchanged file, so a live-preview rebuild re-renders only the edited scenario.
_last_render: dict[tuple[Any, ...], tuple[Scenario, Any]] = {}
T = TypeVar("T")


@dataclass(frozen=True)
class Rendered:
    """Everything the site engine needs: page sources, their nav, and the quiz assets.

    `assets` are loaded by every page; `lazy_assets` (the assessment's question banks, one
    script per scenario) are only published, and the assessment page loads the ones it draws.
    """

    pages: dict[str, str]
    nav: list[NavItem]
    assets: dict[str, bytes]
    lazy_assets: dict[str, bytes] = field(default_factory=dict)

    def files(self) -> dict[str, bytes]:
        """Every generated file by site path, as it is staged."""
        pages = {uri: text.encode() for uri, text in self.pages.items()}
        return {**pages, **self.assets, **self.lazy_assets}


@dataclass(frozen=True)
class Choice:
    """One answer a learner can pick, whatever the question type."""

    value: str
    label: str
    feedback: str | None


def render_course(course: Course, *, use_directory_urls: bool = True) -> Rendered:
    """Render every generated page; use_directory_urls must match the MkDocs setting."""
    pages = {HOME_URI: _home_page(course, use_directory_urls)}
    context = (course.title, course.options, course.taxonomy, use_directory_urls)
    memo: dict[tuple[Any, ...], tuple[Scenario, Any]] = {}
    for tactic, scenarios in course.modules():
        pages[_module_uri(tactic)] = _module_page(course, tactic, scenarios, use_directory_urls)
        for scenario, after in zip(scenarios, [*scenarios[1:], None], strict=True):
            key = ("page", id(scenario), context, tactic.id, after and (after.id, after.title))
            pages[scenario_page_uri(course, scenario)] = _remember(
                memo,
                key,
                scenario,
                partial(_scenario_page, course, scenario, tactic, after, use_directory_urls),
            )
    pages[ASSESSMENT_URI] = _assessment_page(course, use_directory_urls)
    pages[CERTIFICATE_URI] = _certificate_page(course, use_directory_urls)
    pages[PROGRESS_URI] = _progress_page(course, use_directory_urls)
    banks = {
        bank_uri(s): _remember(memo, ("bank", id(s), context), s, partial(_bank_file, course, s))
        for s in course.scenarios
        if s.questions
    }
    _last_render.clear()
    _last_render.update(memo)
    return Rendered(pages=pages, nav=_nav(course), assets=_assets(), lazy_assets=banks)


def _remember(
    memo: dict[tuple[Any, ...], tuple[Scenario, Any]],
    key: tuple[Any, ...],
    scenario: Scenario,
    make: Callable[[], T],
) -> T:
    """Reuse the last render's output for this very scenario object, else make it."""
    hit = _last_render.get(key)
    if hit is None or hit[0] is not scenario:
        hit = (scenario, make())
    memo[key] = hit
    return cast(T, hit[1])


def _nav(course: Course) -> list[NavItem]:
    """Scenarios are listed under their module while the list stays short.

    Material renders the open section's whole list on every page of it, so a module of
    hundreds of scenarios would make each of its pages grow with the course. Past
    NAV_SCENARIOS_MAX the module page (which lists them all) is their only entry, and each
    scenario page links back to it and on to the next scenario.
    """
    modules: list[NavItem] = []
    for tactic, scenarios in course.modules():
        pages: list[NavItem] = [_module_uri(tactic)]
        if len(scenarios) <= NAV_SCENARIOS_MAX:
            pages += [scenario_page_uri(course, s) for s in scenarios]
        modules.append({display_title(tactic.name): pages})
    final: list[NavItem] = [ASSESSMENT_URI, CERTIFICATE_URI, PROGRESS_URI]
    return [{display_title(course.title): [HOME_URI, *modules, *final]}]


@cache
def _assets() -> dict[str, bytes]:
    folder = files("vigil.browser")
    return {f"{ASSET_FOLDER}/{name}": folder.joinpath(name).read_bytes() for name in ASSET_NAMES}


def _module_uri(tactic: Term) -> str:
    return f"course/{tactic.id}/index.md"


# --- pages -----------------------------------------------------------------------------


def _home_page(course: Course, directory_urls: bool) -> str:
    link = _linker(HOME_URI, directory_urls)
    modules = [(t, ss, link(_module_uri(t))) for t, ss in course.modules()]
    return _page(
        "home.html.j2",
        course.title,
        course=course,
        modules=modules,
        progress_url=link(PROGRESS_URI),
        assessment_url=link(ASSESSMENT_URI),
        certificate_url=link(CERTIFICATE_URI),
        data=_page_data(course, _status_data(course, link), ui={**JS_TEXT, **STATUS_TEXT}),
    )


def _module_page(
    course: Course, tactic: Term, scenarios: list[Scenario], directory_urls: bool
) -> str:
    link = _linker(_module_uri(tactic), directory_urls)
    entries = [(s, link(scenario_page_uri(course, s))) for s in scenarios]
    data = _page_data(course, _structure(course, link, only=tactic.id))
    return _page(
        "module.html.j2", tactic.name, course=course, tactic=tactic, entries=entries, data=data
    )


def _scenario_page(
    course: Course,
    scenario: Scenario,
    module: Term,
    after: Scenario | None,
    directory_urls: bool,
) -> str:
    link = _linker(scenario_page_uri(course, scenario), directory_urls)
    onward = {
        "module": (module.name, link(_module_uri(module))),
        "next": (after.title, link(scenario_page_uri(course, after))) if after else None,
    }
    questions = _shown_questions(scenario)
    key = {q.id: {"type": q.type, "answer": _correct_values(q)} for q in questions}
    data = _page_data(course, {"scenario": scenario.id, "questions": key})
    return _page(
        "scenario.html.j2",
        scenario.title,
        course=course,
        scenario=scenario,
        questions=[(q, _choices(scenario, q)) for q in questions],
        comments={c.id: c for c in walk_comments(scenario.thread)},
        onward=onward,
        data=data,
    )


def _progress_page(course: Course, directory_urls: bool) -> str:
    link = _linker(PROGRESS_URI, directory_urls)
    modules = [
        (t, [(s, link(scenario_page_uri(course, s))) for s in ss]) for t, ss in course.modules()
    ]
    data = _page_data(course, _status_data(course, link), ui={**JS_TEXT, **STATUS_TEXT})
    return _page(
        "progress.html.j2",
        "Your progress",
        course=course,
        modules=modules,
        assessment_url=link(ASSESSMENT_URI),
        certificate_url=link(CERTIFICATE_URI),
        data=data,
    )


def _status_data(course: Course, link: Linker) -> dict[str, Any]:
    """The course tree plus what the assessment and certificate status lines need."""
    return {**_structure(course, link), "assessment": _assessment_summary(course, link)}


def _assessment_summary(course: Course, link: Linker) -> dict[str, Any]:
    return {
        "passMark": course.options.pass_mark,
        "attempts": course.options.assessment.attempts,
        "url": link(ASSESSMENT_URI),
        "certificate": link(CERTIFICATE_URI),
    }


# --- final assessment and certificate -------------------------------------------------------


def bank_key(scenario: Scenario, question: Question) -> str:
    """A question's id across the course; `_` never occurs in ids, so keys cannot collide."""
    return f"{scenario.id}_{question.id}"


def needs_thread(question: Question) -> bool:
    """Scenario questions were asked beside their thread, and so are questions that point
    into it; the other assessment-only questions stand alone."""
    if isinstance(question, PickCommentsQuestion):
        return True
    if isinstance(question, RiskQuestion) and question.about:
        return True
    return not question.assessment_only


def bank_uri(scenario: Scenario) -> str:
    """Where a scenario's question bank is published (quiz.js builds the same path)."""
    return f"{BANK_FOLDER}/{scenario.id}.js"


def _assessment_page(course: Course, directory_urls: bool) -> str:
    """The page holds only what drawing needs (keys, types, shuffle flags and the rules), so
    its size depends on the number of questions, never on the threads; quiz.js loads the
    drawn scenarios' banks (`bank_uri`) after each draw."""
    link = _linker(ASSESSMENT_URI, directory_urls)
    options = course.options.assessment
    modules: list[dict[str, Any]] = []
    for tactic, scenarios in course.modules():
        bank = [
            {"key": bank_key(s, q), "type": q.type, "shuffle": _shuffles(q)}
            for s in scenarios
            for q in s.questions
        ]
        if bank:  # a module whose scenarios ask nothing has nothing to draw
            modules.append({"id": tactic.id, "title": tactic.name, "questions": bank})
    drawn = sum(min(options.per_tactic, len(m["questions"])) for m in modules)
    data = _page_data(
        course,
        {
            **_progress_index(course),
            "assessment": _assessment_summary(course, link),
            "title": course.title,
            "version": course.version,
            "perTactic": options.per_tactic,
            "examMode": options.exam_mode,
            "bank": modules,
        },
        ui={**JS_TEXT, **ASSESSMENT_TEXT, **BANK_TEXT},
    )
    return _page(
        "assessment.html.j2",
        "Final assessment",
        course=course,
        assets=relative_path(ASSESSMENT_URI, ASSET_FOLDER, directory_urls) + "/",
        drawn=drawn,
        modules=len(modules),
        certificate_url=link(CERTIFICATE_URI),
        data=data,
    )


def _progress_index(course: Course) -> dict[str, Any]:
    """The course tree reduced to what "every scenario done" needs: ids and question ids."""
    return {
        "modules": [
            {
                "id": tactic.id,
                "scenarios": [
                    {"id": s.id, "questions": [q.id for q in _shown_questions(s)]}
                    for s in scenarios
                ],
            }
            for tactic, scenarios in course.modules()
        ]
    }


def _bank_file(course: Course, scenario: Scenario) -> bytes:
    """One scenario's bank as a script: the sanitised HTML of all its questions (with the
    thread when they need it), their answer key and option lists. A script, not JSON, so a
    <script> element loads it from file:// too, where fetch is blocked."""
    comments = {c.id: c for c in walk_comments(scenario.thread)}
    questions: dict[str, dict[str, Any]] = {}
    case: list[tuple[Question, list[Choice], str]] = []
    items: list[Markup] = []
    for question in scenario.questions:
        key = bank_key(scenario, question)
        choices = _choices(scenario, question, shuffled=False)
        questions[key] = {
            "type": question.type,
            "answer": _correct_values(question),
            "options": [c.value for c in choices],
            "shuffle": _shuffles(question),
        }
        entry = (question, choices, key)
        if needs_thread(question):
            case.append(entry)
        else:
            items.append(_assessment_item(course, scenario, comments, [entry], False))
    if case:
        items.insert(0, _assessment_item(course, scenario, comments, case, True))
    lines = (line.strip() for item in items for line in str(item).splitlines())
    html = "\n".join(line for line in lines if line)
    bank = _script_json({"html": html, "questions": questions})
    return (
        f"/* Vigil question bank of {_script_json(scenario.id)}: generated, loaded on demand"
        " by the final assessment. */\n"
        f"window.VigilBank && VigilBank.add({_script_json(scenario.id)}, {bank});\n"
    ).encode()


def _script_json(data: object) -> str:
    """JSON as a JavaScript literal, in plain ASCII so any server's charset reads it right
    (and U+2028/U+2029 are escaped). An external script needs no markup escaping."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


def _assessment_item(
    course: Course,
    scenario: Scenario,
    comments: Mapping[str, Comment],
    questions: list[tuple[Question, list[Choice], str]],
    with_thread: bool,
) -> Markup:
    """One block of the assessment: a scenario's thread with its questions, or one question.

    Rendered on its own so the thread and question macros see this scenario as theirs.
    """
    html = (
        _environment()
        .get_template("_assessment_item.html.j2")
        .render(
            course=course,
            scenario=scenario,
            comments=comments,
            questions=questions,
            with_thread=with_thread,
        )
    )
    return Markup(html)  # noqa: S704  (autoescaped template output)


def _certificate_page(course: Course, directory_urls: bool) -> str:
    link = _linker(CERTIFICATE_URI, directory_urls)
    data = _page_data(
        course,
        {
            **_status_data(course, link),
            "title": course.title,
            "version": course.version,
        },
        ui={**JS_TEXT, **ASSESSMENT_TEXT},
    )
    return _page(
        "certificate.html.j2",
        "Certificate of completion",
        course=course,
        assessment_url=link(ASSESSMENT_URI),
        data=data,
    )


def _page_data(
    course: Course, extra: Mapping[str, object], ui: Mapping[str, str] = JS_TEXT
) -> dict[str, object]:
    """What quiz.js reads from every page: the course id, its strings, and page specifics."""
    return {"course": course.options.id, "ui": ui, **extra}


def _page(template: str, title: str, **context: Any) -> str:
    """Front matter plus one raw-HTML block (no blank lines, every line at column 0)."""
    html = _environment().get_template(template).render(**context)
    body = "\n".join(line.strip() for line in html.splitlines() if line.strip())
    meta = yaml.safe_dump(
        {"title": display_title(title), "hide": ["toc"]}, allow_unicode=True, sort_keys=False
    )
    return f"---\n{meta}---\n{body}\n"


_ANGLE_QUOTES = str.maketrans({"<": "\u2039", ">": "\u203a"})


def display_title(title: str) -> str:
    """A title for places the theme prints unescaped (MkDocs does: nav, <title>, header).

    Material's <title> even un-escapes it (striptags), so angle brackets become angle
    quotation marks outright and only the rest is HTML-escaped.
    """
    return str(escape(title.translate(_ANGLE_QUOTES)))


# --- links and structure ------------------------------------------------------------------


def page_url(uri: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page source, relative to the site root."""
    stem = uri.removesuffix(".md")
    if posixpath.basename(stem) == "index":
        return stem[: -len("index")] if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def _page_folder(uri: str, directory_urls: bool) -> str:
    """The folder the browser resolves a page's relative links against."""
    source = page_url(uri, directory_urls)
    return (source.rstrip("/") if source.endswith("/") else posixpath.dirname(source)) or "."


@lru_cache(maxsize=65536)  # the same links recur on every render of a live preview
def relative_url(from_uri: str, to_uri: str, directory_urls: bool) -> str:
    """A link from one page to another that works over http(s), file:// and in an LMS."""
    target = page_url(to_uri, directory_urls)
    rel = posixpath.relpath(target.rstrip("/") or ".", _page_folder(from_uri, directory_urls))
    return f"{rel}/" if target.endswith("/") else rel


def relative_path(from_uri: str, path: str, directory_urls: bool) -> str:
    """A file or folder of the site (not a page) as the page at `from_uri` reaches it."""
    return posixpath.relpath(path, _page_folder(from_uri, directory_urls))


def _linker(from_uri: str, directory_urls: bool) -> Linker:
    return lambda to_uri: relative_url(from_uri, to_uri, directory_urls)


def _structure(course: Course, link: Linker, only: str | None = None) -> dict[str, Any]:
    """The course tree the progress views and exports read: ids, titles, urls, questions."""
    return {
        "modules": [
            {
                "id": tactic.id,
                "title": tactic.name,
                "url": link(_module_uri(tactic)),
                "scenarios": [
                    {
                        "id": s.id,
                        "title": s.title,
                        "url": link(scenario_page_uri(course, s)),
                        "questions": [q.id for q in _shown_questions(s)],
                    }
                    for s in scenarios
                ],
            }
            for tactic, scenarios in course.modules()
            if only in (None, tactic.id)
        ]
    }


# --- questions ----------------------------------------------------------------------------


def _shown_questions(scenario: Scenario) -> list[Question]:
    """Assessment-only questions wait for the final assessment."""
    return [q for q in scenario.questions if not q.assessment_only]


def _correct_values(question: Question) -> list[str]:
    if isinstance(question, PickCommentsQuestion):
        return list(question.answer)
    if isinstance(question, RiskQuestion):
        return [question.answer.value]
    return [o.id for o in question.options if o.correct]


def _shuffles(question: Question) -> bool:
    """Written options shuffle unless pinned; comments keep thread order, risk levels theirs."""
    if isinstance(question, PickCommentsQuestion | RiskQuestion):
        return False
    return question.shuffle


def _choices(scenario: Scenario, question: Question, shuffled: bool = True) -> list[Choice]:
    """The choices in page order; `shuffled=False` keeps the written order (the assessment
    shuffles per attempt in the browser instead)."""
    if isinstance(question, PickCommentsQuestion):
        return [
            Choice(c.id, _comment_label(scenario, c), question.feedback.get(c.id))
            for c in walk_comments(scenario.thread)
        ]
    if isinstance(question, RiskQuestion):
        return [Choice(r.value, r.value.title(), question.feedback.get(r)) for r in RiskLevel]
    options = question.options
    if question.shuffle and shuffled:
        options = tuple(sorted(options, key=lambda o: _stable_hash(scenario.id, question.id, o.id)))
    return [Choice(o.id, o.text, o.feedback) for o in options]


def _stable_hash(*parts: str) -> str:
    """Shuffles the same way on every build, so output stays byte-identical."""
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


def _comment_label(scenario: Scenario, comment: Comment) -> str:
    return f"{scenario.personas[comment.by].name}: “{excerpt(comment.text)}”"


# --- template helpers -----------------------------------------------------------------------


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """The start of a comment on one line, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def initials(name: str) -> str:
    """Avatar letters: the first letter of the first two words, or the first two letters."""
    words: list[str] = re.findall(r"[^\W_]+", name)
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[1][0]).upper()


def avatar_colour(name: str) -> int:
    return int(_stable_hash(name)[:8], 16) % AVATAR_COLOURS


def leak_segments(course: Course, comment: Comment) -> list[tuple[str, Term | None]]:
    """Split comment text into plain runs and leaked runs (first, non-overlapping matches)."""
    spans = []
    for leak in comment.leaks:
        start = comment.text.find(leak.text)
        if start >= 0:
            spans.append((start, start + len(leak.text), course.taxonomy.category(leak.category)))
    segments: list[tuple[str, Term | None]] = []
    cursor = 0
    for start, end, category in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < cursor:
            continue
        segments += [(comment.text[cursor:start], None), (comment.text[start:end], category)]
        cursor = end
    segments.append((comment.text[cursor:], None))
    return [(text, category) for text, category in segments if text]


def count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def data_element(data: object) -> Markup:
    """The page's data (answer key, course structure) as JSON inside an inert <template>.

    Not a <script type="application/json">: Material's instant navigation re-creates
    inline scripts without their type, which would run the JSON as code. Markup-significant
    characters are \\u-escaped, so nothing in the data can close the element or form a tag.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<template class="vigil-data" data-search-exclude>{text}</template>')  # noqa: S704


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("vigil.render", "templates"),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(md=markdown_to_html, plain=plain_to_html, excerpt=excerpt, initials=initials)
    env.globals.update(
        avatar_colour=avatar_colour,
        leak_segments=leak_segments,
        count=count,
        safe_url=safe_url,
        data_element=data_element,
    )
    return env
