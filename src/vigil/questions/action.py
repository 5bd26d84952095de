"""`action`: what would you do? One pick; any of the acceptable options is right."""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from vigil.i18n import N_
from vigil.questions.options import OptionsQuestion

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


class ActionQuestion(OptionsQuestion):
    """Choose what to do: reply safely, ignore, report... One or more options are acceptable."""

    type: Literal["action"]

    script: ClassVar[Traversable] = files("vigil.questions") / "action.js"
    hint: ClassVar[str] = N_("Choose what you would do.")
