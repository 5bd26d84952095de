"""The one pipeline: (project, language, target) → pages, nav, assets, banks, problems.

`vigil build`, `vigil serve`, the MkDocs plugin and exports all come through here; it is
the only caller of the check, render and staging steps, and it never imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vigil.browser.bundle import engine_script, engine_style
from vigil.check.project import CheckResult, check_project
from vigil.course import Course
from vigil.i18n.catalog import translator
from vigil.problems import Problem
from vigil.questions.registry import kind_scripts
from vigil.render.links import ASSET_FOLDER
from vigil.render.pages import NavItem, render_course
from vigil.staging import sync
from vigil.targets.base import Target

# Generated files are staged here, inside the project, never in content/.
STAGING = Path(".vigil-cache") / "pages"


@dataclass(frozen=True)
class Output:
    """What a target's build needs. Without a course (errors) there is nothing to build."""

    course: Course | None
    problems: list[Problem]
    pages: dict[str, str] = field(default_factory=dict)
    nav: list[NavItem] = field(default_factory=list)
    # Loaded by every page: the quiz engine (with the target's storage) and its styles.
    assets: dict[str, bytes] = field(default_factory=dict)
    # Published but loaded on demand: the final assessment's question banks.
    banks: dict[str, bytes] = field(default_factory=dict)

    def files(self) -> dict[str, bytes]:
        """Every generated file by site path, as it is staged."""
        pages = {uri: text.encode() for uri, text in self.pages.items()}
        return {**pages, **self.assets, **self.banks}


def check(project: Path, paths: list[Path] | None = None) -> CheckResult:
    """The check step alone: every problem of the project (or of the given files)."""
    return check_project(project, paths)


def assets(target: Target) -> dict[str, bytes]:
    """The engine and its styles as the target ships them, by site path."""
    return {
        f"{ASSET_FOLDER}/quiz.js": engine_script(target.storage, kind_scripts()),
        f"{ASSET_FOLDER}/quiz.css": engine_style(),
    }


def run(
    project: Path,
    *,
    language: str,
    target: Target,
    directory_urls: bool,
    staging: Path | None = None,
) -> Output:
    """Check, render for the target and language, and (given a folder) stage the files."""
    checked = check(project)
    if checked.course is None:
        return Output(None, checked.problems)
    rendered = render_course(checked.course, translator(language), directory_urls=directory_urls)
    output = Output(
        checked.course,
        checked.problems,
        pages=rendered.pages,
        nav=rendered.nav,
        assets=assets(target),
        banks=rendered.banks,
    )
    if staging is not None:
        sync(staging, output.files())
    return output
