"""Run MkDocs on the course and put the result in place atomically.

MkDocs builds into a fresh sibling folder; only a complete build replaces the old one,
so a failed build leaves the previous build/ exactly as it was.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.utils.yaml import yaml_load

from vigil.check.project import CONFIG_NAME
from vigil.targets.base import Target


class SiteError(Exception):
    """The site engine failed; the message says why, the old site is untouched."""


def _plugins(config_file: Path, target: Target, language: str) -> list[Any]:
    """The author's plugins, with the vigil plugin configured for this target and language.

    Given to MkDocs as configuration, so the plugin learns what to build the ordinary way.
    """
    with config_file.open("rb") as stream:
        raw = yaml_load(stream) or {}
    plugins = raw.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    ours = {"target": target.name, "language": language}
    out: list[Any] = []
    found = False
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry), None)
        if name == "vigil":
            found = True
            extra = entry.get("vigil") if isinstance(entry, dict) else None
            entry = {"vigil": {**(extra or {}), **ours}}
        out.append(entry)
    if not found:
        raise SiteError(f"{CONFIG_NAME} must list the vigil plugin under plugins:")
    return out


def _guard(site_dir: Path, config: MkDocsConfig, scenarios: Path) -> None:
    """The swap replaces site_dir wholesale: it must hold nothing the author wrote."""
    project = Path(config.config_file_path).resolve().parent
    sources = [Path(config.docs_dir).resolve(), (project / scenarios).resolve()]
    clash = site_dir == project or site_dir in project.parents
    for source in sources:
        clash |= site_dir == source or site_dir in source.parents or source in site_dir.parents
    if clash:
        raise SiteError(
            f"the site folder {site_dir} would replace or sit inside the course's own files; "
            "choose a folder of its own, such as build/"
        )


def build_site(
    root: Path,
    site_dir: Path,
    *,
    scenarios: Path,
    target: Target,
    language: str,
    strict: bool,
) -> None:
    """Build into a temporary folder beside `site_dir`, then let the target package it."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        config_file = root / CONFIG_NAME
        try:
            config = load_config(
                str(config_file),
                site_dir=str(staging),
                strict=strict,
                plugins=_plugins(config_file, target, language),
            )
        except (Abort, MkDocsException, OSError) as err:
            raise SiteError(f"{CONFIG_NAME}: {err}") from None
        _guard(site_dir, config, scenarios)
        try:
            build(config)
        except (Abort, MkDocsException) as err:
            raise SiteError(str(err)) from None
        target.package(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def serve_site(root: Path, dev_addr: str, *, open_browser: bool) -> None:
    """MkDocs' live-reloading server; the plugin watches scenarios/ as well."""
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        serve(config_file=str(root / CONFIG_NAME), dev_addr=dev_addr, open_in_browser=open_browser)
    except (Abort, MkDocsException) as err:
        raise SiteError(str(err)) from None
    except (OSError, OverflowError) as err:  # a port in use or out of range
        raise SiteError(f"cannot serve on {dev_addr}: {err}") from None
