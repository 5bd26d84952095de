"""`vigil verify`: codes as typed, no code minting, and clear usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import run_vigil
from vigil.certificate import normalise_code, verification_code
from vigil.check.project import check_project
from vigil.cli import cli

NAME = "Ana Silva"
DATE = "2026-11-28"


def code_for(project: Path, score: int, name: str = NAME, date: str = DATE) -> str:
    course = check_project(project).course
    assert course is not None
    return verification_code(
        course_id=course.options.id,
        title=course.title,
        version=course.version,
        date=date,
        score=score,
        name=name,
    )


def verify(project: Path, code: str, *args: str, score: int = 85) -> Result:
    fields = ["--name", NAME, "--date", DATE, "--score", str(score), "-p", str(project), *args]
    return CliRunner().invoke(cli, ["verify", code, *fields])


def test_codes_normalise_as_typed() -> None:
    assert normalise_code(" vxcrm cjje2 ") == "VXCRM-CJJE2"
    assert normalise_code("VXCRMCJJE2") == "VXCRM-CJJE2"
    assert normalise_code("oil00-00000") == "01100-00000"  # Crockford: O is 0, I and L are 1
    assert normalise_code("VXCRM-CJJEU") is None  # U is not a Crockford digit
    assert normalise_code("VXCRM-CJJE") is None
    assert normalise_code("VXCRM-CJJE22") is None
    assert normalise_code("") is None


def confusable(code: str) -> str:
    """The code as someone might type it: lower case, no hyphen, O for 0 and l for 1."""
    return code.replace("-", "").replace("0", "O").replace("1", "l").lower()


def test_a_code_matches_however_it_is_typed(project: Path) -> None:
    # a score whose code holds a 0 or a 1, so the Crockford readings are exercised too
    score = next(s for s in range(101) if {"0", "1"} & set(code_for(project, s)))
    code = code_for(project, score)
    for typed in [code, code.lower(), code.replace("-", ""), f" {code[:5]} {code[6:]} "]:
        result = verify(project, typed, score=score)
        assert result.exit_code == 0, (typed, result.output)
        assert "match" in result.output
    typed = confusable(code)
    assert typed != code.replace("-", "").lower()
    result = verify(project, typed, score=score)
    assert result.exit_code == 0, (typed, result.output)


def test_a_mismatch_never_shows_the_expected_code(project: Path) -> None:
    expected = code_for(project, 95)
    wrong = code_for(project, 85)
    result = run_vigil(
        "verify", wrong, "--name", NAME, "--date", DATE, "--score", "95", cwd=project
    )
    assert result.returncode == 1
    assert "no match" in result.stderr
    for shown in (expected, expected.replace("-", "")):
        assert shown not in result.stdout + result.stderr
    # it says what it compared
    assert "Ana Silva" in result.stderr
    assert DATE in result.stderr
    assert "95" in result.stderr


@pytest.mark.parametrize("code", ["VXCRM-CJJE", "VXCRM-CJJEU", "hello", "", "VXCRM-CJJE2-X"])
def test_a_malformed_code_is_a_usage_error(project: Path, code: str) -> None:
    result = verify(project, code)
    assert result.exit_code == 2, result.output
    assert "CODE" in result.output


@pytest.mark.parametrize(
    "date", ["2026-02-30", "2026-13-01", "28/11/2026", "20261128", "2026-11-28x", "٢٠٢٦-11-28", ""]
)
def test_a_bad_date_is_a_usage_error(project: Path, date: str) -> None:
    code = code_for(project, 85)
    fields = ["--name", NAME, "--date", date, "--score", "85", "-p", str(project)]
    result = CliRunner().invoke(cli, ["verify", code, *fields])
    assert result.exit_code == 2, result.output
    assert "--date" in result.output
    assert "YYYY-MM-DD" in result.output


def test_a_name_that_is_not_utf8_is_a_usage_error(project: Path) -> None:
    code = code_for(project, 85)
    # "\udcff" reaches the child's argv as the byte 0xff, which is not UTF-8
    result = run_vigil(
        "verify", code, "--name", "Ana \udcff", "--date", DATE, "--score", "85", cwd=project
    )
    assert result.returncode == 2, result.stderr
    assert "--name" in result.stderr
    assert "UTF-8" in result.stderr
    assert "internal error" not in result.stderr


def test_a_missing_project_folder_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent"
    result = run_vigil(
        "verify", "VXCRM-CJJE2", "--name", NAME, "--date", DATE, "--score", "85",
        "-p", missing, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "does not exist" in result.stderr
    assert str(missing) in result.stderr
    assert "no-such-path" not in result.stderr


@pytest.mark.parametrize("command", [["check"], ["build"], ["new", "lab-tour"], ["serve"]])
def test_every_command_reports_a_missing_project_folder(tmp_path: Path, command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "-p", str(tmp_path / "nonexistent")])
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.output
