"""The scenario format: YAML read with positions, the pydantic models and the JSON Schema."""
