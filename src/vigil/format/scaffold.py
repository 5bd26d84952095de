"""`vigil new`: a commented scenario that passes `vigil check` as written."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from string import Template


def scenario_text(scenario_id: str, target: Path, schema: Path) -> str:
    template = files("vigil.format").joinpath("data/new_scenario.yaml").read_text(encoding="utf-8")
    schema_path = Path(os.path.relpath(schema, target.parent)).as_posix()
    return Template(template).substitute(id=scenario_id, schema_path=schema_path)
