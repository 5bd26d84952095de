"""Shared fixtures: a throwaway course project and a way to run the real CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
MINIMAL = CORPUS / "valid" / "minimal.yaml"


def run_vigil(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, as users run it, so exit codes and stderr are real."""
    exe = Path(sys.executable).with_name("vigil")
    return subprocess.run(
        [str(exe), *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A course folder with mkdocs.yml and one valid scenario."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test course\nextra:\n  vigil:\n    id: test-course\n", encoding="utf-8"
    )
    (tmp_path / "scenarios").mkdir()
    shutil.copy(MINIMAL, tmp_path / "scenarios" / "minimal.yaml")
    return tmp_path
