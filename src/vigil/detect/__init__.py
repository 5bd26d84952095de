"""What a text would give away: the one detector of Vigil, in Python and in the browser.

    find(text: str, terms: Terms = Terms()) -> list[Detection]

returns the detections in `text`, in order and never overlapping; each is a
`Detection(start, end, category)` where `text[start:end]` is what was found. Categories
(`CATEGORIES`, in rank order):

- `term`: one of the scenario's own sensitive terms (`Terms.sensitive`);
- `name`: a person's name (`Terms.names`, with the other ways each is written: "Dr. Anna
  Berg" finds "Berg", 林晓峰 finds 林工 and 晓峰; see `vigil.detect.names`);
- `place`: a place named in `Terms.places`, or a facility with a number or letter
  ("Building 4", "line 3", "Hall B", 2号楼, 第三车间);
- `probe`: a word of the subject an asker is fishing for (`Terms.probe`; draft-reply);
- `date`: dates and schedules ("12 March", "2025-03-12", "14:00", "next week", "Q3",
  3月14日, 星期四下午, 下午3点, 清明前后);
- `number`: a number with a unit ("0.01°/h", "40 kg", "3-5 km", "12 %", 5毫米, 三十公斤,
  百分之五);
- `code`: serial-like and model-like codes ("XR-7", "SN 4471-B" finds "4471-B", "HX200").

English and Chinese are read alike, mixed too (`vigil.detect.zh` holds the Chinese
sources). Text is narrowed first (`narrow`: full-width digits, letters and signs read as
ASCII). Terms are matched
case-insensitively (ASCII letters); a term's Latin letters and digits keep word
boundaries, its other characters match anywhere, so 白沐 is found in 白沐老师说 and
"Wei" not in "Weigh". A term ending in `*` matches any word it begins ("gyro*" finds
"gyroscopes"). Where detections overlap, the one starting first wins, then the longer,
then the category ranked first above.

The browser runs the same detector (draft-reply's script) from `browser_data(terms)`:
the patterns' sources of `vigil.detect.patterns` and the terms, expanded as here. This
signature and the categories are stable: the scraper view of the notebook uses them at
build time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from vigil.detect.names import name_variants
from vigil.detect.patterns import PATTERNS

if TYPE_CHECKING:
    from vigil.format.scenario import Scenario
    from vigil.render.contract import DetectorData

__all__ = [
    "CATEGORIES",
    "Detection",
    "Terms",
    "browser_data",
    "find",
    "name_variants",
    "narrow",
    "terms_of",
]

CATEGORIES = ("term", "name", "place", "probe", "date", "number", "code")


class Detection(NamedTuple):
    start: int
    end: int
    category: str


@dataclass(frozen=True)
class Terms:
    """The words a scenario gives the detector, beyond its patterns."""

    sensitive: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    probe: tuple[str, ...] = ()

    def lists(self) -> list[tuple[str, list[str]]]:
        """Each category's words as matched, in rank order (names with their parts)."""
        return [
            ("term", _unique(self.sensitive)),
            ("name", _unique(w for name in self.names for w in name_variants(name))),
            ("place", _unique(self.places)),
            ("probe", _unique(self.probe)),
        ]


def terms_of(scenario: Scenario) -> Terms:
    """What a scraper of this thread knows: its personas' names and its leaks' words."""
    from vigil.course import walk_comments

    leaks = (leak.text for c in walk_comments(scenario.thread) for leak in c.leaks)
    return Terms(sensitive=tuple(leaks), names=tuple(p.name for p in scenario.personas.values()))


def browser_data(terms: Terms) -> DetectorData:
    """The detector as the browser runs it: patterns as [category, source, flags]."""
    return {"terms": browser_terms(terms), "patterns": browser_patterns()}


def browser_terms(terms: Terms) -> list[list[str | list[str]]]:
    """Each term category with its words, in rank order: what a page carries per question."""
    return [[category, words] for category, words in terms.lists()]


def browser_patterns() -> list[list[str]]:
    """The patterns as [category, source, flags]: the same for every text, so draft-reply's
    script carries them once and each page only its terms."""
    return [[p.category, p.source, p.flags] for p in PATTERNS]


def find(text: str, terms: Terms = Terms()) -> list[Detection]:
    """The detections in `text`, in order, none overlapping (see the module's docstring)."""
    found: list[tuple[int, int, int, str]] = []
    lists = terms.lists()
    for rank, (category, words) in enumerate(lists):
        found.extend((s, e, rank, category) for w in words for s, e in _spans(text, w))
    narrowed = narrow(text)
    for rank, pattern in enumerate(PATTERNS, start=len(lists)):
        found.extend(
            (m.start(), m.end(), rank, pattern.category) for m in pattern.regex.finditer(narrowed)
        )
    found.sort(key=lambda d: (d[0], -d[1], d[2]))
    kept: list[Detection] = []
    for start, end, _rank, category in found:
        if not kept or start >= kept[-1].end:
            kept.append(Detection(start, end, category))
    return kept


def _unique(words: Iterator[str] | tuple[str, ...]) -> list[str]:
    """Stripped, non-empty words, each once (case aside), in their first order."""
    seen: dict[str, str] = {}
    for word in words:
        word = word.strip()
        if word.rstrip("*") and _fold(word) not in seen:
            seen[_fold(word)] = word
    return list(seen.values())


# Full-width forms (U+FF01 to U+FF5E) and the ideographic space, as their ASCII twins; not
# the full-width comma, which parts clauses and never groups digits (9:30, then 5%).
_NARROW = {0xFF01 + i: 0x21 + i for i in range(0x5E) if i != 0x0B} | {0x3000: 0x20}
_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def narrow(text: str) -> str:
    """`text` with full-width digits, letters and signs as ASCII, as Chinese input methods
    may type them. One character for one, so positions hold; the browser narrows alike."""
    return text.translate(_NARROW)


def _fold(text: str) -> str:
    # Narrowed, then ASCII case only: the browser folds alike, and lengths never change.
    return narrow(text).translate(_ASCII_UPPER)


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalnum()


def _spans(text: str, term: str) -> Iterator[tuple[int, int]]:
    """Where `term` occurs as a whole word (a prefix when it ends in "*"); boundaries are
    checked only beside a term's letters and digits, so "°/h" or 工厂 match anywhere."""
    folded, word = _fold(text), _fold(term)
    prefix = word.endswith("*")
    word = word.rstrip("*")
    at = folded.find(word)
    while at >= 0:
        end = at + len(word)
        starts = not (_word_char(word, 0) and _word_char(folded, at - 1))
        ends = prefix or not (_word_char(word, len(word) - 1) and _word_char(folded, end))
        if starts and ends:
            while prefix and _word_char(folded, end):
                end += 1
            yield at, end
        at = folded.find(word, at + 1)
