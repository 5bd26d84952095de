"""`vigil check`, `vigil schema` and `vigil new` as a trainer runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import CORPUS, run_vigil
from vigil.format.json_schema import scenario_schema_text

REPO = Path(__file__).parent.parent


def test_clean_course_exits_zero(project: Path) -> None:
    result = run_vigil("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


# The first line of each problem; the lines after it quote the source.
PROBLEM_LINE = re.compile(r"^(.+):(\d+):(\d+): (error|warning)\[[a-z0-9-]+\]: ")


def test_whole_invalid_corpus_in_one_run(project: Path) -> None:
    result = run_vigil("check", CORPUS / "invalid", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stdout.splitlines() if PROBLEM_LINE.match(line)]
    files = {line.split(":", 1)[0] for line in lines}
    assert len(files) == len(list((CORPUS / "invalid").glob("*.yaml")))
    assert lines == sorted(lines, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))
    quotes = [line for line in result.stdout.splitlines() if not PROBLEM_LINE.match(line)]
    assert len(quotes) == 3 * len(lines)  # every problem quotes its line
    assert all(re.match(r"^ *\d* \|", line) for line in quotes)


def test_text_format_quotes_the_line_with_a_caret(project: Path) -> None:
    scenario = project / "scenarios" / "minimal.yaml"
    scenario.write_text(scenario.read_text().replace("by: fan", "by: fna"), encoding="utf-8")
    result = run_vigil("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "scenarios/minimal.yaml:11:9: error[unknown-persona]: "
        "no persona 'fna' in personas; did you mean 'fan'?",
        "   |",
        "11 |     by: fna",
        "   |         ^",
    ]
    as_json = json.loads(run_vigil("check", "--format", "json", cwd=project).stdout)
    assert [p["code"] for p in as_json] == ["unknown-persona"]
    github = run_vigil("check", "--format", "github", cwd=project).stdout
    assert github.count("\n") == 1
    assert "|" not in github


def test_build_prints_the_quote_too(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: T\nextra:\n  vigil:\n    id: t\n    assessment: {per_tactic: yes}\n",
        encoding="utf-8",
    )
    result = run_vigil("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:4] == [
        "mkdocs.yml:5:30: error[yaml-boolean]: extra.vigil.assessment.per_tactic: expected a "
        "whole number (0 or more), found 'yes'; YAML 1.1 reads 'yes' as the boolean true. "
        "Write a number, e.g. per_tactic: 1",
        "  |",
        "5 |     assessment: {per_tactic: yes}",
        "  | " + " " * 29 + "^",
    ]


def test_json_and_github_formats(project: Path) -> None:
    bad = CORPUS / "invalid" / "duplicate-key.yaml"
    as_json = json.loads(run_vigil("check", "--format", "json", bad, cwd=project).stdout)
    assert [(p["line"], p["col"], p["code"], p["severity"]) for p in as_json] == [
        (4, 1, "duplicate-key", "error")
    ]
    github = run_vigil("check", "--format", "github", bad, cwd=project).stdout
    assert github.startswith("::error file=")
    assert ",line=4,col=1,title=duplicate-key::" in github


def test_warnings_fail_only_under_strict(project: Path) -> None:
    warn = CORPUS / "invalid" / "warnings.yaml"
    assert run_vigil("check", warn, cwd=project).returncode == 0
    strict = run_vigil("check", "--strict", warn, cwd=project)
    assert strict.returncode == 1
    assert "warning[no-questions]" in strict.stdout


def test_usage_error_exits_two(project: Path) -> None:
    assert run_vigil("check", "--format", "xml", cwd=project).returncode == 2
    assert run_vigil("check", "--no-such-flag", cwd=project).returncode == 2


def test_duplicate_scenario_id_across_files(project: Path) -> None:
    copy = project / "scenarios" / "copy.yaml"
    copy.write_text((project / "scenarios" / "minimal.yaml").read_text(), encoding="utf-8")
    result = run_vigil("check", cwd=project)
    assert result.returncode == 1
    assert "duplicate-id" in result.stdout
    assert "scenarios/minimal.yaml:1" in result.stdout


def test_course_options_are_validated_with_positions(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: T\nextra:\n  vigil:\n    id: t\n    pass_mark: 180\n    passmark: 80\n",
        encoding="utf-8",
    )
    out = run_vigil("check", cwd=project).stdout
    assert "mkdocs.yml:5:16: error[bad-value]" in out
    assert (
        "mkdocs.yml:6:5: error[unknown-key]: unknown key 'passmark'; did you mean 'pass_mark'?"
        in out
    )


def test_course_can_add_its_own_tactic(project: Path) -> None:
    scenario = project / "scenarios" / "minimal.yaml"
    scenario.write_text(
        scenario.read_text().replace(
            "tactics: [friendly-questioning]", "tactics: [job-offer-lure]"
        ),
        encoding="utf-8",
    )
    assert "unknown-tactic" in run_vigil("check", cwd=project).stdout
    (project / "mkdocs.yml").write_text(
        "site_name: T\nextra:\n  vigil:\n    id: t\n    tactics:\n"
        "      - {id: job-offer-lure, name: Job-offer lure, description: A fake recruiter.}\n",
        encoding="utf-8",
    )
    assert run_vigil("check", cwd=project).returncode == 0


def test_new_scaffold_passes_strict_check_and_never_overwrites(project: Path) -> None:
    created = run_vigil("new", "lab-tour", cwd=project)
    assert created.returncode == 0, created.stderr
    path = project / "scenarios" / "lab-tour.yaml"
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../schema/scenario.schema.json\n"
    )
    assert run_vigil("check", "--strict", cwd=project).returncode == 0
    path.write_text(path.read_text() + "# my edit\n", encoding="utf-8")
    again = run_vigil("new", "lab-tour", cwd=project)
    assert again.returncode == 1
    assert path.read_text().endswith("# my edit\n")
    assert run_vigil("new", "Not A Slug", cwd=project).returncode == 2
    assert run_vigil("new", "x" * 65, cwd=project).returncode == 2  # ids are at most 64


def test_committed_schema_matches_the_models() -> None:
    committed = (REPO / "schema" / "scenario.schema.json").read_text(encoding="utf-8")
    assert committed == scenario_schema_text(), "run: vigil schema > schema/scenario.schema.json"


def test_schema_command_prints_valid_json(project: Path) -> None:
    schema = json.loads(run_vigil("schema", cwd=project).stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"id", "thread", "questions"} <= set(schema["properties"])


def test_assessment_bank_must_fill_its_quota(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: T\nextra:\n  vigil:\n    id: t\n    assessment:\n      per_tactic: 2\n",
        encoding="utf-8",
    )
    result = run_vigil("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("mkdocs.yml:6:19: error[bank-too-small]: ")
    assert "'friendly-questioning' holds 1 (from minimal)" in result.stdout
    # a single file checked alone is not held to the course's quota
    assert run_vigil("check", "scenarios/minimal.yaml", cwd=project).returncode == 0


def test_linked_scenario_packs_are_found_and_files_counted_once(
    project: Path, tmp_path_factory
) -> None:
    pack = tmp_path_factory.mktemp("pack")
    text = (project / "scenarios" / "minimal.yaml").read_text().replace("id: minimal", "id: shared")
    (pack / "shared.yaml").write_text(text, encoding="utf-8")
    (project / "scenarios" / "pack").symlink_to(pack, target_is_directory=True)
    result = run_vigil(
        "check", "--format", "json", "scenarios", "scenarios/minimal.yaml", cwd=project
    )
    assert json.loads(result.stdout) == []
    assert result.returncode == 0


def test_symlink_loop_is_reported_not_crashed(project: Path) -> None:
    (project / "scenarios" / "a.yaml").symlink_to("b.yaml")
    (project / "scenarios" / "b.yaml").symlink_to("a.yaml")
    result = run_vigil("check", "scenarios/a.yaml", cwd=project)
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert result.stdout.startswith("scenarios/a.yaml:1:1: error[")
    whole = run_vigil("check", cwd=project)
    assert "scenarios/a.yaml:1:1: error[unreadable]" in whole.stdout


def test_bad_source_link_is_an_error_at_check_time(project: Path) -> None:
    scenario = project / "scenarios" / "minimal.yaml"
    scenario.write_text(
        scenario.read_text() + 'sources: [{title: T, url: "http://[oops"}]\n', encoding="utf-8"
    )
    result = run_vigil("check", cwd=project)
    assert result.returncode == 1
    assert "error[bad-url]: expected an http(s) or mailto address" in result.stdout
