"""`multiple`: one or more written options are right; the learner picks exactly those."""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from vigil.i18n import N_
from vigil.questions.options import OptionsQuestion

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


class MultipleQuestion(OptionsQuestion):
    """One or more options are correct; the learner must pick exactly those."""

    type: Literal["multiple"]

    script: ClassVar[Traversable] = files("vigil.questions") / "multiple.js"
    hint: ClassVar[str] = N_("Choose all that apply.")
    input_type: ClassVar[str] = "checkbox"
