"""The offline bundle, unzipped and opened from file:// as from a USB stick: pages, search,
progress, the assessment and the certificate, with no request outside the folder."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from test_browser_assessment import COMPLETE_SCENARIOS, page_data
from test_browser_scorm import SCENARIO, answer_scenario, course_copy, export, take_assessment

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("offline")
    folder = root / "usb-stick"
    with zipfile.ZipFile(export(course_copy(root), "zip", root / "course.zip")) as archive:
        assert "index.html" in archive.namelist(), "the site sits at the zip's root"
        archive.extractall(folder)
    return folder


def test_the_unzipped_bundle_works_from_the_file_system(page: Page, unzipped: Path) -> None:
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    site = unzipped.as_uri() + "/"

    page.goto(site + "index.html")
    expect(page.locator("h1").first).to_be_visible()
    page.goto(site + SCENARIO)
    page.wait_for_selector(".vigil[data-vigil-ready]", state="attached")
    answer_scenario(page)
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("gyroscope")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)

    page.goto(site + "course/progress.html")
    expect(page.locator("[data-vigil-status=gyro-question]")).to_contain_text("Done")
    page.evaluate(COMPLETE_SCENARIOS, page_data(page))
    page.goto(site + "course/assessment.html")
    take_assessment(page, site, right=True)
    expect(page.locator(".vigil-a-score")).to_contain_text("100%")

    page.goto(site + "course/certificate.html")
    page.fill("#vigil-cert-name", "Ada Lovelace")
    page.locator(".vigil-cert-form button[type=submit]").click()
    expect(page.locator(".vigil-cert [data-vigil-cert=name]")).to_have_text("Ada Lovelace")
    expect(page.locator(".vigil-cert [data-vigil-cert=code]")).to_have_text(
        re.compile(r"[0-9A-Z]{5}-[0-9A-Z]{5}")
    )
    outside = [u for u in requests if not u.startswith(site) and not u.startswith("data:")]
    assert outside == []
    assert errors == []
