"""Shared fixtures: a throwaway course project and a way to run the real CLI."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CORPUS = Path(__file__).parent / "corpus"
MINIMAL = CORPUS / "valid" / "minimal.yaml"


def inline_engine(kinds: list[tuple[str, str]], storage: str = "storage-local.js") -> bytes:
    """The engine followed by the scripts of `kinds` (name, source), as one script: what a
    page of those kinds loads, for harness pages that have no site around them."""
    from vigil.browser.bundle import code_script, engine_script
    from vigil.render.links import kind_code

    return engine_script(storage) + b"".join(
        code_script(kind_code(name), source, storage) for name, source in kinds
    )


def choice(qid: str, value: str | None = None) -> str:
    """A question's input (of `value`, or any), in its form or on the thread's comments,
    where pick-comments draws its boxes, tied to the form by their `form` attribute."""
    which = f"[value='{value}']" if value is not None else ""
    return f"#{qid} input{which}, input[form='{qid}']{which}"


def run_vigil(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, as users run it, so exit codes and stderr are real."""
    exe = Path(sys.executable).with_name("vigil")
    return subprocess.run(
        [str(exe), *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A course folder with mkdocs.yml and one valid scenario."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test course\nextra:\n  vigil:\n    id: test-course\n", encoding="utf-8"
    )
    (tmp_path / "scenarios").mkdir()
    shutil.copy(MINIMAL, tmp_path / "scenarios" / "minimal.yaml")
    return tmp_path


REPO = Path(__file__).parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    """Debian's chromium; a missing browser fails under VIGIL_REQUIRE_BROWSER=1, else skips."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = "Debian's chromium is not installed (apt-get install chromium)"
    if os.environ.get("VIGIL_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def sample_config() -> str:
    """The sample's mkdocs.yml as a one-language course: tests of the English site build it
    flat (build/), without translations; the two-language build has tests of its own."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    return re.sub(r"^ *languages: \[.*\]\n", "", text, count=1, flags=re.MULTILINE)


def build_course(source: Path, dest: Path, *options: str, every_language: bool = False) -> Path:
    """Copy a course project and build it with the real CLI (and `options`); returns the
    site folder. The sample builds as a course of one language unless `every_language`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("content", "scenarios", "translations"):
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name)
    one_language = source == REPO and not every_language
    config = sample_config() if one_language else (source / "mkdocs.yml").read_text("utf-8")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_vigil("build", "--strict", *options, "--site-dir", dest / "site", cwd=dest)
    assert result.returncode == 0, result.stderr
    return dest / "site"


def tiny_course(
    root: Path,
    *,
    title: str,
    course_id: str,
    scenarios: dict[str, str],
    options: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
) -> Path:
    """A course of one language and a few scenarios (name: YAML text) at `root`, with
    `options` under extra.vigil and `config` at the top of mkdocs.yml."""
    settings = {
        "site_name": title,
        "docs_dir": "content",
        "use_directory_urls": False,
        "theme": {"name": "material", "font": False},
        "plugins": ["search", "vigil"],
        **(config or {}),
        "extra": {"vigil": {"id": course_id, **(options or {})}},
    }
    text = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text(f"# {title}\n", encoding="utf-8")
    (root / "scenarios").mkdir()
    for name, scenario in scenarios.items():
        (root / "scenarios" / f"{name}.yaml").write_text(scenario, encoding="utf-8")
    return root


def built(root: Path) -> Path:
    """The course at `root` built in-process with --strict into root/site."""
    from vigil.engine.site import build_site
    from vigil.targets.web import SITE

    site = root / "site"
    build_site(root, site, scenarios=Path("scenarios"), target=SITE, languages=["en"], strict=True)
    return site


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a built site over HTTP on a free local port."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output readable."""


@contextlib.contextmanager
def serve_instant_variant(
    root: Path, edit: Callable[[str], str] = str, scenarios: Path = REPO / "scenarios"
) -> Iterator[str]:
    """The sample course with Material's instant navigation, built and served.

    Instant navigation needs site_url (hence the server first) and excludes the offline
    plugin. `edit` changes the course's mkdocs.yml text beforehand; `scenarios` may replace
    the sample's scenarios.
    """
    source = root / "source"
    source.mkdir()
    (source / "content").symlink_to(REPO / "content")
    (source / "scenarios").symlink_to(scenarios)
    text = edit(sample_config())
    text = text.replace(
        "    - navigation.prune", "    - navigation.instant\n    - navigation.prune"
    )
    text = text.replace("  - offline", "")
    dest = root / "copy"
    dest.mkdir()
    with serve_folder(dest / "site") as url:
        (source / "mkdocs.yml").write_text(f"site_url: {url}\n{text}", encoding="utf-8")
        build_course(source, dest)
        yield url


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample course, built once per test session."""
    return build_course(REPO, tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def sample_url(sample_site: Path) -> Iterator[str]:
    with serve_folder(sample_site) as url:
        yield url


# The kinds a scripted learner answers by ticking inputs. Tests of the assessment's own
# mechanics use the sample with only these (`ticked_site`); every other kind takes the
# assessment in its own tests.
TICKED_KINDS = {"single", "multiple", "action", "pick-comments", "risk"}


def ticked_only(source: Path) -> dict[str, bytes]:
    """The sample's scenarios with only the questions of TICKED_KINDS, by file name."""
    import yaml

    out = {}
    for path in sorted((source / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_bytes())
        data["questions"] = [q for q in data.get("questions", []) if q["type"] in TICKED_KINDS]
        out[path.name] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    return out


@pytest.fixture(scope="session")
def ticked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample course, its questions limited to TICKED_KINDS, built once per session."""
    source = tmp_path_factory.mktemp("ticked-source")
    (source / "mkdocs.yml").write_text(sample_config(), encoding="utf-8")
    shutil.copytree(REPO / "content", source / "content")
    (source / "scenarios").mkdir()
    for name, data in ticked_only(REPO).items():
        (source / "scenarios" / name).write_bytes(data)
    return build_course(source, tmp_path_factory.mktemp("ticked"))


@pytest.fixture(scope="session")
def ticked_url(ticked_site: Path) -> Iterator[str]:
    with serve_folder(ticked_site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (empty localStorage) per test."""
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def choose_focused_by_keyboard(page: Page, wanted: set[str]) -> None:
    """With an option focused, pick the wanted one using keys only (no clicks)."""
    kind = page.evaluate("document.activeElement.type || ''")
    if kind == "radio":
        for _ in range(12):  # arrows move the selection within a radio group
            if page.evaluate("document.activeElement.value") in wanted:
                break
            page.keyboard.press("ArrowDown")
        if not page.evaluate("document.activeElement.checked"):
            page.keyboard.press("Space")
    elif kind == "checkbox":
        value, checked = page.evaluate(
            "[document.activeElement.value, document.activeElement.checked]"
        )
        if (value in wanted) != checked:
            page.keyboard.press("Space")


# A tiny course: the sample's shape in a few lines (for build and deployment tests).
MKDOCS_YML = """\
site_name: Tiny course
docs_dir: content
site_dir: build
use_directory_urls: false
theme: {name: material, font: false}
plugins: [search, vigil]
markdown_extensions: [attr_list, md_in_html]
extra:
  vigil: {id: tiny, reporting_contact: the duty officer}
nav:
  - Home: index.md
  - Course: course/index.md
"""


@pytest.fixture
def course(project: Path) -> Path:
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (project / "content").mkdir()
    (project / "content" / "index.md").write_text(
        "# Welcome\n\nReport to {{ vigil.reporting_contact }}.\n", encoding="utf-8"
    )
    return project
