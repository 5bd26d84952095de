"""Every invalid file in tests/corpus/invalid gives exactly its expected (line, col, code)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vigil.check.project import check_project

CORPUS = Path(__file__).parent / "corpus"
EXPECT = re.compile(r"^# expect: (\d+):(\d+) ([a-z0-9-]+)$", re.MULTILINE)


def expected(path: Path) -> set[tuple[int, int, str]]:
    text = path.read_text(encoding="utf-8")
    return {(int(line), int(col), code) for line, col, code in EXPECT.findall(text)}


@pytest.mark.parametrize("path", sorted((CORPUS / "invalid").glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_file_reports_expected_problems(path: Path) -> None:
    want = expected(path)
    assert want, f"{path.name} declares no '# expect: line:col code' lines"
    result = check_project(CORPUS, [path])
    got = {(p.line, p.col, p.code) for p in result.problems}
    assert got == want
    assert len(result.problems) == len(got), "a problem is reported twice"
    assert all(p.path == f"invalid/{path.name}" for p in result.problems)


def test_valid_corpus_is_clean() -> None:
    result = check_project(CORPUS, [CORPUS / "valid"])
    assert result.problems == []
    assert result.course is not None
    assert [s.id for s in result.course.scenarios] == ["minimal"]
