"""The translation checks of `vigil check`, for every language of a course but its source.

At each PO entry's msgstr (or the page file): translation-missing (a warning: the page
falls back to the source text, marked), translation-stale (fuzzy, or translating a source
that has changed since), translation-orphan (an entry for a text the course no longer has,
or an obsolete one; a page translating no page), translation-placeholder (a `{name}`,
`%(name)s`, Markdown link target or inline code span of the source lost or changed), and
the problems of the translated scenarios under the scenario rules (`scenario_text`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vigil.check.project import CONFIG_NAME, display_path
from vigil.course import Course
from vigil.format.loader import Document
from vigil.i18n.catalog_files import Entry, file_signature, po_path, read_ahead, read_entries
from vigil.i18n.course_text import Text, course_texts
from vigil.i18n.pages import docs_folder, page_problems
from vigil.i18n.scenario_text import Translation, translate_course
from vigil.problems import Problem, Severity, quoted

LANGUAGES_LOC = ("extra", "vigil", "languages")
# What a translation must keep as the source writes it.
PLACEHOLDER = re.compile(
    r"\{[A-Za-z_]\w*\}"  # filled by the quiz engine
    r"|%\([A-Za-z_]\w*\)[sd]"  # filled when the page is built
    r"|\]\([^)\s]*\)"  # a Markdown link's target
    r"|`[^`\n]+`"  # an inline code span
)


def placeholders(text: str) -> Counter[str]:
    if not any(mark in text for mark in "{%]`"):  # most texts: no search needed
        return Counter()
    return Counter(PLACEHOLDER.findall(text))


# The last check of each PO file, with the course and the file's signature it was made
# from: `vigil build` checks every language, then each language's process (forked, so it
# holds this too) renders its own; reading a large PO file and validating every scenario
# again are the cost of a second language.
@dataclass(frozen=True)
class _Checked:
    course: Course
    signature: tuple[int, int]
    problems: list[Problem]  # reading the file, its entries, and the translated scenarios
    translation: Translation


_made: dict[Path, _Checked] = {}


def _same_course(a: Course, b: Course) -> bool:
    """Whether two checks gave the same course: the check cache hands back the very same
    scenario objects for files that did not change."""
    return a is b or (
        a.title == b.title
        and a.options == b.options
        and len(a.scenarios) == len(b.scenarios)
        and all(x is y for x, y in zip(a.scenarios, b.scenarios, strict=True))
    )


def _made_of(path: Path) -> _Checked | None:
    """The last check of the PO file (however the project is given), if made of it as it is."""
    made = _made.get(path.resolve())
    return made if made is not None and made.signature == file_signature(path) else None


def _checked(path: Path, project: Path, course: Course, config: Any, language: str) -> _Checked:
    """The PO file's problems, and the course translated by it."""
    made = _made_of(path)
    if made is not None and _same_course(made.course, course):
        return made
    signature = file_signature(path)  # before reading: a save meanwhile is read next time
    shown = display_path(path, project)
    entries, problems = read_entries(path, shown)
    if problems:
        result = _Checked(course, signature, problems, Translation(course, problems))
    else:
        translated = translate_course(course, config, entries, shown)
        found = course_texts(course, config)
        problems = [*_entries(found, entries, shown, language), *translated.problems]
        result = _Checked(course, signature, problems, translated)
    _made[path.resolve()] = result
    return result


def read_translations_ahead(project: Path, languages: Sequence[str]) -> None:
    """Start reading the PO files of these languages that this process has not checked as
    they are now, each beside the check of the scenarios (`catalog_files.read_ahead`)."""
    for language in languages:
        path = po_path(project, language)
        if path.is_file() and _made_of(path) is None:
            read_ahead(path, display_path(path, project))


def translation(project: Path, course: Course, config: Any, language: str) -> Translation:
    """The course in `language` (the source course for its own language, or when the
    language has no PO file yet)."""
    path = po_path(project, language)
    if language == course.options.languages[0] or not path.is_file():
        return Translation(course, [])
    return _checked(path, project, course, config, language).translation


def check_translations(
    project: Path, course: Course, config: Document | None, only: str | None = None
) -> list[Problem]:
    """Every translation problem of the course, in every language but the source (or in
    the language `only`: a build in several languages has each language's process report
    its own)."""
    languages = course.options.languages
    if len(languages) < 2:
        return []
    data = config.data if config is not None else {}
    folder = docs_folder(project, data)
    checked = languages if only is None else tuple(dict.fromkeys((languages[0], only)))
    problems = page_problems(folder, display_path(folder, project), checked)
    for i, language in enumerate(languages[1:], start=1):
        if language not in checked:
            continue
        path = po_path(project, language)
        if not path.is_file():
            message = (
                f"no {display_path(path, project)} yet: the {language} site shows the course "
                f"in {languages[0]}; run `vigil i18n extract` and `vigil i18n update {language}`"
            )
            problems.append(_missing_file(config, i, message))
            continue
        problems += _checked(path, project, course, data, language).problems
    return problems


def _missing_file(config: Document | None, index: int, message: str) -> Problem:
    if config is None:
        return Problem(CONFIG_NAME, 1, 1, "translation-missing", message, Severity.WARNING)
    pos = config.position((*LANGUAGES_LOC, index))
    return Problem(config.path, pos.line, pos.col, "translation-missing", message, Severity.WARNING)


def _warning(shown: str, entry: Entry, code: str, message: str) -> Problem:
    return Problem(shown, entry.at.line, entry.at.col, code, message, Severity.WARNING)


def _entries(found: list[Text], entries: list[Entry], shown: str, language: str) -> list[Problem]:
    contexts = {t.context for t in found}
    problems: list[Problem] = []
    by_context: dict[str, Entry] = {}
    for entry in entries:
        if entry.obsolete:
            message = f"obsolete entry {quoted(entry.source)}: the course no longer has it"
            problems.append(_warning(shown, entry, "translation-orphan", message))
        elif entry.context not in contexts:
            message = (
                f"no text {entry.context or '(without msgctxt)'} in the course: the field or "
                f"scenario is gone; run `vigil i18n update {language}` to mark it obsolete"
            )
            problems.append(_warning(shown, entry, "translation-orphan", message))
        elif entry.context is not None:
            by_context[entry.context] = entry
    missing = [t for t in found if t.context not in by_context]
    if missing:
        listed = ", ".join(t.context for t in missing[:3]) + (", …" if len(missing) > 3 else "")
        message = (
            f"{len(missing)} text(s) of the course have no entry ({listed}); "
            f"run `vigil i18n extract` and `vigil i18n update {language}`"
        )
        problems.append(Problem(shown, 1, 1, "translation-missing", message, Severity.WARNING))
    for text in found:
        if (kept := by_context.get(text.context)) is not None:
            problems += _entry(text, kept, shown, language)
    return problems


def _entry(text: Text, entry: Entry, shown: str, language: str) -> list[Problem]:
    if entry.fuzzy:
        message = (
            f"the translation of {text.context} is marked fuzzy: review it against the "
            "source and remove the mark; until then the page shows the source text"
        )
        return [_warning(shown, entry, "translation-stale", message)]
    if entry.source != text.source and entry.text.strip():
        message = (
            f"the translation of {text.context} translates an older source; run `vigil i18n "
            f"update {language}` and review it; until then the page shows the source text"
        )
        return [_warning(shown, entry, "translation-stale", message)]
    if not entry.text.strip():
        message = f"{text.context} is not translated; the page shows the source text"
        return [_warning(shown, entry, "translation-missing", message)]
    want, got = placeholders(text.source), placeholders(entry.text)
    if want == got:
        return []
    lost = ", ".join(sorted((want - got).elements()))
    added = ", ".join(sorted((got - want).elements()))
    detail = "; ".join(
        part for part in (f"lost {lost}" if lost else "", f"added {added}" if added else "") if part
    )
    message = (
        f"the translation of {text.context} must keep the source's placeholders, link "
        f"targets and code as written ({detail})"
    )
    return [Problem(shown, entry.at.line, entry.at.col, "translation-placeholder", message)]
