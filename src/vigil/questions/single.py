"""`single`: exactly one written option is right."""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from vigil.questions.options import OptionsQuestion

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


class SingleQuestion(OptionsQuestion):
    """Exactly one option is correct."""

    type: Literal["single"]

    script: ClassVar[Traversable] = files("vigil.questions") / "single.js"
    most_correct: ClassVar[int | None] = 1

    def mismatch(self, correct: int) -> str:
        return (
            f"a single-choice question needs exactly one option with correct: true, found {correct}"
        )
