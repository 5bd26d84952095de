"""What a thread gave away, for the panel its scenario page shows after the reveal.

Two views of one thread: the harvest (each detail the trainer marked as a leak, grouped by
disclosure category, with who gave it away) and the scraper's table (what the detector
pulls out of every post and comment, with no idea which of it matters).
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil.course import Course, walk_comments
from vigil.detect import Terms, find, terms_of
from vigil.format.scenario import Scenario
from vigil.format.taxonomy import Term
from vigil.i18n import N_

# The detector's categories as the scraper's table names them.
SCRAPED_KINDS = {
    "term": N_("Sensitive term"),
    "name": N_("Name"),
    "place": N_("Place"),
    "probe": N_("Subject word"),
    "date": N_("Date or time"),
    "number": N_("Number with a unit"),
    "code": N_("Code or model"),
}


@dataclass(frozen=True)
class Harvested:
    """One detail as an adversary notes it: the words and who wrote them."""

    text: str
    by: str


@dataclass(frozen=True)
class Scraped:
    """One row of the scraper's table: what it found, of which kind (a `SCRAPED_KINDS`
    key), and whose post or comment it came from."""

    text: str
    kind: str
    by: str

    @property
    def label(self) -> str:
        """The kind's name, in the source language (the template translates it)."""
        return SCRAPED_KINDS[self.kind]


@dataclass(frozen=True)
class Panel:
    """The scenario page's notebook panel: the harvest, the scraper's rows, and the link
    to the course notebook."""

    harvest: list[tuple[Term, list[Harvested]]]
    scraped: list[Scraped]
    notebook_url: str


def panel(course: Course, scenario: Scenario, notebook_url: str) -> Panel:
    return Panel(harvest(course, scenario), scraped(scenario), notebook_url)


def harvest(course: Course, scenario: Scenario) -> list[tuple[Term, list[Harvested]]]:
    """The thread's leaks by category, in the taxonomy's order, each in thread order."""
    found: dict[str, list[Harvested]] = {}
    for comment in walk_comments(scenario.thread):
        name = scenario.personas[comment.by].name
        for leak in comment.leaks:
            found.setdefault(leak.category, []).append(Harvested(leak.text, name))
    return [(term, found[term.id]) for term in course.taxonomy.categories if term.id in found]


def scraped(scenario: Scenario) -> list[Scraped]:
    """Every detection in the post and the comments, in thread order, each once per author
    (case aside).

    The scraper knows the names in the thread but not what the trainer marked: it pulls
    out numbers, codes, names, places and dates wherever they are, useful or not.
    """
    terms = Terms(names=terms_of(scenario).names)
    texts = [(scenario.post.by, scenario.post.text)] if scenario.post else []
    texts += [(c.by, c.text) for c in walk_comments(scenario.thread)]
    rows: dict[tuple[str, str, str], Scraped] = {}
    for by, text in texts:
        for d in find(text, terms):
            row = Scraped(text[d.start : d.end], d.category, scenario.personas[by].name)
            rows.setdefault((row.text.casefold(), row.kind, by), row)
    return list(rows.values())
