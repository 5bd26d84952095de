"""Untrusted Markdown and plain text become HTML that cannot run code or leave the site."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from vigil.render.sanitize import (
    _PLAIN_PARAGRAPH,
    _converter,
    clean_html,
    markdown_to_html,
    plain_to_html,
    safe_url,
)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**bold** and *em*", "<p><strong>bold</strong> and <em>em</em></p>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("`code`", "<p><code>code</code></p>"),
        ("a < b & c", "<p>a &lt; b &amp; c</p>"),
    ],
)
def test_markdown_basics(source: str, expected: str) -> None:
    assert markdown_to_html(source) == expected


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://example.org></iframe>",
        '<div onclick="alert(1)">x</div>',
        "<style>body{display:none}</style>",
    ],
)
def test_raw_html_is_shown_as_text_never_passed_through(attack: str) -> None:
    html = markdown_to_html(attack)
    assert "<" + attack[1:] not in html
    assert html.startswith("<p>&lt;")


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        "[x](java&#9;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ],
)
def test_unsafe_link_schemes_lose_their_href(link: str) -> None:
    html = markdown_to_html(link)
    assert "href" not in html
    assert ">x</a>" in html


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/a?b=c",
        "http://example.test/",
        "mailto:security@example.org",
        "../m/s.md",
        "#c1",
    ],
)
def test_safe_links_survive_with_noopener(href: str) -> None:
    assert markdown_to_html(f"[x]({href})") == (
        f'<p><a href="{href}" rel="noopener noreferrer">x</a></p>'
    )


def test_images_and_headings_are_not_allowed() -> None:
    html = markdown_to_html("# Big\n\n![pixel](https://example.org/p.png)")
    assert "<h1" not in html
    assert "<img" not in html
    assert "Big" in html


def test_output_has_no_blank_lines_even_with_code_blocks() -> None:
    html = markdown_to_html("para\n\n\n```\nline 1\n\n    line 3\n```\n\n- a\n\n- b")
    assert "\n\n" not in html
    assert "<pre><code>line 1&#10;&#10;    line 3&#10;</code></pre>" in html


def test_plain_text_is_escaped_with_line_breaks_kept() -> None:
    assert plain_to_html('a <b onclick="x">\r\nc & d\ne') == (
        "a &lt;b onclick=&#34;x&#34;&gt;<br>c &amp; d<br>e"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/x", "https://example.org/x"),
        (" mailto:a@example.org ", "mailto:a@example.org"),
        ("javascript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,x", None),
        ("relative/page", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_plain_paragraph_shortcut_matches_the_full_converter() -> None:
    """The shortcut for one-line plain text must give exactly what Markdown would."""
    texts = [
        line
        for path in sorted((Path(__file__).parent.parent / "scenarios").glob("*.yaml"))
        for line in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    ] + ["Plain: text, with 'quotes' and \"double\" ones.", "Ends with a question?", "A -- B"] + [
        "Use *care* here", "See [x](https://example.org)", "A `code` span", "Tom & Jerry",
        "x < y", "Two  spaces at the end  ", "Under_score_words", "Pipe | table",
    ]  # fmt: skip
    shortcut = [t for t in texts if _PLAIN_PARAGRAPH.fullmatch(t) and t == t.rstrip()]
    assert len(shortcut) > 100
    md = _converter()
    for text in shortcut:
        full = clean_html(md.convert(text))
        md.reset()
        assert markdown_to_html(text) == full, text


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
