"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself in a throwaway
scenario repository: a clean course commits, a broken scenario is rejected, and an
outdated editor schema is rewritten.

pre-commit would install Vigil from its repository into a virtual environment of its own
(`language: python`), which needs the network. The repository here uses the same hook
definitions as `repo: local` hooks with `language: system`, so they run the Vigil of this
test run: id, entry, arguments, file patterns and the rest are read from the manifest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL, REPO
from vigil.format.json_schema import scenario_schema_text

MANIFEST = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]

pytest.importorskip("pre_commit", reason="pip install -e '.[test]' installs pre-commit")


def test_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(MANIFEST))
    assert [h["id"] for h in hooks] == ["vigil-check", "vigil-schema"]
    assert all(h["language"] == "python" for h in hooks)  # installed from the repository


def local_config() -> str:
    """The manifest's hooks as `repo: local` hooks running the installed Vigil."""
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    local = [{**hook, "language": "system"} for hook in hooks]
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}, sort_keys=False)


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def scenario_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A scenario repository as a trainer keeps one, with the hooks installed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "course"
    (repo / "scenarios").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text(
        "site_name: Course\nextra:\n  vigil:\n    id: course\n", encoding="utf-8"
    )
    shutil.copy(MINIMAL, repo / "scenarios" / "minimal.yaml")
    (repo / "schema").mkdir()
    (repo / "schema" / "scenario.schema.json").write_text(scenario_schema_text(), encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "Trainer",
        "GIT_AUTHOR_EMAIL": "trainer@example.org",
        "GIT_COMMITTER_NAME": "Trainer",
        "GIT_COMMITTER_EMAIL": "trainer@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    assert git(repo, "init", "-q", env=env).returncode == 0
    installed = subprocess.run(
        [*PRE_COMMIT, "install"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stderr
    return repo, env


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    assert git(repo, "add", "-A", env=env).returncode == 0
    return git(repo, "commit", "-q", "-m", message, env=env)


def test_clean_course_commits_and_broken_scenario_is_rejected(
    scenario_repo: tuple[Path, dict[str, str]],
) -> None:
    repo, env = scenario_repo
    first = commit(repo, env, "A course")
    # The schema file was committed as Vigil writes it, so both hooks pass.
    assert first.returncode == 0, first.stdout + first.stderr
    path = repo / "scenarios" / "minimal.yaml"
    path.write_text(path.read_text().replace("by: fan", "by: fna"), encoding="utf-8")
    rejected = commit(repo, env, "A typo")
    assert rejected.returncode != 0
    output = rejected.stdout + rejected.stderr
    assert "vigil check" in output
    assert "scenarios/minimal.yaml:11:9: error[unknown-persona]" in output
    log = git(repo, "log", "--oneline", env=env).stdout.splitlines()
    assert len(log) == 1, "the broken scenario was not committed"


def test_outdated_schema_is_rewritten_and_the_commit_stopped(
    scenario_repo: tuple[Path, dict[str, str]],
) -> None:
    repo, env = scenario_repo
    schema = repo / "schema" / "scenario.schema.json"
    schema.write_text("{}\n", encoding="utf-8")
    stopped = commit(repo, env, "An old schema")
    assert stopped.returncode != 0
    assert "vigil schema" in stopped.stdout + stopped.stderr
    assert schema.read_text(encoding="utf-8") == scenario_schema_text(), "rewritten as Vigil has it"
    again = commit(repo, env, "The schema, current")
    assert again.returncode == 0, again.stdout + again.stderr
