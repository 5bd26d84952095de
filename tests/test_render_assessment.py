"""The final assessment and certificate pages: index, question banks, nav, hidden-before-draw,
search index, and a page size that does not grow with the threads.

Refresh the golden pages with VIGIL_UPDATE_GOLDEN=1 after a deliberate change.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import Parser

from conftest import run_vigil
from test_render import (
    FORUM,
    GOLDEN,
    GYROSCOPE,
    PROGRESS_URI,
    Elements,
    ExclusionAudit,
    ScriptAudit,
    answer_key,
    body,
    golden_name,
    hostile_scenario,
    make_course,
    render,
)
from vigil.course import Course, CourseOptions
from vigil.format.taxonomy import builtin
from vigil.questions.registry import scenario_model
from vigil.render.links import ASSESSMENT_URI, CERTIFICATE_URI, HOME_URI, NOTEBOOK_URI

GYRO_BANK = "assets/vigil/bank/launch-video-gyroscope.js"
BANK_CALL = re.compile(
    r"/\*[^*]*\*/\nwindow\.VigilBank && VigilBank\.add\((\"[a-z0-9-]+\"), (\{.*\})\);\n", re.S
)


@pytest.fixture(scope="module")
def rendered():
    return render(make_course(GYROSCOPE, FORUM))


def parse_bank(script: bytes | str) -> tuple[str, dict[str, Any]]:
    """A bank file is one guarded call, VigilBank.add("<scenario>", {html, questions})."""
    text = script.decode("ascii") if isinstance(script, bytes) else script
    found = BANK_CALL.fullmatch(text)
    assert found, f"not a single VigilBank.add call: {text[:200]!r}"
    return json.loads(found.group(1)), json.loads(found.group(2))


def banks(rendered) -> dict[str, dict[str, Any]]:
    return dict(parse_bank(script) for script in rendered.banks.values())


def bank_html(rendered) -> str:
    return "\n".join(bank["html"] for bank in banks(rendered).values())


def classes(attrs: dict[str, str | None]) -> list[str]:
    return (attrs.get("class") or "").split()


def flagged(page: Elements, tag: str, flag: str, **attrs: str) -> list[dict[str, str | None]]:
    """Elements with a valueless attribute (HTMLParser reports its value as None)."""
    return [a for a in page.having(tag, **attrs) if flag in a]


def item_html(html: str, item_id: str) -> str:
    start = html.index(f'id="{item_id}"')
    end = html.find('<li class="vigil-a-item', start)
    return html[start:] if end < 0 else html[start:end]


def test_pages_come_after_the_modules_then_progress_and_the_notebook(rendered) -> None:
    last = [ASSESSMENT_URI, CERTIFICATE_URI, PROGRESS_URI, NOTEBOOK_URI]
    pages = [uri for uri in rendered.pages if uri != "trainers/coverage.md"]  # not the course's
    assert pages[-4:] == last
    section = rendered.nav[0]["Test course"]
    assert section[0] == HOME_URI
    assert all(isinstance(item, dict) for item in section[1:-4]), "modules come first"
    assert section[-4:] == last


def test_bank_holds_every_question_of_each_module(rendered) -> None:
    data = answer_key(rendered.pages[ASSESSMENT_URI])
    assert [(m["id"], m["title"]) for m in data["bank"]] == [
        ("friendly-questioning", "Friendly questioning")
    ], "the forum scenario has no questions, so its module has an empty bank and is left out"
    index = data["bank"][0]["questions"]
    assert [q["key"] for q in index] == [f"launch-video-gyroscope_q{n}" for n in range(1, 7)]
    assert index[5] == {"key": "launch-video-gyroscope_q6", "type": "single", "shuffle": True}
    assert "questions" not in data, "the answer key is in the banks, not on the page"
    assert rendered.banks.keys() == {GYRO_BANK}, "one bank per scenario with questions"
    scenario, bank = parse_bank(rendered.banks[GYRO_BANK])
    assert scenario == "launch-video-gyroscope"
    questions = bank["questions"]
    assert list(questions) == [q["key"] for q in index]
    assert questions["launch-video-gyroscope_q6"] == {
        "type": "single",
        "answer": ["a"],
        "options": ["a", "b"],
        "shuffle": True,
    }, "assessment_only questions are in the bank"
    assert questions["launch-video-gyroscope_q1"]["options"] == ["c1", "c2", "c3"]
    assert questions["launch-video-gyroscope_q3"]["options"] == ["new", "spec", "likes"]
    shuffles = {k.rsplit("_", 1)[1]: v["shuffle"] for k, v in questions.items()}
    assert shuffles == {"q1": False, "q2": False, "q3": True, "q4": True, "q5": False, "q6": True}
    assert [
        {"key": k, "type": v["type"], "shuffle": v["shuffle"]} for k, v in questions.items()
    ] == (index), "the page's index and the bank agree"
    assert data["per_tactic"] is None, "by default a course-wide number, spread by tactic"
    assert data["drawn"] == 6, "15 by default, but the bank holds 6"
    assert data["exam_mode"] is True
    assert data["assessment"]["pass_mark"] == 80
    assert data["assessment"]["attempts"] == 3
    assert data["assessment"]["certificate_url"] == "../certificate/"
    assert (data["title"], data["version"]) == (
        "Test course",
        make_course(GYROSCOPE, FORUM).version,
    )
    assert data["modules"] == [
        {
            "id": "friendly-questioning",
            "scenarios": [
                {"id": "launch-video-gyroscope", "questions": ["q1", "q2", "q3", "q4", "q5"]}
            ],
        },
        {"id": "debate-baiting", "scenarios": [{"id": "forum-thread", "questions": []}]},
    ], "what 'every scenario done' needs, without titles or links"


@pytest.mark.parametrize(("directory_urls", "assets"), [(True, "../../"), (False, "../")])
def test_the_page_knows_where_the_banks_are(directory_urls: bool, assets: str) -> None:
    page = render(make_course(GYROSCOPE), use_directory_urls=directory_urls).pages
    data = answer_key(page[ASSESSMENT_URI])
    assert data["bank_url"] == f"{assets}assets/vigil/bank/{{scenario}}.js"


def test_options_follow_the_course_settings() -> None:
    course = make_course(GYROSCOPE)
    options = CourseOptions(
        id="test-course",
        pass_mark=70,
        assessment={"per_tactic": 2, "attempts": 3, "exam_mode": False},
    )
    course = Course(course.title, options, course.taxonomy, course.scenarios)
    page = render(course, use_directory_urls=False).pages[ASSESSMENT_URI]
    data = answer_key(page)
    assert (data["per_tactic"], data["drawn"], data["exam_mode"]) == (2, 2, False)
    assert data["assessment"]["attempts"] == 3
    assert data["assessment"]["pass_mark"] == 70
    assert data["assessment"]["certificate_url"] == "certificate.html"
    assert "draws 2 questions at random" in page
    assert "You have 3 attempts." in page
    assert "You pass with 70% or more." in page
    assert "Check each answer as you go" in page


def test_questions_wait_in_their_banks_hidden_until_a_draw(rendered) -> None:
    page = Elements(rendered.pages[ASSESSMENT_URI])
    assert not page.having("form"), "the page holds no question"
    assert not [a for _, a in page.found if "vigil-a-item" in classes(a)]
    for cls in ("vigil-a-questions", "vigil-a-result", "vigil-a-start-area", "vigil-a-blocked"):
        found = [a for _, a in page.found if cls in classes(a)]
        assert len(found) == 1, cls
        assert "hidden" in found[0], cls
    assert page.having("p", class_="vigil-a-failed-text", role="alert")
    assert page.having("button", type="button", class_="md-button md-button--primary vigil-a-retry")
    html = bank_html(rendered)
    bank = Elements(html)
    forms = bank.having("form", class_="vigil-q")
    assert sorted(f["data-vigil-key"] for f in forms) == [
        f"launch-video-gyroscope_q{n}" for n in range(1, 7)
    ]
    assert all("hidden" in f for f in forms)
    items = [a for _, a in bank.found if "vigil-a-item" in classes(a)]
    assert len(items) == 2
    assert all("hidden" in a for a in items)
    feedback = [a for _, a in bank.found if "vigil-fb" in classes(a)]
    assert feedback
    assert all("hidden" in a for a in feedback)
    ids = Counter(a["id"] for _, a in [*page.found, *bank.found] if a.get("id"))
    assert [i for i, n in ids.items() if n > 1] == [], "ids are unique across threads and page"
    audit = ExclusionAudit()
    audit.feed(html)
    assert (audit.leaks, audit.stack) == ([], []), "the bank's markup is balanced"


def test_scenario_questions_come_with_their_thread_and_standalone_ones_without(rendered) -> None:
    html = bank_html(rendered)
    assert '<li class="vigil-a-item vigil-a-case" id="vigil-a_launch-video-gyroscope"' in html
    case = item_html(html, "vigil-a_launch-video-gyroscope")
    assert '<h3 class="vigil-a-title" data-search-exclude>The gyroscope question</h3>' in case
    assert '<details class="vigil-a-context" data-search-exclude>' in case
    assert 'id="vigil-c_launch-video-gyroscope_c1"' in case
    assert 'aria-label="Video comments"' in case
    for n in range(1, 6):
        assert f'data-vigil-key="launch-video-gyroscope_q{n}"' in case
    assert "launch-video-gyroscope_q6" not in case
    solo = item_html(html, "vigil-a_launch-video-gyroscope_q6")
    assert "<details" not in solo
    assert "Kept for the final assessment." in solo
    assert "the comment by" not in html, "the risk question quotes its comment instead of linking"
    assert 'The comment by <span class="vigil-name">Wei L.</span>' in case
    assert "<blockquote><p>Ours drift under 0.01°/h" in case


def test_assessment_only_questions_that_point_into_the_thread_keep_it() -> None:
    scenario = copy.deepcopy(GYROSCOPE)
    for question in scenario["questions"]:
        question["assessment_only"] = question["id"] in ("q1", "q5", "q6")
    html = bank_html(render(make_course(scenario)))
    case = item_html(html, "vigil-a_launch-video-gyroscope")
    assert 'data-vigil-key="launch-video-gyroscope_q1"' in case
    assert 'data-vigil-key="launch-video-gyroscope_q5"' in case
    assert Elements(html).having("li", id="vigil-a_launch-video-gyroscope_q6")
    assert not Elements(html).having("li", id="vigil-a_launch-video-gyroscope_q1")
    assert not Elements(html).having("li", id="vigil-a_launch-video-gyroscope_q5")
    assert "<details" in case


def walk(comments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [x for c in comments for x in [c, *walk(c.get("replies", []))]]


def test_page_size_does_not_depend_on_the_threads() -> None:
    """Ten times longer comments, settings and prompts: the page keeps its size to the byte,
    the bank grows. The page carries about a hundred bytes per question, whatever they say."""
    longer = copy.deepcopy(GYROSCOPE)
    longer["setting"] *= 10
    for comment in walk(longer["thread"]):
        comment["text"] = " ".join([comment["text"]] * 10)
    for question in longer["questions"]:
        question["prompt"] = " ".join([question["prompt"]] * 10)
    short, long = render(make_course(GYROSCOPE)), render(make_course(longer))
    assert len(long.pages[ASSESSMENT_URI]) == len(short.pages[ASSESSMENT_URI])
    added = 9 * sum(len(c["text"]) for c in walk(GYROSCOPE["thread"]))
    assert len(long.banks[GYRO_BANK]) > len(short.banks[GYRO_BANK]) + added

    many = [copy.deepcopy(GYROSCOPE) for _ in range(20)]
    for n, scenario in enumerate(many):
        scenario["id"] = f"gyro-{n}"
    one, twenty = render(make_course(GYROSCOPE)), render(make_course(*many))
    per_question = (len(twenty.pages[ASSESSMENT_URI]) - len(one.pages[ASSESSMENT_URI])) / (19 * 6)
    assert per_question < 100, per_question
    assert len(twenty.banks) == 20


def test_bank_files_are_scripts_that_hostile_text_cannot_break() -> None:
    rendered = render(make_course(hostile_scenario()))
    [(uri, script)] = rendered.banks.items()
    assert uri == "assets/vigil/bank/hostile.js"
    assert script.isascii(), "ASCII, so any server's charset reads it right"
    scenario, bank = parse_bank(script)
    assert scenario == "hostile"
    audit = ScriptAudit()
    audit.feed(bank["html"])
    assert audit.problems == []
    assert audit.scripts == []
    assert "javascript:" not in bank["html"].replace("javascript:alert(1))", "")
    assert "<template" not in rendered.pages[ASSESSMENT_URI].replace(
        '<template class="vigil-data" data-search-exclude>', "", 1
    )


def test_bank_files_are_published_but_not_loaded_by_every_page(project: Path) -> None:
    """A real MkDocs build (directory URLs): banks are site files, not extra_javascript."""
    (project / "mkdocs.yml").write_text(
        "site_name: Tiny\ndocs_dir: content\ntheme: {name: material, font: false}\n"
        "plugins: [search, vigil]\nextra:\n  vigil: {id: tiny}\n",
        encoding="utf-8",
    )
    (project / "content").mkdir()
    (project / "content" / "index.md").write_text("# Welcome\n", encoding="utf-8")
    result = run_vigil("build", "--strict", "--site-dir", project / "site", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    bank = site / "assets" / "vigil" / "bank" / "minimal.js"
    assert parse_bank(bank.read_bytes())[0] == "minimal"
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) >= 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "assets/vigil/quiz.js" in html, page
        assert not re.search(r"<script[^>]+vigil/bank", html), f"{page}: a page loads a bank"
    assessment = (site / "course" / "assessment" / "index.html").read_text(encoding="utf-8")
    assert "../../assets/vigil/bank/{scenario}.js" in assessment
    assert "It asks for an unpublished part." not in assessment, "feedback stays in the bank"


def search_text(page: str) -> str:
    parser = Parser()
    parser.feed(body(page))
    parser.close()
    return " ".join(
        " ".join(section.title) + " " + " ".join(section.text) for section in parser.data
    )


@pytest.mark.parametrize("uri", [ASSESSMENT_URI, CERTIFICATE_URI])
def test_answers_and_feedback_stay_out_of_the_search_index(rendered, uri: str) -> None:
    text = search_text(rendered.pages[uri])
    assert "Final assessment" in text or "Certificate" in text, "the page itself is indexed"
    for secret in (
        "A real figure.",  # pick-comments feedback
        "Still confirms.",  # option feedback
        "Small details add up.",  # explanation
        "Hidden answer text",  # an assessment-only option
        "Kept for the final assessment.",  # an assessment-only prompt
        "Red flag",  # thread flags
        "It gives a real figure.",  # risk feedback
        '"answer"',  # the answer key
        "@page",  # the print styles
    ):
        assert secret not in text, f"{uri}: {secret!r} is in the search index"
        if secret not in ("Red flag", "@page"):  # the UI strings say "Red flags"
            assert secret not in rendered.pages[uri], f"{uri}: {secret!r} is on the page"


def test_search_exclusions_hold_in_materials_parser(rendered) -> None:
    for uri in (ASSESSMENT_URI, CERTIFICATE_URI, HOME_URI, PROGRESS_URI):
        audit = ExclusionAudit()
        audit.feed(body(rendered.pages[uri]))
        assert audit.leaks == [], uri
        assert audit.stack == [], f"{uri}: unbalanced tags"


def test_certificate_page_prints_landscape_and_says_what_the_code_proves(rendered) -> None:
    page = rendered.pages[CERTIFICATE_URI]
    course = make_course(GYROSCOPE, FORUM)
    assert '<style media="print">' in page
    assert "@page { size: landscape;" in page
    data = answer_key(page)
    assert data["title"] == "Test course"
    assert data["version"] == course.version
    assert data["assessment"]["url"] == "../assessment/"
    assert [m["id"] for m in data["modules"]] == ["friendly-questioning", "debate-baiting"]
    html = " ".join(page.split())
    assert f"<dd>{course.version}</dd>" in html
    assert "<code>vigil verify</code>" in html
    assert "source of truth" in html
    assert "does not prove who took the course" in html
    assert "the answer key and the code's algorithm travel with the pages" in html
    elements = Elements(page)
    assert elements.having("input", id="vigil-cert-name", autocomplete="name")
    assert elements.having("label", for_="vigil-cert-name")
    assert flagged(elements, "article", "hidden", class_="vigil-cert")


@pytest.mark.parametrize("uri", [HOME_URI, PROGRESS_URI])
def test_home_and_progress_show_the_assessment_and_certificate(rendered, uri: str) -> None:
    page = Elements(rendered.pages[uri])
    assert flagged(page, "span" if uri == PROGRESS_URI else "p", "data-vigil-assessment-status")
    assert page.having("a", href="../assessment/" if uri == PROGRESS_URI else "assessment/")
    data = answer_key(rendered.pages[uri])
    assert data["assessment"]["pass_mark"] == 80
    assert "aBest" in data["ui"]
    if uri == HOME_URI:
        assert flagged(page, "span", "data-vigil-modules-status")
        assert [a for a in flagged(page, "p", "data-vigil-certificate-link") if "hidden" in a]


def test_scenario_pages_do_not_carry_the_assessment_strings(rendered) -> None:
    for uri, page in rendered.pages.items():
        if uri.count("/") == 2 and not uri.endswith("index.md"):
            assert "aBest" not in page, uri


def test_a_hostile_course_title_is_escaped_on_the_certificate() -> None:
    course = make_course(GYROSCOPE)
    course = Course("<script>alert(1)</script>", course.options, course.taxonomy, course.scenarios)
    page = render(course).pages[CERTIFICATE_URI]
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_course_without_questions_still_gets_both_pages() -> None:
    course = Course(
        "Empty", CourseOptions(id="empty"), builtin(), (scenario_model().model_validate(FORUM),)
    )
    rendered = render(course)
    pages = rendered.pages
    assert answer_key(pages[ASSESSMENT_URI])["bank"] == []
    assert "draws 0 questions" in pages[ASSESSMENT_URI]
    assert CERTIFICATE_URI in pages
    assert rendered.banks == {}


def test_banks_are_deterministic() -> None:
    first = render(make_course(GYROSCOPE, FORUM))
    second = render(make_course(FORUM, GYROSCOPE))
    assert first.banks == second.banks


@pytest.mark.parametrize("uri", [ASSESSMENT_URI, CERTIFICATE_URI, GYRO_BANK])
def test_golden_pages(rendered, uri: str) -> None:
    path = GOLDEN / golden_name(uri)
    page = rendered.pages.get(uri) or rendered.banks[uri].decode()
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(page, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with VIGIL_UPDATE_GOLDEN=1"
    assert page == path.read_text(encoding="utf-8"), f"{uri} changed: review, then refresh goldens"
