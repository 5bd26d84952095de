"""The published JSON Schema of the scenario format, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from vigil.format.scenario import FORMAT_VERSION
from vigil.questions.registry import scenario_model

SCHEMA_ID = f"https://vigil.example.org/schema/scenario-v{FORMAT_VERSION}.schema.json"


def scenario_schema() -> dict[str, Any]:
    schema = scenario_model().model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": f"Vigil scenario (format version {FORMAT_VERSION})",
    }


def scenario_schema_text() -> str:
    """Stable text: the committed schema/scenario.schema.json must match it byte for byte."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
