"""An assessment that tests transfer, in Debian's chromium: the course-wide draw spread by
tactic, a new attempt that draws new questions, the review by tactic, and a scenario kept
for the assessment alone. Counts come from the built site, never from this file.
"""

from __future__ import annotations

import math
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from conftest import REPO, build_course, sample_config, serve_folder, ticked_only
from test_browser_assessment import (
    ASSESSMENT,
    CERTIFICATE,
    answer,
    answer_key,
    draw,
    drawn_keys,
    page_data,
    start,
    stored,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def assessment(page: Page, ticked_url: str) -> dict[str, Any]:
    page.goto(ticked_url + ASSESSMENT)
    return page_data(page)


def per_module(items: list[dict[str, Any]]) -> Counter[str]:
    return Counter(item["module"] for item in items)


def test_the_default_draw_is_a_course_wide_total_spread_by_tactic(
    page: Page, assessment: dict[str, Any]
) -> None:
    assert assessment["per_tactic"] is None
    sizes = {m["id"]: len(m["questions"]) for m in assessment["bank"]}
    total = assessment["drawn"]
    assert total == min(15, sum(sizes.values())), "15 by default, where the course has them"
    fair = math.ceil(total / len(sizes))
    assert all(size >= fair for size in sizes.values()), "the sample fills an even spread"
    spreads = set()
    for seed in range(30):
        items = draw(page, assessment, seed)
        keys = [i["key"] for i in items]
        assert len(keys) == len(set(keys)) == total
        counts = per_module(items)
        assert set(counts) == set(sizes), f"seed {seed}: every tactic is asked about"
        assert max(counts.values()) - min(counts.values()) <= 1, f"seed {seed}: {counts}"
        spreads.add(tuple(sorted(counts.items())))
    assert len(spreads) > 1, "which tactics give the extra questions changes per attempt"


def test_a_new_attempt_puts_the_last_sets_questions_last(
    page: Page, assessment: dict[str, Any]
) -> None:
    """A module repeats a question only when its bank holds no other it has not just
    asked; the sample's banks allow wholly new sets most of the time."""
    banks = {m["id"]: {q["key"] for q in m["questions"]} for m in assessment["bank"]}
    disjoint = 0
    for seed in range(20):
        first = draw(page, assessment, seed)
        seen = [i["key"] for i in first]
        second = page.evaluate(
            "([d, s, seen]) => VigilAssessment.draw(d, s, seen)", [assessment, seed + 1, seen]
        )
        for module, bank in banks.items():
            fresh = bank - set(seen)
            taken = {i["key"] for i in second if i["module"] == module}
            assert len(taken & fresh) == min(len(taken), len(fresh)), f"seed {seed}: {module}"
        disjoint += not {i["key"] for i in second} & set(seen)
    assert disjoint >= 15, disjoint


def test_the_review_shows_what_was_missed_by_tactic(page: Page, ticked_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(ticked_url + ASSESSMENT)
    summary = page.locator(".vigil-a-tactics")
    assert summary.is_hidden(), "nothing to summarise before an attempt"
    keys = start(page)
    assert summary.is_hidden(), "nor during one"
    data = {**page_data(page), **answer_key(ticked_url, keys)}
    missed = keys[::3]
    for key in keys:
        answer(page, data, key, right=key not in missed)
    page.click(".vigil-a-submit")
    assert summary.is_visible()
    titles = {m["id"]: m["title"] for m in data["bank"]}
    module_of = {q["key"]: m["id"] for m in data["bank"] for q in m["questions"]}
    lines = summary.locator("li")
    drawn_modules = [m["id"] for m in data["bank"] if any(module_of[k] == m["id"] for k in keys)]
    assert [line.get_attribute("data-vigil-module") for line in lines.all()] == drawn_modules
    numbers = {key: n for n, key in enumerate(drawn_keys(page), start=1)}
    for line in lines.all():
        module = line.get_attribute("data-vigil-module") or ""
        own = [k for k in keys if module_of[k] == module]
        lost = [k for k in own if k in missed]
        text = line.inner_text()
        assert text.startswith(f"{titles[module]}: {len(own) - len(lost)} of {len(own)} correct.")
        links = line.locator("a")
        assert [a.get_attribute("href") for a in links.all()] == [
            f"#vigil-q_{k}" for k in sorted(lost, key=lambda k: numbers[k])
        ]
        assert links.all_inner_texts() == [
            f"question {numbers[k]}" for k in sorted(lost, key=lambda k: numbers[k])
        ]
        assert ("is-incorrect" if lost else "is-correct") in (line.get_attribute("class") or "")
        if lost:
            assert "Missed:" in text
    first = summary.locator("a").first
    target = (first.get_attribute("href") or "#")[1:]
    first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#{target}", "the link leads to the question"
    results = Axe().run(page, context=".vigil-a-result")
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.reload()
    page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
    assert summary.is_visible(), "the review keeps its summary after a reload"
    assert summary.locator("li").count() == len(drawn_modules)
    page.click(".vigil-a-again")
    assert summary.is_hidden(), "a new attempt clears it"
    assert errors == []


# --- a scenario kept for the assessment alone ----------------------------------------------------


@pytest.fixture(scope="module")
def held_back(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, dict[str, Any], Path]]:
    """The ticked sample with its first asking scenario made assessment-only: its URL, the
    scenario's YAML and the built site."""
    source = tmp_path_factory.mktemp("held-back-source")
    (source / "mkdocs.yml").write_text(sample_config(), encoding="utf-8")
    shutil.copytree(REPO / "content", source / "content")
    (source / "scenarios").mkdir()
    chosen: dict[str, Any] | None = None
    for name, text in ticked_only(REPO).items():
        data = yaml.safe_load(text)
        if chosen is None and data["questions"]:
            data["assessment_only"] = True
            for question in data["questions"]:
                question.pop("assessment_only", None)
            chosen = data
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
        (source / "scenarios" / name).write_bytes(text)
    assert chosen is not None
    site = build_course(source, tmp_path_factory.mktemp("held-back"))
    with serve_folder(site) as url:
        yield url, chosen, site


def test_an_assessment_only_scenario_is_asked_only_in_the_assessment(
    page: Page, held_back: tuple[str, dict[str, Any], Path]
) -> None:
    url, scenario, site = held_back
    sid = scenario["id"]
    assert not list(site.glob(f"course/*/{sid}.html")), "no page"
    assert (site / "assets" / "vigil" / "bank" / f"{sid}.js").exists(), "a bank"
    link = re.compile(rf'href="(?:[^"]*/)?{re.escape(sid)}\.html"')
    for html in site.rglob("*.html"):
        assert not link.search(html.read_text(encoding="utf-8")), f"{html} links it"
    page.goto(url + CERTIFICATE)
    modules = page_data(page)["modules"]
    assert sid not in [s["id"] for m in modules for s in m["scenarios"]]
    assert scenario["title"] not in page.inner_text(".vigil-cert-todo")
    page.goto(url + ASSESSMENT)
    data = page_data(page)
    keys = {f"{sid}_{q['id']}" for q in scenario["questions"]}
    assert keys <= {q["key"] for m in data["bank"] for q in m["questions"]}
    seed = next(s for s in range(1000) if keys & {i["key"] for i in draw(page, data, s)})
    page.add_init_script(f"crypto.getRandomValues = a => {{ a[0] = {seed}; return a; }};")
    page.reload()
    drawn = start(page)
    assert keys & set(drawn)
    case = page.locator(f"#vigil-a_{sid}")
    assert case.is_visible()
    assert case.locator("details.vigil-a-context").count() == 1, "beside its thread"
    assert stored(page, data["course"])["current"]["done"] is False
