"""The hygiene lint: real-looking identifiers and denied names in a scenario's text.

Scenario packs travel between organisations, so a real e-mail address, domain, address,
telephone number or serial number in a training thread would leak it to every course
that copies the pack. Every text value of the scenario is scanned (`identifiers`), except
`sources`, which cite real documents on purpose, and `fictional`, the scenario's own list
of invented identifiers. A course accepts more with `extra.vigil.hygiene.allow` and bans
real names with `deny`; findings are errors unless the course sets `level: warning`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from fnmatch import fnmatchcase
from functools import lru_cache
from itertools import accumulate

import yaml

from vigil.check.identifiers import ANY, Found, scan
from vigil.course import HygieneOptions
from vigil.format.loader import LINE_BREAKS, Document, Position
from vigil.problems import Problem, Severity, quoted

UNCHECKED_KEYS = ("sources", "fictional")

ADVICE = {
    "real-email": (
        "looks like a real e-mail address; use a reserved domain (name@example.org, "
        "name@company.test)"
    ),
    "real-domain": (
        "looks like a real domain; use a reserved one (example.org, example.com, any name "
        "ending in .test or .example)"
    ),
    "real-ip": (
        "is outside the documentation ranges; use 192.0.2.x, 198.51.100.x or 203.0.113.x "
        "(IPv6: 2001:db8::)"
    ),
    "real-phone": (
        "is outside the numbers reserved for fiction; use 555-0100 to 555-0199 (North "
        "America), 020 7946 0000 to 0999 or 07700 900000 to 900999 (UK)"
    ),
    "unmarked-serial": "looks like a real serial or part number",
}
MARK = (
    "if it is invented, list it under fictional: in this scenario "
    "(or under extra.vigil.hygiene.allow in mkdocs.yml)"
)


def lint(doc: Document, source: bytes, options: HygieneOptions) -> list[Problem]:
    """Every finding of the scenario in `doc`, whose file held `source`, at its line and
    column (where a value folds a finding across lines, at the start of the value)."""
    if not isinstance(doc.root, yaml.MappingNode):
        return []
    nodes = list({id(n): n for key, n in doc.texts if key not in UNCHECKED_KEYS}.values())
    values = [str(node.value) for node in nodes]
    fictional = _fictional(doc)
    severity = Severity(options.level)
    lines: list[str] | None = None
    problems: list[Problem] = []
    for i in _candidates(values, options.deny):
        findings = list(_findings(values[i], options, fictional))
        if not findings:
            continue
        if lines is None:
            lines = LINE_BREAKS.split(source.decode("utf-8-sig", errors="replace"))
        seen: dict[str, int] = {}
        for found in findings:
            nth = seen.get(found.text, 0)
            seen[found.text] = nth + 1
            at = _locate(lines, nodes[i], found.text, nth)
            problems.append(
                Problem(doc.path, at.line, at.col, found.code, _message(found), severity)
            )
    return problems


def _candidates(values: list[str], deny: tuple[str, ...]) -> list[int]:
    """The indexes of the values worth scanning, found by searching them all at once:
    a search per value cost more than the rest of the lint."""
    joined = "\0".join(values)
    starts = list(accumulate((len(v) + 1 for v in values[:-1]), initial=0))
    hits = {m.start() for pattern in ANY for m in pattern.finditer(joined)}
    pattern = _deny_pattern(deny)
    if pattern is not None:
        hits |= {m.start() for m in pattern.finditer(joined)}
    return sorted({bisect_right(starts, at) - 1 for at in hits})


def _message(found: Found) -> str:
    if found.code == "denied-name":
        return (
            f"{quoted(found.text)} is on the course's deny list (extra.vigil.hygiene.deny "
            "in mkdocs.yml); use an invented name"
        )
    return f"{quoted(found.text)} {ADVICE[found.code]}; {MARK}"


def _fictional(doc: Document) -> tuple[str, ...]:
    """The scenario's own invented identifiers, as written (even if the rest is invalid)."""
    listed = doc.data.get("fictional") if isinstance(doc.data, dict) else None
    return tuple(i for i in listed if isinstance(i, str)) if isinstance(listed, list) else ()


def _findings(text: str, options: HygieneOptions, fictional: tuple[str, ...]) -> Iterator[Found]:
    for found in scan(text):
        if found.real and not _allowed(found, options.allow, fictional):
            yield found
    pattern = _deny_pattern(options.deny)
    if pattern is not None:
        for match in pattern.finditer(text):
            yield Found(match.start(), match.end(), match.group(), "denied-name", True)


def _allowed(found: Found, allow: tuple[str, ...], fictional: tuple[str, ...]) -> bool:
    """Listed as invented, by the scenario or the course. A listed domain also covers its
    subdomains and the addresses at it."""
    listed = (*allow, *fictional)
    text = found.text.casefold()
    host = text.rsplit("@", 1)[-1]
    for entry in listed:
        entry = entry.casefold()
        if fnmatchcase(text, entry) or fnmatchcase(host, entry):
            return True
        if found.code in ("real-domain", "real-email") and host.endswith("." + entry):
            return True
    return False


@lru_cache(maxsize=16)
def _deny_pattern(deny: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for the deny list: whole words, any case, any run of spaces."""
    names = [r"\s+".join(map(re.escape, name.split())) for name in deny if name.split()]
    if not names:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(names)})(?!\w)", re.IGNORECASE)


def _locate(lines: list[str], node: yaml.ScalarNode, text: str, nth: int) -> Position:
    """Where the `nth` occurrence of `text` is written inside the value's source."""
    start, end = node.start_mark, node.end_mark
    for number in range(start.line, min(end.line, len(lines) - 1) + 1):
        line = lines[number]
        low = start.column if number == start.line else 0
        high = end.column if number == end.line else len(line)
        at = line.find(text, low, high)
        while at >= 0:
            if nth == 0:
                return Position(number + 1, at + 1)
            nth -= 1
            at = line.find(text, at + 1, high)
    return Position(start.line + 1, start.column + 1)
