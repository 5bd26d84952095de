"""The thin MkDocs adapter: plain `mkdocs build` and `mkdocs serve` run the Vigil pipeline.

It checks the course (problems are logged as `path:line:col`), renders it, stages the
generated pages and assets, and adds them to the site. Lazy assets (the assessment's
question banks) are published but not loaded by every page. Everything else lives in the core,
which never imports MkDocs.
"""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from vigil.check.project import CheckResult, check_project
from vigil.course import Course
from vigil.engine.theme_fixes import label_search_dialog
from vigil.render.pages import HOME_URI, render_course
from vigil.render.placeholders import fill
from vigil.staging import sync

log = get_plugin_logger(__name__)

STAGING = Path(".vigil-cache") / "pages"
# Material's offline plugin would fetch this shim from a CDN unless a local copy is listed.
WORKER_SHIM = "assets/vigil/vendor/iframe-worker-shim.js"


def _place_course(nav: list[Any], course_nav: list[Any]) -> list[Any]:
    """Put the generated section where the author's nav names course/index.md, else last.

    The author's label (`- Course: course/index.md`) names the section.
    """
    for i, item in enumerate(nav):
        label, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if target == HOME_URI:
            section = course_nav
            if label is not None:
                section = [{label: children} for entry in course_nav for children in entry.values()]
            return [*nav[:i], *section, *nav[i + 1 :]]
    return [*nav, *course_nav]


class VigilConfig(base.Config):
    """The plugin has no options of its own: course options live in `extra.vigil`."""


class VigilPlugin(BasePlugin[VigilConfig]):
    def __init__(self) -> None:
        self.checked: CheckResult | None = None
        self.course: Course | None = None
        self.assets: dict[str, bytes] = {}
        self.bodies: dict[str, str] = {}
        self.staged: dict[str, bytes] = {}
        self.root = Path()

    def use(self, result: CheckResult) -> None:
        """`vigil build` has already checked the course; don't do it twice."""
        self.checked = result

    @event_priority(50)  # before Material's offline plugin adds its CDN polyfill
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        result = self.checked or check_project(self.root)
        self.checked = None  # `mkdocs serve` must re-check on every rebuild
        for problem in sorted(result.problems):
            (log.error if problem.is_error else log.warning)(problem.text())
        if result.course is None:
            errors = sum(p.is_error for p in result.problems)
            raise PluginError(f"the course has {errors} error(s); see above")
        self.course = result.course
        rendered = render_course(result.course, use_directory_urls=config.use_directory_urls)
        self.assets = dict(rendered.assets)
        config.extra_css.extend(a for a in self.assets if a.endswith(".css"))
        config.extra_javascript.extend(a for a in self.assets if a.endswith(".js"))
        if any(name.endswith("offline") for name in config.plugins):
            shim = package_files("vigil.engine").joinpath("vendor/iframe-worker-shim.js")
            self.assets[WORKER_SHIM] = shim.read_bytes()
            config.extra.setdefault("polyfills", []).append(WORKER_SHIM)
        self.staged = {**rendered.files(), **self.assets}
        sync(self.root / STAGING, self.staged)
        if config.nav is not None:
            config.nav = _place_course(config.nav, rendered.nav)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        staging = self.root / STAGING
        for uri in self.staged:
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"{config.docs_dir}/{uri} clashes with a generated page")
            files.append(File.generated(config, uri, abs_src_path=str(staging / uri)))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.course is not None
        if page.file.generated_by is not None:
            # A generated page is one block of finished HTML. Python-Markdown's HTML parser
            # would only copy it, at the cost of most of the build: skip it entirely and put
            # the HTML back in on_page_content.
            self.bodies[page.file.src_uri] = markdown
            return ""
        filled, unknown = fill(markdown, self.course.options)
        for name in unknown:
            log.warning(f"{page.file.src_uri}: unknown placeholder vigil.{name}")
        return filled

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        body = self.bodies.pop(page.file.src_uri, None)
        return html if body is None else body.strip()

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return label_search_dialog(output)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        assert self.course is not None
        server.watch(str(self.root / self.course.options.scenarios))
        return server
