"""`vigil report` output: the coverage as text for a terminal, JSON for tools, Markdown
for a pull request or a wiki. Ids are written as in the YAML, so a gap can be searched."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from vigil.coverage.matrix import Coverage, Gaps, Matrix

FORMATS = ("text", "json", "markdown")
ZERO = "·"  # an empty cell stands out from the counts around it

# Each matrix: its key in JSON and its heading.
MATRICES = (
    ("tactic_category", "Tactics by disclosure category"),
    ("tactic_kind", "Tactics by question kind"),
    ("difficulty", "Difficulty per module"),
)


def gap_lines(gaps: Gaps) -> list[tuple[str, str]]:
    """Each kind of gap as (label, ids or "none")."""

    def listed(ids: tuple[str, ...]) -> str:
        return ", ".join(ids) if ids else "none"

    levels = "; ".join(f"{m} (no level {', '.join(map(str, lv))})" for m, lv in gaps.levels)
    return [
        ("Tactics no scenario trains", listed(gaps.tactics)),
        ("Categories no question tests", listed(gaps.categories)),
        ("Question kinds no question uses", listed(gaps.kinds)),
        ("Modules missing a difficulty level", levels or "none"),
    ]


def as_json(cov: Coverage) -> str:
    def matrix(m: Matrix) -> dict[str, Any]:
        return {
            "counts_of": m.counted,
            "rows": list(m.rows),
            "columns": list(m.columns),
            "counts": [list(row) for row in m.counts],
        }

    data = {
        "course": cov.course_id,
        "scenarios": cov.scenarios,
        "questions": cov.questions,
        "tactics": [{"id": t.id, "name": t.name} for t in cov.tactics],
        "categories": [{"id": c.id, "name": c.name} for c in cov.categories],
        "kinds": list(cov.kinds),
        "matrices": {key: matrix(getattr(cov, key)) for key, _ in MATRICES},
        "gaps": {
            "tactics": list(cov.gaps.tactics),
            "categories": list(cov.gaps.categories),
            "kinds": list(cov.gaps.kinds),
            "levels": {module: list(levels) for module, levels in cov.gaps.levels},
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _cell(n: int) -> str:
    return str(n) if n else ZERO


def as_text(cov: Coverage) -> str:
    out = [f"Coverage of {cov.course_id}: {cov.scenarios} scenarios, {cov.questions} questions"]
    for key, heading in MATRICES:
        m: Matrix = getattr(cov, key)
        out += ["", f"{heading} ({m.counted})"]
        numbered = len(max(m.columns, key=len, default="")) > 3  # long ids: a legend
        heads = [str(i) for i in range(1, len(m.columns) + 1)] if numbered else list(m.columns)
        width = max((len(r) for r in m.rows), default=0)
        cols = [max(len(h), len(str(m.peak))) for h in heads]
        out.append(" " * width + "".join(f"  {h:>{w}}" for h, w in zip(heads, cols, strict=True)))
        for row, counts in zip(m.rows, m.counts, strict=True):
            cells = "".join(f"  {_cell(n):>{w}}" for n, w in zip(counts, cols, strict=True))
            out.append(f"{row:<{width}}{cells}")
        if numbered:
            out.append(
                "columns: " + ", ".join(f"{i} {c}" for i, c in zip(heads, m.columns, strict=True))
            )
    out += ["", "Gaps"]
    out += [f"  {label}: {ids}" for label, ids in gap_lines(cov.gaps)]
    return "\n".join(out)


def as_markdown(cov: Coverage) -> str:
    out = [
        f"# Coverage of `{cov.course_id}`",
        "",
        f"{cov.scenarios} scenarios, {cov.questions} questions.",
    ]
    for key, heading in MATRICES:
        m: Matrix = getattr(cov, key)
        out += ["", f"## {heading}", "", f"Each cell counts {m.counted}.", ""]
        out.append("| | " + " | ".join(f"`{c}`" for c in m.columns) + " |")
        out.append("|---|" + "---:|" * len(m.columns))
        for row, counts in zip(m.rows, m.counts, strict=True):
            out.append(f"| `{row}` | " + " | ".join(_cell(n) for n in counts) + " |")
    out += ["", "## Gaps", ""]
    out += [f"- {label}: {ids}" for label, ids in gap_lines(cov.gaps)]
    return "\n".join(out)


WRITERS: dict[str, Callable[[Coverage], str]] = {
    "text": as_text,
    "json": as_json,
    "markdown": as_markdown,
}
