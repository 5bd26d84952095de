"""Verification codes: stable, sensitive to every field, checked by `vigil verify`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_vigil
from vigil.certificate import verification_code
from vigil.check.project import check_project

FIELDS = {
    "course_id": "c",
    "title": "T",
    "version": "abc",
    "date": "2026-11-28",
    "score": 90,
    "name": "Ana Silva",
}


def test_code_format_and_a_known_value() -> None:
    # Computed independently: SHA-256 over the seven lines, top 50 bits, Crockford base32.
    assert verification_code(**FIELDS) == "VXCRM-CJJE2"


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_every_field_changes_the_code(field: str) -> None:
    changed = {**FIELDS, field: 91 if field == "score" else f"{FIELDS[field]}x"}
    assert verification_code(**changed) != verification_code(**FIELDS)  # type: ignore[arg-type]


def test_names_compare_as_printed() -> None:
    assert verification_code(**{**FIELDS, "name": "  Ana   Silva "}) == verification_code(**FIELDS)


def test_vigil_verify(project: Path) -> None:
    course = check_project(project).course
    assert course is not None
    code = verification_code(
        course_id=course.options.id,
        title=course.title,
        version=course.version,
        date="2026-11-28",
        score=85,
        name="Ana Silva",
    )
    args = ["--name", "Ana Silva", "--date", "2026-11-28"]
    good = run_vigil("verify", code, *args, "--score", "85", cwd=project)
    assert good.returncode == 0, good.stderr
    assert "match" in good.stdout
    forged = run_vigil("verify", code, *args, "--score", "95", cwd=project)
    assert forged.returncode == 1
    assert "no match" in forged.stderr


def test_course_version_follows_the_content(project: Path) -> None:
    first = check_project(project).course
    again = check_project(project).course
    assert first is not None
    assert again is not None
    assert first.version == again.version
    scenario = project / "scenarios" / "minimal.yaml"
    scenario.write_text(scenario.read_text().replace("Which gyros", "Which gyroscopes"))
    changed = check_project(project).course
    assert changed is not None
    assert changed.version != first.version
