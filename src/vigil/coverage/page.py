"""The coverage page of the trainers' section: the report of `vigil report`, drawn.

`render.pages` registers it; the course's nav places it wherever the author names
`trainers/coverage.md` (the sample lists it under "For trainers"). Every string here is
in the catalog; tactic and category names arrive already in the page's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from vigil.course import Course
from vigil.coverage.heatmap import heatmap
from vigil.coverage.matrix import LEVELS, Coverage, Matrix, coverage
from vigil.i18n import N_
from vigil.i18n.catalog import Translator

COVERAGE_URI = "trainers/coverage.md"
TEMPLATE = "coverage.html.j2"
TITLE = N_("Course coverage")

# Each figure: its matrix, heading and description, as the catalog holds them.
FIGURES = (
    (
        "tactic_category",
        N_("Tactics by disclosure category"),
        N_("How many scenarios train each tactic while something of each category is at stake."),
    ),
    (
        "tactic_kind",
        N_("Tactics by question kind"),
        N_("How many questions of each kind ask about each tactic."),
    ),
    (
        "difficulty",
        N_("Difficulty per module"),
        N_("How many scenarios of each module are at each difficulty level."),
    ),
)
LEVEL_NAMES = {1: "introductory", 2: "subtle", 3: "expert"}  # as pages name them (_names)


@dataclass(frozen=True)
class Figure:
    key: str
    heading: str
    description: str
    columns: list[str]
    table: list[tuple[str, tuple[int, ...]]]  # each row's label and counts
    svg: Markup


def coverage_page(course: Course, translator: Translator, page: Callable[..., str]) -> str:
    """The page source, made by the render's own page writer `page(template, title, ...)`."""
    cov = coverage(course)
    figures = [_figure(cov, key, heading, text, translator) for key, heading, text in FIGURES]
    return page(
        TEMPLATE, translator.gettext(TITLE), cov=cov, figures=figures, **_gaps(cov, translator)
    )


def _labels(cov: Coverage, key: str, translator: Translator) -> tuple[list[str], list[str]]:
    tactics = {t.id: t.name for t in cov.tactics}
    matrix: Matrix = getattr(cov, key)
    rows = [tactics[r] for r in matrix.rows]
    if key == "tactic_category":
        return rows, [c.name for c in cov.categories]
    if key == "tactic_kind":
        return rows, list(cov.kinds)  # as the YAML writes them: `type: pick-comments`
    return rows, [_level(n, translator) for n in LEVELS]


def _level(level: int, translator: Translator) -> str:
    return translator.pgettext("difficulty", LEVEL_NAMES[level])


def _figure(cov: Coverage, key: str, heading: str, text: str, translator: Translator) -> Figure:
    matrix: Matrix = getattr(cov, key)
    rows, columns = _labels(cov, key, translator)

    def cell_title(row: str, column: str, count: int) -> str:
        if matrix.counted == "questions":
            amount = translator.ngettext("%(num)s question", "%(num)s questions", count)
        else:
            amount = translator.ngettext("%(num)s scenario", "%(num)s scenarios", count)
        counted = amount % {"num": translator.number(count)}
        return translator.gettext("%(row)s, %(column)s: %(count)s") % {
            "row": row,
            "column": column,
            "count": counted,
        }

    svg = heatmap(
        matrix,
        rows,
        columns,
        ident=f"vigil-heatmap-{key.replace('_', '-')}",
        title=translator.gettext(heading),
        cell_title=cell_title,
    )
    table = list(zip(rows, matrix.counts, strict=True))
    return Figure(key, translator.gettext(heading), translator.gettext(text), columns, table, svg)


def _gaps(cov: Coverage, translator: Translator) -> dict[str, Any]:
    """The gaps by name, for the page's lists."""
    tactics = {t.id: t.name for t in cov.tactics}
    categories = {c.id: c.name for c in cov.categories}
    return {
        "untrained": [tactics[t] for t in cov.gaps.tactics],
        "untested": [categories[c] for c in cov.gaps.categories],
        "unused": list(cov.gaps.kinds),
        "levels": [
            (tactics[m], [_level(n, translator) for n in levels]) for m, levels in cov.gaps.levels
        ],
    }
