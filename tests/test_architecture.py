"""The layout keeps its promises: seams stay local, MkDocs stays at the edge, modules small."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from vigil.questions.registry import kinds
from vigil.targets.registry import TARGETS

SRC = Path(__file__).parent.parent / "src" / "vigil"
BENCH = Path(__file__).parent.parent / "bench"
MAX_LINES = 420  # "about 400": a file may run a little over, never far


def sources(*, outside: str | None = None) -> list[Path]:
    return [
        p
        for p in sorted(SRC.rglob("*"))
        if p.suffix in {".py", ".js", ".j2"} and not (outside and outside in p.parts)
    ]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_the_engine_imports_mkdocs() -> None:
    offenders = [
        p.relative_to(SRC).as_posix()
        for p in sources(outside="engine")
        if p.suffix == ".py"
        and any(m.split(".")[0] in {"mkdocs", "material"} for m in imported_modules(p))
    ]
    assert offenders == []


def test_no_module_is_much_over_four_hundred_lines() -> None:
    long = {
        p.relative_to(SRC).as_posix(): n
        for p in sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize("name", sorted(kinds()))
def test_core_code_never_names_a_question_kind(name: str) -> None:
    """A kind's name and its class appear in its own unit and the registry line, nowhere else."""
    kind = kinds()[name]
    pattern = re.compile(rf"""["']{re.escape(name)}["']|\b{kind.__name__}\b""")
    places = [*sources(outside="questions"), *sorted(BENCH.glob("*.py"))]
    named = [p.name for p in places if pattern.search(p.read_text(encoding="utf-8"))]
    assert named == []


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_core_code_never_names_a_target(name: str) -> None:
    target = TARGETS[name]
    pattern = re.compile(rf"""["']{re.escape(target.name)}["']""")
    places = [p for p in sources(outside="targets") if p.suffix == ".py"]
    named = [p.relative_to(SRC).as_posix() for p in places if pattern.search(p.read_text("utf-8"))]
    assert set(named) <= {"engine/plugin.py"}  # the plugin's default `target` option
