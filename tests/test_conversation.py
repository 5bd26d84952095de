"""The conversation kind: its graph, answer key, schema, rendering (goldens) and the sample's
conversations. Its rules with positions: tests/corpus/invalid/conversation-graph.yaml; the
browser side: test_browser_conversation.py.

Refresh the golden files with VIGIL_UPDATE_GOLDEN=1 after a deliberate change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from vigil.course import Course, CourseOptions
from vigil.format.json_schema import scenario_schema
from vigil.format.taxonomy import builtin
from vigil.i18n.catalog import SOURCE_LANGUAGE, translator
from vigil.questions.conversation import ConversationQuestion
from vigil.questions.conversation_graph import Shape, closed_cycles, reachable
from vigil.questions.registry import scenario_model
from vigil.render.pages import render_course

REPO = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"

SCENARIO: dict[str, Any] = {
    "id": "dm-offer",
    "title": "The friendly offer",
    "tactics": ["befriending"],
    "difficulty": 2,
    "platform": "microblog",
    "setting": "You test pumps at the *Example Works*.",
    "personas": {
        "ana": {"name": "Ana Reid", "joined": "3 years ago"},
        "me": {"name": "You", "joined": "5 years ago"},
    },
    "thread": [
        {
            "id": "c1",
            "by": "ana",
            "time": "1 h ago",
            "text": "Great rig! Mind if I message you?",
            "flag": {"tactic": "befriending", "note": "A move to private messages."},
        }
    ],
    "questions": [
        {
            "id": "q1",
            "type": "conversation",
            "contact": "ana",
            "about": "c1",
            "prompt": "Answer her messages.",
            "shuffle": False,
            "nodes": [
                {
                    "id": "hi",
                    "says": ["Hi!", "Which <b>site</b> is the rig at?"],
                    "replies": [
                        {
                            "id": "site",
                            "text": "Hall 4 & the yard",
                            "next": "got",
                            "feedback": "A place.",
                        },
                        {
                            "id": "no",
                            "text": "I'd rather not say.",
                            "next": "bye",
                            "feedback": "Good.",
                        },
                        {"id": "tell", "text": "Report it", "next": "told", "action": True},
                    ],
                },
                {"id": "got", "says": ["Thanks!"], "ending": "bad", "outcome": "She has the site."},
                {"id": "bye", "ending": "good", "outcome": "She moved on.", "feedback": "Fine."},
                {"id": "told", "ending": "good", "outcome": "Security called you."},
            ],
        }
    ],
}


def question() -> ConversationQuestion:
    model = scenario_model().model_validate(SCENARIO)
    found = model.questions[0]
    assert isinstance(found, ConversationQuestion)
    return found


def shape(edges: dict[str, list[str]], endings: set[str]) -> Shape:
    return Shape(list(edges), edges, frozenset(endings))


# --- the graph ---------------------------------------------------------------------------------


def test_reachable_follows_replies_from_the_first_node() -> None:
    graph = shape({"a": ["b"], "b": ["c"], "c": [], "d": ["a"]}, {"c"})
    assert reachable(graph) == {"a", "b", "c"}


@pytest.mark.parametrize(
    ("edges", "endings", "cycles"),
    [
        ({"a": ["b"], "b": ["a"]}, set(), [["a", "b"]]),  # a closed loop
        ({"a": ["a"]}, set(), [["a"]]),  # a node that only leads to itself
        ({"a": ["b"], "b": ["a", "end"], "end": []}, {"end"}, []),  # a loop with a way out
        ({"s": ["a"], "a": ["b"], "b": ["c"], "c": ["a"]}, set(), [["a", "b", "c"]]),
        ({"a": ["b", "c"], "b": ["a"], "c": ["d"], "d": ["c"]}, set(), [["c", "d"]]),  # inner
        ({"a": ["b"], "b": []}, set(), []),  # a dead end is not a cycle
    ],
)
def test_closed_cycles(edges: dict[str, list[str]], endings: set[str], cycles: list[Any]) -> None:
    assert closed_cycles(shape(edges, endings)) == cycles


def test_a_long_chain_does_not_overflow() -> None:
    count = 5000
    edges = {f"n{i}": [f"n{i + 1}"] for i in range(count)}
    edges[f"n{count}"] = ["n0"]
    graph = shape(edges, set())
    assert len(reachable(graph)) == count + 1
    assert len(closed_cycles(graph)[0]) == count + 1


# --- the model ---------------------------------------------------------------------------------


def test_the_answer_key_is_the_good_endings_and_choices_hold_replies_then_endings() -> None:
    q = question()
    assert q.answer_key() == ["bye", "told"]
    choices = q.choices(scenario_model().model_validate(SCENARIO), str)
    assert [c.value for c in choices] == ["site", "no", "tell", "got", "bye", "told"]
    assert choices[3].label == "She has the site.", "an ending is shown by its outcome"
    assert q.needs_thread(), "it starts from a comment of the thread"


def test_replies_shuffle_the_same_way_on_every_build_unless_pinned() -> None:
    pinned = question()
    node = pinned.nodes[0]
    assert [r.id for r in pinned.replies_in_order(node)] == ["site", "no", "tell"]
    shuffled = pinned.model_copy(update={"shuffle": True})
    order = [r.id for r in shuffled.replies_in_order(node)]
    assert sorted(order) == ["no", "site", "tell"]
    assert order == [r.id for r in shuffled.replies_in_order(node)]


def test_the_schema_describes_every_key() -> None:
    defs = scenario_schema()["$defs"]
    for name in ("ConversationQuestion", "Node", "Reply"):
        model = defs[name]
        own = set(model["properties"]) - {"id", "prompt", "explanation", "assessment_only", "type"}
        undescribed = [k for k in own if "description" not in model["properties"][k]]
        assert undescribed == [], f"{name}: {undescribed}"
    assert defs["Node"]["properties"]["ending"]["anyOf"][0]["$ref"].endswith("Ending")


# --- rendering (goldens) -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered() -> Any:
    course = Course(
        title="Test course",
        options=CourseOptions(id="test-course"),
        taxonomy=builtin(),
        scenarios=(scenario_model().model_validate(SCENARIO),),
    )
    return render_course(course, translator(SOURCE_LANGUAGE), directory_urls=False)


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("conversation__page.md", "course/befriending/dm-offer.md"),
        ("conversation__bank.js", "assets/vigil/bank/dm-offer.js"),
    ],
)
def test_golden(rendered: Any, name: str, where: str) -> None:
    text = rendered.pages[where] if where.endswith(".md") else rendered.banks[where].decode()
    path = GOLDEN / name
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with VIGIL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{where} changed: review, then refresh"


def test_the_page_escapes_text_and_keeps_the_graph_out_of_search(rendered: Any) -> None:
    page = rendered.pages["course/befriending/dm-offer.md"]
    assert "Which &lt;b&gt;site&lt;/b&gt; is the rig at?" in page
    assert "Hall 4 &amp; the yard" in page
    graph = re.search(
        r'<div class="vigil-conv-graph" data-search-exclude hidden>(.*?)</div>', page, re.S
    )
    assert graph, "the graph is one search-excluded block"
    assert "<div" not in graph.group(1), "Material's parser would end the exclusion early"
    outcome = page.index("She has the site.")
    assert page.count("She has the site.") == 1, "an outcome is shown only in the feedback"
    assert page.rindex(
        '<div class="vigil-feedback" aria-live="polite" data-search-exclude>', 0, outcome
    )
    assert '"q1":{"type":"conversation","answer":["bye","told"]}' in page


# --- the sample --------------------------------------------------------------------------------


def walk(q: ConversationQuestion, path: list[str]) -> str:
    """The node a path of reply ids leads to."""
    nodes = {n.id: n for n in q.nodes}
    at = q.nodes[0]
    for reply_id in path:
        at = nodes[next(r.next for r in at.replies if r.id == reply_id)]
    return at.id


SAMPLES = sorted(
    p for p in (REPO / "scenarios").glob("*.yaml") if "type: conversation" in p.read_text("utf-8")
)


def test_the_sample_uses_conversations_in_two_scenarios_or_more() -> None:
    assert len(SAMPLES) >= 2


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_each_sample_conversation_can_end_well_and_badly(path: Path) -> None:
    scenario = scenario_model().model_validate(yaml.safe_load(path.read_text("utf-8")))
    for q in scenario.questions:
        if isinstance(q, ConversationQuestion):
            endings = {n.ending for n in q.nodes if n.ending}
            assert {"good", "bad"} <= endings, f"{q.id}: a good and a bad ending"
            assert q.contact in scenario.personas


def test_the_consulting_conversation_runs_from_a_comment_to_an_offer() -> None:
    scenario = scenario_model().model_validate(
        yaml.safe_load((REPO / "scenarios" / "rig-newsletter-dm.yaml").read_text("utf-8"))
    )
    q = next(q for q in scenario.questions if isinstance(q, ConversationQuestion))
    assert q.about is not None, "it starts from a public comment"
    nodes = {n.id: n for n in q.nodes}
    assert walk(q, ["role", "dates", "accept"]) == "harvested"
    assert nodes["harvested"].ending == "bad"
    assert "consult" in " ".join(nodes["offer"].says)
    assert walk(q, ["public", "leave"]) == "moved-on"
    assert nodes["moved-on"].ending == "good"
