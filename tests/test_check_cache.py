"""The check cache keeps one outcome per file, however often the file is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.check import project as check_project_module
from vigil.check.project import check_project


def test_many_saves_of_one_file_keep_one_entry(project: Path) -> None:
    scenario = project / "scenarios" / "minimal.yaml"
    original = scenario.read_text(encoding="utf-8")
    for n in range(40):
        scenario.write_text(f"{original}# save {n}\n", encoding="utf-8")
        assert check_project(project).course is not None
    entries = [key for key in check_project_module._cache if key.endswith("minimal.yaml")]
    assert entries == ["scenarios/minimal.yaml"]


def test_an_edit_is_checked_again_and_a_revert_too(project: Path) -> None:
    scenario = project / "scenarios" / "minimal.yaml"
    original = scenario.read_text(encoding="utf-8")
    assert check_project(project).course is not None
    scenario.write_text("id: [broken\n", encoding="utf-8")
    broken = check_project(project)
    assert broken.course is None
    assert any(p.code == "yaml-syntax" for p in broken.problems)
    scenario.write_text(original, encoding="utf-8")
    assert check_project(project).course is not None


def test_the_cache_is_bounded(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_project_module, "_CACHE_FILES", 3)
    minimal = (project / "scenarios" / "minimal.yaml").read_text(encoding="utf-8")
    (project / "scenarios" / "minimal.yaml").unlink()
    for n in range(6):
        scenario = project / "scenarios" / f"s{n}.yaml"
        scenario.write_text(minimal.replace("id: ", f"id: s{n}-", 1), encoding="utf-8")
        assert check_project(project).course is not None
    assert len(check_project_module._cache) <= 3
