"""Profile cards and `rate-profile` on the built sample course, in Debian's chromium, by
keyboard alone: opening a card, answering, review, resume after a reload, the final
assessment, no page error and no serious or critical axe violation."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from conftest import choose_focused_by_keyboard
from test_browser_assessment import answer_key

pytestmark = pytest.mark.browser

SCENARIO = "course/fake-enthusiast/newcomer-and-regular.html"
ASSESSMENT = "course/assessment.html"
FOCUSED = """() => { const e = document.activeElement;
    const form = e.closest && e.closest('form.vigil-q');
    return {q: form ? (form.dataset.vigilKey || form.dataset.vigilQuestion) : null,
            target: e.getAttribute('popovertarget'), card: e.closest('.vigil-profile[popover]')
            ? e.closest('.vigil-profile').id : null, check: e.classList.contains('vigil-check'),
            submit: e.classList.contains('vigil-a-submit'), disabled: !!e.disabled}; }"""


def errors_of(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def page_data(page: Page) -> dict[str, Any]:
    return dict(json.loads(page.locator("template.vigil-data").first.inner_html()))


def serious(page: Page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def tab_until(page: Page, wanted: Callable[[dict[str, Any]], bool], limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if wanted(page.evaluate(FOCUSED)):
            return
    raise AssertionError("the keyboard never got there")


def is_open(page: Page, ident: str) -> bool:
    return bool(page.evaluate("i => document.getElementById(i).matches(':popover-open')", ident))


def test_a_profile_card_opens_and_closes_by_keyboard(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.goto(sample_url + SCENARIO)
    byline = page.locator("#vigil-c_c2 .vigil-byline").first
    assert "6 years" not in byline.inner_text(), "the byline shows no account age"
    card = page.locator("#vigil-p_vortex")
    assert card.is_hidden()
    tab_until(page, lambda f: f["target"] == "vigil-p_vortex")
    page.keyboard.press("Enter")
    assert is_open(page, "vigil-p_vortex")
    assert card.is_visible()
    assert "6 years ago" in card.inner_text()
    assert "thrust_curve_fan77" in card.locator("dd").nth(4).inner_text()
    assert serious(page) == []
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["card"] == "vigil-p_vortex", "Tab moves into the open card"
    page.keyboard.press("Escape")
    assert not is_open(page, "vigil-p_vortex")
    assert page.evaluate(FOCUSED)["target"] == "vigil-p_vortex", "focus returns to the name"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the card's own Close button
    assert not is_open(page, "vigil-p_vortex")
    assert errors == []


def answer_by_keyboard(page: Page, key: dict[str, Any], check: str = "check") -> None:
    """With focus before the rate-profile forms, tick and rate from the key, then Check."""
    forms = {q for q, v in key.items() if v["type"] == "rate-profile"}
    done: set[str] = set()
    for _ in range(600):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["q"] not in forms or focused["disabled"]:
            continue
        if focused[check]:
            page.keyboard.press("Enter")
            done.add(focused["q"])
            if done == forms:
                return
        else:
            choose_focused_by_keyboard(page, set(key[focused["q"]]["answer"]))
    raise AssertionError("the keyboard never reached every rate-profile question")


def test_rate_profile_by_keyboard_then_review_and_resume(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.goto(sample_url + SCENARIO)
    key = page_data(page)["questions"]
    assert key["q1"] == {"type": "rate-profile", "answer": ["new", "low"]}
    answer_by_keyboard(page, key)
    for qid in ("q1", "q2"):
        form = page.locator(f"#vigil-q_{qid}")
        assert form.locator(".vigil-result").inner_text() == "Correct."
        assert form.get_attribute("data-vigil-answered") == "correct"
    review = page.locator("#vigil-q_q1")
    shown = review.locator(".vigil-fb:not([hidden])")
    assert shown.count() == 2, "the signal that applies and the level"
    assert "Account age:" in shown.first.inner_text(), "the cue's lesson follows the feedback"
    assert review.locator("[data-vigil-for=low] .vigil-fb-verdict").inner_text() == (
        "✓ Your choice: correct"
    )
    assert serious(page) == []
    page.reload()
    for qid in ("q1", "q2"):
        form = page.locator(f"#vigil-q_{qid}")
        assert form.locator(".vigil-result").inner_text() == "Correct.", "kept after a reload"
        checked = form.locator("input:checked")
        assert sorted(checked.evaluate_all("els => els.map(e => e.value)")) == sorted(
            key[qid]["answer"]
        )
        assert form.locator("input:not([disabled])").count() == 0, "locked for review"
    assert errors == []


def test_signals_without_a_rating_are_no_answer_and_a_wrong_level_is_wrong(
    page: Page, sample_url: str
) -> None:
    errors = errors_of(page)
    page.goto(sample_url + SCENARIO)
    form = page.locator("#vigil-q_q2")
    for value in ("burst", "copied", "hours", "ring"):
        form.locator(f"input[value={value}]").check()
    form.locator(".vigil-check").click()
    assert form.locator(".vigil-result").inner_text() == "Choose an answer first."
    assert form.get_attribute("data-vigil-answered") is None
    form.locator("input[value=medium]").check()
    form.locator(".vigil-check").click()
    assert form.locator(".vigil-result").inner_text() == "Not quite."
    assert form.locator("[data-vigil-for=high]").is_visible(), "the right level is shown"
    assert form.locator("[data-vigil-for=ring] .vigil-fb-verdict").inner_text() == (
        "✓ Your choice: correct"
    )
    assert errors == []


def test_rate_profile_in_the_final_assessment(page: Page, sample_url: str) -> None:
    """A seed that draws a rate-profile question; answered by keyboard, kept over a reload,
    graded and reviewed."""
    errors = errors_of(page)
    page.goto(sample_url + ASSESSMENT)
    data = page_data(page)
    seed = page.evaluate(
        """d => { for (let s = 1; s < 5000; s++) {
            const items = VigilAssessment.draw(d, s);
            const types = Object.fromEntries(d.bank.flatMap(m => m.questions)
              .map(q => [q.key, q.type]));
            if (items.some(i => types[i.key] === 'rate-profile')) return s; } return 0; }""",
        data,
    )
    assert seed, "some seed draws a rate-profile question"
    page.add_init_script(f"crypto.getRandomValues = a => {{ a[0] = {seed}; return a; }};")
    page.reload()
    page.locator(".vigil-a-start").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
    form = page.locator("form[data-vigil-type=rate-profile]:visible").first
    qkey = form.get_attribute("data-vigil-key") or ""
    assert form.locator(".vigil-profile-inline").is_visible(), "the card beside the question"
    key = answer_key(sample_url, [qkey])["questions"]
    assert key[qkey]["answer"][-1] in ("low", "medium", "high")
    form.locator("input").first.focus()
    page.keyboard.press("Shift+Tab")
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["q"] != qkey:
            break
        choose_focused_by_keyboard(page, set(key[qkey]["answer"]))
    page.reload()
    page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
    form = page.locator(f"#vigil-q_{qkey}")
    assert sorted(form.locator("input:checked").evaluate_all("e => e.map(x => x.value)")) == (
        sorted(key[qkey]["answer"])
    ), "the attempt in progress kept the answer"
    page.locator(".vigil-a-submit").click()
    confirm = page.locator(".vigil-a-confirm-yes")
    if confirm.is_visible():
        confirm.click()
    assert form.locator(".vigil-result").inner_text() == "Correct."
    assert form.locator(".vigil-fb:not([hidden])").count() >= 2, "reviewed with feedback"
    wrong = "medium" if key[qkey]["answer"][-1] != "medium" else "low"
    graded = page.evaluate(
        """([k, a, w]) => VigilAssessment.grade({questions: {[k]: {type: 'rate-profile',
             answer: a}}, assessment: {pass_mark: 80}}, [{key: k}],
             {[k]: a.slice(0, -1).concat([w])})""",
        [qkey, key[qkey]["answer"], wrong],
    )
    assert graded["correct"] == 0, "a wrong level fails the question"
    assert serious(page) == []
    assert errors == []
