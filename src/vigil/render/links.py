"""Where every generated file lives, and links between them for the build's URL style.

Page bodies are raw-HTML blocks (MkDocs leaves them alone), so links between generated
pages are computed here, relative, so they work over http(s), from file:// and in an LMS.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeAlias

from vigil.course import Course
from vigil.format.scenario import Scenario
from vigil.format.taxonomy import Term
from vigil.questions.base import Question
from vigil.render.contract import CodeData

Linker: TypeAlias = Callable[[str], str]

HOME_URI = "course/index.md"
ASSESSMENT_URI = "course/assessment.md"
CERTIFICATE_URI = "course/certificate.md"
PROGRESS_URI = "course/progress.md"
NOTEBOOK_URI = "course/notebook.md"
# The names the course folder's own pages take: an id equal to one would give two pages one
# address (a scenario `index` is its module's page; a tactic `assessment` has the URL
# course/assessment/), so the checker reserves them for tactic and scenario ids alike.
RESERVED = frozenset(
    posixpath.basename(uri).removesuffix(".md")
    for uri in (HOME_URI, ASSESSMENT_URI, CERTIFICATE_URI, PROGRESS_URI, NOTEBOOK_URI)
)
ASSET_FOLDER = "assets/vigil"
BANK_FOLDER = f"{ASSET_FOLDER}/bank"
CODE_FOLDER = f"{ASSET_FOLDER}/code"
CODE_SLOT = "{name}"  # code_url names each file by it (code.js)
NOTEBOOK_FOLDER = f"{ASSET_FOLDER}/notebook"


def module_uri(tactic: Term) -> str:
    return f"course/{tactic.id}/index.md"


def scenario_uri(course: Course, scenario: Scenario) -> str:
    return f"course/{course.module_of(scenario)}/{scenario.id}.md"


def code_uri(name: str) -> str:
    """Where code loaded on demand (a question kind's script) is published."""
    return f"{CODE_FOLDER}/{name}.js"


def kind_code(kind: str) -> str:
    """The name a kind's script goes by among the code pages load on demand."""
    return f"kind-{kind}"


def page_code(page: str) -> str:
    """The name a page's own code (bundle.PAGE_SCRIPTS) goes by among the code loaded on
    demand."""
    return f"page-{page}"


def code_data(
    kinds: Iterable[str], from_uri: str, directory_urls: bool, page: str | None = None
) -> CodeData:
    """What a page hands the engine so it loads the scripts of the kinds it shows (and,
    for a page with code of its own, that code)."""
    names = {kind_code(kind) for kind in kinds} | ({page_code(page)} if page else set())
    return {
        "code": sorted(names),
        "code_url": relative_path(from_uri, code_uri(CODE_SLOT), directory_urls),
    }


def bank_uri(scenario_id: str) -> str:
    """Where a scenario's question bank is published; the only place the path is built."""
    return f"{BANK_FOLDER}/{scenario_id}.js"


def notebook_uri(scenario_id: str) -> str:
    """Where a scenario's notebook file (its leaks, for the course notebook) is published."""
    return f"{NOTEBOOK_FOLDER}/{scenario_id}.js"


def bank_key(scenario: Scenario, question: Question) -> str:
    """A question's id across the course; `_` never occurs in ids, so keys cannot collide."""
    return f"{scenario.id}_{question.id}"


def page_url(uri: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page source, relative to the site root."""
    stem = uri.removesuffix(".md")
    if posixpath.basename(stem) == "index":
        return stem[: -len("index")] if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def _page_folder(uri: str, directory_urls: bool) -> str:
    """The folder the browser resolves a page's relative links against."""
    source = page_url(uri, directory_urls)
    return (source.rstrip("/") if source.endswith("/") else posixpath.dirname(source)) or "."


@lru_cache(maxsize=65536)  # the same links recur on every render of a live preview
def relative_url(from_uri: str, to_uri: str, directory_urls: bool) -> str:
    """A link from one page to another."""
    target = page_url(to_uri, directory_urls)
    rel = posixpath.relpath(target.rstrip("/") or ".", _page_folder(from_uri, directory_urls))
    return f"{rel}/" if target.endswith("/") else rel


def relative_path(from_uri: str, path: str, directory_urls: bool) -> str:
    """A file or folder of the site (not a page) as the page at `from_uri` reaches it."""
    return posixpath.relpath(path, _page_folder(from_uri, directory_urls))


def linker(from_uri: str, directory_urls: bool) -> Linker:
    return lambda to_uri: relative_url(from_uri, to_uri, directory_urls)
