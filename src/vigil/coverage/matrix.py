"""The course's coverage as numbers: three matrices and the gaps they show.

A scenario trains the tactics it lists and those of its red flags, and concerns the
categories it lists under `disclosure` and those of its comments' leaks. Its questions
(on the page and in the assessment bank alike) test those tactics and categories.
Question kinds come from the registry, in registration order, so a new kind has its
column without a change here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from vigil.course import Course, walk_comments
from vigil.format.scenario import Scenario
from vigil.format.taxonomy import Term
from vigil.questions.registry import kinds

LEVELS = (1, 2, 3)


@dataclass(frozen=True)
class Matrix:
    """Counts by row and column id; `counts[i][j]` is row i, column j."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    counted: str  # what a cell counts: "scenarios" or "questions"

    @property
    def peak(self) -> int:
        return max((n for row in self.counts for n in row), default=0)


@dataclass(frozen=True)
class Gaps:
    tactics: tuple[str, ...]  # no scenario trains them
    categories: tuple[str, ...]  # no question tests them
    kinds: tuple[str, ...]  # no question is of this kind
    levels: tuple[tuple[str, tuple[int, ...]], ...]  # modules without a difficulty level

    def __bool__(self) -> bool:
        return bool(self.tactics or self.categories or self.kinds or self.levels)


@dataclass(frozen=True)
class Coverage:
    course_id: str
    scenarios: int
    questions: int
    tactics: tuple[Term, ...]
    categories: tuple[Term, ...]
    kinds: tuple[str, ...]
    tactic_category: Matrix
    tactic_kind: Matrix
    difficulty: Matrix
    gaps: Gaps


def trained(scenario: Scenario) -> set[str]:
    """The tactics a scenario trains: those it lists and those its red flags name."""
    flags = {c.flag.tactic for c in walk_comments(scenario.thread) if c.flag}
    return set(scenario.tactics) | flags


def concerned(scenario: Scenario) -> set[str]:
    """The categories a scenario concerns: those it lists and those its leaks fall in."""
    leaks = {leak.category for c in walk_comments(scenario.thread) for leak in c.leaks}
    return set(scenario.disclosure) | leaks


def coverage(course: Course) -> Coverage:
    tactics, categories = course.taxonomy.tactics, course.taxonomy.categories
    kind_names = tuple(kinds())
    tactic_ids = tuple(t.id for t in tactics)
    category_ids = tuple(c.id for c in categories)
    by_category: Counter[tuple[str, str]] = Counter()
    by_kind: Counter[tuple[str, str]] = Counter()
    tested: set[str] = set()
    used: set[str] = set()
    for scenario in course.scenarios:
        own_tactics, own_categories = trained(scenario), concerned(scenario)
        if scenario.questions:
            tested |= own_categories
        used |= {q.type for q in scenario.questions}
        for tactic in own_tactics:
            by_category.update((tactic, category) for category in own_categories)
            by_kind.update((tactic, question.type) for question in scenario.questions)
    modules = course.modules()
    by_level = Counter((t.id, str(s.difficulty)) for t, members in modules for s in members)
    module_ids = tuple(t.id for t, _ in modules)
    difficulty = _matrix(module_ids, tuple(map(str, LEVELS)), by_level, "scenarios")
    trained_any = {t for s in course.scenarios for t in trained(s)}
    return Coverage(
        course_id=course.options.id,
        scenarios=len(course.scenarios),
        questions=sum(len(s.questions) for s in course.scenarios),
        tactics=tactics,
        categories=categories,
        kinds=kind_names,
        tactic_category=_matrix(tactic_ids, category_ids, by_category, "scenarios"),
        tactic_kind=_matrix(tactic_ids, kind_names, by_kind, "questions"),
        difficulty=difficulty,
        gaps=Gaps(
            tactics=tuple(t for t in tactic_ids if t not in trained_any),
            categories=tuple(c for c in category_ids if c not in tested),
            kinds=tuple(k for k in kind_names if k not in used),
            levels=tuple(
                (row, tuple(lv for lv, n in zip(LEVELS, counts, strict=True) if n == 0))
                for row, counts in zip(difficulty.rows, difficulty.counts, strict=True)
                if 0 in counts
            ),
        ),
    )


def _matrix(
    rows: tuple[str, ...], columns: tuple[str, ...], cells: Counter[tuple[str, str]], counted: str
) -> Matrix:
    counts = tuple(tuple(cells.get((r, c), 0) for c in columns) for r in rows)
    return Matrix(rows, columns, counts, counted)
