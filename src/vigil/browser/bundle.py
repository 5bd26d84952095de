"""Join the quiz engine's parts into the one script and one stylesheet a site ships.

The script parts are plain chunks of one closure, not modules: they share its scope, so
the order below is only the order they run in. Function declarations are hoisted, so a
part may call what a later part defines once start.js runs init; top-level statements
(VigilBank, VigilAssessment, the SHA-256 tables) run in order. No bundler, no npm.
"""

from __future__ import annotations

import functools
import json
import re
from importlib.resources import files

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

# Everything but the storage backend, the question kinds and the pages with code of their
# own, in running order.
CORE_SCRIPTS = (
    "core.js",
    "records.js",
    "scenario.js",
    "progress.js",
    "draw.js",
    "review.js",
    "bank.js",
    "code.js",
    "assessment.js",
)
# Pages whose code only they load, on demand like a kind's (`code_script`): the assessment
# page, which may load every kind, then carries none of it.
PAGE_SCRIPTS = {
    "certificate": ("sha256.js", "certificate.js"),
    "notebook": ("notebook.js",),
}
START_SCRIPT = "start.js"
# In cascade order: later files win ties, so this order is part of the styling.
STYLES = (
    "base.css",
    "thread.css",
    "questions.css",
    "pages.css",
    "assessment.css",
    "certificate.css",
    "notebook.css",
    "narrow.css",
)

PROLOGUE = (
    "/* Vigil quiz engine, joined by vigil.browser.bundle: edit its parts, not this file. */\n"
    '(function () {\n"use strict";\n'
)
EPILOGUE = "})();\n"


@functools.cache
def _read(name: str) -> str:
    """A packaged part's text; the parts never change while Python runs."""
    if not name or name != name.strip() or any(c in name for c in "/\\\n\r"):
        raise ValueError(f"not a file name of vigil.browser: {name!r}")
    resource = files("vigil.browser").joinpath(name)
    if not resource.is_file():
        raise ValueError(f"vigil.browser has no file {name!r}")
    text = resource.read_text(encoding="utf-8")
    return text if text.endswith("\n") else text + "\n"


def _label(text: str) -> str:
    """A part's name, fit for a one-line comment."""
    if any(c in text for c in "\n\r\u2028\u2029"):
        raise ValueError(f"a part's name must be one line: {text!r}")
    return text


def _part(name: str, text: str) -> str:
    return f"// --- {_label(name)} ---\n" + (text if text.endswith("\n") else text + "\n")


# Top-level declarations of the engine's parts: code loaded on demand sees these names.
_DECLARED = re.compile(r"^(?:function\s+|var\s+)([A-Za-z_$][\w$]*)", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z_$][\w$]*")


@functools.cache
def _shared(storage: str) -> list[str]:
    """The names the engine hands to code loaded on demand, in declaration order."""
    names: dict[str, None] = {}
    for name in (*CORE_SCRIPTS, storage):
        names.update(dict.fromkeys(_DECLARED.findall(_read(name))))
    return list(names)


def engine_script(storage: str) -> bytes:
    """The engine as one script: core parts, the storage backend `storage` (a file of this
    package, such as "storage-local.js"), the names it shares with code loaded on demand
    (`code_script`), then start.js. UTF-8."""
    parts = [_part(name, _read(name)) for name in CORE_SCRIPTS]
    parts.append(_part(storage, _read(storage)))
    shared = ", ".join(f"{name}: {name}" for name in _shared(storage))
    parts.append(_part("shared with code loaded on demand", f"var ENGINE = {{ {shared} }};\n"))
    parts.append(_part(START_SCRIPT, _read(START_SCRIPT)))
    return (PROLOGUE + "".join(parts) + EPILOGUE).encode("utf-8")


def code_script(name: str, source: str, storage: str) -> bytes:
    """Code a page loads on demand (a question kind's script), as a file of its own: its
    source runs inside a function given the engine's shared names it uses, once, when the
    engine (built with the same `storage`) has started. UTF-8."""
    used = set(_WORD.findall(source))
    names = [n for n in _shared(storage) if n in used]
    head = f"var {', '.join(f'{n} = engine.{n}' for n in names)};\n" if names else ""
    body = head + (source if source.endswith("\n") else source + "\n")
    return (
        f"/* Vigil: {_label(name)}, loaded by the pages that use it (vigil.browser.bundle). */\n"
        f'window.VigilCode({json.dumps(name)}, function (engine) {{\n"use strict";\n'
        f"{body}}});\n"
    ).encode()


def page_script(page: str) -> str:
    """The source of a page's own code (PAGE_SCRIPTS), its parts joined in order."""
    return "".join(_part(name, _read(name)) for name in PAGE_SCRIPTS[page])


@functools.cache
def engine_style(kinds: tuple[tuple[str, str], ...] = ()) -> bytes:
    """The engine's stylesheet: its files in cascade order, then each kind's own styles
    (name, source), each under a comment. UTF-8."""
    parts = [(name, _read(name)) for name in STYLES]
    parts.extend((f"kind: {_label(name)}", source) for name, source in kinds)
    return "".join(f"/* --- {name} --- */\n{text}" for name, text in parts).encode("utf-8")


@functools.lru_cache(maxsize=64)  # a live preview ships the same bytes on every rebuild
def shipped(path: str, data: bytes) -> bytes:
    """A script or stylesheet as a site ships it: minified (comments and spaces cost a
    third of the gzipped size). The parts stay readable in the package."""
    if path.endswith(".js"):
        return str(rjsmin.jsmin(data.decode("utf-8"))).encode("utf-8")
    if path.endswith(".css"):
        return str(rcssmin.cssmin(data.decode("utf-8"))).encode("utf-8")
    return data
