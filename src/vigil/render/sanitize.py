"""Untrusted scenario text to safe HTML.

Scenario packs are shared between courses, so every text field is treated as hostile:
Markdown fields go through Python-Markdown with raw HTML disabled and then through nh3
with a small allow-list; plain-text fields are escaped. Both produce HTML without blank
lines, because the pages embed it in raw-HTML blocks that a blank line would end.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "hr", "i", "kbd",
        "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Tags whose content is dropped with the tag rather than kept as text.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "noscript"})

_PRE = re.compile(r"<pre>.*?</pre>", re.DOTALL)
_local = threading.local()


def _converter() -> markdown.Markdown:
    """One converter per thread: building one per call costs more than converting."""
    md: markdown.Markdown | None = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=["fenced_code", "tables", "sane_lists"])
        # Raw HTML in scenario text is shown as text, never passed through.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        _local.md = md
    return md


def _keep_pre_on_one_line(html: str) -> str:
    """Encode newlines inside <pre> so dropping blank lines cannot change code blocks."""
    return _PRE.sub(lambda m: m.group(0).replace("\n", "&#10;"), html)


def clean_html(html: str) -> str:
    """Apply the allow-list: unknown tags lose their markup, unsafe URLs lose their href."""
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    return "\n".join(line for line in _keep_pre_on_one_line(cleaned).splitlines() if line.strip())


# One line that starts with a letter and holds no character that Markdown (with the
# extensions above) or HTML treats specially: Python-Markdown would only wrap it in <p>.
# Most feedback and prompts are such lines, and the converter is most of rendering's cost.
_PLAIN_PARAGRAPH = re.compile(r"[^\W\d_][^\n\r\t\\`*_\[\]<>&|~]*")


# Large enough for every field of a big course: each is shown twice, on its scenario page
# and in its question bank, and live previews render the course again and again.
@lru_cache(maxsize=1 << 16)
def markdown_to_html(text: str) -> Markup:
    """Render a Markdown field (setting, prompt, feedback...) to sanitised HTML."""
    if _PLAIN_PARAGRAPH.fullmatch(text) and text == text.rstrip():
        return Markup(clean_html(f"<p>{text}</p>"))  # noqa: S704 - cleaned by nh3
    md = _converter()
    try:
        html = md.convert(text)
    finally:
        md.reset()
    return Markup(clean_html(html))  # noqa: S704 - cleaned by nh3


def plain_to_html(text: str) -> Markup:
    """Escape a plain-text field, keeping its line breaks as <br>."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Markup("<br>").join(escape(line) for line in lines)


def safe_url(url: str) -> str | None:
    """Return url if it is http(s) or mailto, else None (for links built outside Markdown)."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:  # e.g. "http://[oops": not a URL at all
        return None
    return url.strip() if scheme in URL_SCHEMES else None
