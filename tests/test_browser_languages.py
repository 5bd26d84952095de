"""The course in two languages, in Debian's chromium: the root page, the switcher, progress
kept across languages, Chinese search, accessibility and the keyboard on the zh site.

The course is tests/bilingual until the sample course itself is translated (its mkdocs.yml
lists zh-Hans and translations/zh-Hans.po exists); then these tests run on the sample.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, Page, Route, expect

from conftest import REPO, build_course, serve_folder
from test_browser_assessment import COMPLETE_SCENARIOS, page_data
from test_browser_learner import answer_key, complete_by_keyboard, errors_of

pytestmark = pytest.mark.browser

BILINGUAL = Path(__file__).parent / "bilingual"
ZH = "zh-Hans"
SERIOUS = {"serious", "critical"}


def _sample_is_translated() -> bool:
    config = yaml.safe_load(
        re.sub(r"!!python\S*", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    )
    languages = ((config.get("extra") or {}).get("vigil") or {}).get("languages") or []
    return ZH in languages and (REPO / "translations" / f"{ZH}.po").is_file()


SOURCE = REPO if _sample_is_translated() else BILINGUAL
SCENARIO = (
    "course/friendly-questioning/gyro-question.html"
    if SOURCE == REPO
    else "course/friendly-questioning/minimal.html"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_course(SOURCE, tmp_path_factory.mktemp("two-languages"), every_language=True)


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    with serve_folder(site) as served:
        yield served


def in_locale(browser: Browser, locale: str, **options: bool) -> Page:
    return browser.new_context(locale=locale, **options).new_page()  # type: ignore[arg-type]


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element of `selector` has the focus (found by Playwright's own
    selector engine, so this works on a page whose scripts are off too)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.locator(f"{selector}:focus").count():
            return
    raise AssertionError(f"the keyboard never reached {selector}")


@pytest.mark.parametrize(
    ("locale", "landing"), [("zh-CN", ZH), ("en-GB", "en"), ("fr-FR", "en"), ("zh-TW", ZH)]
)
def test_the_root_page_sends_the_browser_to_its_language(
    browser: Browser, url: str, site: Path, locale: str, landing: str
) -> None:
    for root in (url, site.as_uri() + "/"):  # served, and opened from the folder
        page = in_locale(browser, locale)
        page.goto(root + "index.html")
        page.wait_for_url(re.compile(re.escape(f"{root}{landing}/index.html")))
        page.context.close()


def test_the_root_page_lists_every_language_without_script(browser: Browser, url: str) -> None:
    page = in_locale(browser, "zh-CN", java_script_enabled=False)
    page.goto(url + "index.html")
    links = page.locator("nav a[hreflang]")
    expect(links).to_have_count(2)
    assert links.nth(1).get_attribute("lang") == ZH
    assert "中文" in links.nth(1).inner_text()
    tab_to(page, f"a[hreflang='{ZH}']")
    page.keyboard.press("Enter")
    page.wait_for_url(url + f"{ZH}/index.html")
    page.context.close()


def test_the_root_page_passes_axe(page: Page, url: str) -> None:
    """As a reader without script sees it (axe itself needs script: the page's own is
    taken out instead)."""

    def without_script(route: Route) -> None:
        html = route.fetch().text()
        route.fulfill(
            body=re.sub(r"<script>.*?</script>", "", html, flags=re.S),
            content_type="text/html; charset=utf-8",
        )

    page.route(url + "index.html", without_script)
    page.goto(url + "index.html")
    expect(page.locator("nav a[hreflang]")).to_have_count(2)
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert serious == [], results.generate_report()


def test_the_switcher_keeps_the_page_and_the_progress(page: Page, url: str) -> None:
    errors = errors_of(page)
    page.goto(url + "en/" + SCENARIO)
    key = answer_key(page)
    complete_by_keyboard(page, key)
    button = page.locator(".md-header__option .md-select > button")
    assert button.get_attribute("aria-label"), "the switcher is labelled"
    tab_to(page, ".md-header__option .md-select > button")
    tab_to(page, f"a.md-select__link[hreflang='{ZH}']", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_url(url + f"{ZH}/" + SCENARIO)
    page.wait_for_selector(".vigil[data-vigil-ready]", state="attached")
    answered = page.locator("form.vigil-q[data-vigil-answered]")
    expect(answered).to_have_count(len(key))
    assert page.locator(".vigil-scenario.is-revealed").count() == 1
    assert page.locator(f"a.md-select__link[hreflang='{ZH}']").get_attribute("aria-current")
    assert errors == []


def _chinese_term(site: Path) -> str:
    """The Chinese word (as jieba cut it) most often found in the zh site's search index."""
    raw = (site / ZH / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("{") : raw.rindex("}") + 1])
    words = Counter(
        w
        for doc in index["docs"]
        for w in re.findall(r"(?<=\u200b)[\u4e00-\u9fff]{2,}(?=\u200b)", doc["text"])
    )
    assert words, "the zh index holds Chinese words cut apart"
    return "陀螺仪" if SOURCE == BILINGUAL else words.most_common(1)[0][0]


def test_a_chinese_search_term_is_found_offline(page: Page, site: Path) -> None:
    term = _chinese_term(site)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    root = site.as_uri() + "/"
    page.goto(root + f"{ZH}/index.html")
    page.keyboard.press("/")  # Material's search shortcut
    expect(page.locator(".md-search__input")).to_be_focused()
    # The index is built in a worker: until then the results say "initialising".
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile("初始化"), timeout=60000)
    # Typed Chinese arrives as inserted text (as from an input method), and Material
    # searches on a key going up: the key that ends the input sends one.
    page.keyboard.type(term)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    assert term in page.locator(".md-search-result").inner_text()
    assert [u for u in requests if not u.startswith(root)] == []


@pytest.mark.parametrize("where", ["index.html", SCENARIO, "course/index.html"])
def test_no_serious_axe_violation_on_zh_pages(page: Page, url: str, where: str) -> None:
    page.goto(url + f"{ZH}/" + where)
    page.wait_for_selector("html[lang=zh]", state="attached")
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert serious == [], results.generate_report()


def test_a_scenario_completed_by_keyboard_on_the_zh_site(page: Page, url: str) -> None:
    errors = errors_of(page)
    page.goto(url + f"{ZH}/" + SCENARIO)
    complete_by_keyboard(page, answer_key(page))
    assert page.locator(".vigil-scenario.is-revealed").count() == 1
    assert page.locator(".vigil-takeaways").is_visible()
    assert errors == []


def test_the_certificate_writes_its_date_in_the_page_language(page: Page, url: str) -> None:
    page.goto(url + f"{ZH}/course/certificate.html")
    data = page_data(page)
    page.evaluate(COMPLETE_SCENARIOS, data)
    attempt = {"seed": 1, "t": 1, "date": "2026-11-28", "score": 88, "passed": True}
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
        [f"vigil:v1:{data['course']}:@assessment", {"v": 1, "attempts": [attempt]}],
    )
    page.reload()
    page.fill("#vigil-cert-name", "李华")
    page.press("#vigil-cert-name", "Enter")
    expect(page.locator("[data-vigil-cert=date]")).to_have_text("2026年11月28日")
    expect(page.locator("[data-vigil-cert=score]")).to_contain_text("88")


# Material's own words a reader meets on every page, in English.
MATERIAL_ENGLISH = (
    "Skip to content",
    "Back to top",
    "Type to start searching",
    "Initializing search",
    "Table of contents",
    "Made with",
)
SHOWN_TEXT = """() => [document.body.innerText].concat(
  Array.from(document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
    .flatMap(e => ['aria-label', 'title', 'placeholder', 'alt'].map(a => e.getAttribute(a)))
    .filter(Boolean)).join('\\n')"""


def english_ui_fragments() -> set[str]:
    """Every piece of Vigil's catalog a reader could recognise as English: the literal parts
    of each message (placeholders and markup cut out) of two words or more."""
    with (REPO / "src/vigil/i18n/locale/vigil.pot").open("rb") as template:
        catalog = read_po(template)
    found = set()
    for message in catalog:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            for part in re.split(r"%\(\w+\)s|\{\w+\}|<[^>]+>|%%", text or ""):
                part = part.strip(" .,:;!?()“”\"'")
                if " " in part and re.search(r"[A-Za-z]{3}", part):
                    found.add(part)
    return found


def test_no_english_ui_string_on_a_zh_page(page: Page, url: str) -> None:
    """Every kind of page of the zh site, as a learner sees it after using it: the reader
    meets Chinese only (the content's own names and codes aside)."""
    fragments = english_ui_fragments()
    page.goto(url + "en/" + SCENARIO)
    english_page = page.evaluate(SHOWN_TEXT)
    assert [f for f in fragments if f in english_page], "the check finds English where it is"
    zh = url + f"{ZH}/"
    shown: dict[str, str] = {}
    page.goto(zh + SCENARIO)
    complete_by_keyboard(page, answer_key(page))
    shown[SCENARIO] = page.evaluate(SHOWN_TEXT)
    page.goto(zh + "course/assessment.html")
    page.locator(".vigil-a-start").click()
    page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")
    page.click(".vigil-a-submit")
    if page.locator(".vigil-a-confirm").is_visible():
        page.click(".vigil-a-confirm-yes")
    page.wait_for_selector(".vigil-a-score:visible")
    shown["assessment"] = page.evaluate(SHOWN_TEXT)
    for where in (
        "index.html",
        "course/index.html",
        "course/progress.html",
        "course/notebook.html",
        "course/certificate.html",
        "glossary.html",
    ):
        page.goto(zh + where)
        page.wait_for_selector("html[lang=zh]", state="attached")
        shown[where] = page.evaluate(SHOWN_TEXT)
    english = {
        where: sorted(f for f in (*fragments, *MATERIAL_ENGLISH) if f in text)
        for where, text in shown.items()
    }
    assert {where: found for where, found in english.items() if found} == {}
