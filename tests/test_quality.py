"""mypy --strict and ruff stay clean on src/ (the configuration is in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_mypy_strict_is_clean() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout


def test_ruff_is_clean() -> None:
    result = run("ruff", "check", "src", "tests")
    assert result.returncode == 0, result.stdout
    fmt = run("ruff", "format", "--check", "src")
    assert fmt.returncode == 0, fmt.stdout
