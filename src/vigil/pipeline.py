"""The one pipeline: (project, language, target) → pages, nav, assets, banks, problems.

`vigil build`, `vigil serve`, the MkDocs plugin and exports all come through here; it is
the only caller of the check, render and staging steps, and it never imports MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vigil.check.project import CheckResult, check_project, load_options
from vigil.course import Course
from vigil.format.loader import Loc
from vigil.i18n.catalog import SOURCE_LANGUAGE
from vigil.i18n.scenario_text import Translation
from vigil.problems import Problem
from vigil.staging import sync
from vigil.targets.base import Target

if TYPE_CHECKING:
    from vigil.render.pages import NavItem

# Generated files are staged here, inside the project, never in content/ (see `staging`).
STAGING = Path(".vigil-cache") / "pages"
# Where the staging cache goes instead, e.g. when the project folder is read-only.
CACHE_ENV = "VIGIL_CACHE_DIR"


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def _user_cache() -> Path:
    """$XDG_CACHE_HOME/vigil, else ~/.cache/vigil, else a per-user temporary folder."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "vigil"
    try:
        return Path.home() / ".cache" / "vigil"
    except RuntimeError:  # no home directory
        return Path(tempfile.gettempdir()) / f"vigil-{os.getuid()}"


def staging(project: Path, language: str = SOURCE_LANGUAGE) -> Path:
    """The folder generated files are staged in for this project and language.

    `$VIGIL_CACHE_DIR/<project key>/pages` when that variable is set; otherwise
    `.vigil-cache/pages` in the project, or, when the project folder is not writable (a
    read-only checkout), the per-user cache: `$XDG_CACHE_HOME/vigil/<project key>/pages`.
    The key is a digest of the project's absolute path, so projects never share a folder.
    Another language than the source stages beside it, in `pages-<language>`: languages
    build at the same time, each into its own folder.
    """
    key = hashlib.sha256(str(project.resolve()).encode()).hexdigest()[:16]
    name = STAGING.name if language == SOURCE_LANGUAGE else f"{STAGING.name}-{language}"
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).resolve() / key / name
    local = project / STAGING.with_name(name)
    if _writable(local):
        return local
    return _user_cache() / key / name


@dataclass(frozen=True)
class Output:
    """What a target's build needs. Without a course (errors) there is nothing to build."""

    course: Course | None
    problems: list[Problem]
    pages: dict[str, str] = field(default_factory=dict)
    nav: list[NavItem] = field(default_factory=list)
    # Loaded by every page: the quiz engine (with the target's storage) and its styles.
    assets: dict[str, bytes] = field(default_factory=dict)
    # Published but loaded on demand: the final assessment's question banks and the
    # notebook's files.
    banks: dict[str, bytes] = field(default_factory=dict)
    # Published and loaded by the pages that use it: each question kind's script.
    code: dict[str, bytes] = field(default_factory=dict)
    # mkdocs.yml's nav titles and theme toggle labels in the build's language, by location
    # (`scenario_text`).
    config_titles: dict[Loc, str] = field(default_factory=dict)

    def files(self) -> dict[str, bytes]:
        """Every generated file by site path, as it is staged."""
        pages = {uri: text.encode() for uri, text in self.pages.items()}
        return {**pages, **self.assets, **self.banks, **self.code}


def check(
    project: Path, paths: list[Path] | None = None, language: str | None = None
) -> CheckResult:
    """The check step alone: every problem of the project (or of the given files), with
    those of its translations when the whole project is checked (of one `language`'s
    only, when given: what a build in that language needs)."""
    if paths is not None:
        return check_project(project, paths)
    config = load_options(project)
    if config.options is not None and len(config.options.languages) > 1:
        from vigil.check.translations import read_translations_ahead

        # A large PO file is read while the scenarios are checked.
        written = config.options.languages[1:]
        read_translations_ahead(project, written if language is None else [language])
    result = check_project(project)
    if result.course is None or len(result.course.options.languages) < 2:
        return result
    from vigil.check.translations import check_translations

    found = check_translations(project, result.course, config.doc, only=language)
    problems = [*result.problems, *found]
    return CheckResult(None if any(p.is_error for p in problems) else result.course, problems)


def in_language(project: Path, course: Course, language: str) -> Translation:
    """The checked course in one of its languages: its text from translations/<language>.po,
    the source text (marked) where that lacks it, and mkdocs.yml's nav titles. The source
    language, or a language the course does not list, gives the course as it is."""
    from vigil.check.translations import translation

    if language not in course.options.languages[1:]:
        return Translation(course, [])
    config = load_options(project).doc
    return translation(project, course, config.data if config else {}, language)


def assets(target: Target) -> dict[str, bytes]:
    """The engine and its styles as the target ships them, by site path."""
    # Imported here: `vigil check` needs no rendering, and starts faster without it.
    from vigil.browser.bundle import engine_script, engine_style
    from vigil.questions.registry import kind_styles
    from vigil.render.links import ASSET_FOLDER

    return _shipped(
        {
            f"{ASSET_FOLDER}/quiz.js": engine_script(target.storage),
            f"{ASSET_FOLDER}/quiz.css": engine_style(kind_styles()),
        }
    )


def _shipped(files: dict[str, bytes]) -> dict[str, bytes]:
    from vigil.browser.bundle import shipped

    return {path: shipped(path, data) for path, data in files.items()}


def code(target: Target) -> dict[str, bytes]:
    """Each question kind's script and each page's own code, by site path: only the pages
    that use them load them."""
    from vigil.browser.bundle import PAGE_SCRIPTS, code_script, page_script
    from vigil.questions.registry import kind_scripts
    from vigil.render.links import code_uri, kind_code, page_code

    sources = [(kind_code(kind), source) for kind, source in kind_scripts()]
    sources += [(page_code(page), page_script(page)) for page in PAGE_SCRIPTS]
    return _shipped(
        {code_uri(name): code_script(name, source, target.storage) for name, source in sources}
    )


def run(
    project: Path,
    *,
    language: str,
    target: Target,
    directory_urls: bool,
    staging: Path | None = None,
) -> Output:
    """Check, render for the target and language, and (given a folder) stage the files."""
    from vigil.i18n.catalog import translator  # see `assets`: only builds render
    from vigil.render.pages import render_course

    checked = check(project, language=language)
    if checked.course is None:
        return Output(None, checked.problems)
    translated = in_language(project, checked.course, language)
    course = translated.course
    rendered = render_course(course, translator(language), directory_urls=directory_urls)
    output = Output(
        course,
        checked.problems,
        pages=rendered.pages,
        nav=rendered.nav,
        assets=assets(target),
        banks={**rendered.banks, **rendered.notebooks},
        code=code(target),
        config_titles=translated.nav,
    )
    if staging is not None:
        sync(staging, output.files())
    return output
