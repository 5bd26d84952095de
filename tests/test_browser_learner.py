"""A learner on the built sample course, over HTTP, in Debian's chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page

from conftest import (
    REPO,
    build_course,
    choice,
    choose_focused_by_keyboard,
    sample_config,
    serve_folder,
    serve_instant_variant,
)

pytestmark = pytest.mark.browser

SCENARIO = "course/friendly-questioning/gyro-question.html"
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
LINK_PAYLOAD = "[click](javascript:window.__pwned=1)"


def answer_key(page: Page) -> dict[str, Any]:
    data = json.loads(page.locator("template.vigil-data").first.inner_html())
    return dict(data["questions"])


def errors_of(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def complete_by_keyboard(page: Page, key: dict[str, Any]) -> None:
    """Tab through the page from the top, choosing the right answers with keys only."""
    page.keyboard.press("Tab")
    for _ in range(600):
        focused = page.evaluate(
            """() => { const e = document.activeElement;
                const form = e.form || (e.closest && e.closest('form.vigil-q'));
                return {q: form ? form.dataset.vigilQuestion : null, tag: e.tagName,
                        type: e.type || '', value: e.value || '', checked: !!e.checked,
                        check: e.classList.contains('vigil-check'), disabled: !!e.disabled}; }"""
        )
        question = focused["q"]
        if question and not focused["disabled"]:
            wanted = set(key[question]["answer"])
            if focused["check"]:
                page.keyboard.press("Enter")
                if page.locator("form.vigil-q:not([data-vigil-answered])").count() == 0:
                    return
            else:
                choose_focused_by_keyboard(page, wanted)
        page.keyboard.press("Tab")
    raise AssertionError("the keyboard never reached every question's Check button")


def test_scenario_completed_with_the_keyboard_alone(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.goto(sample_url + SCENARIO)
    complete_by_keyboard(page, answer_key(page))
    assert page.locator(".vigil-scenario.is-revealed").count() == 1
    assert page.locator(".vigil-flag").first.is_visible()
    assert page.locator(".vigil-takeaways").is_visible()
    results = page.locator(".vigil-result").all_inner_texts()
    assert results
    assert all(r == "Correct." for r in results)
    assert errors == []


def test_wrong_answer_shows_that_options_feedback(page: Page, sample_url: str) -> None:
    scenario = yaml.safe_load((REPO / "scenarios" / "gyro-question.yaml").read_text())
    single = next(q for q in scenario["questions"] if q["type"] == "single")
    wrong = next(o for o in single["options"] if not o.get("correct"))
    page.goto(sample_url + SCENARIO)
    form = page.locator(f"#vigil-q_{single['id']}")
    form.locator(f"input[value='{wrong['id']}']").check()
    form.locator(".vigil-check").click()
    assert form.locator(".vigil-result").inner_text() == "Not quite."
    shown = form.locator(f"[data-vigil-for='{wrong['id']}']")
    assert shown.is_visible()
    first_words = " ".join(wrong["feedback"].split()[:6])
    assert first_words in " ".join(shown.inner_text().split())
    live = form.locator(".vigil-feedback")
    assert live.get_attribute("aria-live") == "polite"


def test_progress_survives_reload_and_navigation(page: Page, sample_url: str) -> None:
    page.goto(sample_url + SCENARIO)
    key = answer_key(page)
    first = next(iter(key))
    form = page.locator(f"#vigil-q_{first}")
    for value in key[first]["answer"]:
        page.locator(choice(f"vigil-q_{first}", value)).check()
    form.locator(".vigil-check").click()
    page.reload()
    assert page.locator(f"#vigil-q_{first}[data-vigil-answered]").count() == 1
    page.goto(sample_url + "course/progress.html")
    status = page.locator("[data-vigil-status=gyro-question]").inner_text()
    assert status != "Not started"
    page.goto(sample_url + "index.html")
    page.go_back()
    page.go_back()
    assert page.url.endswith(SCENARIO)
    assert page.locator(f"#vigil-q_{first}[data-vigil-answered]").count() == 1


def test_corrupt_storage_does_not_break_the_page(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.goto(sample_url + SCENARIO)
    key = answer_key(page)
    page.evaluate(
        """qs => { for (const q of qs) {
            localStorage.setItem('vigil:v1:comment-sections-watched:gyro-question:' + q, '}{');
          }
          localStorage.setItem('vigil:v9:comment-sections-watched:gyro-question:x', '[]'); }""",
        list(key),
    )
    page.reload()
    assert page.locator("form.vigil-q[data-vigil-answered]").count() == 0
    complete_by_keyboard(page, key)
    assert page.locator(".vigil-scenario.is-revealed").count() == 1
    page.goto(sample_url + "course/progress.html")
    assert "Done" in page.locator("[data-vigil-status=gyro-question]").inner_text()
    assert errors == []


def hostile(value: Any) -> Any:
    """Every text field of a scenario replaced by script-injection payloads."""
    if isinstance(value, dict):
        return {k: hostile(v) if k not in STRUCTURE else v for k, v in value.items()}
    if isinstance(value, list):
        return [hostile(v) for v in value]
    if isinstance(value, str):
        return f"{PAYLOAD} {LINK_PAYLOAD} {value}"
    return value


STRUCTURE = {
    "id",
    "by",
    "tactics",
    "disclosure",
    "platform",
    "type",
    "answer",
    "about",
    "tactic",
    "category",
    "leaks",
    "asks",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hostile")
    source = root / "source"
    (source / "scenarios").mkdir(parents=True)
    (source / "content").mkdir()
    (source / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    config = yaml.safe_load(re.sub(r"!!python\S*", "", sample_config()))
    config["nav"] = [{"Home": "index.md"}, {"Course": "course/index.md"}]
    config.pop("extra_css", None)
    (source / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    scenario = yaml.safe_load((REPO / "scenarios" / "gyro-question.yaml").read_text())
    attacked = hostile(scenario)
    chapters = zip(attacked["post"]["chapters"], scenario["post"]["chapters"], strict=True)
    for chapter, original in chapters:
        chapter["time"] = original["time"]  # a timecode is checked as one; titles stay hostile
    # javascript: links are refused by the check; an https link must not break out of href
    attacked["sources"] = [
        {"title": PAYLOAD, "url": 'https://example.org/"><script>window.__pwned=1</script>'}
    ]
    (source / "scenarios" / "hostile.yaml").write_text(yaml.safe_dump(attacked), encoding="utf-8")
    site = build_course(source, root / "built")
    with serve_folder(site) as url:
        yield url


def test_injected_scenario_builds_and_runs_no_script(page: Page, hostile_site: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_site + SCENARIO)
    assert "window.__pwned=1" in page.content()  # the payload is on the page, as text
    complete_by_keyboard(page, answer_key(page))
    for link in page.locator(".vigil a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:")
    page.goto(hostile_site + "course/progress.html")
    page.goto(hostile_site + "course/index.html")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_quiz_works_with_instant_navigation(page: Page, tmp_path: Path) -> None:
    """Material's instant navigation swaps pages without reloading: the quiz re-initialises."""
    with serve_instant_variant(tmp_path) as url:
        errors = errors_of(page)
        page.goto(url + "course/index.html")
        page.evaluate("window.__sameDocument = true")
        page.locator("a[href$='friendly-questioning/index.html']").first.click()
        page.locator(f"a[href$='{SCENARIO.rsplit('/', 1)[1]}']").first.click()
        page.wait_for_selector(".vigil[data-vigil-ready]")
        assert page.evaluate("window.__sameDocument") is True, "instant navigation was used"
        complete_by_keyboard(page, answer_key(page))
        assert page.locator(".vigil-scenario.is-revealed").count() == 1
        assert errors == []
