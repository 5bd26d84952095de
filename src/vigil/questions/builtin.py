"""The kinds Vigil ships, in the order their scripts join the engine: one line per kind."""

from vigil.questions.action import ActionQuestion
from vigil.questions.multiple import MultipleQuestion
from vigil.questions.pick_comments import PickCommentsQuestion
from vigil.questions.risk import RiskQuestion
from vigil.questions.single import SingleQuestion

BUILTIN = (SingleQuestion, MultipleQuestion, ActionQuestion, PickCommentsQuestion, RiskQuestion)
