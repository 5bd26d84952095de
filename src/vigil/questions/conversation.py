"""`conversation`: a branching private-message exchange.

The other side writes, the learner picks a reply, and the reply decides what comes next,
until an ending, which is good or bad and says what came of it. The answer is the path:
the reply ids in the order chosen, then the id of the ending reached. It is right when
that ending is a good one, so the answer key is the good endings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from vigil.check.suggest import suggest
from vigil.format.fields import Bool, FormatModel, Id, Markdown, Text
from vigil.i18n import N_, Gettext
from vigil.problems import quoted
from vigil.questions.base import Choice, Question
from vigil.questions.conversation_graph import Shape, closed_cycles, reachable
from vigil.questions.options import stable_hash

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vigil.check.context import QuestionContext
    from vigil.format.loader import Loc
    from vigil.format.scenario import Scenario
    from vigil.problems import Problem


class Ending(StrEnum):
    GOOD = "good"
    BAD = "bad"


class Reply(FormatModel):
    """One reply the learner may send, and the node it leads to."""

    id: Id = Field(description="Unique within the question, among node and reply ids.")
    text: Text = Field(description="The reply as the learner would send it.")
    next: Id = Field(description="Id of the node this reply leads to.")
    action: Bool = Field(
        default=False,
        description="true: something the learner does (stop replying, report), shown as a "
        "step of the conversation rather than as a message sent.",
    )
    feedback: Markdown | None = Field(
        default=None, description="Why this reply is wise or not, shown in review."
    )


class Node(FormatModel):
    """One step: the other side's messages, then the learner's replies or an ending."""

    id: Id = Field(description="Unique within the question. The first node is the start.")
    says: tuple[Text, ...] = Field(
        default=(), description="The other side's messages at this step, in order."
    )
    replies: tuple[Reply, ...] = Field(
        default=(), description="What the learner may answer; none at an ending."
    )
    ending: Ending | None = Field(
        default=None,
        description="good or bad: the conversation ends here, and the answer is right when "
        "it ends at a good ending.",
    )
    outcome: Text | None = Field(
        default=None,
        description='What came of it, for an ending, e.g. "He moved on." or "He now has '
        'your employer and your test dates."',
    )
    feedback: Markdown | None = Field(
        default=None, description="Why the conversation ended this way (optional)."
    )


class ConversationQuestion(Question):
    """The learner answers private messages one step at a time; the path decides the end."""

    type: Literal["conversation"]
    contact: Id = Field(description="Persona id of the other side of the conversation.")
    about: Id | None = Field(
        default=None, description="Id of the public comment the conversation started from."
    )
    nodes: tuple[Node, ...] = Field(min_length=2, description="The steps; the first is the start.")
    shuffle: Bool = Field(
        default=True, description="false shows each step's replies in the written order."
    )

    template: ClassVar[Traversable] = files("vigil.questions") / "conversation.html.j2"
    script: ClassVar[Traversable] = files("vigil.questions") / "conversation.js"
    style: ClassVar[Traversable | None] = files("vigil.questions") / "conversation.css"
    hint: ClassVar[str] = N_("Choose a reply at each step: each one decides what comes next.")
    ui_text: ClassVar[Mapping[str, str]] = {
        # The review of a path through private messages.
        "convReply": N_("Your reply"),
        "convGoodEnd": N_("✓ How your conversation ended"),
        "convBadEnd": N_("✗ How your conversation ended"),
        "convBetter": N_("How it could have ended"),
    }

    def choices(
        self, scenario: Scenario, gettext: Gettext, *, shuffled: bool = True
    ) -> list[Choice]:
        """Every reply, then every ending with its outcome: the review shows the ones on
        the learner's path and the good endings."""
        # A reply's label is its button's text, which the script copies in for the review.
        replies = [Choice(r.id, "", r.feedback) for n in self.nodes for r in n.replies]
        endings = [Choice(n.id, n.outcome or n.id, n.feedback) for n in self.nodes if n.ending]
        return replies + endings

    def answer_key(self) -> list[str]:
        return [n.id for n in self.nodes if n.ending is Ending.GOOD]

    def needs_thread(self) -> bool:
        return self.about is not None or super().needs_thread()

    def replies_in_order(self, node: Node) -> list[Reply]:
        """A step's replies as shown: shuffled the same way on every build, unless pinned."""
        if not self.shuffle:
            return list(node.replies)
        return sorted(node.replies, key=lambda r: stable_hash(self.id, node.id, r.id))

    def shape(self) -> Shape:
        """The graph as its rules see it; replies to unknown nodes lead nowhere."""
        ids = {n.id for n in self.nodes}
        edges: dict[str, list[str]] = {}
        for node in self.nodes:
            edges.setdefault(node.id, []).extend(r.next for r in node.replies if r.next in ids)
        endings = frozenset(n.id for n in self.nodes if n.ending)
        return Shape(list(dict.fromkeys(n.id for n in self.nodes)), edges, endings)

    def problems(self, ctx: QuestionContext) -> Iterator[Problem]:
        yield from self._references(ctx)
        yield from self._ids(ctx)
        yield from self._endings(ctx)
        yield from self._graph(ctx)
        missing = [r.id for n in self.nodes for r in n.replies if r.feedback is None]
        if missing:
            yield ctx.warning(
                ("nodes",), "no-feedback", f"no feedback for replies {', '.join(missing)}"
            )

    def _references(self, ctx: QuestionContext) -> Iterator[Problem]:
        yield from ctx.unknown_persona(("contact",), self.contact)
        if self.about is not None:
            yield from ctx.unknown_comment(("about",), self.about)
        ids = [n.id for n in self.nodes]
        for i, node in enumerate(self.nodes):
            for j, reply in enumerate(node.replies):
                if reply.next not in ids:
                    yield ctx.error(
                        ("nodes", i, "replies", j, "next"),
                        "unknown-node",
                        f"no node {quoted(reply.next)} in this conversation"
                        f"{suggest(reply.next, ids)}",
                    )

    def _ids(self, ctx: QuestionContext) -> Iterator[Problem]:
        """Node and reply ids share one namespace: both are values of the answer."""
        seen: dict[str, int] = {}
        for i, node in enumerate(self.nodes):
            places: list[tuple[Loc, str, str]] = [(("nodes", i, "id"), node.id, "node")]
            for j, reply in enumerate(node.replies):
                places.append((("nodes", i, "replies", j, "id"), reply.id, "reply"))
            for where, ident, what in places:
                if ident in seen:
                    yield ctx.error(
                        where,
                        "duplicate-id",
                        f"{what} id {quoted(ident)} is already used at line {seen[ident]} "
                        "(node and reply ids of a conversation are all distinct)",
                    )
                else:
                    seen[ident] = ctx.doc.position((*ctx.loc, *where)).line

    def _endings(self, ctx: QuestionContext) -> Iterator[Problem]:
        for i, node in enumerate(self.nodes):
            name = quoted(node.id)
            if node.ending and node.replies:
                yield ctx.error(
                    ("nodes", i, "replies"),
                    "ending-has-replies",
                    f"node {name} is an ending, so it cannot have replies",
                )
            if node.ending and node.outcome is None:
                yield ctx.error(
                    ("nodes", i, "ending"),
                    "no-outcome",
                    f"ending {name} has no outcome: say what came of the conversation",
                )
            if not node.ending and node.outcome is not None:
                yield ctx.error(
                    ("nodes", i, "outcome"),
                    "outcome-without-ending",
                    f"node {name} has an outcome but is not an ending: add ending: good or bad",
                )
            if not node.ending and not node.replies:
                yield ctx.error(
                    ("nodes", i, "id"),
                    "dead-end",
                    f"node {name} has no replies and is not an ending: the learner is stuck",
                )
        if self.nodes and self.nodes[0].ending:
            yield ctx.error(
                ("nodes", 0, "ending"),
                "answer-mismatch",
                "the first node starts the conversation, so it cannot be an ending",
            )

    def _graph(self, ctx: QuestionContext) -> Iterator[Problem]:
        shape = self.shape()
        reached = reachable(shape)
        first: dict[str, int] = {}
        for i, node in enumerate(self.nodes):
            first.setdefault(node.id, i)
        for node_id in shape.order:
            if node_id not in reached:
                yield ctx.warning(
                    ("nodes", first[node_id], "id"),
                    "unreachable-node",
                    f"node {quoted(node_id)} cannot be reached from the first node",
                )
        for cycle in closed_cycles(shape):
            if cycle[0] in reached:
                names = ", ".join(quoted(n) for n in cycle)
                yield ctx.error(
                    ("nodes", first[cycle[0]], "id"),
                    "no-exit",
                    f"nodes {names} form a cycle with no reply leading out of it to an ending",
                )
        if self.nodes and not any(n.ending is Ending.GOOD for n in self.nodes if n.id in reached):
            yield ctx.error(
                ("nodes",),
                "answer-mismatch",
                "no good ending can be reached: mark at least one reachable ending good",
            )
