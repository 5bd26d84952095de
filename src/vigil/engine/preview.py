"""The live preview: MkDocs' server, rebuilding as the author saves.

The plugin watches scenarios/ as well, and translations/ when the preview is of a language
other than the source.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.commands.serve import serve
from mkdocs.exceptions import Abort, MkDocsException

from vigil.check.project import CONFIG_NAME
from vigil.engine.site import SiteError, plugins_with


def _by_name(plugins: list[Any]) -> dict[str, Any]:
    """The plugins as a mapping, which MkDocs reads without using it up (it takes each item
    of a list apart): the server loads the configuration again for every rebuild."""
    found: dict[str, Any] = {}
    for entry in plugins:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if name in found:
            raise SiteError(
                f"{CONFIG_NAME} lists the plugin {name} twice; a preview in another language "
                "needs each plugin once"
            )
        found[name] = options
    return found


def serve_site(root: Path, dev_addr: str, *, open_browser: bool, language: str | None) -> None:
    """MkDocs' live-reloading server; the plugin watches scenarios/ as well (and
    translations/ when it previews a `language` other than the source)."""
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    config_file = root / CONFIG_NAME
    try:
        # The plugin learns the language as a build does; the author's plugins are read once.
        ours: dict[str, Any] = {}
        if language is not None:
            ours["plugins"] = _by_name(plugins_with(config_file, language=language))
        serve(config_file=str(config_file), dev_addr=dev_addr, open_in_browser=open_browser, **ours)
    except (Abort, MkDocsException) as err:
        raise SiteError(str(err)) from None
    except (OSError, OverflowError) as err:  # a port in use or out of range
        raise SiteError(f"cannot serve on {dev_addr}: {err}") from None
