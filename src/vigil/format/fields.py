"""The value types of the format: ids, text, Markdown and counts, shared by every part."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue, Strict

from vigil.format.taxonomy import SLUG, builtin

Id = Annotated[str, Field(pattern=SLUG, max_length=64)]
# Text must hold something visible; counts must be written as numbers (YAML's `yes` is not 1).
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
Markdown = Annotated[
    str, Field(min_length=1, pattern=r"\S", description="Markdown; sanitised when rendered.")
]
Count = Annotated[int, Strict(), Field(ge=0)]


def _term_id(description: str, examples: list[JsonValue]) -> Any:
    """An id from the taxonomy; listed as examples so editors can complete them."""
    return Field(pattern=SLUG, description=description, json_schema_extra={"examples": examples})


TacticId = Annotated[
    str,
    _term_id(
        "A tactic id: a built-in one or one the course adds in mkdocs.yml.",
        [t.id for t in builtin().tactics],
    ),
]
CategoryId = Annotated[
    str,
    _term_id(
        "A disclosure category id: built-in or added by the course.",
        [c.id for c in builtin().categories],
    ),
]


class FormatModel(BaseModel):
    """Unknown keys are errors (with a suggestion); parsed objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
