"""A course's translation files: `translations/scenarios.pot` and `translations/<lang>.po`.

Written and read with Babel, so translators use any gettext tool (Poedit, Weblate). The
template holds every translatable text of the course (`course_text`); a language's file is
merged from it as `msgmerge` would: new texts are added untranslated, a text whose source
changed keeps its translation marked fuzzy with the previous source (`#| msgid`), and a
text that is gone becomes obsolete (`#~`). Entries are matched by context, which names the
field, so a changed source is never matched to another field's translation.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import NamedTuple, cast

from babel import Locale
from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from vigil.format.loader import Position
from vigil.i18n.course_text import Text
from vigil.problems import Problem
from vigil.processes import Beside, beside

FOLDER = "translations"
TEMPLATE_NAME = "scenarios.pot"
DOMAIN = "scenarios"
FUZZY = "fuzzy"


def template_path(project: Path) -> Path:
    return project / FOLDER / TEMPLATE_NAME


def po_path(project: Path, language: str) -> Path:
    return project / FOLDER / f"{language}.po"


def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        return None


def template(found: Iterable[Text], project: str) -> Catalog:
    """The template of a course's texts, in course order."""
    catalog = Catalog(domain=DOMAIN, project=project, fuzzy=False)
    for text in found:
        catalog.add(text.source, context=text.context)
    return catalog


def merged(template: Catalog, existing: Catalog | None, language: str) -> Catalog:
    """`existing` (a language's catalog) brought up to `template`."""
    catalog = existing or Catalog(locale=_locale(language), domain=DOMAIN, fuzzy=False)
    by_context = {m.context: m for m in catalog if m.id and m.context is not None}
    for message in template:
        old = by_context.get(message.context) if message.context is not None else None
        if not message.id or old is None or old.id == message.id:
            continue
        # The source of this field changed: keep the translation, fuzzy, with the source it
        # translated (Babel's own fuzzy matching compares ids across fields, so not that).
        catalog.delete(old.id, context=old.context)
        earlier = old.previous_id if FUZZY in old.flags and old.previous_id else [old.id]
        catalog.add(
            message.id,
            old.string,
            flags={*old.flags, FUZZY},
            user_comments=old.user_comments,
            previous_id=cast(list[str], earlier),
            context=message.context,
        )
    previous = {(m.id, m.context): m.previous_id for m in catalog if m.id and m.previous_id}
    catalog.update(
        template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False
    )
    for message in catalog:  # `update` copies the template's message, without these
        kept = previous.get((message.id, message.context))
        if kept and FUZZY in message.flags:
            message.previous_id = kept
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = BytesIO()
    write_po(out, catalog, width=79, include_previous=True, sort_output=False)
    return out.getvalue()


def _signature(catalog: Catalog) -> list[tuple[object, ...]]:
    """What a catalog says, without its dates: a file is rewritten only when this changes."""

    def one(m: Message) -> tuple[object, ...]:
        return (m.context, m.id, m.string, sorted(m.flags), m.previous_id, m.user_comments)

    return [one(m) for m in catalog] + [("~", *one(m)) for m in catalog.obsolete.values()]


def write_if_changed(path: Path, catalog: Catalog, language: str | None = None) -> bool:
    """Write the catalog unless the file already says the same; whether it was written."""
    if path.is_file():
        try:
            current = read_catalog(path, language)
        except (PoFileError, UnicodeDecodeError, ValueError):
            current = None
        if current is not None and _signature(current) == _signature(catalog):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_bytes(catalog))
    return True


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    """A PO file as Babel reads it, with the previous source of fuzzy entries (`#| msgid`),
    which Babel writes but does not read; raises PoFileError on a malformed file."""
    raw = path.read_bytes()
    catalog = read_po(
        BytesIO(raw),
        locale=_locale(language) if language else None,
        domain=DOMAIN,
        abort_invalid=True,
    )
    previous = _previous_ids(raw.decode(catalog.charset or "utf-8").splitlines())
    for message in catalog:
        if message.lineno in previous:
            message.previous_id = [previous[message.lineno]]
    return catalog


def _previous_ids(lines: list[str]) -> dict[int, str]:
    """`#| msgid` comments by the line of the msgid they precede."""
    found: dict[int, str] = {}
    pending: list[str] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("#| msgid "):
            pending = [line[len("#| msgid ") :]]
        elif line.startswith('#| "') and pending is not None:
            pending.append(line[len("#| ") :])
        elif line.startswith("msgid ") and pending is not None:
            found[number] = "".join(unescape(part) for part in pending)
            pending = None
        elif not line:
            pending = None
    return found


class Entry(NamedTuple):
    """One entry of a language's file, with where its msgstr is written. A tuple: a large
    file has tens of thousands, and tuples are cheap to make and to send between processes."""

    context: str | None
    source: str
    text: str
    fuzzy: bool
    obsolete: bool
    at: Position

    @property
    def usable(self) -> bool:
        """Whether the entry translates its source (translated, and not marked fuzzy)."""
        return bool(self.text.strip()) and not self.fuzzy and not self.obsolete


def _msgstr_lines(lines: list[str], start: int) -> int:
    """The 1-based line of the first `msgstr` at or after line `start` (obsolete too)."""
    for number in range(start, len(lines) + 1):
        line = lines[number - 1].lstrip()
        line = line[2:].lstrip() if line.startswith("#~") else line
        if line.startswith("msgstr"):
            return number
    return start


_Read = tuple[list[Entry], list[Problem]]
# An entry as plain values (context, source, text, fuzzy, obsolete, msgstr line): sent
# between processes ten times faster than a NamedTuple, which is remade by calling its class.
_Row = tuple[str | None, str, str, bool, bool, int]


def file_signature(path: Path) -> tuple[int, int]:
    """What changes when a file is saved: its modification time and size."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _read(path: Path, display: str) -> _Read:
    try:
        raw = path.read_bytes()
        catalog = read_po(BytesIO(raw), domain=DOMAIN, abort_invalid=True)
        lines = raw.decode(catalog.charset or "utf-8").splitlines()
    except PoFileError as err:
        message = f"not a readable PO file: {err}"
        return [], [Problem(display, err.lineno + 1, 1, "translation-syntax", message)]
    except (UnicodeDecodeError, LookupError) as err:
        message = f"not a readable PO file: {err}"
        return [], [Problem(display, 1, 1, "translation-syntax", message)]

    def entry(message: Message, obsolete: bool) -> Entry | None:
        if not message.id or not isinstance(message.id, str):
            return None
        text = message.string if isinstance(message.string, str) else ""
        line = _msgstr_lines(lines, message.lineno or 1)
        at = Position(line, 1)
        return Entry(message.context, message.id, text, FUZZY in message.flags, obsolete, at)

    found = [entry(m, False) for m in catalog] + [entry(m, True) for m in catalog.obsolete.values()]
    return [e for e in found if e is not None], []


def _rows(path: Path, display: str) -> tuple[list[_Row], list[Problem]]:
    entries, problems = _read(path, display)
    return [
        (e.context, e.source, e.text, e.fuzzy, e.obsolete, e.at.line) for e in entries
    ], problems


# Files being read beside the check, with the signature and name they were read for.
_ahead: dict[Path, tuple[tuple[int, int], str, Beside[tuple[list[_Row], list[Problem]]]]] = {}


def read_ahead(path: Path, display: str) -> None:
    """Start reading a language's file in a process of its own, where the machine has a
    core to spare, for `read_entries` to take: a large file takes seconds to parse, and
    needs nothing the check of the scenarios finds."""
    key = path.resolve()
    if key not in _ahead and (pending := beside(functools.partial(_rows, path, display))):
        _ahead[key] = (file_signature(path), display, pending)


def read_entries(path: Path, display: str) -> tuple[list[Entry], list[Problem]]:
    """Every entry of a language's file with its msgstr position, or the problem reading it."""
    ahead = _ahead.pop(path.resolve(), None)
    if ahead is None:
        return _read(path, display)
    signature, shown, pending = ahead
    read = pending.result()
    if read is None or shown != display or signature != file_signature(path):
        return _read(path, display)  # failed, read for another name, or changed since
    rows, problems = read
    return [Entry(*row[:5], Position(row[5], 1)) for row in rows], problems
