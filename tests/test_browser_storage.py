"""What the engine stores, under attack: two tabs, tampered records, a full quota.

Two pages of one browser context share the origin's localStorage, as two tabs do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import choice
from test_browser_assessment import (
    ASSESSMENT,
    PROGRESS,
    answer,
    answer_key,
    complete_scenarios,
    errors_of,
    page_data,
    start,
    stored,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_url(ticked_url: str) -> str:
    """The sample with only the kinds the scripted learner answers by ticking."""
    return ticked_url


SCENARIO = "course/friendly-questioning/gyro-question.html"
PASSED = "Best score 100%: passed"
LEFT = " · {} of 3 attempts left"  # 3 attempts by default
# A tab that never hears another tab's writes: only re-reading before a write can save it.
DEAF = "window.addEventListener('storage', e => e.stopImmediatePropagation(), true);"
FULL = """Storage.prototype.setItem = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};"""
PUT = "([k, v]) => localStorage.setItem(k, JSON.stringify(v))"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser.new_context()
    yield opened
    opened.close()


def assessment_key(page: Page) -> str:
    return f"vigil:v1:{page_data(page)['course']}:@assessment"


def pass_assessment(page: Page, site: str) -> None:
    keys = start(page)
    data = {**page_data(page), **answer_key(site, keys)}
    for key in keys:
        answer(page, data, key, right=True)
    page.click(".vigil-a-submit")
    expect(page.locator(".vigil-a-score")).to_contain_text("Your score: 100%")


@pytest.mark.parametrize("hears", [True, False], ids=["storage-events", "deaf-tab"])
def test_a_tab_opened_earlier_keeps_the_pass_of_another(
    context: BrowserContext, sample_url: str, hears: bool
) -> None:
    early = context.new_page()
    if not hears:
        early.add_init_script(DEAF)
    early_errors = errors_of(early)
    early.goto(sample_url + ASSESSMENT)
    progress = context.new_page()
    progress.goto(sample_url + PROGRESS)
    complete_scenarios(progress)  # so that a pass earns the certificate
    certificate = context.new_page()
    certificate.goto(sample_url + "course/certificate.html")
    assert certificate.locator(".vigil-cert-form").is_hidden()
    tab = context.new_page()
    errors = errors_of(tab)
    tab.goto(sample_url + ASSESSMENT)

    pass_assessment(tab, sample_url)
    course = page_data(tab)["course"]
    assert [a["score"] for a in stored(tab, course)["attempts"]] == [100]
    expect(progress.locator("[data-vigil-assessment-status]")).to_have_text(PASSED + LEFT.format(2))
    expect(certificate.locator(".vigil-cert-form")).to_be_visible()  # the pass, heard
    expect(certificate.locator(".vigil-cert-missing")).to_be_hidden()
    status = early.locator("[data-vigil-assessment-status]")
    if hears:
        expect(status).to_have_text(PASSED + LEFT.format(2))  # refreshed by the storage event
        expect(early.locator(".vigil-a-score")).to_contain_text("Your score: 100%")
    else:
        assert status.inner_text() == "Not started" + LEFT.format(3), "this tab heard nothing"

    if not hears:  # the steps: Start on a page that still says "Not started"
        early.click(".vigil-a-start")
        record = stored(early, course)
        assert [a["score"] for a in record["attempts"]] == [100], "the pass is kept"
        assert record["current"]["done"] is True, "no attempt was started unseen"
        expect(status).to_have_text(PASSED + LEFT.format(2))
        expect(early.locator(".vigil-a-score")).to_contain_text("Your score: 100%")
    start(early)  # a new attempt, now that the page shows the pass
    record = stored(early, course)
    assert [a["score"] for a in record["attempts"]] == [100]
    assert record["current"]["done"] is False
    expect(status).to_have_text("In progress: 0 of 15 answered · " + PASSED + LEFT.format(1))
    # The tab that passed hears the new attempt, if it can, and keeps showing the pass.
    expect(tab.locator("[data-vigil-assessment-status]")).to_contain_text(PASSED)
    tab.reload()
    expect(tab.locator("[data-vigil-assessment-status]")).to_have_text(
        "In progress: 0 of 15 answered · " + PASSED + LEFT.format(1)
    )
    assert early_errors == []
    assert errors == []


def test_a_stale_tab_cannot_undo_a_finished_attempt(
    context: BrowserContext, sample_url: str
) -> None:
    """The same attempt open in two tabs: one submits it, the other goes on answering."""
    tab = context.new_page()
    tab.goto(sample_url + ASSESSMENT)
    keys = start(tab)
    stale = context.new_page()
    stale.add_init_script(DEAF)
    stale.goto(sample_url + ASSESSMENT)
    stale.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
    data = {**page_data(tab), **answer_key(sample_url, keys)}
    for key in keys:
        answer(tab, data, key, right=True)
    tab.click(".vigil-a-submit")
    expect(tab.locator(".vigil-a-score")).to_contain_text("Your score: 100%")

    # An answer on the stale page: the page refreshes instead of writing over the result.
    stale.locator(f"form[data-vigil-key='{keys[0]}'] input").first.click()
    record = stored(stale, data["course"])
    assert [a["score"] for a in record["attempts"]] == [100]
    assert record["current"]["done"] is True
    expect(stale.locator("[data-vigil-assessment-status]")).to_have_text(PASSED + LEFT.format(2))
    expect(stale.locator(".vigil-a-score")).to_contain_text("Your score: 100%")


PROTOTYPE_KEYS = ["constructor", "toString", "__proto__", "hasOwnProperty", "constructor_q1"]


def test_prototype_keys_in_a_stored_attempt_are_dropped(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.goto(sample_url + ASSESSMENT)
    key = assessment_key(page)
    real = page_data(page)["bank"][0]["questions"][0]["key"]
    for items, answers in [
        ([{"key": k} for k in PROTOTYPE_KEYS], {}),
        ([{"key": real}], {k: ["a"] for k in PROTOTYPE_KEYS}),
        ([{"key": real}, {"key": "__proto__"}], {"__proto__": ["a"], real: ["a"]}),
    ]:
        # JSON text, so "__proto__" is an own key as a tampered record would hold it.
        text = json.dumps(
            {
                "v": 1,
                "attempts": [],
                "current": {
                    "seed": 1,
                    "t": 1,
                    "done": False,
                    "items": items,
                    "answers": answers,
                    "checked": dict.fromkeys(PROTOTYPE_KEYS, True),
                },
            }
        )
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, text])
        page.reload()
        page.wait_for_selector(".vigil-assessment[data-vigil-ready]", state="attached")
        if len(items) == 1:  # a real set with odd answers: shown, the odd keys ignored
            page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
            assert page.locator("form.vigil-q:visible").count() == 1
            page.locator(".vigil-a-submit").click()
            page.locator(".vigil-a-confirm-yes").click()
            expect(page.locator(".vigil-a-score")).to_contain_text("Your score: 0%")
        else:
            expect(page.locator(".vigil-a-start")).to_be_visible()
            assert page.locator("form.vigil-q:visible").count() == 0
            assert len(start(page)) == 15, "the page works"
        page.evaluate("k => localStorage.removeItem(k)", key)
    page.goto(sample_url + PROGRESS)
    assert errors == []


def test_tampered_scores_are_dropped(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.goto(sample_url + ASSESSMENT)
    key = assessment_key(page)
    good = {"seed": 7, "t": 5, "date": "2025-01-02", "score": 60, "passed": False}
    tampered: list[dict[str, Any]] = [
        {**good, "score": 1e308, "passed": True},
        {**good, "score": 101, "passed": True},
        {**good, "score": -1},
        {**good, "score": 99.5, "passed": True},
        {**good, "score": "100", "passed": True},
        {**good, "score": 90, "passed": True, "date": "2025-02-30"},
        {**good, "score": 90, "passed": True, "date": "<b>today</b>"},
        {**good, "score": 90, "passed": "yes"},
        {**good, "score": 90, "passed": True, "correct": 11, "total": 10},
        {**good, "score": 90, "passed": True, "correct": -1, "total": 10},
        {**good, "score": 90, "passed": True, "t": -5},
        {**good, "score": 90, "passed": True, "seed": 1.5},
        "100",
        None,
    ]
    page.evaluate(PUT, [key, {"v": 1, "attempts": [*tampered, good], "current": None}])
    for url in (ASSESSMENT, PROGRESS, "course/index.html"):
        page.goto(sample_url + url)
        status = page.locator("[data-vigil-assessment-status]").first
        assert status.inner_text() == (
            "Best score 60%: not passed (pass mark 80%)" + LEFT.format(2)
        ), f"{url}: only the one good attempt counts"
        assert "e+" not in page.inner_text("body")
    # A scenario answer with a time that is not one is dropped too.
    answer_record = f"vigil:v1:{page_data(page)['course']}:gyro-question:q1"
    page.evaluate(PUT, [answer_record, {"v": 1, "answer": ["a"], "correct": True, "t": "now"}])
    page.goto(sample_url + SCENARIO)
    assert page.locator("form.vigil-q[data-vigil-answered]").count() == 0
    assert page.evaluate("k => localStorage.getItem(k)", answer_record) is None
    assert errors == []


def test_a_full_storage_is_told_to_the_learner(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.add_init_script(FULL)
    page.goto(sample_url + SCENARIO)
    ui = page_data(page)["ui"]
    warning = page.locator(".vigil-unsaved")
    assert warning.count() == 0, "nothing is said before a write fails"
    form = page.locator("form.vigil-q").first
    page.locator(choice(form.get_attribute("id") or "")).first.check()
    form.locator(".vigil-check").click()
    expect(warning).to_be_visible()
    expect(warning).to_have_text(ui["unsaved"])
    assert warning.get_attribute("role") == "alert"
    assert warning.get_attribute("aria-live") == "assertive"
    assert form.get_attribute("data-vigil-answered"), "the page goes on working"
    second = page.locator("form.vigil-q").nth(1)
    page.locator(choice(second.get_attribute("id") or "")).first.check()
    second.locator(".vigil-check").click()
    assert second.get_attribute("data-vigil-answered")
    assert warning.count() == 1, "told once"
    found = Axe().run(page, context=".vigil-unsaved").response["violations"]
    assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == []

    page.goto(sample_url + ASSESSMENT)
    assert page.locator(".vigil-unsaved").count() == 0
    start(page)
    expect(page.locator(".vigil-unsaved")).to_be_visible()
    expect(page.locator(".vigil-unsaved")).to_have_text(page_data(page)["ui"]["unsaved"])
    assert errors == []


def test_an_answer_in_one_tab_shows_in_the_other(context: BrowserContext, sample_url: str) -> None:
    other = context.new_page()
    other.goto(sample_url + SCENARIO)
    tab = context.new_page()
    tab.goto(sample_url + SCENARIO)
    form = tab.locator("form.vigil-q").first
    tab.locator(choice(form.get_attribute("id") or "")).first.check()
    form.locator(".vigil-check").click()
    qid = form.get_attribute("data-vigil-question")
    mirrored = other.locator(f"form.vigil-q[data-vigil-question='{qid}']")
    expect(mirrored).to_have_attribute("data-vigil-answered", re.compile(r"correct|incorrect"))
    mine = f"vigil-q_{qid}"
    assert other.locator(f"#{mine} input:checked, input[form='{mine}']:checked").count() == 1
