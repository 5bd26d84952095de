"""mark-words in Chromium on the built sample course: marked by keyboard alone, reviewed,
resumed after a reload, in the final assessment too; no page error, axe clean."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SCENARIO = "course/detail-harvesting/careers-week-detail.html"
ASSESSMENT = "course/assessment.html"
WORD = ".vigil-mw-word"


def errors_of(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def focused(page: Page) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """() => { const e = document.activeElement;
                const form = e.closest && e.closest('form.vigil-q');
                const words = form ? [...form.querySelectorAll('.vigil-mw-word')] : [];
                return {form: form ? form.id : null, word: words.indexOf(e),
                        check: e.classList.contains('vigil-check')}; }"""
        )
    )


def tab_to_words(page: Page, form: str) -> None:
    """Tab forward until a word of `form` has the focus: the text is one Tab stop."""
    for _ in range(200):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["form"] == form and now["word"] >= 0:
            assert now["word"] == 0, "the text's one Tab stop is its first word"
            return
    raise AssertionError(f"the keyboard never reached the words of {form}")


def mark(page: Page, form: str, numbers: list[int]) -> None:
    """Move with the arrow keys to each word and press Space on it."""
    for number in numbers:
        at = focused(page)["word"]
        key = "ArrowRight" if number > at else "ArrowLeft"
        for _ in range(abs(number - at)):
            page.keyboard.press(key)
        assert focused(page) == {"form": form, "word": number, "check": False}
        page.keyboard.press("Space")


def pressed(page: Page, form: str) -> list[int]:
    return list(
        page.eval_on_selector_all(
            f"#{form} {WORD}",
            "els => els.flatMap((e, i) => e.getAttribute('aria-pressed') === 'true' ? [i] : [])",
        )
    )


def key_of(page: Page) -> dict[str, Any]:
    return dict(json.loads(page.locator("template.vigil-data").first.inner_html())["questions"])


def starts(spans: list[str]) -> list[int]:
    return [int(span.split(":")[0]) for span in spans]


def serious(page: Page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


def test_marked_by_keyboard_reviewed_and_resumed(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.goto(sample_url + SCENARIO)
    key = key_of(page)
    assert key["q1"]["type"] == "mark-words"
    first, second = "vigil-q_q1", "vigil-q_q2"

    tab_to_words(page, first)
    page.keyboard.press("End")
    assert focused(page)["word"] == page.locator(f"#{first} {WORD}").count() - 1
    page.keyboard.press("Home")
    assert focused(page)["word"] == 0
    mark(page, first, [3, 3])  # marked, then unmarked again
    assert pressed(page, first) == []
    mark(page, first, starts(key["q1"]["answer"]))
    assert pressed(page, first) == starts(key["q1"]["answer"])
    page.keyboard.press("Tab")
    assert focused(page)["check"], "Tab leaves the text for the Check button"
    page.keyboard.press("Enter")
    form = page.locator(f"#{first}")
    assert form.locator(".vigil-result").inner_text() == "Correct."
    assert page.evaluate("() => document.activeElement.classList.contains('vigil-result')")
    verdicts = form.locator(".vigil-fb:not([hidden]) .vigil-fb-verdict").all_inner_texts()
    assert verdicts == ["✓ You marked it"] * 4
    summary = form.locator(".vigil-feedback .vigil-mw-summary")
    assert summary.is_visible(), "the summary is read with the result, in the live feedback"
    assert "You marked 4 of the 4 details" in summary.inner_text()
    assert "(1 of 1 marked)" in summary.inner_text()
    assert form.locator(".vigil-mw-extra").is_hidden()
    assert form.locator(f"{WORD}:disabled").count() == form.locator(WORD).count()

    tab_to_words(page, second)
    spans = key["q2"]["answer"]
    mark(page, second, [0, starts(spans)[0]])  # "Great" gives nothing away; one span missed
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    other = page.locator(f"#{second}")
    assert other.locator(".vigil-result").inner_text() == "Not quite."
    verdicts = other.locator(".vigil-fb:not([hidden]) .vigil-fb-verdict").all_inner_texts()
    assert verdicts == ["✓ You marked it", "✗ Not marked"]
    extra = other.locator(".vigil-mw-extra")
    assert extra.inner_text() == "You also marked words that give nothing away: “Great”."
    assert "(0 of 1 marked)" in other.locator(".vigil-mw-summary").inner_text()
    assert other.locator(f"{WORD}.is-extra").count() == 1
    assert other.locator(f"{WORD}.is-leak").count() > 0, "the missed span is shown"
    assert serious(page) == []

    page.reload()
    assert pressed(page, first) == starts(key["q1"]["answer"])
    assert pressed(page, second) == [0, starts(spans)[0]]
    assert page.locator(f"#{first} .vigil-result").inner_text() == "Correct."
    assert page.locator(f"#{second} .vigil-result").inner_text() == "Not quite."
    assert page.locator(f"#{second} .vigil-mw-extra").is_visible()
    assert page.locator(f"#{second} {WORD}:disabled").count() > 0
    assert serious(page) == []
    assert errors == []


def test_in_the_assessment_resumed_then_reviewed(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.goto(sample_url + ASSESSMENT)
    course = page.locator("[data-vigil-course]").first.get_attribute("data-vigil-course")
    keys = ["careers-week-detail_q1", "careers-week-detail_q2"]
    attempt = {
        "v": 1,
        "attempts": [],
        "current": {
            "seed": 7,
            "t": int(time.time() * 1000),
            "done": False,
            "answers": {},
            "checked": {},
            "items": [{"key": k, "module": "detail-harvesting"} for k in keys],
        },
    }
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [f"vigil:v1:{course}:@assessment", json.dumps(attempt)],
    )
    page.reload()
    page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
    form = "vigil-q_" + keys[0]
    assert page.locator(f"#{form}").is_visible()
    page.locator("#vigil-a-questions-title").focus()
    tab_to_words(page, form)
    mark(page, form, [1, 2])

    page.reload()  # an attempt in progress: the marks come back, unlocked
    page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
    assert pressed(page, form) == [1, 2]
    assert page.locator(f"#{form} {WORD}:disabled").count() == 0
    assert page.locator(f"#{form} .vigil-mw-summary").is_hidden()

    page.locator(".vigil-a-submit").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # from "keep answering" to "submit anyway"
    page.locator(".vigil-a-confirm-yes").focus()
    page.keyboard.press("Enter")
    result = page.locator(f"#{form} .vigil-result")
    assert result.inner_text() == "Not quite."
    assert page.locator(f"#{form} .vigil-mw-extra").is_visible()
    assert "You marked 0 of" in page.locator(f"#{form} .vigil-mw-summary").inner_text()
    other = "vigil-q_" + keys[1]
    assert page.locator(f"#{other} .vigil-result").inner_text() == "Not answered."
    assert serious(page) == []
    assert errors == []
