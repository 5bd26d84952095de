"""The adversary's notebook in Chromium, on the built sample course.

A scripted learner works through the sample's scenarios, flagging some leaking comments
(or marking some leaked words) and not others; the course notebook must then list exactly
the leaks left unflagged. The expected list is worked out here from the scenario YAML
alone (which comments were ticked, which words marked), not from the engine's code.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from conftest import REPO, choice

pytestmark = pytest.mark.browser

NOTEBOOK = "course/notebook.html"
TAXONOMY = REPO / "src" / "vigil" / "format" / "data" / "taxonomy.yaml"
GYRO = "gyro-question"
# The kinds the scripted learner can answer; a scenario asking anything else is left alone.
TICKED = {"single", "multiple", "action", "risk", "pick-comments"}
ANSWERABLE = TICKED | {"mark-words"}
Row = tuple[str, str, str, str]  # category id, leaked text, who gave it away, thread title


def errors_of(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def comments(thread: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every comment, replies after their parent, in page order."""
    out: list[dict[str, Any]] = []
    for comment in thread:
        out.append(comment)
        out.extend(comments(comment.get("replies") or []))
    return out


def leaks_of(comment: dict[str, Any]) -> list[dict[str, Any]]:
    return list(comment.get("leaks") or [])


@dataclass
class Scenario:
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def shown(self) -> list[dict[str, Any]]:
        return [q for q in self.data.get("questions") or [] if not q.get("assessment_only")]

    @property
    def comments(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in comments(self.data["thread"])}

    def row(self, comment: dict[str, Any], leak: dict[str, Any]) -> Row:
        name = self.data["personas"][comment["by"]]["name"]
        return (leak["category"], leak["text"], name, self.data["title"])


def sample() -> list[Scenario]:
    """The sample's module scenarios: assessment-only threads have no page of their own."""
    loaded = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((REPO / "scenarios").glob("*.yaml"))
    ]
    return [Scenario(data) for data in loaded if not data.get("assessment_only")]


def scenario_url(site: Path, ident: str) -> str:
    (found,) = site.glob(f"course/*/{ident}.html")
    return found.relative_to(site).as_posix()


def word_ranges(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where each drawn word lies in the comment: the words are its text, in order."""
    ranges = []
    at = 0
    for word in words:
        at = text.index(word, at)
        ranges.append((at, at + len(word)))
        at += len(word)
    return ranges


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def leak_range(comment: dict[str, Any], leak: dict[str, Any]) -> tuple[int, int]:
    start = comment["text"].index(leak["text"])
    return start, start + len(leak["text"])


class Learner:
    """Answers by keyboard: focus a control, then Space; Enter on Check."""

    def __init__(self, page: Page, site: Path, url: str) -> None:
        self.page = page
        self.site = site
        self.url = url

    def open(self, ident: str) -> None:
        self.page.goto(self.url + scenario_url(self.site, ident))

    def press(self, selector: str) -> None:
        self.page.locator(selector).focus()
        self.page.keyboard.press("Space")

    def check(self, qid: str) -> None:
        self.page.locator(f"#vigil-q_{qid} .vigil-check").focus()
        self.page.keyboard.press("Enter")
        assert self.page.locator(f"#vigil-q_{qid}[data-vigil-answered]").count() == 1, qid

    def tick(self, qid: str, values: list[str]) -> None:
        for value in values:
            self.press(choice(f"vigil-q_{qid}", value))
        self.check(qid)

    def first(self, qid: str) -> None:
        """The first option: a learner in a hurry (right or wrong does not matter here)."""
        self.press(choice(f"vigil-q_{qid}") + " >> nth=0")
        self.check(qid)

    def words(self, qid: str) -> list[str]:
        return self.page.locator(f"#vigil-q_{qid} .vigil-mw-word").all_text_contents()

    def mark(self, qid: str, numbers: list[int]) -> None:
        for n in numbers:
            self.press(f"#vigil-q_{qid} .vigil-mw-word >> nth={n}")
        self.check(qid)


def work_through(learner: Learner, s: Scenario, style: int) -> set[str]:
    """Answer every shown question; return the refs (`comment/index`) the answers flagged.

    Pick-comments: tick every leaking comment (style 0), the first, third... (style 1) or
    the second, fourth... (style 2); a comment that leaks nothing when that leaves nothing
    ticked. Mark-words on a comment: a word of its first leak (style 0), else a word
    outside every leak.
    """
    flagged: set[str] = set()
    all_comments = s.comments
    leaking = [c for c in all_comments.values() if leaks_of(c)]
    thorough = style == 0
    for q in s.shown:
        if q["type"] == "pick-comments":
            ticked = [c["id"] for i, c in enumerate(leaking) if thorough or i % 2 == style - 1]
            quiet = [c for c in all_comments if not leaks_of(all_comments[c])]
            ticked = ticked or (quiet or list(all_comments))[:1]
            learner.tick(q["id"], ticked)
            for ident in ticked:
                flagged |= {f"{ident}/{i}" for i in range(len(leaks_of(all_comments[ident])))}
        elif q["type"] == "mark-words":
            flagged |= mark_some(learner, q, all_comments, thorough)
        else:
            learner.first(q["id"])
    return flagged


def mark_some(
    learner: Learner, q: dict[str, Any], all_comments: dict[str, dict[str, Any]], thorough: bool
) -> set[str]:
    words = learner.words(q["id"])
    if q.get("comment") is None:  # a draft of the learner's own: no thread leak to catch
        learner.mark(q["id"], [0])
        return set()
    comment = all_comments[q["comment"]]
    spans = [leak_range(comment, leak) for leak in leaks_of(comment)]
    ranges = word_ranges(comment["text"], words)
    hits = [n for n, r in enumerate(ranges) if any(overlaps(r, s) for s in spans[:1])]
    misses = [n for n, r in enumerate(ranges) if not any(overlaps(r, s) for s in spans)]
    chosen = (hits if thorough else misses)[:1] or [0]
    learner.mark(q["id"], chosen)
    return {
        f"{comment['id']}/{i}"
        for i, s in enumerate(spans)
        if any(overlaps(ranges[n], s) for n in chosen)
    }


def asked(s: Scenario) -> set[str]:
    """The refs some shown question asks about: a pick-comments question asks about every
    leak of the thread; mark-words on a comment about that comment's leaks."""
    refs: set[str] = set()
    for q in s.shown:
        targets = (
            list(s.comments.values())
            if q["type"] == "pick-comments"
            else [s.comments[q["comment"]]]
            if q["type"] == "mark-words" and q.get("comment")
            else []
        )
        refs |= {f"{c['id']}/{i}" for c in targets for i in range(len(leaks_of(c)))}
    return refs


def expected_rows(s: Scenario, flagged: set[str]) -> list[Row]:
    return [
        s.row(c, leak)
        for c in s.comments.values()
        for i, leak in enumerate(leaks_of(c))
        if f"{c['id']}/{i}" in asked(s) - flagged
    ]


def notebook_rows(page: Page) -> list[Row]:
    page.wait_for_selector(".vigil-nb-list[aria-busy=false]", state="attached")
    return [
        tuple(row)
        for row in page.evaluate(
            """() => [...document.querySelectorAll('.vigil-nb-list section')].flatMap(section => {
            const category = section.querySelector('h2').id.replace(/^vigil-nb-/, '');
            return [...section.querySelectorAll('tbody tr')].map(tr =>
                [category, ...[...tr.cells].map(td => td.textContent)]);
        })"""
        )
    ]


def status(page: Page) -> str:
    return page.locator(".vigil-nb-status").inner_text()


# --- the "done when": exactly the leaks the learner left unflagged -----------------------


def test_the_notebook_lists_exactly_the_leaks_a_learner_left_unflagged(
    page: Page, sample_site: Path, sample_url: str
) -> None:
    errors = errors_of(page)
    learner = Learner(page, sample_site, sample_url)
    page.goto(sample_url + NOTEBOOK)
    assert notebook_rows(page) == []
    nothing_yet = status(page)
    assert nothing_yet

    scenarios = [s for s in sample() if {q["type"] for q in s.shown} <= ANSWERABLE]
    with_leaks = [s for s in scenarios if asked(s)]
    assert len(with_leaks) >= 8, "the sample should give the notebook something to show"
    # One leaking scenario is only started and one is never opened: neither counts.
    *done, started, untouched = with_leaks
    expected: list[Row] = []
    threads = 0
    for n, s in enumerate(done + [s for s in scenarios if not asked(s)]):
        learner.open(s.id)
        flagged = work_through(learner, s, style=n % 3)
        assert page.locator(".vigil-scenario.is-revealed").count() == 1, s.id
        rows = expected_rows(s, flagged)
        expected += rows
        threads += bool(rows)
    learner.open(started.id)
    pick = next(q for q in started.shown if q["type"] in TICKED)
    learner.first(pick["id"])
    assert page.locator(".vigil-scenario.is-revealed").count() == 0

    assert len(expected) >= 5, "some leaks must be left unflagged"
    flagged_some = sum(len(asked(s)) for s in done) - len(expected)
    assert flagged_some >= 5, "and some flagged"
    page.goto(sample_url + NOTEBOOK)
    shown = notebook_rows(page)
    assert Counter(shown) == Counter(expected)
    titles = {row[3] for row in shown}
    assert started.data["title"] not in titles
    assert untouched.data["title"] not in titles
    assert status(page) == (
        f"Details an adversary now holds: {len(expected)}. Threads they came from: {threads}."
    )
    # Grouped by category, in the course's category order, each group under its heading.
    order = [c["id"] for c in yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))["categories"]]
    groups = [row[0] for row in shown]
    assert groups == sorted(groups, key=order.index)
    headings = page.locator(".vigil-nb-list section h2").all_inner_texts()
    assert len(headings) == len(set(groups))
    assert errors == []


# --- tampered records, and files that fail to load ------------------------------------------


def finish_gyro(learner: Learner, flag_wei: bool) -> None:
    learner.open(GYRO)
    work_through_gyro(learner, next(s for s in sample() if s.id == GYRO), flag_wei)


def work_through_gyro(learner: Learner, s: Scenario, flag_wei: bool) -> None:
    for q in s.shown:
        if q["type"] == "pick-comments":
            learner.tick(q["id"], ["c4", "c5"] if flag_wei else ["c4"])
        else:
            learner.first(q["id"])


def record_key(page: Page, question: str) -> str:
    course = page.locator(".vigil[data-vigil-course]").get_attribute("data-vigil-course")
    return f"vigil:v1:{course}:{GYRO}:{question}"


def test_the_notebook_survives_tampered_records(
    page: Page, sample_site: Path, sample_url: str
) -> None:
    errors = errors_of(page)
    learner = Learner(page, sample_site, sample_url)
    finish_gyro(learner, flag_wei=True)
    page.goto(sample_url + NOTEBOOK)
    assert notebook_rows(page) == []
    empty = status(page)
    assert "Details an adversary now holds" not in empty
    pick = next(
        q["id"]
        for q in next(s for s in sample() if s.id == GYRO).shown
        if q["type"] == "pick-comments"
    )
    key = record_key(page, pick)

    # A record of the right shape whose values are no comment ids: it catches nothing.
    hostile = {"v": 1, "answer": ["__proto__", "constructor", "toString"], "correct": True, "t": 1}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(hostile)])
    page.evaluate(
        'k => localStorage.setItem(k, \'{"v":1,"answer":["x"],"correct":true,"t":1}\')',
        key.replace(f":{GYRO}:", ":__proto__:"),
    )
    page.reload()
    rows = notebook_rows(page)
    assert sorted(r[1] for r in rows) == ["drift under 0.01°/h", "the new batch off line 3"]

    # Records that are not records at all: the question counts as unanswered.
    for bad in [
        "{not json",
        json.dumps({"v": 1, "answer": "c5", "correct": True, "t": 1}),
        json.dumps({"v": 1, "answer": [1, 2], "correct": True, "t": 1}),
    ]:
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, bad])
        page.reload()
        assert notebook_rows(page) == []
        assert "Details an adversary now holds" not in status(page)
    # A notebook file that does not fit is ignored; one that never arrives is said so.
    page.evaluate("() => VigilNotebook.add('x', {leaks: 'all of them', catches: null})")
    page.evaluate("() => localStorage.clear()")
    finish_gyro(learner, flag_wei=False)
    page.route("**/assets/vigil/notebook/*.js", lambda route: route.abort())
    page.goto(sample_url + NOTEBOOK)
    assert notebook_rows(page) == []
    assert page.locator(".vigil-nb-failed").is_visible()
    assert page.locator(".vigil-nb-failed").get_attribute("role") == "alert"
    assert errors == []


# --- the panel after the reveal; keyboard, screen reader, axe, file:// ----------------------


def test_the_panel_appears_with_the_reveal_and_works_by_keyboard(
    page: Page, sample_site: Path, sample_url: str
) -> None:
    errors = errors_of(page)
    learner = Learner(page, sample_site, sample_url)
    learner.open(GYRO)
    panel = page.locator(".vigil-harvest")
    assert panel.is_hidden()
    assert page.get_by_role("region", name="The adversary's notebook").count() == 0
    s = next(s for s in sample() if s.id == GYRO)
    work_through_gyro(learner, s, flag_wei=False)
    assert panel.is_visible()
    region = page.get_by_role("region", name="The adversary's notebook")
    assert region.count() == 1
    assert "drift under 0.01°/h" in region.inner_text()
    assert "Wei L." in region.inner_text()
    # Tab on from the last question to the scraper's table, open it, then on to the link.
    last = s.shown[-1]["id"]
    page.locator(f"#vigil-q_{last} .vigil-result").focus()
    summary = page.locator(".vigil-scraper summary")
    for _ in range(40):
        page.keyboard.press("Tab")
        if summary.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the scraper's table")
    page.keyboard.press("Enter")
    table = page.locator(".vigil-scraper table")
    assert table.is_visible()
    headers = table.get_by_role("columnheader").all_inner_texts()
    assert headers == ["Found", "Kind", "Written by"]
    cells = table.locator("tbody tr").all_inner_texts()
    assert any("0.01°/h" in row and "Number with a unit" in row for row in cells)
    results = Axe().run(page)
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    link = panel.get_by_role("link")
    for _ in range(40):
        page.keyboard.press("Tab")
        if link.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the notebook link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + NOTEBOOK)
    rows = notebook_rows(page)
    assert {r[1] for r in rows} == {"drift under 0.01°/h", "the new batch off line 3"}
    # The course page for a screen reader: a live status, a region per category, tables
    # with column headers, and links back to the thread.
    assert page.locator(".vigil-nb-status").get_attribute("role") == "status"
    assert page.get_by_role("region", name="Equipment parameters").count() == 1
    assert page.get_by_role("columnheader", name="Given away by").count() == len(
        {r[0] for r in rows}
    )
    back = page.get_by_role("link", name="The gyroscope question").first
    for _ in range(150):
        page.keyboard.press("Tab")
        if back.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached a thread link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + scenario_url(sample_site, GYRO))
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_notebook_page_with_content_is_axe_clean(
    page: Page, sample_site: Path, sample_url: str, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    learner = Learner(page, sample_site, sample_url)
    finish_gyro(learner, flag_wei=False)
    page.goto(sample_url + NOTEBOOK)
    assert notebook_rows(page)
    results = Axe().run(page)
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_the_notebook_works_from_the_file_system(page: Page, sample_site: Path) -> None:
    """Opened from a folder: the notebook files load as scripts, as the banks do."""
    errors = errors_of(page)
    learner = Learner(page, sample_site, sample_site.as_uri() + "/")
    finish_gyro(learner, flag_wei=False)
    page.goto((sample_site / NOTEBOOK).as_uri())
    rows = notebook_rows(page)
    assert {r[1] for r in rows} == {"drift under 0.01°/h", "the new batch off line 3"}
    assert errors == []
