"""The sample course built in the pseudo-locale: no English UI text may be left.

Every string that comes through the catalog is wrapped in ⟦ ⟧ and accented in qps-ploc, so
text on a course page is either pseudo-translated, or the author's (scenario and course
data, translated by a later feature), or a string that skipped the catalog: a bug. The
static half reads every generated page of the build; the browser half reads what the quiz
engine writes into the pages while a learner works through them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page

from conftest import REPO, choice, run_vigil, sample_config, serve_folder
from vigil.check.project import check_project
from vigil.i18n.catalog import PSEUDO_LANGUAGE
from vigil.i18n.pseudo import OPEN, strip_pseudo
from vigil.render.text import initials

SCENARIO = "course/friendly-questioning/gyro-question.html"
# A variant of the sample with limited attempts and feedback during the assessment, so the
# lines about attempts and checked answers are on the pages too.
VARIANT_OPTIONS = "    pass_mark: 80\n    assessment:\n      attempts: 2\n      exam_mode: false\n"
SKIPPED = {"template", "script", "style"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
BREAK = "\x00"
LETTER = re.compile(r"[A-Za-z]")


# --- what counts as English left over ---------------------------------------------------------


def strings_of(value: Any) -> Iterator[str]:
    """Every string value of parsed YAML, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


def course_data(project: Path) -> list[str]:
    """The author's text: every string of the scenarios and of mkdocs.yml (title, options,
    nav), plus what is made of it: avatar initials and the course version."""
    course = check_project(project).course
    assert course is not None
    found: list[str] = [course.version]
    for path in sorted((project / "scenarios").glob("*.yaml")):
        scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += strings_of(scenario)
        found += (initials(p["name"]) for p in scenario.get("personas", {}).values())
    found += strings_of(yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8")))
    return [" ".join(text.split()) for text in found]


def is_data(chunk: str, data: list[str]) -> bool:
    """Text from the course: a piece of one of its strings (an excerpt may end in "…").
    A piece that starts or ends with a letter must start or end a word there."""
    text = " ".join(chunk.split())
    if text.endswith("…"):
        text = text[:-1].rstrip()
    before = r"(?<![A-Za-z])" if LETTER.match(text[:1]) else ""
    after = r"(?![A-Za-z])" if LETTER.match(text[-1:]) else ""
    pattern = re.compile(before + re.escape(text) + after)
    return any(pattern.search(item) for item in data)


def english_left(texts: list[str], data: list[str]) -> list[str]:
    """The runs of text, outside pseudo-translated strings, that hold letters and are not
    the course's own. `texts` are one element's text nodes in order: a pseudo-translated
    string may span several (a link inside a sentence), so they are joined first."""
    remaining = strip_pseudo(BREAK.join(texts))
    chunks = (" ".join(chunk.split()) for chunk in remaining.split(BREAK))
    return [c for c in chunks if LETTER.search(c) and not is_data(c, data)]


class VigilText(HTMLParser):
    """The text a learner can read (or hear) in Vigil's own elements of a page: text nodes
    and aria-labels inside every `.vigil` container, and the page <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.texts: list[str] = []
        self.stack: list[str] = []  # open elements inside a .vigil container
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "title":
            self.in_title = True
        if not self.stack and "vigil" not in classes:
            return
        if values.get("aria-label"):
            self.texts += [BREAK, values["aria-label"] or "", BREAK]
        if tag in VOID:
            return
        self.stack.append(tag)
        self.skipping += tag in SKIPPED

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag not in self.stack:
            return
        while self.stack:
            closed = self.stack.pop()
            self.skipping -= closed in SKIPPED
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif self.stack and not self.skipping:
            self.texts.append(data)


def page_english(html: str, data: list[str], site_name: str) -> list[str]:
    parser = VigilText()
    parser.feed(html)
    parser.close()
    title = "".join(parser.title).removesuffix(f" - {site_name}")
    return english_left([title], data) + english_left(parser.texts, data)


def test_the_check_flags_english_and_passes_pseudo_and_data() -> None:
    """The check can fail: a left-over English string in a small page is reported, while
    pseudo-translated text, course text and an excerpt of it pass."""
    data = ["Stunning launch! Anyone know which gyros they fly? Drift must be tiny."]
    html = (
        "<html><head><title>⟦Ŷöûŕ þŕöĝŕéšš⟧ - Site</title></head><body>"
        "<p>Outside Vigil's elements: not checked</p>"
        '<div class="vigil"><h2>⟦Ţĥé <a href="#">šîţûåţîöñ</a>⟧</h2>'
        "<p>Stunning launch!</p><p>Anyone know which gyros…</p>"
        '<button aria-label="Close">⟦Çåñçéĺ⟧</button>'
        "<p>Check answer</p><template>Not text</template><p>12,345 · 80%</p>"
        "<p>launch! Any</p></div></body></html>"
    )
    assert page_english(html, data, "Site") == ["Close", "Check answer", "launch! Any"]
    assert page_english("<title>Your progress - Site</title>", data, "Site") == ["Your progress"]


# --- the build --------------------------------------------------------------------------------


def build_pseudo(dest: Path, edit: str | None = None) -> Path:
    """Copy the sample course (optionally with other options) and build it in qps-ploc."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("content", "scenarios"):
        shutil.copytree(REPO / name, dest / name)
    config = sample_config()
    if edit is not None:
        assert "    pass_mark: 80\n" in config
        config = config.replace("    pass_mark: 80\n", edit)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_vigil(
        "build", "--strict", "--language", PSEUDO_LANGUAGE, "--site-dir", "site", cwd=dest
    )
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture(scope="module")
def pseudo_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pseudo(tmp_path_factory.mktemp("pseudo-sample"))


@pytest.fixture(scope="module")
def pseudo_variant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pseudo(tmp_path_factory.mktemp("pseudo-variant"), VARIANT_OPTIONS)


@pytest.mark.parametrize("course", ["pseudo_sample", "pseudo_variant"])
def test_no_english_ui_text_on_any_course_page(course: str, request: pytest.FixtureRequest) -> None:
    project: Path = request.getfixturevalue(course)
    data = course_data(project)
    site_name = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    pages = sorted((project / "site" / "course").rglob("*.html"))
    assert len(pages) > 20
    left = {}
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert OPEN in html, f"{path}: nothing pseudo-translated"
        found = page_english(html, data, site_name)
        if found:
            left[str(path.relative_to(project / "site"))] = found
    assert left == {}, f"English UI text left in {PSEUDO_LANGUAGE}: {left}"


# --- the quiz engine's text, in a browser -----------------------------------------------------

ENGINE_TEXT = (
    ".vigil-result, .vigil-verdict, .vigil-fb-verdict, .vigil-reveal-status, .vigil-status,"
    " .vigil-reset-status, .vigil-a-announce, .vigil-a-score, .vigil-a-next, .vigil-a-blocked,"
    " #vigil-a-confirm-text, .vigil-cert-todo, .vigil-q legend"
)


def engine_english(page: Page, data: list[str]) -> tuple[list[str], int]:
    """English in the visible text the engine fills, and how many such texts are shown."""
    texts = [t for t in page.locator(ENGINE_TEXT).filter(visible=True).all_inner_texts() if t]
    left = [found for text in texts for found in english_left([text], data)]
    return left, len(texts)


@pytest.mark.browser
def test_quiz_engine_text_is_pseudo_translated(
    page: Page, pseudo_sample: Path, pseudo_variant: Path
) -> None:
    data = course_data(pseudo_sample)
    with serve_folder(pseudo_sample / "site") as url:
        page.goto(url + SCENARIO)
        forms = page.locator("form.vigil-q")
        forms.first.locator(".vigil-check").click()  # nothing chosen yet
        left, _ = engine_english(page, data)
        assert forms.first.locator(".vigil-result").inner_text()
        assert left == []
        for i in range(forms.count()):
            form = forms.nth(i)
            # The last option of each: some right, some wrong, so both verdicts show.
            page.locator(choice(form.get_attribute("id") or "")).last.check()
            form.locator(".vigil-check").click()
        assert page.locator(".vigil-scenario.is-revealed").count() == 1
        left, shown = engine_english(page, data)
        assert shown > forms.count()
        assert left == []
        for target in ("course/index.html", "course/certificate.html", "course/progress.html"):
            page.goto(url + target)
            left, shown = engine_english(page, data)
            assert shown, target
            assert left == [], target
        page.locator(".vigil-reset").click()
        page.locator(".vigil-reset-yes").click()
        left, shown = engine_english(page, data)
        assert page.locator(".vigil-reset-status").inner_text()
        assert left == []
    with serve_folder(pseudo_variant / "site") as url:
        page.goto(url + "course/assessment.html")
        page.locator(".vigil-a-start").click()
        page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
        # The draw is random: the first question with options (a report has a text box).
        first = page.locator("form.vigil-q[data-vigil-key]:visible:has(input)").first
        first.locator("input").first.check()
        first.locator(".vigil-check").click()  # exam_mode off: feedback per question
        left, shown = engine_english(page, data)
        assert shown > 2
        assert left == []
        page.locator(".vigil-a-submit").click()
        left, _ = engine_english(page, data)  # the confirmation: questions without answers
        assert page.locator("#vigil-a-confirm-text").inner_text()
        assert left == []
        page.locator(".vigil-a-confirm-yes").click()
        left, shown = engine_english(page, data)
        assert page.locator(".vigil-a-score").inner_text()
        assert left == []
        page.goto(url + "course/index.html")
        status = page.locator("[data-vigil-assessment-status]").inner_text()
        assert status.count(OPEN) >= 2, status  # best score and attempts left, joined
        assert english_left([status], data) == []
