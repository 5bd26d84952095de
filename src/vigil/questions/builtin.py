"""The kinds Vigil ships, in the order their scripts join the engine: one line per kind."""

from vigil.questions.action import ActionQuestion
from vigil.questions.conversation import ConversationQuestion
from vigil.questions.draft_reply import DraftReplyQuestion
from vigil.questions.mark_words import MarkWordsQuestion
from vigil.questions.multiple import MultipleQuestion
from vigil.questions.pick_comments import PickCommentsQuestion
from vigil.questions.rate_profile import RateProfileQuestion
from vigil.questions.risk import RiskQuestion
from vigil.questions.single import SingleQuestion
from vigil.questions.write_report import WriteReportQuestion

BUILTIN = (
    SingleQuestion,
    MultipleQuestion,
    ActionQuestion,
    PickCommentsQuestion,
    RiskQuestion,
    ConversationQuestion,
    RateProfileQuestion,
    DraftReplyQuestion,
    MarkWordsQuestion,
    WriteReportQuestion,
)
