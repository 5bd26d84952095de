"""The example CI workflow for scenario repositories (examples/ci/course.yml), tested by
running the commands it runs, in order, in a course folder: check with annotations, build,
export the SCORM packages. The install step needs the network and is left out (Vigil is
installed already); the export step is skipped only while `vigil export` does not exist.
The example pre-commit configuration is checked against the hooks the repository offers.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_vigil

WORKFLOW = REPO / "examples" / "ci" / "course.yml"
PRE_COMMIT_EXAMPLE = REPO / "examples" / "ci" / "pre-commit-config.yaml"


def steps() -> list[dict[str, str]]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return list(data["jobs"]["course"]["steps"])


def commands(step: dict[str, str]) -> list[str]:
    return [line for line in step.get("run", "").splitlines() if line.strip()]


def run_step(line: str, course: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["course"]["env"],
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return subprocess.run(
        ["bash", "-ec", line], cwd=course, env=env, capture_output=True, text=True, check=False
    )


def test_the_workflow_does_what_its_comment_says() -> None:
    names = [s.get("name", s.get("uses", "")) for s in steps()]
    run = [c for s in steps() for c in commands(s)]
    assert any(c.startswith("vigil check") and "--format github" in c for c in run)
    assert any(c.startswith("vigil build") for c in run)
    assert any(c.startswith("vigil export scorm12") for c in run)
    assert any(c.startswith("vigil export scorm2004") for c in run)
    upload = next(s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact"))
    assert "build/" in upload["with"]["path"]
    assert "dist/" in upload["with"]["path"]
    assert names.index("Check the course") < names.index("Build the site")


def test_workflow_commands_run_on_a_course(course: Path) -> None:
    export_exists = run_vigil("export", "--help", cwd=course).returncode == 0
    ran: list[str] = []
    for step in steps():
        for line in commands(step):
            if line.startswith("python -m pip install"):
                continue  # the network; Vigil is installed in this environment
            if line.startswith("vigil export") and not export_exists:
                continue
            result = run_step(line, course)
            assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
            ran.append(line.split()[1])
    assert (course / "build" / "index.html").is_file()
    assert (course / "build" / "course" / "index.html").is_file()
    if not export_exists:
        pytest.skip("vigil export is not there yet: the check and build steps ran")
    assert ran == ["check", "build", "export", "export"]
    for name in ("course-scorm12.zip", "course-scorm2004.zip"):
        with zipfile.ZipFile(course / "dist" / name) as package:
            assert "imsmanifest.xml" in package.namelist()


def test_the_check_step_annotates_a_broken_scenario(course: Path) -> None:
    check = next(c for s in steps() for c in commands(s) if c.startswith("vigil check"))
    path = course / "scenarios" / "minimal.yaml"
    path.write_text(path.read_text().replace("by: fan", "by: fna"), encoding="utf-8")
    result = run_step(check, course)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=scenarios/minimal.yaml,line=11,col=9,")


def test_pre_commit_example_uses_the_offered_hooks() -> None:
    offered = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    config = yaml.safe_load(PRE_COMMIT_EXAMPLE.read_text(encoding="utf-8"))
    (entry,) = config["repos"]
    assert {h["id"] for h in entry["hooks"]} == offered
    # Three lines under `repos:`, as the authoring guide promises.
    body = PRE_COMMIT_EXAMPLE.read_text(encoding="utf-8").split("repos:\n", 1)[1]
    assert len(body.strip().splitlines()) == 3


def test_vscode_problem_matcher_reads_every_problem(project: Path) -> None:
    """The editor task (examples/editors/vscode/tasks.json) turns each problem line of
    `vigil check` into a file, line, column, severity, code and message."""
    tasks = json.loads((REPO / "examples" / "editors" / "vscode" / "tasks.json").read_text())
    (task,) = tasks["tasks"]
    pattern = task["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])
    path = project / "scenarios" / "minimal.yaml"
    text = path.read_text().replace("by: fan", "by: fna").replace("takeaways:", "takeaway:")
    path.write_text(text, encoding="utf-8")
    result = run_step(task["command"], project)
    lines = [line for line in result.stdout.splitlines() if regexp.match(line)]
    assert len(lines) == len(json.loads(run_vigil("check", "--format", "json", cwd=project).stdout))
    first = regexp.match(lines[0])
    assert first is not None
    fields = {key: first.group(pattern[key]) for key in ("file", "line", "column", "severity")}
    assert fields == {
        "file": "scenarios/minimal.yaml",
        "line": "11",
        "column": "9",
        "severity": "error",
    }
    settings = json.loads((REPO / "examples" / "editors" / "vscode" / "settings.json").read_text())
    assert "./schema/scenario.schema.json" in settings["yaml.schemas"]
