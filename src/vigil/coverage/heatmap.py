"""A matrix drawn as an SVG heatmap, written at build time: no script, no outside file.

The figure is one `role="img"` element named by its own <title>; the page puts the same
numbers in a table beside it for screen readers. Text is measured by estimate (no font
is loaded), which is why labels get generous room. Cell colours come in five steps of one
hue, each with a text colour that keeps a contrast of at least 4.5:1; an empty cell is
drawn as an outline in the page's own text colour, so gaps stand out in light and dark
schemes alike.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable

from markupsafe import Markup, escape

from vigil.coverage.matrix import Matrix

CELL = 34
GAP = 3
FONT = 13
PAD = 8
SLANT = math.radians(40)  # column labels rise at this angle
# (fill, text) by step, light to dark.
STEPS = (
    ("#dbeafe", "#111827"),
    ("#93c5fd", "#111827"),
    ("#2563eb", "#ffffff"),
    ("#1d4ed8", "#ffffff"),
    ("#1e3a8a", "#ffffff"),
)


def text_width(text: str) -> float:
    """An estimate of `text` in pixels at FONT: wide (CJK) characters take a full em."""
    ems = sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F") else 0.6 for c in text)
    return ems * FONT


def step(count: int, peak: int) -> tuple[str, str]:
    """The colours of a cell: the share of the largest count, in five steps."""
    index = max(1, math.ceil(count / max(peak, 1) * len(STEPS))) - 1
    return STEPS[index]


def heatmap(
    matrix: Matrix,
    rows: list[str],
    columns: list[str],
    *,
    ident: str,
    title: str,
    cell_title: Callable[[str, str, int], str],
) -> Markup:
    """The SVG of `matrix` with the given (already translated) row and column labels;
    `cell_title(row, column, count)` is each cell's tooltip."""
    left = max((text_width(r) for r in rows), default=0) + 2 * PAD
    longest = max((text_width(c) for c in columns), default=0)
    top = longest * math.sin(SLANT) + FONT + PAD
    width = left + len(columns) * CELL + longest * math.cos(SLANT) + PAD
    height = top + len(rows) * CELL + PAD
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t" '
        f'class="vigil-heatmap" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" font-size="{FONT}" style="max-width:100%;height:auto">',
        f'<title id="{ident}-t">{escape(title)}</title>',
    ]
    for j, column in enumerate(columns):
        x, y = left + j * CELL + CELL / 2, top - PAD / 2
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" fill="currentColor" '
            f'transform="rotate({-math.degrees(SLANT):.0f} {x:.1f} {y:.1f})">'
            f"{escape(column)}</text>"
        )
    for i, row in enumerate(rows):
        y = top + i * CELL
        out.append(
            f'<text x="{left - PAD:.1f}" y="{y + CELL / 2:.1f}" fill="currentColor" '
            f'text-anchor="end" dominant-baseline="central">{escape(row)}</text>'
        )
        for j, column in enumerate(columns):
            out.append(_cell(matrix.counts[i][j], matrix.peak, left + j * CELL, y))
            out.append(f"<title>{escape(cell_title(row, column, matrix.counts[i][j]))}</title></g>")
    out.append("</svg>")
    return Markup("\n".join(out))  # noqa: S704  (every text above is escaped)


def _cell(count: int, peak: int, x: float, y: float) -> str:
    """A cell's group, left open for its tooltip."""
    size = CELL - GAP
    centred = (
        f'x="{x + size / 2:.1f}" y="{y + size / 2:.1f}" text-anchor="middle" '
        'dominant-baseline="central"'
    )
    if count == 0:
        box = (
            f'<rect x="{x + 0.5:.1f}" y="{y + 0.5:.1f}" width="{size - 1}" height="{size - 1}" '
            'rx="3" fill="none" stroke="currentColor" stroke-dasharray="3 2"/>'
        )
        ink = "currentColor"
    else:
        fill, ink = step(count, peak)
        box = f'<rect x="{x:.1f}" y="{y:.1f}" width="{size}" height="{size}" rx="3" fill="{fill}"/>'
    return f'<g>{box}<text {centred} fill="{ink}">{count}</text>'
