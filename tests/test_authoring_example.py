"""The annotated example in the authoring guide is a real scenario: it passes --strict."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_vigil

GUIDE = Path(__file__).parent.parent / "content" / "authoring.md"


def test_authoring_example_checks_clean(project: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    example = max(blocks, key=len)
    assert example.startswith("# yaml-language-server")
    (project / "scenarios" / "example.yaml").write_text(example, encoding="utf-8")
    result = run_vigil("check", "--strict", cwd=project)
    assert result.returncode == 0, result.stdout
