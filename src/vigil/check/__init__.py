"""The check stage: schema and cross-file rules over a project, reported as Problems."""
