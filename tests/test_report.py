"""`vigil report` and the trainers' coverage page: the matrices, the gaps, the formats,
the SVG heatmap drawn at build time, and the page in a browser (axe, no outside requests).

Refresh the golden page with VIGIL_UPDATE_GOLDEN=1 after a deliberate change."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from conftest import REPO, build_course, run_vigil, serve_folder
from test_render import FORUM, GOLDEN, GYROSCOPE, make_course, render
from vigil.check.project import check_project
from vigil.coverage import matrix
from vigil.coverage.heatmap import STEPS
from vigil.coverage.matrix import coverage
from vigil.coverage.page import COVERAGE_URI
from vigil.format.taxonomy import builtin
from vigil.questions.registry import kinds

BUILTIN_TACTICS = [t.id for t in builtin().tactics]
BUILTIN_CATEGORIES = [c.id for c in builtin().categories]


def report(project: Path, fmt: str) -> str:
    result = run_vigil("report", "--format", fmt, cwd=project)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_json_gives_the_matrices_of_the_sample_course() -> None:
    data = json.loads(report(REPO, "json"))
    course = check_project(REPO).course
    assert course is not None
    assert data["scenarios"] == len(course.scenarios)
    assert data["questions"] == sum(len(s.questions) for s in course.scenarios)
    by_category = data["matrices"]["tactic_category"]
    assert by_category["rows"] == BUILTIN_TACTICS
    assert by_category["columns"] == BUILTIN_CATEGORIES
    assert by_category["counts_of"] == "scenarios"
    by_kind = data["matrices"]["tactic_kind"]
    assert by_kind["columns"] == list(kinds()), "every registered kind has a column"
    assert by_kind["counts_of"] == "questions"
    levels = data["matrices"]["difficulty"]
    assert levels["columns"] == ["1", "2", "3"]
    # Difficulty is per module: assessment-only scenarios belong to none.
    with_page = [s for s in course.scenarios if not s.assessment_only]
    assert sum(map(sum, levels["counts"])) == len(with_page) < len(course.scenarios)
    # The gyroscope scenario of the sample lists friendly questioning and equipment parameters.
    gyro = next(s for s in course.scenarios if s.id == "gyro-question")
    assert "equipment-parameters" in gyro.disclosure
    row, col = (
        BUILTIN_TACTICS.index(gyro.tactics[0]),
        BUILTIN_CATEGORIES.index("equipment-parameters"),
    )
    assert by_category["counts"][row][col] >= 1
    assert set(data["gaps"]) == {"tactics", "categories", "kinds", "levels"}


def test_gaps_of_a_one_scenario_course(project: Path) -> None:
    """The minimal scenario trains one tactic, at level 1, with one single-choice question
    and no category at stake: everything else is a gap."""
    data = json.loads(report(project, "json"))
    assert data["gaps"]["tactics"] == BUILTIN_TACTICS[1:]
    assert data["gaps"]["categories"] == BUILTIN_CATEGORIES
    assert data["gaps"]["kinds"] == [k for k in kinds() if k != "single"]
    assert data["gaps"]["levels"] == {"friendly-questioning": [2, 3]}
    assert data["matrices"]["difficulty"]["counts"] == [[1, 0, 0]]
    text = report(project, "text")
    assert "Tactics no scenario trains: debate-baiting, befriending" in text
    assert "Modules missing a difficulty level: friendly-questioning (no level 2, 3)" in text
    assert re.search(r"^friendly-questioning\s+1\s+·\s+·$", text, re.MULTILINE)
    markdown = report(project, "markdown")
    assert "## Tactics by question kind" in markdown
    assert "| `friendly-questioning` | 1 | · | · |" in markdown


def test_flags_and_leaks_count_as_coverage() -> None:
    """A red flag trains its tactic and a leak concerns its category, even when the
    scenario's own lists leave them out."""
    cov = coverage(make_course(GYROSCOPE, FORUM))
    assert "fake-enthusiast" not in cov.gaps.tactics  # listed by the gyroscope scenario
    flagged = {c.flag.tactic for s in make_course(FORUM).scenarios for c in s.thread if c.flag}
    assert flagged <= set(BUILTIN_TACTICS) - set(cov.gaps.tactics)


def test_a_broken_course_gets_problems_not_a_report(project: Path) -> None:
    (project / "scenarios" / "minimal.yaml").write_text("id: [\n", encoding="utf-8")
    result = run_vigil("report", cwd=project)
    assert result.returncode == 1
    assert "minimal.yaml:" in result.stderr
    assert result.stdout == ""


# --- the page ---------------------------------------------------------------------------------

FIRST_KINDS = ("single", "multiple", "action", "pick-comments", "risk")


def stable_page(monkeypatch: pytest.MonkeyPatch, *scenarios: dict[str, Any]) -> str:
    """The page with the first five kinds only, so it does not change as kinds are added
    (the columns' link to the registry is tested above)."""
    fixed = {name: kind for name, kind in kinds().items() if name in FIRST_KINDS}
    monkeypatch.setattr(matrix, "kinds", lambda: fixed)
    return render(make_course(*scenarios)).pages[COVERAGE_URI]


def test_golden_coverage_page(monkeypatch: pytest.MonkeyPatch) -> None:
    page = stable_page(monkeypatch, GYROSCOPE, FORUM)
    path = GOLDEN / COVERAGE_URI.replace("/", "__")
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(page, encoding="utf-8")
    assert page == path.read_text(encoding="utf-8"), "the coverage page changed: review, refresh"


def test_the_heatmaps_are_drawn_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    page = stable_page(monkeypatch, GYROSCOPE, FORUM)
    svgs = re.findall(r"<svg .*?</svg>", page, re.DOTALL)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg
        assert re.search(r'aria-labelledby="([^"]+)".*?<title id="\1">', svg, re.DOTALL)
        assert "<script" not in svg
        assert "href" not in svg  # nothing loaded from anywhere
    # 9 tactics x 8 categories, 2 of them covered: the rest drawn as dashed gaps.
    assert svgs[0].count("<rect") == 72
    assert svgs[0].count('stroke-dasharray="3 2"') == 72 - 2
    assert page.count("<table ") == 3  # the same numbers for screen readers


def test_course_text_in_the_heatmap_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    from vigil.format.taxonomy import Term

    course = make_course(GYROSCOPE)
    own = Term(id="lure", name="<b>Lure</b> & bait", description="A course's own tactic.")
    course = type(course)(
        course.title, course.options, course.taxonomy.extended((own,), ()), course.scenarios
    )
    page = render(course).pages[COVERAGE_URI]
    assert "<b>Lure</b>" not in page
    assert "&lt;b&gt;Lure&lt;/b&gt; &amp; bait" in page


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(("fill", "ink"), STEPS)
def test_cell_text_has_enough_contrast(fill: str, ink: str) -> None:
    light, dark = sorted((luminance(fill), luminance(ink)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


# --- in the built sample, in a browser --------------------------------------------------------


@pytest.fixture(scope="module")
def trainers_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built for trainers: learners' builds leave the trainers' pages out."""
    return build_course(REPO, tmp_path_factory.mktemp("trainers"), "--trainers")


@pytest.fixture(scope="module")
def trainers_url(trainers_site: Path) -> Iterator[str]:
    with serve_folder(trainers_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_coverage_page_in_the_site_passes_axe(
    browser: Browser, trainers_site: Path, trainers_url: str, scheme: Literal["light", "dark"]
) -> None:
    assert (trainers_site / "trainers" / "coverage.html").is_file()
    context = browser.new_context(color_scheme=scheme)
    outside: list[str] = []
    try:
        page = context.new_page()
        page.on(
            "request",
            lambda r: None if r.url.startswith((trainers_url, "data:")) else outside.append(r.url),
        )
        page.goto(trainers_url + "trainers/coverage.html", wait_until="networkidle")
        nav = page.locator(".md-nav__link--active")
        assert "coverage" in (nav.first.get_attribute("href") or "") or nav.count() >= 1
        assert page.locator("svg.vigil-heatmap").count() == 3
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        results = Axe().run(page)
        serious = [
            f"{v['id']}: {[n['target'] for n in v['nodes'][:5]]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
        assert outside == []
    finally:
        context.close()
