"""The built sample course in a real browser: no outside requests, no serious a11y issues."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from conftest import choice

pytestmark = pytest.mark.browser


def html_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"
    )


def test_every_page_stays_inside_the_site(page: Page, sample_site: Path, sample_url: str) -> None:
    outside: list[str] = []
    local = urlparse(sample_url).netloc
    page.on(
        "request",
        lambda req: (
            outside.append(req.url)
            if urlparse(req.url).scheme not in ("data", "blob", "about")
            and urlparse(req.url).netloc != local
            else None
        ),
    )
    pages = html_pages(sample_site)
    assert len(pages) > 20
    for uri in pages:
        page.goto(sample_url + uri, wait_until="networkidle")
    assert outside == []


# How AFTER brings the assessment and the certificate to their finished state.
PREPARE = {
    "assessment": """() => {
        document.querySelector('.vigil-a-start').click();
        document.querySelector('.vigil-a-submit').click();
        document.querySelector('.vigil-a-confirm-yes').click();
        document.querySelectorAll('.vigil-a-item:not([hidden]) details')
            .forEach(d => { d.open = true; });
    }""",
    "certificate": """() => {
        const d = JSON.parse(document.querySelector('template.vigil-data').content.textContent);
        const put = (k, v) => localStorage.setItem(`vigil:v1:${d.course}:${k}`, JSON.stringify(v));
        for (const m of d.modules) for (const s of m.scenarios) for (const q of s.questions)
            put(`${s.id}:${q}`, {v: 1, answer: ['x'], correct: true, t: 1});
        put('@assessment', {v: 1, current: null, attempts:
            [{seed: 1, t: 1, date: '2025-01-02', score: 90, correct: 9, total: 10, passed: true}]});
        put('@certificate', {v: 1, name: 'Ada Lovelace'});
    }""",
}


# Every page is checked as first opened (nothing stored), then the pages whose look depends on
# progress again: the assessment with a submitted attempt (questions, review, feedback shown),
# the certificate once earned (the certificate itself shown), home and progress when done.
AFTER = ("course/assessment.html", "course/certificate.html", "index.html", "course/progress.html")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations_on_any_page(
    browser: Browser, sample_site: Path, sample_url: str, scheme: Literal["light", "dark"]
) -> None:
    """The course's palettes follow the system setting: light and dark are both checked,
    on every page, 404.html included."""
    pages = [*html_pages(sample_site), "404.html"]
    assert len(pages) > 20
    axe = Axe()
    serious: dict[str, str] = {}
    context = browser.new_context(color_scheme=scheme)  # one context: storage carries over
    try:
        page = context.new_page()
        for uri, after in [*((u, False) for u in pages), *((u, True) for u in AFTER)]:
            page.goto(sample_url + uri)
            which = uri.removeprefix("course/").removesuffix(".html")
            if after and which in PREPARE:
                page.evaluate(PREPARE[which])
                if which == "certificate":
                    page.reload()  # it reads the stored progress on load
                assert page.locator(".vigil-a-score, .vigil-cert").first.is_visible(), uri
            results = axe.run(page)
            found = [
                f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:5]]}"
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            if found:
                serious[f"{uri}{' (with progress)' if after else ''}"] = "\n  ".join(found)
    finally:
        context.close()
    assert serious == {}, f"{scheme}:\n" + "\n".join(f"{k}:\n  {v}" for k, v in serious.items())


def test_scenario_pages_stay_small(sample_site: Path) -> None:
    """navigation.prune keeps every page's nav short, so pages don't grow with the course."""
    sizes = {
        uri: (sample_site / uri).stat().st_size
        for uri in html_pages(sample_site)
        if uri.startswith("course/")
        and not uri.endswith(("index.html", "progress.html", "assessment.html", "certificate.html"))
    }
    assert len(sizes) >= 14
    assert max(sizes.values()) < 60 * 1024, max(sizes.items(), key=lambda kv: kv[1])


def test_works_from_the_file_system(page: Page, sample_site: Path) -> None:
    """Opened from a folder or USB stick: the quiz runs and offline search finds pages."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((sample_site / "course" / "friendly-questioning" / "gyro-question.html").as_uri())
    assert page.locator(".vigil[data-vigil-ready]").count() == 1
    form = page.locator("form.vigil-q").first
    page.locator(choice(form.get_attribute("id") or "")).first.check()
    form.locator(".vigil-check").click()
    assert form.locator(".vigil-result").inner_text() in ("Correct.", "Not quite.")
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("gyroscope")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() > 0
    assert errors == []
