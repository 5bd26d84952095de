from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import run_vigil
from vigil.course import CourseOptions
from vigil.render.placeholders import escape, fill

HOSTILE = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> *bold* _em_ `code` '
    "[link](javascript:alert(1)) {: onclick=alert(1) } &amp; \\<b> # | ~ :smile:"
)


def test_known_options_are_filled_and_unknown_ones_reported() -> None:
    options = CourseOptions(id="c", reporting_contact="the duty officer, ext. 4410")
    text, unknown = fill("Tell {{ vigil.reporting_contact }}. {{vigil.secret}}", options)
    assert text == "Tell the duty officer, ext&#46; 4410. {{vigil.secret}}"
    assert html.unescape(text) == "Tell the duty officer, ext. 4410. {{vigil.secret}}"
    assert unknown == ["secret"]


def test_a_value_is_inserted_as_text_never_as_markup() -> None:
    options = CourseOptions(id="c", reporting_contact=HOSTILE)
    text, unknown = fill("Tell {{ vigil.reporting_contact }}.", options)
    assert unknown == []
    inserted = text.removeprefix("Tell ").removesuffix(".")
    assert html.unescape(inserted) == HOSTILE, "the text reads as typed"
    # Nothing HTML or Markdown could read as syntax is left; only references are.
    assert re.fullmatch(r"(?:[\w ,]|&#\d+;)+", inserted), inserted


@pytest.mark.parametrize("value", ["a\n\n    <b>code</b>", "a\n# heading", "a\x00b\x1bc"])
def test_a_value_cannot_start_a_block_or_carry_controls(value: str) -> None:
    escaped = escape(value)
    assert "\n" not in escaped
    assert not re.search(r"[\x00-\x1f]", escaped)
    assert "<" not in escaped
    assert "#" not in escaped.replace("&#", "")


def test_a_built_page_shows_a_hostile_contact_literally(project: Path) -> None:
    contact = '<script>document.title="owned"</script> *x* [a](javascript:alert(1))'
    quoted = contact.replace("\\", "\\\\").replace('"', '\\"')
    (project / "mkdocs.yml").write_text(
        "site_name: Tiny course\ndocs_dir: content\nsite_dir: build\n"
        "use_directory_urls: false\ntheme: {name: material, font: false}\n"
        "plugins: [search, vigil]\nmarkdown_extensions: [attr_list, md_in_html]\n"
        f'extra:\n  vigil: {{id: tiny, reporting_contact: "{quoted}"}}\n'
        "nav:\n  - Home: index.md\n  - Course: course/index.md\n",
        encoding="utf-8",
    )
    (project / "content").mkdir()
    (project / "content" / "index.md").write_text(
        "# Welcome\n\nReport to {{ vigil.reporting_contact }}.\n", encoding="utf-8"
    )
    result = run_vigil("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "build" / "index.html").read_text(encoding="utf-8")
    paragraph = re.search(r"<p>Report to (.*?)\.</p>", page)
    assert paragraph, "the sentence is one paragraph of text"
    assert "<" not in paragraph.group(1), "no element comes from the value"
    assert html.unescape(paragraph.group(1)) == contact
    assert 'document.title="owned"' not in page
    assert "javascript:" not in page
