"""Generated HTML ids: no pair of YAML ids can make two elements share an id.

YAML ids are slugs ([a-z0-9-]), so ids join their parts with `_` and name each part's role:
an option `prompt`, or a question `q0-b` beside question `q0`'s option `b`, once gave
duplicate ids, and clicking a label then selected another question's input (or nothing).
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from typing import Any

import pytest

from test_render import body, make_course, render
from test_render_assessment import banks
from vigil.render.links import ASSESSMENT_URI
from vigil.render.pages import Rendered


def option(value: str, correct: bool = False) -> dict[str, Any]:
    """An option whose label says which question's input it must select."""
    return {"id": value, "text": f"option {value}", "correct": correct}


# Scenario `confirm` once gave its assessment block the id of the confirm box (vigil-a-confirm).
CLASHING: dict[str, Any] = {
    "id": "confirm",
    "title": "Ids that used to clash",
    "tactics": ["friendly-questioning"],
    "difficulty": 1,
    "platform": "forum",
    "setting": "A forum.",
    "personas": {"a": {"name": "sky", "joined": "1 week ago"}},
    "thread": [
        {
            "id": "prompt",
            "by": "a",
            "time": "now",
            "text": "A comment called prompt.",
            "replies": [{"id": "q0", "by": "a", "time": "now", "text": "A comment called q0."}],
        },
        {"id": "b", "by": "a", "time": "now", "text": "A comment called b."},
    ],
    "questions": [
        # q0-b comes first, so an id it shares with q0 would resolve to q0-b's element.
        {
            "id": "q0-b",
            "type": "single",
            "prompt": "Question q0-b.",
            "shuffle": False,
            "options": [option("a", True), option("prompt")],
        },
        {
            "id": "q0",
            "type": "multiple",
            "prompt": "Question q0.",
            "shuffle": False,
            "options": [option("prompt", True), option("b"), option("b-a"), option("b-prompt")],
        },
        {
            "id": "q0-prompt",
            "type": "pick-comments",
            "prompt": "Question q0-prompt.",
            "answer": ["prompt"],
        },
        {"id": "option", "type": "risk", "about": "b", "prompt": "Risk.", "answer": "low"},
        {
            "id": "prompt",
            "type": "single",
            "prompt": "Assessment only.",
            "assessment_only": True,
            "options": [option("q0", True), option("option")],
        },
    ],
}

# A second scenario whose id extends the first one's: its keys and prefixes must not clash.
EXTENDING: dict[str, Any] = {
    **CLASHING,
    "id": "confirm-q0",
    "questions": [
        {
            "id": "b",
            "type": "single",
            "prompt": "Question b.",
            "shuffle": False,
            "options": [option("a", True), option("prompt")],
        },
        {
            "id": "prompt",
            "type": "single",
            "prompt": "Assessment only.",
            "assessment_only": True,
            "options": [option("q0", True), option("b")],
        },
    ],
}


class Ids(HTMLParser):
    """Every id, each label with the id of the input just before it and its form, and links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.inputs: dict[str, str] = {}  # input id -> the form's key or question
        self.labels: list[tuple[str | None, str | None, str | None]] = []  # for, last input, form
        self.hrefs: list[str] = []
        self.form: str | None = None
        self.last_input: str | None = None
        self.last_form: str | None = None
        self.form_keys: dict[str, str] = {}  # form id -> the form's key or question
        self.feed(html)
        self.inputs = {
            k: self.form_keys.get(v[1:], v) if v.startswith("#") else v
            for k, v in self.inputs.items()
        }
        self.labels = [
            (t, i, self.form_keys.get(f[1:], f) if f and f.startswith("#") else f)
            for t, i, f in self.labels
        ]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "form":
            self.form = a.get("data-vigil-key") or a.get("data-vigil-question")
            self.form_keys[str(a.get("id"))] = str(self.form)
            self.last_input = None
        elif tag in ("input", "select"):
            self.last_input = a.get("id")
            # An input on a thread comment names its form by id (resolved once parsed).
            self.last_form = f"#{a['form']}" if a.get("form") else self.form
            if a.get("id"):
                self.inputs[str(a["id"])] = str(self.last_form)
        elif tag == "label":
            outside = self.form is None and self.last_form and self.last_form.startswith("#")
            form = self.last_form if outside else self.form
            self.labels.append((a.get("for"), self.last_input, form))
        elif tag == "a" and (a.get("href") or "").startswith("#"):
            self.hrefs.append(str(a["href"])[1:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None


@pytest.fixture(scope="module")
def rendered() -> Rendered:
    return render(make_course(CLASHING, EXTENDING))


def documents(rendered: Rendered) -> dict[str, str]:
    """Each page's HTML; the assessment page with every bank in it, as if all were drawn."""
    docs = {uri: body(page) for uri, page in rendered.pages.items()}
    docs[ASSESSMENT_URI] += "\n".join(bank["html"] for bank in banks(rendered).values())
    return docs


def test_no_two_elements_share_an_id(rendered: Rendered) -> None:
    docs = documents(rendered)
    assert len(docs) > 5
    for uri, html in docs.items():
        counts = Counter(Ids(html).ids)
        assert [i for i, n in counts.items() if n > 1] == [], uri


def test_each_label_names_its_own_input_and_links_resolve(rendered: Rendered) -> None:
    checked = 0
    for uri, html in documents(rendered).items():
        found = Ids(html)
        for target, last_input, form in found.labels:
            assert target is not None, uri
            if form is None:  # a label of the page's own (the certificate's name)
                assert target in found.ids, (uri, target)
                continue
            assert target == last_input, (uri, target)
            assert found.inputs[target] == form, (uri, target)
            checked += 1
        assert not set(found.hrefs) - set(found.ids), uri
    assert checked >= 2 * (4 + 2 + 3 + 3 + 2) + 2 + 2  # pages and bank


SCENARIO_URI = "course/friendly-questioning/confirm.md"


@pytest.mark.browser
def test_clicking_a_label_selects_its_own_input(page, rendered: Rendered) -> None:
    """In chromium: each label click checks the input beside it (and only inputs of its form)."""
    docs = documents(rendered)
    html = docs[SCENARIO_URI] + docs[ASSESSMENT_URI]
    page.set_content(f"<!doctype html><html><body>{html}</body></html>")
    # Show the bank's hidden blocks and forms so they can be clicked.
    page.evaluate("document.querySelectorAll('[hidden]').forEach(n => n.hidden = false)")
    page.evaluate("document.querySelectorAll('details').forEach(n => n.open = true)")
    labels = page.locator("form.vigil-q label[for], .vigil-pick label[for]")
    count = labels.count()
    assert count >= 30
    for n in range(count):
        label = labels.nth(n)
        label.click()
        own, checked_elsewhere = label.evaluate(
            """label => {
              const own = label.previousElementSibling;
              const form = own.form;
              const others = Array.from(document.querySelectorAll("input:checked"))
                .filter(i => i !== own && !form.contains(i) && i.dataset.clicked !== "1");
              own.dataset.clicked = "1";
              return [own.checked, others.length];
            }"""
        )
        assert own, f"label {n} did not select its own input"
        assert checked_elsewhere == 0, f"label {n} selected another question's input"
