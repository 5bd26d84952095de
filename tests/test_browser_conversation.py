"""The conversation kind in Chromium, by keyboard alone: one step at a time, announced, kept
half-way across a reload, graded at its ending, reviewed, and drawn by the assessment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from conftest import REPO, built, serve_folder, tiny_course
from test_browser_assessment import page_data

pytestmark = pytest.mark.browser

SCENARIO = "rig-newsletter-dm"
PAGE = f"course/befriending/{SCENARIO}.html"
COURSE = "conv-course"
# Paths through the sample's conversation: one that gives too much away, one that does well.
HARVESTED = ["role", "not-mine", "curious", "specs"]
REPORTED = ["public", "hint", "report-late"]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    text = (REPO / "scenarios" / f"{SCENARIO}.yaml").read_text(encoding="utf-8")
    root = tiny_course(
        tmp_path_factory.mktemp("conversation"),
        title="Conversation course",
        course_id=COURSE,
        scenarios={SCENARIO: text},
        options={"assessment": {"per_tactic": 3}},
        config={"markdown_extensions": ["attr_list", "md_in_html"]},
    )
    with serve_folder(built(root)) as url:
        yield url


def errors_of(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def focused(page: Page) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """() => { const e = document.activeElement;
                return {reply: e.getAttribute('data-vigil-reply'),
                        check: e.classList.contains('vigil-check'),
                        text: e.textContent}; }"""
        )
    )


def reply_by_keyboard(page: Page, wanted: str) -> None:
    """With a reply focused, Tab to the wanted one and press Enter."""
    for _ in range(6):
        if focused(page)["reply"] == wanted:
            page.keyboard.press("Enter")
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"reply {wanted} was never focused")


def messages(form: Locator) -> list[str]:
    return [
        " ".join(t.split()) for t in form.locator(".vigil-conv-messages > li").all_inner_texts()
    ]


def serious_axe(page: Page) -> list[str]:
    """Within the course's own markup (this test site keeps Material's default footer)."""
    results = Axe().run(page, context=".vigil")
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_path_is_walked_by_keyboard_resumed_after_reload_and_reviewed(
    page: Page, site_url: str
) -> None:
    errors = errors_of(page)
    page.goto(site_url + PAGE)
    form = page.locator("#vigil-q_q2")
    assert form.locator(".vigil-check").is_hidden(), "nothing to check before an ending"
    assert messages(form)[0].endswith("thanks for accepting 🙂")
    form.locator(".vigil-conv-reply").first.focus()
    reply_by_keyboard(page, HARVESTED[0])
    assert focused(page)["reply"] is not None, "focus moved to the next step's replies"
    news = form.locator(".vigil-conv-news")
    assert news.get_attribute("aria-live") == "polite"
    assert "Roughly when?" in news.inner_text(), "the new messages were announced"
    assert "You replied: Yes, I run the test campaigns" in messages(form)[2]

    page.reload()  # half-way: the path is kept on this device
    form = page.locator("#vigil-q_q2")
    assert any("Roughly when?" in m for m in messages(form))
    assert news.inner_text() == "", "a redrawn path is not read out again"
    form.locator(".vigil-conv-reply").first.focus()
    for reply in HARVESTED[1:]:
        reply_by_keyboard(page, reply)
    assert focused(page)["check"], "at the ending, focus moves to checking the answer"
    assert messages(form)[-1] == "The conversation has ended."
    page.keyboard.press("Enter")
    assert form.locator(".vigil-result").inner_text() == "Not quite."
    verdicts = form.locator(".vigil-fb:not([hidden]) .vigil-fb-verdict").all_inner_texts()
    assert verdicts.count("Your reply") == 4
    assert "✗ How your conversation ended" in verdicts
    assert verdicts.count("How it could have ended") == 3
    ended = form.locator("[data-vigil-for=harvested]")
    assert "He now has your name, your employer" in ended.inner_text()
    assert serious_axe(page) == []

    page.reload()  # the checked path is the saved answer, shown locked
    form = page.locator("#vigil-q_q2")
    assert form.locator(".vigil-result").inner_text() == "Not quite."
    assert form.locator(".vigil-conv-reply").count() == 0
    assert any("40 bar" in m for m in messages(form)), "the whole path is shown in review"
    stored = page.evaluate("k => localStorage.getItem(k)", f"vigil:v1:{COURSE}:{SCENARIO}:q2")
    assert json.loads(stored)["answer"] == [*HARVESTED, "harvested"]
    assert page.evaluate("Object.keys(localStorage).filter(k => k.includes('~'))") == []
    assert errors == []


def test_a_good_ending_is_correct(page: Page, site_url: str) -> None:
    errors = errors_of(page)
    page.goto(site_url + PAGE)
    form = page.locator("#vigil-q_q2")
    assert serious_axe(page) == []
    form.locator(".vigil-conv-reply").first.focus()
    for reply in REPORTED:
        reply_by_keyboard(page, reply)
    step = form.locator(".vigil-conv-messages > li").nth(-2)
    assert step.get_attribute("class") == "vigil-conv-step", "an action is a step, not a message"
    assert "You chose: Stop replying" in messages(form)[-2]
    page.keyboard.press("Enter")
    assert form.locator(".vigil-result").inner_text() == "Correct."
    shown = form.locator("[data-vigil-for=reported-late] .vigil-fb-verdict").inner_text()
    assert shown == "✓ How your conversation ended"
    assert errors == []


def test_the_assessment_keeps_a_path_in_progress_and_reviews_it(page: Page, site_url: str) -> None:
    errors = errors_of(page)
    page.goto(site_url + "course/assessment.html")
    key = f"{SCENARIO}_q2"
    seed = page.evaluate(
        """([d, k]) => { for (let s = 1; s < 5000; s++) {
              if (VigilAssessment.draw(d, s).some(i => i.key === k)) return s; }
            return 0; }""",
        [page_data(page), key],
    )
    assert seed, "some seed draws the conversation"  # a draw need not hold every question
    page.add_init_script(f"crypto.getRandomValues = a => {{ a[0] = {seed}; return a; }};")
    page.reload()
    start = page.locator(".vigil-a-start")
    start.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
    form = page.locator(f"#vigil-q_{key}")
    expect(form).to_be_visible()
    form.locator(".vigil-conv-reply").first.focus()
    reply_by_keyboard(page, REPORTED[0])
    page.reload()  # the attempt in progress holds the path so far
    page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
    assert any("I won't quote you" in m for m in messages(form))
    form.locator(".vigil-conv-reply").first.focus()
    for reply in REPORTED[1:]:
        reply_by_keyboard(page, reply)
    assert form.locator(".vigil-check").is_hidden(), "exam mode: no check per question"
    page.locator(".vigil-a-submit").focus()
    page.keyboard.press("Enter")
    page.locator(".vigil-a-confirm-yes").focus()  # the other questions are unanswered
    page.keyboard.press("Enter")
    assert page.locator(".vigil-a-score").is_visible()
    assert form.locator(".vigil-result").inner_text() == "Correct."
    assert form.locator(".vigil-conv-reply").count() == 0
    assert messages(form)[-1] == "The conversation has ended."
    assert serious_axe(page) == []
    assert errors == []
