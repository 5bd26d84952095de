"""Course → page sources, nav and question banks: the pure rendering step.

It never imports MkDocs. Each page is front matter plus one raw-HTML block; the data
each page hands the quiz engine is typed in `contract`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, TypeAlias, TypeVar, cast

from vigil.course import Course, walk_comments
from vigil.coverage.page import COVERAGE_URI, coverage_page
from vigil.format.scenario import Scenario
from vigil.format.taxonomy import Term, translated
from vigil.i18n.catalog import Translator
from vigil.questions.registry import kind_ui
from vigil.render.banks import assessment_data, bank_file, draw_modules, drawn
from vigil.render.contract import (
    CertificatePageData,
    ProgressPageData,
    ScenarioPageData,
)
from vigil.render.environment import render
from vigil.render.harvest import panel
from vigil.render.links import (
    ASSESSMENT_URI,
    CERTIFICATE_URI,
    HOME_URI,
    NOTEBOOK_URI,
    PROGRESS_URI,
    bank_uri,
    code_data,
    linker,
    module_uri,
    scenario_uri,
)
from vigil.render.notebook import notebook_file, notebook_files, notebook_page
from vigil.render.progress_data import (
    assessment_summary,
    shown_questions,
    structure,
)
from vigil.render.strings import (
    ASSESSMENT_TEXT,
    BANK_TEXT,
    JS_TEXT,
    STATUS_TEXT,
    Counts,
    UiText,
    resolve,
    ui_strings,
)
from vigil.render.text import display_title

NavItem: TypeAlias = "str | dict[str, list[NavItem]]"
T = TypeVar("T")

NAV_SCENARIOS_MAX = 8

# Per-scenario output of the last render (pages and question banks), by scenario identity
# and everything else it depends on. The check stage hands back the same frozen Scenario
# for an unchanged file, so a live-preview rebuild re-renders only the edited scenario.
_last_render: dict[tuple[Any, ...], tuple[Scenario, Any]] = {}


@dataclass(frozen=True)
class Rendered:
    """Page sources by URI, their nav, and the files pages load on demand, by site path.

    Banks are loaded only by the assessment page, for the scenarios it draws; notebooks
    (each scenario's leaks) only by the notebook page, for the scenarios a learner did.
    """

    pages: dict[str, str]
    nav: list[NavItem]
    banks: dict[str, bytes]
    notebooks: dict[str, bytes]


def render_course(course: Course, translator: Translator, *, directory_urls: bool) -> Rendered:
    """Render every generated page in the translator's language; directory_urls must match
    the site engine's setting."""
    course = _in_language(course, translator)
    page = _Pages(course, translator, directory_urls, _course_counts(course))
    pages = {HOME_URI: page.home()}
    context = _Context((course.title, course.options, course.taxonomy, directory_urls, translator))
    memo: dict[tuple[Any, ...], tuple[Scenario, Any]] = {}
    for tactic, scenarios in course.modules():
        pages[module_uri(tactic)] = page.module(tactic, scenarios)
        for scenario, after in zip(scenarios, [*scenarios[1:], None], strict=True):
            key = ("page", id(scenario), context, tactic.id, after and (after.id, after.title))
            pages[scenario_uri(course, scenario)] = _remember(
                memo, key, scenario, partial(page.scenario, scenario, tactic, after)
            )
    pages[ASSESSMENT_URI] = page.assessment()
    pages[CERTIFICATE_URI] = page.certificate()
    pages[PROGRESS_URI] = page.progress()
    pages[COVERAGE_URI] = coverage_page(course, translator, page._page)  # for trainers
    banks = {
        bank_uri(s.id): _remember(
            memo, ("bank", id(s), context), s, partial(bank_file, course, s, translator)
        )
        for s in course.scenarios
        if s.questions
    }
    # The adversary's notebook: its page, and each scenario's leaks in a file of their own.
    notes = {
        s.id: _remember(memo, ("notebook", id(s), context), s, partial(notebook_file, s))
        for s in course.scenarios
        if not s.assessment_only  # no page, so nothing of it for the notebook
    }
    pages[NOTEBOOK_URI] = notebook_page(page, notes)
    _last_render.clear()
    _last_render.update(memo)
    return Rendered(pages=pages, nav=_nav(course), banks=banks, notebooks=notebook_files(notes))


def _in_language(course: Course, translator: Translator) -> Course:
    """The course as the language shows it: the built-in tactics and categories translated
    (the course's own are its author's text, like its scenarios)."""
    taxonomy = translated(course.taxonomy, translator.pgettext)
    return course if taxonomy is course.taxonomy else replace(course, taxonomy=taxonomy)


def _course_counts(course: Course) -> dict[str, int]:
    """The course's numbers that pick plural forms on every page (see `strings.Counts`)."""
    modules = course.modules()
    sizes = [len(scenarios) for _, scenarios in modules]
    counts = {
        "scenarios": sum(sizes),
        "questions": sum(len(shown_questions(s)) for _, ss in modules for s in ss),
        "modules": len(modules),
        "attempts": course.options.assessment.attempts or 0,
    }
    if sizes:
        counts["module_scenarios"] = Counter(sizes).most_common(1)[0][0]
    return counts


class _Context:
    """What every page depends on besides its scenario, hashed once per render: hashing
    the options and taxonomy again for each of thousands of keys was a tenth of a rebuild."""

    def __init__(self, parts: tuple[Any, ...]) -> None:
        self.parts = parts
        self.digest = hash(parts)

    def __hash__(self) -> int:
        return self.digest

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Context) and self.parts == other.parts


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
        pages: list[NavItem] = [module_uri(tactic)]
        if len(scenarios) <= NAV_SCENARIOS_MAX:
            pages += [scenario_uri(course, s) for s in scenarios]
        modules.append({display_title(tactic.name): pages})
    final: list[NavItem] = [ASSESSMENT_URI, CERTIFICATE_URI, PROGRESS_URI, NOTEBOOK_URI]
    return [{display_title(course.title): [HOME_URI, *modules, *final]}]


@dataclass(frozen=True)
class _Pages:
    """The page builders of one render: one course, one language, one URL style."""

    course: Course
    translator: Translator
    directory_urls: bool
    counts: Counts

    def _ui(self, *tables: Mapping[str, UiText], **counts: int) -> dict[str, str]:
        """The tables' strings in the language; `counts` adds what this page knows."""
        return ui_strings(self.translator, {**self.counts, **counts}, *tables)

    def _module_status(self, scenarios: int) -> str:
        return resolve(JS_TEXT["moduleStatus"], self.translator, {"module_scenarios": scenarios})

    def _page(self, template: str, title: str, **context: Any) -> str:
        """Front matter plus one raw-HTML block (no blank lines, every line at column 0)."""
        html = render(template, self.translator, course=self.course, **context)
        body = "\n".join(line.strip() for line in html.splitlines() if line.strip())
        # JSON is YAML too, and a good deal faster to write than yaml.safe_dump.
        meta = json.dumps({"title": display_title(title), "hide": ["toc"]}, ensure_ascii=False)
        return f"---\n{meta}\n---\n{body}\n"

    def _status(self, from_uri: str) -> ProgressPageData:
        """The course tree plus what the assessment and certificate status lines need."""
        link = linker(from_uri, self.directory_urls)
        return {
            "course": self.course.options.id,
            "ui": self._ui(JS_TEXT, STATUS_TEXT),
            "modules": structure(self.course, link, self._module_status),
            "assessment": assessment_summary(self.course, link),
        }

    def home(self) -> str:
        link = linker(HOME_URI, self.directory_urls)
        modules = [(t, ss, link(module_uri(t))) for t, ss in self.course.modules()]
        return self._page(
            "home.html.j2",
            self.course.title,
            modules=modules,
            progress_url=link(PROGRESS_URI),
            notebook_url=link(NOTEBOOK_URI),
            assessment_url=link(ASSESSMENT_URI),
            certificate_url=link(CERTIFICATE_URI),
            data=self._status(HOME_URI),
        )

    def module(self, tactic: Term, scenarios: list[Scenario]) -> str:
        link = linker(module_uri(tactic), self.directory_urls)
        data: ProgressPageData = {
            "course": self.course.options.id,
            "ui": self._ui(JS_TEXT, module_scenarios=len(scenarios)),
            "modules": structure(self.course, link, self._module_status, only=tactic.id),
        }
        entries = [(s, link(scenario_uri(self.course, s))) for s in scenarios]
        return self._page("module.html.j2", tactic.name, tactic=tactic, entries=entries, data=data)

    def scenario(self, scenario: Scenario, module: Term, after: Scenario | None) -> str:
        link = linker(scenario_uri(self.course, scenario), self.directory_urls)
        onward = {
            "module": (module.name, link(module_uri(module))),
            "next": (after.title, link(scenario_uri(self.course, after))) if after else None,
        }
        questions = shown_questions(scenario)
        data: ScenarioPageData = {
            "course": self.course.options.id,
            # Only the page's own count: a scenario page is reused while only other
            # scenarios change (see _remember), so it must not depend on course-wide counts.
            "ui": ui_strings(
                self.translator,
                {"scenario_questions": len(questions)},
                JS_TEXT,
                kind_ui(q.type for q in questions),
            ),
            "scenario": scenario.id,
            "questions": {q.id: {"type": q.type, "answer": q.key_in(scenario)} for q in questions},
            **code_data(
                (q.type for q in questions),
                scenario_uri(self.course, scenario),
                self.directory_urls,
            ),
        }
        return self._page(
            "scenario.html.j2",
            scenario.title,
            scenario=scenario,
            questions=[(q, q.choices(scenario, self.translator.gettext)) for q in questions],
            comments={c.id: c for c in walk_comments(scenario.thread)},
            harvest=panel(self.course, scenario, link(NOTEBOOK_URI)),
            onward=onward,
            data=data,
        )

    def progress(self) -> str:
        link = linker(PROGRESS_URI, self.directory_urls)
        modules = [
            (t, [(s, link(scenario_uri(self.course, s))) for s in ss])
            for t, ss in self.course.modules()
        ]
        return self._page(
            "progress.html.j2",
            self.translator.gettext("Your progress"),
            modules=modules,
            notebook_url=link(NOTEBOOK_URI),
            assessment_url=link(ASSESSMENT_URI),
            certificate_url=link(CERTIFICATE_URI),
            data=self._status(PROGRESS_URI),
        )

    def assessment(self) -> str:
        modules = draw_modules(self.course)
        count = drawn(self.course, modules)
        kinds = kind_ui(q["type"] for m in modules for q in m["questions"])
        ui = self._ui(JS_TEXT, ASSESSMENT_TEXT, BANK_TEXT, kinds, drawn=count)
        return self._page(
            "assessment.html.j2",
            self.translator.gettext("Final assessment"),
            drawn=count,
            modules=len(modules),
            certificate_url=linker(ASSESSMENT_URI, self.directory_urls)(CERTIFICATE_URI),
            data=assessment_data(self.course, self.directory_urls, modules, ui),
        )

    def certificate(self) -> str:
        status = self._status(CERTIFICATE_URI)
        data: CertificatePageData = {
            **status,
            "ui": self._ui(JS_TEXT, ASSESSMENT_TEXT),
            "title": self.course.title,
            "version": self.course.version,
            **code_data((), CERTIFICATE_URI, self.directory_urls, page="certificate"),
        }
        return self._page(
            "certificate.html.j2",
            self.translator.gettext("Certificate of completion"),
            assessment_url=linker(CERTIFICATE_URI, self.directory_urls)(ASSESSMENT_URI),
            data=data,
        )
