"""A question kind added from outside src/: the toy `ordering` kind under tests/toy_kind.

Registering it is the only step: the checker reports its rules with positions, the page
renders its template, and the quiz engine grades it in Chromium with its own script.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import serve_folder, tiny_course
from toy_kind.ordering import OrderingQuestion
from vigil import pipeline
from vigil.questions import registry

SCENARIO = """\
id: launch-steps
title: What happens first
tactics: [friendly-questioning]
difficulty: 1
platform: forum
setting: You read a forum thread about a fictional test stand.
personas:
  fan: {name: stand_watcher, joined: 2 years ago}
thread:
  - id: c1
    by: fan
    time: 2 h ago
    text: In what order do they run a static fire?
    flag: {tactic: friendly-questioning, note: It asks for the stand's procedure.}
questions:
  - id: q1
    type: ordering
    prompt: Put the safe responses in the order you would use them.
    items:
      - {id: read, text: Read the whole thread first}
      - {id: skip, text: Leave the procedure question unanswered}
      - {id: tell, text: Tell your security officer}
    answer: [read, skip, tell]
  - id: q2
    type: ordering
    prompt: Order the replies from safest to least safe.
    items:
      - {id: public, text: Link the public press release}
      - {id: vague, text: Say you can't talk about work}
    answer: [vague, public]
"""


@pytest.fixture
def ordering() -> Iterator[None]:
    registry.register(OrderingQuestion)
    yield
    registry.unregister("ordering")


@pytest.fixture
def toy_project(tmp_path: Path) -> Path:
    return tiny_course(
        tmp_path, title="Toy course", course_id="toy-course", scenarios={"steps": SCENARIO}
    )


def problems(project: Path) -> set[tuple[int, int, str]]:
    return {(p.line, p.col, p.code) for p in pipeline.check(project).problems if p.is_error}


def test_an_unregistered_kind_is_an_unknown_type(toy_project: Path) -> None:
    assert {(17, 11, "bad-value"), (25, 11, "bad-value")} <= problems(toy_project)


@pytest.mark.usefixtures("ordering")
def test_the_kind_validates_with_positions(toy_project: Path) -> None:
    assert problems(toy_project) == set()
    scenario = toy_project / "scenarios" / "steps.yaml"
    text = scenario.read_text(encoding="utf-8")
    text = text.replace("answer: [read, skip, tell]", "answer: [read, skip, tel]")
    text = text.replace("      - {id: public, text: Link the public press release}\n", "")
    scenario.write_text(text, encoding="utf-8")
    assert problems(toy_project) == {
        (23, 26, "unknown-item"),  # the kind's own rule, at the misspelt id
        (23, 13, "answer-mismatch"),
        (28, 7, "bad-value"),  # the kind's schema, in the other question: two items at least
    }


@pytest.mark.browser
@pytest.mark.usefixtures("ordering")
def test_the_kind_renders_and_grades_in_the_browser(toy_project: Path, page) -> None:
    from vigil.engine.site import build_site
    from vigil.targets.web import SITE

    site = toy_project / "site"
    build_site(
        toy_project, site, scenarios=Path("scenarios"), target=SITE, languages=["en"], strict=True
    )
    with serve_folder(site) as url:
        page.goto(f"{url}course/friendly-questioning/launch-steps.html")
        first = page.locator("#vigil-q_q1")
        assert first.locator("select").count() == 3, "the kind's own template drew the items"
        for item, position in (("read", "1"), ("skip", "2"), ("tell", "3")):
            select = first.locator(f"select[data-vigil-item={item}]")
            select.focus()
            page.keyboard.press(position)  # a select takes its option by typed key
        first.locator(".vigil-check").focus()
        page.keyboard.press("Enter")
        assert first.locator(".vigil-result").inner_text() == "Correct."

        second = page.locator("#vigil-q_q2")
        second.locator("select[data-vigil-item=public]").select_option("1")
        second.locator("select[data-vigil-item=vague]").select_option("2")
        second.locator(".vigil-check").click()
        assert second.locator(".vigil-result").inner_text() == "Not quite."
        verdicts = second.locator(".vigil-fb:not([hidden]) .vigil-fb-verdict").all_inner_texts()
        assert verdicts == ["✗ Your choice: not correct"] * 2, "each item is in the wrong place"

        page.reload()
        assert first.locator(".vigil-result").inner_text() == "Correct.", "saved and restored"
        assert first.locator("select[data-vigil-item=tell]").input_value() == "3"
        assert second.locator(".vigil-result").inner_text() == "Not quite."
