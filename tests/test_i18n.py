"""The catalog: its template is current, languages load through Babel, and the pseudo-locale
transforms every string of the quiz engine's tables and of the templates."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel import Locale

from conftest import run_vigil
from test_i18n_pseudo import english_left, page_english, strings_of
from test_render import FORUM, GYROSCOPE, make_course
from test_render_assessment import parse_bank
from vigil.course import CourseOptions
from vigil.format.taxonomy import Term, builtin
from vigil.i18n import catalog
from vigil.i18n.catalog import (
    PSEUDO_LANGUAGE,
    SOURCE_LANGUAGE,
    Translator,
    UnknownLanguageError,
    catalog_languages,
    catalog_path,
    languages,
    read_catalog,
    translator,
)
from vigil.i18n.extract import extract_catalog, keys, read_template
from vigil.i18n.pseudo import CLOSE, OPEN, pseudo, strip_pseudo
from vigil.questions.rating import LEVEL_LABELS
from vigil.questions.registry import kind_ui, kinds, scenario_model
from vigil.render.environment import environment
from vigil.render.pages import render_course
from vigil.render.strings import (
    ASSESSMENT_TEXT,
    BANK_TEXT,
    JS_TEXT,
    NOTEBOOK_TEXT,
    STATUS_TEXT,
    Plural,
    resolve,
)
from vigil.render.text import initials

SRC = Path(__file__).parent.parent / "src" / "vigil"
TABLES = {
    **JS_TEXT,
    **STATUS_TEXT,
    **ASSESSMENT_TEXT,
    **BANK_TEXT,
    **NOTEBOOK_TEXT,
    **kind_ui(kinds()),
}
# Left intact by the pseudo-locale: what programs fill in or read.
PROGRAM_TEXT = re.compile(r"\{\w+\}|%\(\w+\)s|<[^>]*>|&\w+;")


def is_pseudo(text: str) -> bool:
    """Wrapped in the pseudo markers, with no ASCII letter but in placeholders and tags."""
    inner = PROGRAM_TEXT.sub("", text)
    return text.startswith(OPEN) and text.endswith(CLOSE) and not re.search("[A-Za-z]", inner)


# --- the template ------------------------------------------------------------------------------


def test_committed_template_is_up_to_date() -> None:
    """Fails when a string was added, changed or removed without running
    `python -m vigil.i18n.extract` (ids, contexts and plurals; dates and lines are ignored)."""
    current, committed = keys(extract_catalog()), keys(read_template())
    assert current - committed == set(), "new strings: run python -m vigil.i18n.extract"
    assert committed - current == set(), "strings gone: run python -m vigil.i18n.extract"


def test_template_holds_every_source() -> None:
    messages = keys(read_template())
    ids = {msgid for _, msgid, _ in messages}
    assert {kind.hint for kind in kinds().values()} <= ids, "the kinds' hints"
    assert set(LEVEL_LABELS.values()) <= ids, "the risk levels"
    for table_text in TABLES.values():
        if isinstance(table_text, Plural):
            assert (None, table_text.singular, table_text.plural) in messages
    for term in builtin().tactics:
        assert ("tactic", term.name, None) in messages
        assert ("tactic", term.description, None) in messages
    for term in builtin().categories:
        assert ("disclosure category", term.name, None) in messages
    assert (None, "Check answer", None) in messages, "the templates"
    assert (None, "%(num)s like", "%(num)s likes") in messages, "their plurals"
    assert ("platform", "Video", None) in messages, "the platform names"
    assert (None, "Questions", None) in messages, "a kind's own template"
    assert (
        None,
        'The comment by <span class="vigil-name">%(name)s</span> '
        '<span class="vigil-account">(joined %(joined)s)</span>:',
        None,
    ) in messages


def test_every_ui_key_the_engine_reads_is_in_a_table() -> None:
    scripts = [*SRC.joinpath("browser").glob("*.js"), *SRC.joinpath("questions").glob("*.js")]
    used = {key for path in scripts for key in re.findall(r"\bui\.(\w+)", path.read_text())}
    assert used, "the engine reads its strings from ui"
    assert used - set(TABLES) == set()


# --- languages ---------------------------------------------------------------------------------


def test_source_language_is_the_source_strings() -> None:
    english = translator(SOURCE_LANGUAGE)
    assert english is translator(SOURCE_LANGUAGE), "made once"
    assert english.gettext("Final assessment") == "Final assessment"
    assert english.ngettext("%(num)s like", "%(num)s likes", 1) == "%(num)s like"
    assert english.pgettext("tactic", "Befriending") == "Befriending"
    assert english.number(1234567) == "1,234,567"


def test_language_list_and_unknown_language() -> None:
    assert languages()[0] == SOURCE_LANGUAGE
    assert languages()[-1] == PSEUDO_LANGUAGE
    with pytest.raises(UnknownLanguageError, match=r"'xx'.*available: en,.*qps-ploc"):
        translator("xx")
    result = run_vigil("build", "--language", "xx", cwd=Path())
    assert result.returncode == 2
    assert "unknown language 'xx' (known: en, " in result.stderr


PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Final assessment"
msgstr "Abschlusstest"

msgid "%(num)s like"
msgid_plural "%(num)s likes"
msgstr[0] "%(num)s Like"
msgstr[1] "%(num)s Likes"

msgctxt "tactic"
msgid "Befriending"
msgstr "Anfreunden"

#, fuzzy
msgid "Your progress"
msgstr "Unfertig"
"""


def test_a_translated_catalog_is_read_through_babel(tmp_path: Path) -> None:
    path = catalog_path("de", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(PO, encoding="utf-8")
    (tmp_path / "zh_Hans" / "LC_MESSAGES").mkdir(parents=True)
    catalog_path("zh-Hans", tmp_path).write_text(PO, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert catalog_languages(tmp_path) == ["de", "zh-Hans"]
    german = Translator("de", Locale.parse("de"), read_catalog(path, Locale.parse("de")))
    assert german.gettext("Final assessment") == "Abschlusstest"
    assert german.ngettext("%(num)s like", "%(num)s likes", 1) == "%(num)s Like"
    assert german.ngettext("%(num)s like", "%(num)s likes", 3) == "%(num)s Likes"
    assert german.pgettext("tactic", "Befriending") == "Anfreunden"
    assert german.gettext("Your progress") == "Your progress", "fuzzy is not used"
    assert german.gettext("Sources") == "Sources", "the source where it has no translation"
    assert german.number(1234567) == "1.234.567"


def test_a_language_is_available_once_its_catalog_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = catalog_path("de", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(PO, encoding="utf-8")
    monkeypatch.setattr(catalog, "LOCALE_DIR", tmp_path)
    translator.cache_clear()
    try:
        assert languages() == (SOURCE_LANGUAGE, "de", PSEUDO_LANGUAGE)
        german = translator("de")
        assert german is translator("de"), "made once"
        rendered = render_course(make_course(GYROSCOPE, FORUM), german, directory_urls=False)
        assert "<h1>Abschlusstest</h1>" in rendered.pages["course/assessment.md"]
        assert "⟦" not in rendered.pages["course/assessment.md"]
    finally:
        translator.cache_clear()


# --- the pseudo-locale -------------------------------------------------------------------------


def test_pseudo_transforms_letters_and_keeps_what_programs_read() -> None:
    assert pseudo("Check answer") == "⟦Çĥéçķ åñšŵéŕ⟧"
    kept = pseudo('{done} of %(num)s <a href="%(url)s">R&amp;D</a> 100%% {x}')
    assert kept.startswith("⟦{done} ")
    assert kept.endswith(" 100%% {x}⟧")
    assert '<a href="%(url)s">Ŕ&amp;Ð</a>' in kept
    assert is_pseudo(kept)
    assert strip_pseudo("a ⟦b ⟦c⟧ d⟧ e") == "a  e"


def test_every_string_of_every_table_is_pseudo_translated() -> None:
    ploc = translator(PSEUDO_LANGUAGE)
    for count in (1, 2, 5):
        counts = dict.fromkeys(
            ("scenarios", "questions", "modules", "attempts", "drawn", "module_scenarios"), count
        )
        for key, text in TABLES.items():
            shown = resolve(text, ploc, counts)
            assert is_pseudo(shown), (key, shown)
    english = {key: resolve(text, translator(SOURCE_LANGUAGE), {}) for key, text in TABLES.items()}
    for key, text in TABLES.items():
        placeholders = sorted(re.findall(r"\{\w+\}", english[key]))
        assert sorted(re.findall(r"\{\w+\}", resolve(text, ploc, {}))) == placeholders, key


def test_one_environment_per_language() -> None:
    ploc, english = translator(PSEUDO_LANGUAGE), translator(SOURCE_LANGUAGE)
    assert environment(ploc) is environment(ploc)
    assert environment(ploc) is not environment(english)


def _course(**assessment: Any) -> Any:
    course = make_course(GYROSCOPE, FORUM)
    options = CourseOptions(id="test-course", assessment=assessment)
    own = Term(id="own-tactic", name="Our own tactic", description="Written by the author.")
    changed = builtin().categories[0].model_copy(update={"name": "Kit figures"})
    return replace(course, options=options, taxonomy=course.taxonomy.extended((own,), (changed,)))


@pytest.mark.parametrize(
    "assessment", [{}, {"attempts": 3, "exam_mode": False, "per_tactic": 2}, {"attempts": 1}]
)
def test_every_template_string_is_pseudo_translated(assessment: dict[str, Any]) -> None:
    """A small course with every kind of question, rendered in qps-ploc: no English is left
    in any page or question bank but the course's own text."""
    course = _course(**assessment)
    rendered = render_course(course, translator(PSEUDO_LANGUAGE), directory_urls=False)
    data = [" ".join(s.split()) for s in strings_of([GYROSCOPE, FORUM])]
    names = [p["name"] for s in (GYROSCOPE, FORUM) for p in s["personas"].values()]
    data += [course.title, course.version, *map(initials, names)]
    data += ["Our own tactic", "Written by the author.", "Kit figures"]
    data.append(builtin().categories[0].description)
    data += list(kinds())  # the coverage page names kinds by their YAML type, as authors write it
    for uri, page in rendered.pages.items():
        assert page_english(page, data, "unused") == [], uri
        title = yaml.safe_load(page.split("---\n")[1])["title"]
        assert english_left([title], data) == [], uri
        if "vigil-data" not in page:  # a static page (the coverage page) hands no strings
            continue
        ui = re.search(r'"ui":(\{.*?\})', page)
        assert ui, uri
        assert all(is_pseudo(v) for v in re.findall(r'":"((?:[^"\\]|\\.)*)"', ui[1])), uri
    for path, bank in rendered.banks.items():
        html = parse_bank(bank)[1]["html"]
        assert page_english(f'<div class="vigil">{html}</div>', data, "unused") == [], path
    nav = str(rendered.nav)
    assert "⟦Ƒŕîéñðĺý ǫûéšţîöñîñĝ⟧" in nav, "a built-in tactic is translated in the nav"


def test_a_courses_own_terms_stay_as_written() -> None:
    course = _course()
    gyroscope = scenario_with(GYROSCOPE, tactics=["own-tactic"])
    course = replace(course, scenarios=(gyroscope,))
    rendered = render_course(course, translator(PSEUDO_LANGUAGE), directory_urls=False)
    module = rendered.pages["course/own-tactic/index.md"]
    assert "<h1>Our own tactic</h1>" in module
    assert '<p class="vigil-lead">Written by the author.</p>' in module
    scenario = rendered.pages["course/own-tactic/launch-video-gyroscope.md"]
    assert "Kit figures" in scenario, "a built-in id redefined by the course is the author's"
    assert "⟦Ĺéåķ: Kit figures⟧" in scenario


def scenario_with(base: dict[str, Any], **changes: Any) -> Any:
    return scenario_model().model_validate({**base, **changes})
