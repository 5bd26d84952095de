"""Run MkDocs on the course and put the result in place atomically.

MkDocs builds into a fresh sibling folder; only a complete build replaces the old one,
so a failed build leaves the previous build/ exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from vigil.check.project import CONFIG_NAME, CheckResult
from vigil.engine.plugin import VigilPlugin


class SiteError(Exception):
    """The site engine failed; the message says why, the old site is untouched."""


def _plugin(config: MkDocsConfig) -> VigilPlugin:
    found = [p for p in config.plugins.values() if isinstance(p, VigilPlugin)]
    if not found:
        raise SiteError(f"{CONFIG_NAME} must list the vigil plugin under plugins:")
    return found[0]


def _guard(site_dir: Path, config: MkDocsConfig, checked: CheckResult) -> None:
    """The swap replaces site_dir wholesale: it must hold nothing the author wrote."""
    project = Path(config.config_file_path).resolve().parent
    sources = [Path(config.docs_dir).resolve()]
    if checked.course is not None:
        sources.append((project / checked.course.options.scenarios).resolve())
    clash = site_dir == project or site_dir in project.parents
    for source in sources:
        clash |= site_dir == source or site_dir in source.parents or source in site_dir.parents
    if clash:
        raise SiteError(
            f"the site folder {site_dir} would replace or sit inside the course's own files; "
            "choose a folder of its own, such as build/"
        )


def build_site(root: Path, site_dir: Path, checked: CheckResult, *, strict: bool) -> None:
    """Build into a temporary folder beside `site_dir`, then swap it in."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        try:
            config = load_config(str(root / CONFIG_NAME), site_dir=str(staging), strict=strict)
        except (Abort, MkDocsException) as err:
            raise SiteError(f"{CONFIG_NAME}: {err}") from None
        _guard(site_dir, config, checked)
        _plugin(config).use(checked)
        try:
            build(config)
        except (Abort, MkDocsException) as err:
            raise SiteError(str(err)) from None
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(root: Path, dev_addr: str, *, open_browser: bool) -> None:
    """MkDocs' live-reloading server; the plugin watches scenarios/ as well."""
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        serve(config_file=str(root / CONFIG_NAME), dev_addr=dev_addr, open_in_browser=open_browser)
    except (Abort, MkDocsException) as err:
        raise SiteError(str(err)) from None
    except (OSError, OverflowError) as err:  # a port in use or out of range
        raise SiteError(f"cannot serve on {dev_addr}: {err}") from None
