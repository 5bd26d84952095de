"""The rendering step: page set, nav, links, answer key, untrusted text, determinism, goldens.

Refresh the golden pages with VIGIL_UPDATE_GOLDEN=1 after a deliberate change.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import inline_engine
from vigil.course import Course, CourseOptions
from vigil.format.taxonomy import builtin
from vigil.i18n.catalog import SOURCE_LANGUAGE, translator
from vigil.pipeline import assets
from vigil.questions.registry import scenario_model
from vigil.render.links import (
    ASSESSMENT_URI,
    CERTIFICATE_URI,
    HOME_URI,
    PROGRESS_URI,
    page_url,
    relative_url,
)
from vigil.render.pages import NAV_SCENARIOS_MAX, Rendered, render_course
from vigil.render.text import excerpt, initials
from vigil.targets.web import SITE

GOLDEN = Path(__file__).parent / "golden"


def render(course: Course, *, use_directory_urls: bool = True) -> Rendered:
    """The course in the source language, for the URL style given."""
    return render_course(course, translator(SOURCE_LANGUAGE), directory_urls=use_directory_urls)


SCENARIO_URI = "course/friendly-questioning/launch-video-gyroscope.md"
FORUM_URI = "course/debate-baiting/forum-thread.md"

GYROSCOPE: dict[str, Any] = {
    "id": "launch-video-gyroscope",
    "title": "The gyroscope question",
    "summary": "A fan asks about drift rates under a launch video.",
    "tactics": ["friendly-questioning", "fake-enthusiast"],
    "disclosure": ["equipment-parameters"],
    "difficulty": 2,
    "platform": "video",
    "setting": "You work on guidance systems at the *Example Institute*.",
    "personas": {
        "fan": {"name": "orbit_nerd_88", "joined": "3 weeks ago", "followers": 2},
        "colleague": {"name": "Wei L.", "joined": "6 years ago", "posts": 1204},
        "channel": {"name": "Example Institute", "joined": "9 years ago", "badge": "Verified"},
    },
    "post": {
        "by": "channel",
        "title": "Launch test, highlights",
        "text": "Our test flight this morning.\nThanks to every team involved.",
        "time": "1 day ago",
        "views": 120345,
    },
    "thread": [
        {
            "id": "c1",
            "by": "fan",
            "time": "5 h ago",
            "text": "Stunning launch! Anyone know which gyros they fly? Drift must be tiny.",
            "likes": 230,
            "flag": {
                "tactic": "friendly-questioning",
                "note": "A precise spec question from a new account.",
            },
            "replies": [
                {
                    "id": "c2",
                    "by": "colleague",
                    "time": "4 h ago",
                    "text": "Ours drift under 0.01°/h, the new batch from line 3 is even better.",
                    "likes": 1,
                    "leaks": [{"category": "equipment-parameters", "text": "0.01°/h"}],
                }
            ],
        },
        {"id": "c3", "by": "channel", "time": "3 h ago", "text": "Thanks for watching!"},
    ],
    "questions": [
        {
            "id": "q1",
            "type": "pick-comments",
            "prompt": "Which comments should worry you?",
            "answer": ["c1", "c2"],
            "feedback": {"c1": "A spec question.", "c2": "A real figure.", "c3": "Harmless."},
            "explanation": "Small details add up.",
        },
        {
            "id": "q2",
            "type": "single",
            "prompt": "What should Wei have done?",
            "shuffle": False,
            "options": [
                {"id": "a", "text": "Not answer", "correct": True, "feedback": "Right."},
                {"id": "b", "text": "Answer vaguely", "feedback": "Still confirms."},
            ],
        },
        {
            "id": "q3",
            "type": "multiple",
            "prompt": "Which cues point to elicitation?",
            "options": [
                {"id": "new", "text": "A new account", "correct": True},
                {"id": "spec", "text": "A precise spec question", "correct": True},
                {"id": "likes", "text": "Many likes"},
            ],
        },
        {
            "id": "q4",
            "type": "action",
            "prompt": "What do you do now?",
            "options": [
                {"id": "report", "text": "Report it to security", "correct": True},
                {"id": "ask", "text": "Ask Wei to delete it", "correct": True},
                {"id": "reply", "text": "Reply with a correction"},
            ],
        },
        {
            "id": "q5",
            "type": "risk",
            "about": "c2",
            "prompt": "How risky is this reply?",
            "answer": "high",
            "feedback": {"high": "It gives a real figure."},
        },
        {
            "id": "q6",
            "type": "single",
            "prompt": "Kept for the final assessment.",
            "assessment_only": True,
            "options": [
                {"id": "a", "text": "Hidden answer text", "correct": True},
                {"id": "b", "text": "Other"},
            ],
        },
    ],
    "takeaways": ["Specs that are not public stay off comment sections."],
    "sources": [{"title": "Advisory", "url": "https://example.org/advisory"}],
}

FORUM: dict[str, Any] = {
    "id": "forum-thread",
    "title": "A forum thread",
    "tactics": ["debate-baiting"],
    "difficulty": 1,
    "platform": "forum",
    "setting": "A hobby forum.",
    "personas": {"a": {"name": "sky", "joined": "1 week ago"}},
    "thread": [{"id": "c1", "by": "a", "time": "now", "text": "Everyone knows it is 5 km."}],
}


def make_course(*scenarios: dict[str, Any], title: str = "Test course") -> Course:
    return Course(
        title=title,
        options=CourseOptions(id="test-course"),
        taxonomy=builtin(),
        scenarios=tuple(scenario_model().model_validate(s) for s in scenarios),
    )


@pytest.fixture(scope="module")
def rendered():
    return render(make_course(GYROSCOPE, FORUM))


def body(page: str) -> str:
    return page.split("\n---\n", 1)[1]


def answer_key(page: str) -> dict[str, Any]:
    found = re.search(r'<template class="vigil-data" data-search-exclude>(.*?)</template>', page)
    assert found, "page has no data element"
    return json.loads(found.group(1))


class Elements(HTMLParser):
    """Collects (tag, attrs) of every start tag, to assert on structure without regexes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def having(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.found
            if t == tag
            and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]


# --- pages, nav, links ------------------------------------------------------------------------


def test_pages_and_nav_follow_the_fixed_uris(rendered) -> None:
    assert list(rendered.pages) == [
        HOME_URI,
        "course/friendly-questioning/index.md",
        SCENARIO_URI,
        "course/debate-baiting/index.md",
        "course/debate-baiting/forum-thread.md",
        ASSESSMENT_URI,
        CERTIFICATE_URI,
        PROGRESS_URI,
        "trainers/coverage.md",  # placed by the author's nav, not the course's
        "course/notebook.md",
    ]
    assert rendered.nav == [
        {
            "Test course": [
                HOME_URI,
                {"Friendly questioning": ["course/friendly-questioning/index.md", SCENARIO_URI]},
                {
                    "Debate baiting": [
                        "course/debate-baiting/index.md",
                        "course/debate-baiting/forum-thread.md",
                    ]
                },
                ASSESSMENT_URI,
                CERTIFICATE_URI,
                PROGRESS_URI,
                "course/notebook.md",
            ]
        }
    ]
    assert set(assets(SITE)) == {"assets/vigil/quiz.js", "assets/vigil/quiz.css"}


def test_every_page_has_a_title_and_one_raw_html_block(rendered) -> None:
    for uri, page in rendered.pages.items():
        assert page.startswith("---\n"), uri
        assert yaml.safe_load(page.split("---\n")[1])["title"], uri
        html = body(page)
        assert "\n\n" not in html, f"{uri}: a blank line would end the raw HTML block"
        assert all(not line[:1].isspace() for line in html.splitlines()), uri
        assert html.startswith('<div class="vigil '), uri


@pytest.mark.parametrize(
    ("uri", "directory_urls", "expected"),
    [
        ("course/index.md", True, "course/"),
        ("course/index.md", False, "course/index.html"),
        ("course/m/s.md", True, "course/m/s/"),
        ("course/m/s.md", False, "course/m/s.html"),
    ],
)
def test_page_url_matches_mkdocs(uri: str, directory_urls: bool, expected: str) -> None:
    assert page_url(uri, directory_urls) == expected


@pytest.mark.parametrize(
    ("source", "target", "directory_urls", "expected"),
    [
        (HOME_URI, "course/m/index.md", True, "m/"),
        (HOME_URI, "course/m/index.md", False, "m/index.html"),
        ("course/m/index.md", "course/m/s.md", True, "s/"),
        ("course/m/index.md", "course/m/s.md", False, "s.html"),
        (PROGRESS_URI, "course/m/s.md", True, "../m/s/"),
        (PROGRESS_URI, "course/m/s.md", False, "m/s.html"),
        ("course/m/s.md", "course/m/index.md", True, "../"),
        (PROGRESS_URI, HOME_URI, True, "../"),
        (HOME_URI, HOME_URI, True, "./"),
    ],
)
def test_relative_url(source: str, target: str, directory_urls: bool, expected: str) -> None:
    assert relative_url(source, target, directory_urls) == expected


def test_module_page_links_scenarios_for_the_url_style() -> None:
    course = make_course(GYROSCOPE)
    web = render(course).pages["course/friendly-questioning/index.md"]
    offline = render(course, use_directory_urls=False).pages["course/friendly-questioning/index.md"]
    assert Elements(web).having("a", href="launch-video-gyroscope/")
    assert Elements(offline).having("a", href="launch-video-gyroscope.html")


def module_nav(course: Course) -> list[Any]:
    section = render(course).nav[0]
    children = next(iter(section.values()))  # type: ignore[union-attr]
    return next(iter(children[1].values()))  # the first module


@pytest.mark.parametrize(
    ("count", "listed"), [(NAV_SCENARIOS_MAX, True), (NAV_SCENARIOS_MAX + 1, False)]
)
def test_large_modules_keep_scenarios_out_of_the_nav(count: int, listed: bool) -> None:
    many = [FORUM | {"id": f"forum-{i:03d}"} for i in range(count)]
    nav = module_nav(make_course(*many))
    assert nav[0] == "course/debate-baiting/index.md"
    assert len(nav) == (count + 1 if listed else 1)


def test_scenario_pages_link_back_and_on_within_their_module() -> None:
    course = make_course(FORUM | {"id": "forum-a"}, FORUM | {"id": "forum-b"})
    pages = render(course, use_directory_urls=False).pages
    first = Elements(pages["course/debate-baiting/forum-a.md"])
    assert first.having("a", href="index.html")
    assert first.having("a", href="forum-b.html")
    last = Elements(pages["course/debate-baiting/forum-b.md"])
    assert not last.having("a", href="forum-a.html")


def test_progress_page_embeds_the_course_structure(rendered) -> None:
    data = answer_key(rendered.pages[PROGRESS_URI])
    assert data["course"] == "test-course"
    module = next(m for m in data["modules"] if m["id"] == "friendly-questioning")
    assert module["url"] == "../friendly-questioning/"
    assert module["scenarios"] == [
        {
            "id": "launch-video-gyroscope",
            "title": "The gyroscope question",
            "url": "../friendly-questioning/launch-video-gyroscope/",
            "questions": ["q1", "q2", "q3", "q4", "q5"],
        }
    ]
    page = Elements(rendered.pages[PROGRESS_URI])
    assert page.having("button", type="button", class_="md-button vigil-reset")
    assert page.having("div", id="vigil-reset-confirm", role="group")


# --- scenario page ----------------------------------------------------------------------------


def test_scenario_page_marks_the_course_scenario_and_platform(rendered) -> None:
    page = Elements(rendered.pages[SCENARIO_URI])
    assert page.having(
        "div", data_vigil_course="test-course", data_vigil_scenario="launch-video-gyroscope"
    )
    assert page.having("section", class_="vigil-thread vigil-platform-video")
    forum = Elements(rendered.pages[FORUM_URI])
    assert forum.having("section", class_="vigil-thread vigil-platform-forum")


def test_thread_shows_names_in_bylines_counts_on_cards_and_nested_replies(rendered) -> None:
    html = rendered.pages[SCENARIO_URI]
    assert '<span class="vigil-avatar vigil-avatar-' in html
    assert ">ON</span>" in html
    assert ">WL</span>" in html
    c1 = html.index('id="vigil-c_c1"')
    byline = html[c1 : html.index('class="vigil-text"', c1)]
    assert "3 weeks ago" not in byline, "account age is on the profile card, not the byline"
    card = html[html.index('id="vigil-p_fan"') :]
    assert "<dt>Joined</dt><dd>3 weeks ago</dd>" in card
    assert "<dt>Followers</dt><dd>2</dd>" in card
    assert "<dt>Posts</dt><dd>1,204</dd>" in html[html.index('id="vigil-p_colleague"') :]
    assert "230 likes" in html
    assert "1 like<" in html
    assert "120,345 views" in html
    assert "Our test flight this morning.<br>Thanks" in html
    replies = html.index('<ol class="vigil-plain vigil-comments vigil-replies">', c1)
    assert c1 < replies < html.index('id="vigil-c_c2"') < html.index('id="vigil-c_c3"')


def test_flags_leaks_and_takeaways_are_hidden_and_out_of_search(rendered) -> None:
    page = Elements(rendered.pages[SCENARIO_URI])
    for cls in (
        "vigil-flag",
        "vigil-takeaways",
        "vigil-leak-label",
        "vigil-fb",
        "vigil-explanation",
    ):
        found = [a for _, a in page.found if cls in (a.get("class") or "").split()]
        assert found, cls
        assert all("hidden" in a for a in found), cls
    for cls in (
        "vigil-flag",
        "vigil-takeaways",
        "vigil-leak-label",
        "vigil-feedback",
        "vigil-data",
    ):
        found = [a for _, a in page.found if cls in (a.get("class") or "").split()]
        assert all("data-search-exclude" in a for a in found), cls
    html = rendered.pages[SCENARIO_URI]
    assert "Red flag: Friendly questioning." in html
    assert (
        '<span class="vigil-leak" data-vigil-leak="equipment-parameters">0.01°/h</span>'
        '<span class="vigil-leak-label" data-search-exclude hidden>'
        " Leak: Equipment parameters</span>"
    ) in html
    assert "<mark" not in html, "leaks become <mark> only when revealed"


class ExclusionAudit(HTMLParser):
    """Material's search parser compares elements by tag name only, so an excluded element
    stops being excluded when a nested element with the same tag closes. Find those."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.leaks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if any(t == tag and excluded for t, excluded in self.stack):
            self.leaks.append(tag)
        self.stack.append((tag, "data-search-exclude" in dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            assert self.stack.pop()[0] == tag


def test_search_exclusions_hold_in_materials_parser() -> None:
    for course in (make_course(GYROSCOPE, FORUM), make_course(hostile_scenario())):
        for uri, page in render(course).pages.items():
            audit = ExclusionAudit()
            audit.feed(body(page))
            assert audit.leaks == [], uri
            assert audit.stack == [], f"{uri}: unbalanced tags"


def test_questions_render_by_type_with_a_live_feedback_region(rendered) -> None:
    page = Elements(rendered.pages[SCENARIO_URI])
    forms = page.having("form", class_="vigil-q")
    assert [f["data-vigil-question"] for f in forms] == ["q1", "q2", "q3", "q4", "q5"]
    types = {"q1": "checkbox", "q2": "radio", "q3": "checkbox", "q4": "radio", "q5": "radio"}
    for qid, input_type in types.items():
        inputs = page.having("input", name=f"vigil-q_{qid}")
        assert inputs, qid
        assert {i["type"] for i in inputs} == {input_type}, qid
    assert [i["value"] for i in page.having("input", name="vigil-q_q1")] == ["c1", "c2", "c3"]
    assert [i["value"] for i in page.having("input", name="vigil-q_q5")] == [
        "low",
        "medium",
        "high",
    ]
    assert [i["value"] for i in page.having("input", name="vigil-q_q2")] == ["a", "b"]
    assert len(page.having("div", class_="vigil-feedback", aria_live="polite")) == 5
    assert len(page.having("button", type="submit")) == 5
    assert len(page.having("legend")) == 5
    html = rendered.pages[SCENARIO_URI]
    assert (
        "orbit_nerd_88: “Stunning launch! Anyone know which gyros they fly? Drift must be tiny.”"
        in html
    )
    assert '<a href="#vigil-c_c2">the comment by Wei L.</a>' in html


def test_assessment_only_questions_stay_off_the_page(rendered) -> None:
    html = rendered.pages[SCENARIO_URI]
    assert "Kept for the final assessment" not in html
    assert "Hidden answer text" not in html
    assert "q6" not in answer_key(html)["questions"]


def test_answer_key_grades_every_question_type(rendered) -> None:
    key = answer_key(rendered.pages[SCENARIO_URI])
    assert key["course"] == "test-course"
    assert key["scenario"] == "launch-video-gyroscope"
    assert key["questions"] == {
        "q1": {"type": "pick-comments", "answer": ["c1", "c2"]},
        "q2": {"type": "single", "answer": ["a"]},
        "q3": {"type": "multiple", "answer": ["new", "spec"]},
        "q4": {"type": "action", "answer": ["report", "ask"]},
        "q5": {"type": "risk", "answer": ["high"]},
    }


def test_shuffled_options_keep_a_stable_order_that_can_differ_from_the_written_one() -> None:
    orders = set()
    for n in range(8):
        scenario = {**GYROSCOPE, "id": f"s{n}"}
        page = Elements(render(make_course(scenario)).pages[f"course/friendly-questioning/s{n}.md"])
        orders.add(tuple(i["value"] for i in page.having("input", name="vigil-q_q3")))
    assert len(orders) > 1
    assert all(sorted(order) == ["likes", "new", "spec"] for order in orders)


def test_helpers() -> None:
    assert initials("orbit_nerd_88") == "ON"
    assert initials("Wei L.") == "WL"
    assert initials("sky") == "SK"
    assert initials("__") == "?"
    assert excerpt("one two three", limit=8) == "one two…"
    assert excerpt("a\n b") == "a b"


# --- untrusted input --------------------------------------------------------------------------

ATTACKS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
)
HOSTILE = " ".join(ATTACKS)


def hostile_scenario() -> dict[str, Any]:
    """GYROSCOPE with every text field replaced by the attack strings."""
    text = HOSTILE

    def persona() -> dict[str, Any]:
        return {"name": text, "joined": text, "badge": text}

    return {
        "id": "hostile",
        "title": text,
        "summary": text,
        "tactics": ["friendly-questioning"],
        "difficulty": 1,
        "platform": "microblog",
        "setting": text,
        "personas": {"p": persona()},
        "post": {"by": "p", "title": text, "text": text, "time": text},
        "thread": [
            {
                "id": "c1",
                "by": "p",
                "time": text,
                "text": text,
                "flag": {"tactic": "friendly-questioning", "note": text},
                "leaks": [{"category": "personnel", "text": ATTACKS[0]}],
                "replies": [{"id": "c2", "by": "p", "time": text, "text": text}],
            }
        ],
        "questions": [
            {
                "id": "q1",
                "type": "single",
                "prompt": text,
                "explanation": text,
                "options": [
                    {"id": "a", "text": text, "correct": True, "feedback": text},
                    {"id": "b", "text": text, "feedback": text},
                ],
            },
            {
                "id": "q2",
                "type": "pick-comments",
                "prompt": text,
                "answer": ["c1"],
                "feedback": {"c1": text},
            },
            {
                "id": "q3",
                "type": "risk",
                "prompt": text,
                "about": "c1",
                "answer": "low",
                "feedback": {"low": text},
            },
        ],
        "takeaways": [text],
        "sources": [{"title": text, "passage": text, "url": "javascript:alert(1)"}],
    }


URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction"})


def unsafe_url(value: str) -> bool:
    """As a browser reads it: whitespace inside the scheme is dropped before it is checked."""
    return re.sub(r"\s", "", value).lower().startswith(("javascript:", "data:", "vbscript:"))


class ScriptAudit(HTMLParser):
    """Everything a browser would execute: script elements, on* handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            self.scripts.append(found)
            if found.get("type") != "application/json":
                self.problems.append(f"executable <script> {found}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            if name in URL_ATTRIBUTES and unsafe_url(value or ""):
                self.problems.append(f"{name}={value!r} on <{tag}>")
        heatmap = tag == "svg" and found.get("class") == "vigil-heatmap"  # drawn by Vigil
        if tag in ("img", "svg", "iframe", "object", "embed") and not heatmap:
            self.problems.append(f"<{tag}>")


def test_hostile_text_cannot_execute_anywhere() -> None:
    rendered = render(make_course(hostile_scenario(), title=HOSTILE))
    for uri, page in rendered.pages.items():
        audit = ScriptAudit()
        audit.feed(body(page))
        assert audit.problems == [], uri
        assert audit.scripts == [], uri
        if uri == "trainers/coverage.md":  # a static page for trainers: no data, no engine
            assert "<template" not in page, uri
            continue
        assert page.count("<template") == 1, f"{uri}: the data broke out of its element"
        assert "javascript:" not in page.replace("javascript:alert(1))", ""), uri
        assert answer_key(page)["course"] == "test-course", uri


def test_hostile_titles_are_escaped_in_front_matter_and_nav() -> None:
    """MkDocs prints titles unescaped and Material's <title> even un-escapes them."""
    rendered = render(make_course(hostile_scenario(), title=HOSTILE))
    page = rendered.pages["course/friendly-questioning/hostile.md"]
    front_matter = yaml.safe_load(page.split("---\n")[1])["title"]
    nav_title = next(iter(rendered.nav[0]))  # type: ignore[union-attr]
    for title in (front_matter, nav_title):
        assert "<" not in title
        assert ">" not in title
        assert "&lt;" not in title, "angle brackets are replaced, not escaped"
        assert "\u2039script\u203aalert(1)\u2039/script\u203a" in title
        assert "&#34;\u203a\u2039svg onload=alert(1)\u203a" in title


# --- determinism and goldens ------------------------------------------------------------------


def test_output_is_deterministic() -> None:
    """Scenario order does not matter (Course.version hashes the course as loaded, where the
    project sorts scenarios by id, so the version string itself is set aside here)."""
    courses = make_course(GYROSCOPE, FORUM), make_course(FORUM, GYROSCOPE)
    first, second = (render(c) for c in courses)
    assert {u: p.replace(courses[0].version, "V") for u, p in first.pages.items()} == {
        u: p.replace(courses[1].version, "V") for u, p in second.pages.items()
    }
    assert first.nav == second.nav
    assert render(courses[0]).pages == first.pages


def golden_name(uri: str) -> str:
    return uri.replace("/", "__")


@pytest.mark.parametrize(
    "uri",
    [HOME_URI, "course/friendly-questioning/index.md", SCENARIO_URI, PROGRESS_URI],
)
def test_golden_pages(rendered, uri: str) -> None:
    path = GOLDEN / golden_name(uri)
    page = rendered.pages[uri]
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(page, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with VIGIL_UPDATE_GOLDEN=1"
    assert page == path.read_text(encoding="utf-8"), f"{uri} changed: review, then refresh goldens"


# --- the quiz engine in a browser (file://, no MkDocs) -----------------------------------------

HARNESS = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harness</title>'
    '<link rel="stylesheet" href="engine.css"></head><body><main class="md-typeset">{body}</main>'
    '<script src="engine.js"></script></body></html>'
)
KEY_PREFIX = "vigil:v1:test-course:launch-video-gyroscope:"
KIND_SCRIPTS = Path(__file__).parent.parent / "src" / "vigil" / "questions"
BUILTIN_KINDS = ("single", "multiple", "action", "pick-comments", "risk")


@pytest.fixture
def harness(tmp_path: Path, rendered) -> dict[str, str]:
    """The scenario and progress pages inside a bare HTML page with the engine, joined as a
    site ships it: the local storage backend and the built-in kinds."""
    from vigil.browser.bundle import engine_style

    kinds = [
        (name, (KIND_SCRIPTS / f"{name.replace('-', '_')}.js").read_text(encoding="utf-8"))
        for name in BUILTIN_KINDS
    ]
    (tmp_path / "engine.js").write_bytes(inline_engine(kinds))
    (tmp_path / "engine.css").write_bytes(engine_style())
    urls = {}
    for name, uri in (("scenario", SCENARIO_URI), ("progress", PROGRESS_URI)):
        path = tmp_path / f"{name}.html"
        path.write_text(HARNESS.format(body=body(rendered.pages[uri])), encoding="utf-8")
        urls[name] = path.as_uri()
    return urls


@pytest.fixture
def errors(page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def answer(page, question: str, *values: str) -> None:
    """Pick by keyboard (focus + Space) and submit with Enter on the button."""
    for value in values:
        page.focus(f"#vigil-q_{question}_option_{value}")
        page.keyboard.press("Space")
    page.focus(f"#vigil-q_{question} .vigil-check")
    page.keyboard.press("Enter")


def saved(page) -> dict[str, Any]:
    return page.evaluate(
        "p => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith(p))"
        ".map(k => [k.slice(p.length), JSON.parse(localStorage.getItem(k))]))",
        KEY_PREFIX,
    )


ALL_ANSWERS = (
    ("q1", ("c1", "c2")),
    ("q2", ("a",)),
    ("q3", ("new", "spec")),
    ("q4", ("ask",)),
    ("q5", ("high",)),
)


@pytest.mark.browser
def test_quiz_grades_reveals_and_restores(page, harness, errors) -> None:
    page.goto(harness["scenario"])
    hidden = ".vigil-flag, .vigil-fb, .vigil-explanation, .vigil-takeaways, .vigil-leak-label, mark"
    assert page.locator(hidden).filter(visible=True).count() == 0

    page.click("#vigil-q_q2 .vigil-check")
    assert page.inner_text("#vigil-q_q2 .vigil-result") == "Choose an answer first."
    assert saved(page) == {}

    answer(page, "q1", "c1", "c3")
    q1 = page.locator("#vigil-q_q1")
    assert q1.locator(".vigil-result").inner_text() == "Not quite."
    assert page.evaluate("document.activeElement.className") == "vigil-result is-incorrect"
    assert q1.locator("[data-vigil-for=c2]").inner_text().startswith("Correct answer: not chosen")
    assert "A real figure." in q1.locator("[data-vigil-for=c2]").inner_text()
    assert q1.locator("[data-vigil-for=c3]").inner_text().startswith("✗ Your choice: not correct")
    assert q1.locator(".vigil-explanation").is_visible()
    assert q1.locator(".vigil-check").is_hidden()
    assert page.locator(".vigil-flag").first.is_hidden(), "flags wait for every question"

    for question, values in ALL_ANSWERS[1:]:
        answer(page, question, *values)
    assert page.inner_text("#vigil-q_q4 [data-vigil-for=report]").startswith("Also acceptable")
    records = saved(page)
    assert sorted(records) == ["q1", "q2", "q3", "q4", "q5"]
    assert records["q1"]["v"] == 1
    assert records["q1"]["answer"] == ["c1", "c3"]
    assert [r["correct"] for r in records.values()] == [False, True, True, True, True]

    def revealed() -> None:
        assert page.locator(".vigil-scenario.is-revealed").count() == 1
        assert page.inner_text("mark.vigil-leak") == "0.01°/h"
        assert page.locator(".vigil-leak-label").inner_text() == "Leak: Equipment parameters"
        flag = page.locator("#vigil-c_c1 .vigil-flag")
        assert flag.is_visible()
        assert "Red flag: Friendly questioning." in flag.inner_text()
        assert page.locator(".vigil-takeaways").is_visible()
        assert "4 of 5 questions correctly" in page.inner_text(".vigil-reveal-status")

    revealed()
    page.reload()
    revealed()
    assert page.is_checked("#vigil-q_q1_option_c3")
    assert page.is_disabled("#vigil-q_q1_option_c3")
    assert page.inner_text("#vigil-q_q1 .vigil-result") == "Not quite."
    assert errors == []


@pytest.mark.browser
def test_quiz_discards_corrupt_foreign_and_old_records(page, harness, errors) -> None:
    page.goto(harness["scenario"])
    page.evaluate(
        """p => {
        const put = (q, record) => localStorage.setItem(p + q, JSON.stringify(record));
        localStorage.setItem(p + "q1", "{not json");
        put("q2", {v: 2, answer: ["a"], correct: true, t: 1});
        put("q3", {v: 1, answer: ["zzz"], correct: true, t: 1});
        put("q4", {v: 1, answer: ["ask"], correct: false, t: 1});
        localStorage.setItem("vigil:v1:other-course:x:q1", "kept");
    }""",
        KEY_PREFIX,
    )
    page.reload()
    assert page.locator("form[data-vigil-answered]").count() == 1
    assert page.inner_text("#vigil-q_q4 .vigil-result") == "Correct."
    records = saved(page)
    assert list(records) == ["q4"], "bad records are removed"
    assert records["q4"]["correct"] is True, "a stale grade is corrected from the answer key"
    assert page.evaluate("localStorage.getItem('vigil:v1:other-course:x:q1')") == "kept"
    assert errors == []


@pytest.mark.browser
def test_quiz_works_when_storage_throws(page, harness, errors) -> None:
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }})"
    )
    page.goto(harness["scenario"])
    answer(page, "q2", "b")
    assert page.inner_text("#vigil-q_q2 .vigil-result") == "Not quite."
    assert errors == []


@pytest.mark.browser
def test_quiz_initialises_once_per_document_through_material(page, harness, errors) -> None:
    page.add_init_script("window.document$ = {subscribe(fn) { window.vigilInit = fn; }};")
    page.goto(harness["scenario"])
    assert page.locator("[data-vigil-ready]").count() == 0, "waits for document$"
    page.evaluate("vigilInit(); vigilInit();")
    answer(page, "q2", "a")
    assert page.locator("#vigil-q_q2 .vigil-fb:visible").count() == 1
    assert len(saved(page)) == 1
    assert errors == []


@pytest.mark.browser
def test_progress_page_shows_scores_and_resets_by_keyboard(page, harness, errors) -> None:
    page.goto(harness["scenario"])
    for question, values in ALL_ANSWERS:
        answer(page, question, *values)
    page.goto(harness["progress"])
    status = page.locator("[data-vigil-status=launch-video-gyroscope]")
    assert status.inner_text() == "Done: 5 of 5 correct"
    assert page.inner_text("[data-vigil-status=forum-thread]") == "No questions"
    assert (
        page.inner_text("[data-vigil-module-status=friendly-questioning]")
        == "1 of 1 scenarios done"
    )

    page.focus(".vigil-reset")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Escape")
    assert page.locator(".vigil-confirm").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Reset progress"
    assert status.inner_text() == "Done: 5 of 5 correct"

    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert saved(page) == {}
    assert status.inner_text() == "Not started"
    assert "erased" in page.inner_text(".vigil-reset-status")
    assert errors == []


def test_titles_outside_the_basic_plane_survive_front_matter() -> None:
    """Emoji and rare CJK characters must not turn the front matter into invalid YAML."""
    title = "🚀 Launch 𠮷 day"
    pages = render(make_course(FORUM | {"title": title})).pages
    page = pages["course/debate-baiting/forum-thread.md"]
    meta = yaml.safe_load(page.split("---\n")[1])
    assert meta["title"] == title
