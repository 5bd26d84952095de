"""The learner-experience fixes in Chromium, by keyboard: comments picked in the thread (on
the scenario page and in the assessment), one scenario tried again, the progress page's
"done with mistakes", the learner's own messages, and writing a report. axe finds no
serious or critical violation on the course's part of each page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import built, serve_folder, tiny_course
from test_learner_fixes import COURSE_ID, MESSAGES, VIDEO

pytestmark = pytest.mark.browser

VIDEO_PAGE = "course/friendly-questioning/winter-launch.html"
MESSAGES_PAGE = "course/befriending/old-colleague.html"
PROGRESS = "course/progress.html"
ASSESSMENT = "course/assessment.html"
PREFIX = f"vigil:v1:{COURSE_ID}:"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tiny_course(
        tmp_path_factory.mktemp("fixes"),
        title="Fixes course",
        course_id=COURSE_ID,
        scenarios={"winter-launch": VIDEO, "old-colleague": MESSAGES},
        options={
            "reporting": {
                "who": "the duty officer",
                "how": "By phone on ext. 4410.",
                "include": ["the account name", "the date and time"],
            },
            "assessment": {"per_tactic": 2, "exam_mode": False},
        },
    )
    return built(root)


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    with serve_folder(site) as served:
        yield served


@pytest.fixture
def errors(page: Any) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def press(page: Any, selector: str, key: str = "Enter") -> None:
    page.focus(selector)
    page.keyboard.press(key)


def serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate("document.activeElement && document.activeElement.blur()")
    results = Axe().run(page, context=".vigil")
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def records(page: Any) -> list[str]:
    return sorted(page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{PREFIX}'))"))


def answer_video(page: Any, picks: tuple[str, ...] = ("c1", "c2")) -> None:
    for comment in picks:
        press(page, f"#vigil-q_q1_option_{comment}", "Space")
    press(page, "#vigil-q_q1 .vigil-check")
    press(page, "#vigil-q_q2_option_a", "Space")
    press(page, "#vigil-q_q2 .vigil-check")


# --- (1) comments picked in the thread ----------------------------------------------------------


def test_pick_comments_in_the_thread_by_keyboard(page: Any, url: str, errors: list[str]) -> None:
    page.goto(url + VIDEO_PAGE)
    box = page.locator("#vigil-q_q1_option_c1")
    assert box.evaluate("b => b.closest('.vigil-comment') !== null"), "the box is on the comment"
    assert page.get_by_label("Choose this comment by orbit_nerd_88").count() == 1
    assert serious(page) == []
    press(page, "#vigil-q_q1_option_c1", "Space")
    press(page, "#vigil-q_q1_option_c2", "Space")
    press(page, "#vigil-q_q1 .vigil-check")
    form = page.locator("#vigil-q_q1")
    assert form.locator(".vigil-result").inner_text() == "Correct."

    def review() -> None:
        for comment, verdict in (("c1", "✓ Your choice: correct"), ("c3", "")):
            pick = page.locator(f"#vigil-c_{comment} > article .vigil-pick")
            assert pick.locator(".vigil-verdict").inner_text() == verdict
            assert pick.locator("input").is_disabled()
        assert page.is_checked("#vigil-q_q1_option_c2")
        links = form.locator(".vigil-fb:not([hidden]) .vigil-fb-label a")
        assert links.evaluate_all("a => a.map(x => x.getAttribute('href'))") == [
            "#vigil-c_c1",
            "#vigil-c_c2",
        ]

    review()
    record = json.loads(page.evaluate(f"localStorage.getItem('{PREFIX}winter-launch:q1')"))
    assert sorted(record["answer"]) == ["c1", "c2"]
    page.reload()
    review()
    press(page, "#vigil-q_q1 .vigil-fb:not([hidden]) a")
    assert page.evaluate("location.hash") == "#vigil-c_c1", "the reveal links back to the thread"
    assert serious(page) == []
    assert errors == []


def test_pick_comments_in_the_assessment(page: Any, url: str, errors: list[str]) -> None:
    page.goto(url + ASSESSMENT)
    page.locator(".vigil-a-start:visible").first.click()
    form = page.locator("#vigil-q_winter-launch_q1")
    form.wait_for(state="visible")
    boxes = page.locator("input[form='vigil-q_winter-launch_q1']")
    assert boxes.count() == 3
    assert all(b.is_visible() for b in boxes.all()), "the thread opens with its boxes"
    assert page.locator("#vigil-a_winter-launch details").get_attribute("open") is not None
    press(page, "#vigil-q_winter-launch_q1_option_c1", "Space")
    press(page, "#vigil-q_winter-launch_q1_option_c2", "Space")
    state = json.loads(page.evaluate(f"localStorage.getItem('{PREFIX}@assessment')"))
    assert sorted(state["current"]["answers"]["winter-launch_q1"]) == ["c1", "c2"]
    press(page, "#vigil-q_winter-launch_q1 .vigil-check")
    assert form.locator(".vigil-result").inner_text() == "Correct."
    verdict = page.locator("#vigil-c_winter-launch_c3 > article .vigil-pick .vigil-verdict")
    assert verdict.inner_text() == ""
    assert serious(page) == []
    page.reload()
    form.wait_for(state="visible")
    assert page.is_checked("#vigil-q_winter-launch_q1_option_c2"), "resumed after a reload"
    assert errors == []


# --- (2) one scenario tried again, (3) done with mistakes ---------------------------------------


def test_try_one_scenario_again_keeps_the_others(page: Any, url: str, errors: list[str]) -> None:
    page.goto(url + MESSAGES_PAGE)
    press(page, "#vigil-q_q1_option_low", "Space")
    press(page, "#vigil-q_q1 .vigil-check")
    page.goto(url + VIDEO_PAGE)
    retry = page.locator(".vigil-retry")
    assert retry.is_hidden(), "nothing to try again before an answer"
    answer_video(page, picks=("c1",))  # one of the two flagged comments: a mistake
    assert page.locator(".vigil-scenario.is-revealed").count() == 1
    assert page.locator("#vigil-c_c1 .vigil-flag").is_visible()

    page.goto(url + PROGRESS)
    status = page.locator("[data-vigil-status=winter-launch]")
    assert status.inner_text() == "Done, with mistakes: 1 of 2 correct. Try it again."
    assert status.get_attribute("data-vigil-state") == "mistakes", "not the green done"
    colour = status.evaluate("s => getComputedStyle(s).color")
    done = page.locator("[data-vigil-status=old-colleague]")
    assert done.inner_text() == "In progress: 1 of 2 answered"
    assert serious(page) == []

    page.goto(url + VIDEO_PAGE)
    press(page, ".vigil-retry")
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Escape")
    assert page.locator("#vigil-retry-confirm").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Try this scenario again"
    page.keyboard.press("Enter")
    assert serious(page) == [], "the open confirmation"
    page.focus("#vigil-retry-confirm .vigil-retry-no")
    page.keyboard.press("Shift+Tab")  # from Cancel back to "Yes, clear my answers"
    assert page.evaluate("document.activeElement.textContent") == "Yes, clear my answers"
    page.keyboard.press("Enter")
    assert records(page) == [f"{PREFIX}old-colleague:q1"], "only this scenario's records go"
    assert page.evaluate("document.activeElement.id") == "vigil-questions-title"
    status_text = page.locator(".vigil-reveal-status").inner_text()
    assert status_text.startswith("Your answers to this scenario have been cleared")
    assert page.locator(".vigil-scenario.is-revealed").count() == 0
    assert page.locator("#vigil-c_c1 .vigil-flag").is_hidden()
    assert page.locator("mark.vigil-leak").count() == 0
    assert not page.is_checked("#vigil-q_q1_option_c1")
    assert page.is_enabled("#vigil-q_q1_option_c1")
    assert page.locator("#vigil-q_q1 .vigil-check").is_visible()
    assert page.locator("#vigil-q_q1 .vigil-fb:not([hidden])").count() == 0
    assert retry.is_hidden()

    answer_video(page)
    assert page.locator(".vigil-scenario.is-revealed").count() == 1
    page.goto(url + PROGRESS)
    assert status.inner_text() == "Done: 2 of 2 correct"
    assert status.get_attribute("data-vigil-state") == "done"
    assert status.evaluate("s => getComputedStyle(s).color") != colour
    assert errors == []


# --- (4) the learner's own messages, (7) writing the report ------------------------------------


def test_own_messages_sit_on_the_right_in_their_own_colour(page: Any, url: str) -> None:
    page.goto(url + MESSAGES_PAGE)
    theirs = page.locator("#vigil-c_m1 .vigil-comment-main")
    mine = page.locator("#vigil-c_m2 .vigil-comment-main")
    assert mine.bounding_box()["x"] > theirs.bounding_box()["x"] + 20
    colour = "e => getComputedStyle(e).backgroundColor"
    assert mine.evaluate(colour) != theirs.evaluate(colour)
    assert "joined" not in page.locator("#vigil-c_m2").inner_text().lower()
    assert page.locator("#vigil-c_m2 button").count() == 0, "no profile to open"
    assert serious(page) == []


def test_write_a_report_by_keyboard(page: Any, url: str, errors: list[str]) -> None:
    page.goto(url + MESSAGES_PAGE)
    form = page.locator("#vigil-q_q2")
    assert form.locator(".vigil-report-to").inner_text().startswith("Report to")
    assert form.locator(".vigil-check").inner_text() == "Send report"
    text = "On Monday Teo asked me for the supplier list with prices. I said no."
    page.focus("#vigil-q_q2_report")
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('vigil-check')")
    page.keyboard.press("Enter")
    assert form.locator(".vigil-result").inner_text() == "Not quite."
    shown = form.locator(".vigil-fb:not([hidden]) .vigil-fb-head").all_inner_texts()
    assert shown == [
        "What a complete report holds A report that holds everything asked for",
        "✗ Missing from your report Missing: the offer of money",
    ]
    assert "Always mention money." in form.locator(".vigil-fb:not([hidden])").last.inner_text()
    record = json.loads(page.evaluate(f"localStorage.getItem('{PREFIX}old-colleague:q2')"))
    assert record["answer"] == ["m3"], "the record holds what was missing, not the text"
    assert serious(page) == []
    page.reload()
    assert form.locator("textarea").input_value() == text, "kept on this device"
    assert form.locator("textarea").get_attribute("readonly") is not None
    assert errors == []
