"""The MkDocs plugin: hooks only. Plain `mkdocs build` and `mkdocs serve` run the pipeline.

`on_config` asks the pipeline for the target's pages, nav and assets (problems are
logged as `path:line:col`); the other hooks put them into the site. Lazy assets (the
assessment's question banks) are published but not loaded by every page.
"""

from __future__ import annotations

import logging
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from vigil import pipeline
from vigil.engine.html_size import drop_indentation
from vigil.engine.search_input import without_excluded
from vigil.engine.search_segments import segment_each_text_once
from vigil.engine.theme_fixes import label_language_links, label_search_dialog
from vigil.i18n.catalog import SOURCE_LANGUAGE, UnknownLanguageError, translator
from vigil.i18n.catalog_files import FOLDER as TRANSLATIONS
from vigil.i18n.languages import course_languages, language_name, material_languages
from vigil.i18n.pages import NOTICE, fallback_html, plan
from vigil.i18n.scenario_text import translated_nav, translated_palette
from vigil.render.links import HOME_URI
from vigil.render.placeholders import fill
from vigil.targets.registry import TARGETS

log = get_plugin_logger(__name__)

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


def _trainers_pages(nav: list[Any], section: str) -> tuple[list[Any], set[str]]:
    """The nav without the trainers' section, and the pages that section lists."""
    pages: set[str] = set()

    def collect(item: Any) -> None:
        if isinstance(item, str):
            pages.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                collect(value)
        elif isinstance(item, list):
            for entry in item:
                collect(entry)

    kept = []
    for item in nav:
        if isinstance(item, dict) and section in item:
            collect(item[section])
        else:
            kept.append(item)
    return kept, pages


def _theme_has(config: MkDocsConfig, language: str) -> bool:
    """Whether the theme has a translation of its own labels into `language`."""
    return any(
        (Path(folder) / "partials" / "languages" / f"{language}.html").is_file()
        for folder in config.theme.dirs
    )


class VigilConfig(base.Config):
    """Which build this is; course options live in `extra.vigil`."""

    target = c.Choice(tuple(TARGETS), default="site")
    # One of the course's languages, or any Vigil has a catalog for (the pseudo-locale).
    language = c.Type(str, default=SOURCE_LANGUAGE)
    # The other languages' sites sit beside this one (build/<language>/): the header's
    # language switcher links the same page in each.
    alternates = c.Type(bool, default=False)
    # A build for trainers keeps the nav section named by extra.vigil.trainers_section.
    trainers = c.Type(bool, default=False)


class VigilPlugin(BasePlugin[VigilConfig]):
    def __init__(self) -> None:
        self.output = pipeline.Output(None, [])
        self.bodies: dict[str, str] = {}
        self.full_content: dict[str, str] = {}
        self.left_out: set[str] = set()  # the trainers' pages, in a learners' build
        self.fallback: set[str] = set()  # pages without a translation into the language
        self.root = Path()
        self.staging = Path()
        self.alternates: list[tuple[str, str]] = []  # (tag, name) of every language

    @event_priority(50)  # before Material's offline plugin adds its CDN polyfill
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        target = TARGETS[self.config.target]
        if target.directory_urls is not None:
            config.use_directory_urls = target.directory_urls
        if not target.instant_navigation:
            features = config.theme.get("features") or []
            config.theme["features"] = [
                f for f in features if not f.startswith("navigation.instant")
            ]
        try:
            translator(self.config.language)
        except UnknownLanguageError as err:
            raise PluginError(f"vigil: {err}") from None
        self.staging = pipeline.staging(self.root, self.config.language)
        try:
            self.output = pipeline.run(
                self.root,
                language=self.config.language,
                target=target,
                directory_urls=config.use_directory_urls,
                staging=self.staging,
            )
        except OSError as err:  # a full disk or a read-only cache folder
            where = err.filename or self.staging
            raise PluginError(
                f"cannot write the staging cache {where}: {err.strerror}; "
                f"set {pipeline.CACHE_ENV} to a writable folder"
            ) from None
        for problem in sorted(self.output.problems):
            (log.error if problem.is_error else log.warning)(problem.text())
        if self.output.course is None:
            errors = sum(p.is_error for p in self.output.problems)
            raise PluginError(f"the course has {errors} error(s); see above")
        self._languages(config, course_languages(self.output.course))
        config.extra_css.extend(a for a in self.output.assets if a.endswith(".css"))
        config.extra_javascript.extend(a for a in self.output.assets if a.endswith(".js"))
        if any(name.endswith("offline") for name in config.plugins):
            config.extra.setdefault("polyfills", []).append(WORKER_SHIM)
        config.site_name = self.output.course.title  # in the build's language
        if config.nav is not None:  # in the build's language, trainers' section included
            config.nav = translated_nav(config.nav, self.output.config_titles)
        if "palette" in config.theme:
            config.theme["palette"] = translated_palette(
                config.theme["palette"], self.output.config_titles
            )
        section = self.output.course.options.trainers_section
        self.left_out = set()
        if config.nav is not None and section and not self.config.trainers:
            config.nav, self.left_out = _trainers_pages(config.nav, section)
        if config.nav is not None:
            config.nav = _place_course(config.nav, self.output.nav)
        return config

    def _languages(self, config: MkDocsConfig, course: tuple[str, ...]) -> None:
        """Material's language for a translated build, and the language switcher.

        The source language keeps the author's `theme.language`. The switcher is Material's
        `extra.alternate`, pointed at each language's home here and at the same page in
        `on_page_context`, so it keeps the learner on their page, from file:// too.
        """
        language = self.config.language
        if language != course[0] and language in course:
            found = (name for name in material_languages(language) if _theme_has(config, name))
            config.theme["language"] = next(found, "en")
        # Material's search segments Chinese with jieba, which announces loading its
        # dictionary on stderr in every process: a build's output is for problems.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        segment_each_text_once()
        self.alternates = []
        if self.config.alternates and len(course) > 1 and not config.extra.get("alternate"):
            self.alternates = [(tag, language_name(tag)) for tag in course]
            config.extra["alternate"] = self._alternate("")

    def _alternate(self, page_url: str) -> list[dict[str, str]]:
        return [
            {"name": name, "link": f"../{tag}/{page_url}", "lang": tag}
            for tag, name in self.alternates
        ]

    def _switcher_on_this_page(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Pages render one after another: the switcher points at this one's twins."""
        if self.alternates:
            config.extra["alternate"] = self._alternate(page.url)
        return context

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.output.course is not None
        # Hand-written pages in the build's language (the suffix convention, i18n/pages.py).
        written = {f.src_uri: f for f in files if f.generated_by is None}
        pages = plan(written, self.config.language, self.output.course.options.languages)
        for uri in pages.hidden:
            files.remove(written[uri])
        for uri, translation in pages.replaced.items():
            written[uri].abs_src_path = written[translation].abs_src_path
        self.fallback = set(pages.fallback)
        for uri in self.left_out:
            found = files.get_file_from_path(uri)
            if found is not None:
                files.remove(found)
        for uri in self.output.files():
            if uri in self.left_out:
                continue
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"{config.docs_dir}/{uri} clashes with a generated page")
            files.append(File.generated(config, uri, abs_src_path=str(self.staging / uri)))
        if WORKER_SHIM in config.extra.get("polyfills", []):
            shim = package_files("vigil.engine").joinpath("vendor/iframe-worker-shim.js")
            files.append(File.generated(config, WORKER_SHIM, content=shim.read_bytes()))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.output.course is not None
        if page.file.generated_by is not None:
            # A generated page is one block of finished HTML. Python-Markdown's HTML parser
            # would only copy it, at the cost of most of the build: skip it entirely and put
            # the HTML back in on_page_content.
            self.bodies[page.file.src_uri] = markdown
            return ""
        filled, unknown = fill(markdown, self.output.course.options)
        for name in unknown:
            log.warning(f"{page.file.src_uri}: unknown placeholder vigil.{name}")
        return filled

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        body = self.bodies.pop(page.file.src_uri, None)
        if body is None and page.file.src_uri in self.fallback:
            assert self.output.course is not None
            notice = translator(self.config.language).gettext(NOTICE)
            return fallback_html(html, notice, self.output.course.options.languages[0])
        return html if body is None else body.strip()

    @event_priority(100)  # before Material's search plugin reads the page
    def _search_reads_less(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        if page.content is not None:
            lighter = without_excluded(page.content)
            if lighter is not page.content:
                self.full_content[page.file.src_uri] = page.content
                page.content = lighter
        return context

    @event_priority(-100)  # after it: the page is written whole
    def _page_whole_again(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        full = self.full_content.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
        return context

    on_page_context = CombinedEvent(_search_reads_less, _switcher_on_this_page, _page_whole_again)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return drop_indentation(
            label_language_links(label_search_dialog(output), self.config.language)
        )

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """404.html is rendered as a template, not a page: it gets the same repairs."""
        if not template_name.endswith(".html"):
            return output_content
        page = label_search_dialog(output_content)
        return drop_indentation(label_language_links(page, self.config.language))

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        assert self.output.course is not None
        import os  # imported here, as only serving needs them

        import watchdog.events

        folder = self.root.absolute() / self.output.course.options.scenarios
        server.watch(str(folder))
        translations = self.root.absolute() / TRANSLATIONS
        source = self.output.course.options.languages[0]
        if self.config.language != source and translations.is_dir():
            server.watch(str(translations))  # previewing a translation: its PO file

        # A watch dies with its folder (inotify drops it), so a scenarios/ removed and
        # restored would never be watched again. The parent is watched for the folder coming
        # back (created, or moved in): then it is watched afresh, and the course rebuilt,
        # since the files it holds now were never seen.
        class Rewatch(watchdog.events.FileSystemEventHandler):
            def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
                if not event.is_directory or event.event_type not in ("created", "moved"):
                    return
                landed = event.dest_path if event.event_type == "moved" else event.src_path
                if Path(os.fsdecode(landed)) != folder:
                    return
                server.unwatch(str(folder))
                server.watch(str(folder))
                with server._rebuild_cond:  # what MkDocs' own watch callback does
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

        server.observer.schedule(Rewatch(), str(folder.parent), recursive=False)
        return server
