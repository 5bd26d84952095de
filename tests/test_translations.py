"""Translating a course: extract and update with Babel, applying a language, the checks at
PO positions (the translations corpus), the page suffix convention, and the command line.

Vigil's own Chinese UI catalog is another helper's work, so these tests point the UI catalog
folder at a small one of their own (tests/corpus/ui-locale) for the language zh-Hans.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

import vigil.i18n.catalog as ui_catalog
from vigil import pipeline
from vigil.check import translations
from vigil.check.translations import PLACEHOLDER
from vigil.cli import cli
from vigil.i18n import Untranslated
from vigil.i18n.catalog import translator
from vigil.i18n.catalog_files import po_path, read_catalog, template_path
from vigil.i18n.pages import fallback_html, plan, split
from vigil.pipeline import check, in_language
from vigil.render.pages import render_course
from vigil.render.text import leak_segments

CORPUS = Path(__file__).parent / "corpus"
COURSE = CORPUS / "translations"
UI_LOCALE = CORPUS / "ui-locale"
EXPECT = re.compile(r"expect: (\d+):(\d+) ([a-z0-9-]+)")
SRC = Path(__file__).parents[1] / "src"


@pytest.fixture(autouse=True)
def zh_ui(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """zh-Hans is a language with a UI catalog, for these tests."""
    monkeypatch.setattr(ui_catalog, "LOCALE_DIR", UI_LOCALE)
    translator.cache_clear()
    yield
    translator.cache_clear()


def expected(folder: Path) -> set[tuple[str, int, int, str]]:
    found = set()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".po", ".md", ".yaml", ".yml"):
            text = path.read_text(encoding="utf-8")
            rel = path.relative_to(folder).as_posix()
            found |= {(rel, int(a), int(b), code) for a, b, code in EXPECT.findall(text)}
    return found


def test_corpus_reports_each_translation_problem_where_expected() -> None:
    result = pipeline.check(COURSE)
    got = {(p.path, p.line, p.col, p.code) for p in result.problems}
    assert got == expected(COURSE)
    assert len(result.problems) == len(got), "a problem is reported twice"
    assert result.course is None  # placeholder and span problems are errors
    codes = {p.code for p in result.problems}
    assert {
        "translation-missing",
        "translation-stale",
        "translation-orphan",
        "translation-placeholder",
        "leak-not-in-text",
    } <= codes


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The corpus course without its translation."""
    shutil.copytree(COURSE, tmp_path / "course")
    course = tmp_path / "course"
    (course / "translations" / "zh-Hans.po").unlink()
    (course / "content" / "gone.zh-Hans.md").unlink()
    return course


def _catalog(path: Path) -> dict[str | None, tuple[str, str, set[str], list[str]]]:
    catalog = read_catalog(path)
    return {
        m.context: (str(m.id), str(m.string), set(m.flags), list(m.previous_id))
        for m in catalog
        if m.id
    }


def _translate_all(path: Path) -> None:
    """Fill every msgstr with its msgid, vowels accented: substrings (leak spans) still
    occur where they did, and placeholders, link targets and code are kept."""
    accents = str.maketrans("aeiou", "àèìòù")
    with path.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id:
            pieces = re.split(f"({PLACEHOLDER.pattern})", str(message.id))
            message.string = "".join(
                p if PLACEHOLDER.fullmatch(p) else p.translate(accents) for p in pieces if p
            )
    from babel.messages.pofile import write_po

    with path.open("wb") as stream:
        write_po(stream, catalog)


def test_extract_and_update_round_trip(project: Path) -> None:
    code, out = _invoke("i18n", "extract", "-p", str(project))
    assert code == 0, out
    assert "23 texts, written" in out
    template = _catalog(template_path(project))
    assert template["gyro:thread[0].replies[0].leaks[0].text"][0] == "0.01°/h"
    assert template["mkdocs.yml:nav[1]"][0] == "About"
    assert template["mkdocs.yml:extra.vigil.reporting.who"][0] == "the security desk"
    assert not any("url" in str(c) or ".id" in str(c) for c in template)  # structure stays
    code, out = _invoke("i18n", "update", "zh-Hans", "-p", str(project))
    assert code == 0, out
    assert "0 translated, 0 fuzzy, 23 untranslated, 0 obsolete" in out
    po = po_path(project, "zh-Hans")
    assert all(string == "" for _, string, _, _ in _catalog(po).values())
    _translate_all(po)
    # The source changes: one text edited, one gone (the persona's `joined` stays), one new.
    scenario = project / "scenarios" / "gyro.yaml"
    text = scenario.read_text(encoding="utf-8")
    text = text.replace("Which gyros do you fly?", "Which gyros does the lab fly?")
    text = text.replace("takeaways: [Keep `specs` off comment sections.]", "summary: New one.")
    scenario.write_text(text, encoding="utf-8")
    assert _invoke("i18n", "extract", "-p", str(project))[0] == 0
    code, out = _invoke("i18n", "update", "zh-Hans", "-p", str(project))
    assert code == 0, out
    assert "21 translated, 1 fuzzy, 1 untranslated, 1 obsolete" in out
    merged = _catalog(po)
    edited = merged["gyro:thread[0].text"]
    assert edited[0] == "Which gyros does the lab fly?"
    assert edited[1] == "Whìch gyròs dò yòù fly?"
    assert "fuzzy" in edited[2]
    assert edited[3] == ["Which gyros do you fly?"]
    assert merged["gyro:summary"][1] == ""
    assert '#~ msgctxt "gyro:takeaways[0]"' in po.read_text(encoding="utf-8")
    # Nothing changed since: the file is left as it is.
    before = po.read_bytes()
    assert "(unchanged)" in _invoke("i18n", "update", "zh-Hans", "-p", str(project))[1]
    assert po.read_bytes() == before


def test_update_refuses_a_language_the_course_does_not_list(project: Path) -> None:
    code, out = _invoke("i18n", "update", "fr", "-p", str(project))
    assert code == 1
    assert "'fr' is not a translated language of this course" in out
    code, out = _invoke("i18n", "update", "zh-Hans", "-p", str(project))
    assert code == 1
    assert "translations/scenarios.pot: no template yet; run `vigil i18n extract` first" in out


def test_extract_stops_on_a_broken_course(project: Path) -> None:
    (project / "scenarios" / "gyro.yaml").write_text("id: [\n", encoding="utf-8")
    code, out = _invoke("i18n", "extract", "-p", str(project))
    assert code == 1
    assert "nothing extracted" in out
    assert not template_path(project).exists()


def test_translated_course_and_page(project: Path) -> None:
    _invoke("i18n", "extract", "-p", str(project))
    _invoke("i18n", "update", "zh-Hans", "-p", str(project))
    po = po_path(project, "zh-Hans")
    _translate_all(po)
    # One text left untranslated: the persona's account age.
    text = po.read_text(encoding="utf-8").replace('msgstr "3 wèèks àgò"', 'msgstr ""')
    text = text.replace('msgstr "Oùrs drìft ùndèr 0.01°/h."', 'msgstr ""')
    po.write_text(text, encoding="utf-8")
    checked = pipeline.check(project)
    assert checked.course is not None, [p.text() for p in checked.problems]
    codes = sorted(p.code for p in checked.problems)
    assert codes == ["translation-missing"] * 3  # the two texts, about.md
    source = checked.course
    zh = pipeline.in_language(project, source, "zh-Hans").course
    assert zh.version == source.version  # certificates and attempts hold in every language
    scenario = zh.scenarios[0]
    assert scenario.title == "Thè gyròscòpè qùèstìòn"
    joined = scenario.personas["fan"].joined
    assert isinstance(joined, Untranslated)
    assert joined == "3 weeks ago"
    assert not isinstance(scenario.title, Untranslated)
    reply = scenario.thread[0].replies[0]
    assert [t for t, c in leak_segments(zh, reply) if c] == ["0.01°/h"]
    assert zh.title == "Wàtchèd thrèàds"
    pages = render_course(zh, translator("zh-Hans"), directory_urls=False).pages
    page = pages["course/friendly-questioning/gyro.md"]
    assert "Whìch gyròs dò yòù fly?" in page
    assert ">问题</h2>" in page  # the UI catalog of the language
    assert "<h1>Thè gyròscòpè qùèstìòn</h1>" in page
    # The fallback is marked with the language it is in and the class, around the leak too.
    assert '<span lang="en" class="vigil-untranslated">Ours drift under </span>' in page
    leak = '<span class="vigil-leak" data-vigil-leak="equipment-parameters">'
    assert leak + '<span lang="en" class="vigil-untranslated">0.01°/h</span></span>' in page
    assert "Which gyros do you fly?" not in page
    en_pages = render_course(source, translator("en"), directory_urls=False).pages
    assert "vigil-untranslated" not in en_pages["course/friendly-questioning/gyro.md"]


def test_untranslated_markdown_and_plain_text_are_marked(project: Path) -> None:
    _invoke("i18n", "extract", "-p", str(project))
    _invoke("i18n", "update", "zh-Hans", "-p", str(project))
    checked = pipeline.check(project)  # nothing translated: every text falls back
    assert checked.course is not None
    zh = pipeline.in_language(project, checked.course, "zh-Hans").course
    page = render_course(zh, translator("zh-Hans"), directory_urls=False).pages[
        "course/friendly-questioning/gyro.md"
    ]
    assert '<h1 lang="en" class="vigil-untranslated">The gyroscope question</h1>' in page
    assert '<div lang="en" class="vigil-untranslated"><p>You work at a fictional lab' in page
    assert '<span lang="en" class="vigil-untranslated">Which gyros do you fly?</span>' in page
    leak = '<span class="vigil-leak" data-vigil-leak="equipment-parameters">'
    assert leak + '<span lang="en" class="vigil-untranslated">0.01°/h</span></span>' in page


def test_check_cli_exit_codes(project: Path) -> None:
    _invoke("i18n", "extract", "-p", str(project))
    _invoke("i18n", "update", "zh-Hans", "-p", str(project))
    _translate_all(po_path(project, "zh-Hans"))
    (project / "content" / "about.zh-Hans.md").write_text("# 关于\n", encoding="utf-8")
    assert _invoke("check", "-p", str(project)) == (0, "all clear\n")
    (project / "content" / "about.zh-Hans.md").unlink()
    code, out = _invoke("check", "-p", str(project))
    assert code == 0
    assert "content/about.md:1:1: warning[translation-missing]" in out
    assert _invoke("check", "--strict", "-p", str(project))[0] == 1
    po_path(project, "zh-Hans").unlink()
    code, out = _invoke("check", "-p", str(project))
    assert "mkdocs.yml:6:21: warning[translation-missing]: no translations/zh-Hans.po yet" in out
    po_path(project, "zh-Hans").write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    code, out = _invoke("check", "-p", str(project))
    assert code == 1
    assert "translations/zh-Hans.po:3:1: error[translation-syntax]" in out


def test_a_build_checks_its_own_language_and_translates_once(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`vigil build` checks every language, then a process per language (forked, holding
    what was read) checks and renders its own: the PO file is read and applied once."""
    _invoke("i18n", "extract", "-p", str(project))
    _invoke("i18n", "update", "zh-Hans", "-p", str(project))  # every entry left empty
    reads: list[Path] = []
    real = translations.read_entries

    def counted(path: Path, shown: str) -> Any:
        reads.append(path)
        return real(path, shown)

    monkeypatch.setattr(translations, "read_entries", counted)
    missing = "warning[translation-missing]"
    assert any(missing in p.text() for p in check(project).problems)
    assert not [p for p in check(project, language="en").problems if missing in p.text()]
    checked = check(project, language="zh-Hans")
    assert any(missing in p.text() for p in checked.problems)
    assert checked.course is not None
    in_language(project, checked.course, "zh-Hans")
    monkeypatch.chdir(project)  # the plugin names the project by its absolute path
    assert check(Path(), language="zh-Hans").problems == checked.problems
    assert reads == [po_path(project, "zh-Hans")]
    po_path(project, "zh-Hans").write_text(
        po_path(project, "zh-Hans").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    in_language(project, checked.course, "zh-Hans")
    assert len(reads) == 2, "a changed file is read again"


def test_languages_are_checked(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[en, zh-Hans]", "[en, zh_Hans, fr, en]"), encoding="utf-8")
    code, out = _invoke("check", "-p", str(project))
    assert code == 1
    assert (
        "mkdocs.yml:6:21: error[bad-value]: extra.vigil.languages[1]: expected a language "
        "tag such as en or zh-Hans, found 'zh_Hans'" in out
    )
    assert "mkdocs.yml:6:30: error[unknown-language]: unknown language 'fr'" in out
    assert "mkdocs.yml:6:34: error[duplicate-language]: language 'en' is listed twice" in out


def test_a_one_language_course_has_no_translation_checks(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    languages: [en, zh-Hans]\n", ""), encoding="utf-8")
    checked = pipeline.check(project)
    assert checked.course is not None
    assert checked.course.options.languages == ("en",)
    assert checked.problems == []
    assert pipeline.in_language(project, checked.course, "en").course is checked.course


def test_page_plan_follows_the_suffix_convention() -> None:
    files = [
        "index.md",
        "index.zh-Hans.md",
        "about.md",
        "trainers/lms.md",
        "trainers/lms.zh-Hans.md",
        "stylesheets/course.css",
        "notes.v2.md",
    ]
    languages = ("en", "zh-Hans")
    assert split("trainers/lms.zh-Hans.md", languages[1:]) == ("trainers/lms.md", "zh-Hans")
    assert split("notes.v2.md", languages[1:]) == ("notes.v2.md", None)
    source = plan(files, "en", languages)
    assert source.hidden == {"index.zh-Hans.md", "trainers/lms.zh-Hans.md"}
    assert source.replaced == {}
    assert source.fallback == frozenset()
    zh = plan(files, "zh-Hans", languages)
    assert zh.hidden == source.hidden
    assert zh.replaced == {
        "index.md": "index.zh-Hans.md",
        "trainers/lms.md": "trainers/lms.zh-Hans.md",
    }
    assert zh.fallback == {"about.md", "notes.v2.md"}
    # A course that no longer lists Chinese does not show its Chinese pages as pages.
    assert plan(files, "en", ("en",)).hidden == source.hidden
    html = fallback_html("<h1>About</h1>", "本页<尚未>翻译", "en")
    assert html.startswith('<p class="vigil-untranslated-notice">本页&lt;尚未&gt;翻译</p>')
    assert '<div lang="en" class="vigil-untranslated">\n<h1>About</h1>\n</div>' in html


BUILD = """
import sys
from pathlib import Path
import vigil.i18n.catalog as c
c.LOCALE_DIR = Path(sys.argv[2])
from vigil.engine.site import build_site
from vigil.targets.web import SITE
project = Path(sys.argv[1])
build_site(project, project / ("build-" + sys.argv[3]), scenarios=Path("scenarios"), target=SITE,
           languages=[sys.argv[3]], strict=False)
"""


def test_sites_in_each_language_use_the_page_translations(project: Path) -> None:
    _invoke("i18n", "extract", "-p", str(project))
    _invoke("i18n", "update", "zh-Hans", "-p", str(project))
    _translate_all(po_path(project, "zh-Hans"))
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8") + "plugins:\n  - vigil\n",
        encoding="utf-8",
    )
    for language in ("en", "zh-Hans"):
        result = subprocess.run(
            [sys.executable, "-c", BUILD, str(project), str(UI_LOCALE), language],
            capture_output=True,
            text=True,
            check=False,
            env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 0, result.stderr
    en, zh = project / "build-en", project / "build-zh-Hans"
    assert not (en / "index.zh-Hans" / "index.html").exists()
    assert not list(en.rglob("*zh-Hans*"))  # translations are no pages of the source site
    assert "Start here." in (en / "index.html").read_text(encoding="utf-8")
    home = (zh / "index.html").read_text(encoding="utf-8")
    assert "从这里开始。" in home
    assert "Start here." not in home
    assert re.search(r"<title>[^<]*Wàtchèd thrèàds</title>", home)  # the site name, from the PO
    assert "欢迎" in home  # the nav title
    about = (zh / "about" / "index.html").read_text(encoding="utf-8")
    notice = '<p class="vigil-untranslated-notice">本页尚未翻译，以原文显示。</p>'  # noqa: RUF001
    assert notice in about
    assert '<div lang="en" class="vigil-untranslated">' in about
    scenario = zh / "course" / "friendly-questioning" / "gyro" / "index.html"
    assert "Whìch gyròs dò yòù fly?" in scenario.read_text(encoding="utf-8")
