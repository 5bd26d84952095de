"""The search plugin reads pages without the elements it leaves out of the index."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from conftest import REPO
from vigil.engine.search_input import without_excluded


def sections(html: str) -> list[tuple[str, str]]:
    """What Material's search parser indexes: each section's title and text."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.title and "".join(s.title), "".join(s.text)) for s in parser.data]


def test_an_excluded_element_goes_with_what_it_holds() -> None:
    html = (
        "<p>kept</p><div class='fb' data-search-exclude><div><p>gone</p></div><p>also</p>"
        "</div><p>after</p>"
    )
    assert without_excluded(html) == "<p>kept</p><p>after</p>"


def test_nested_and_repeated_exclusions() -> None:
    html = (
        "<section data-search-exclude><section data-search-exclude>a</section>b</section>"
        "<p>c</p><ul data-search-exclude><li>d</li></ul><p>e</p>"
    )
    assert without_excluded(html) == "<p>c</p><p>e</p>"


def test_void_and_unbalanced_elements_are_left_to_the_plugin() -> None:
    assert without_excluded("<input data-search-exclude><p>x</p>") == (
        "<input data-search-exclude><p>x</p>"
    )
    unbalanced = "<p>a</p><div data-search-exclude><p>never closed</p>"
    assert without_excluded(unbalanced) == unbalanced
    assert without_excluded("<p data-search-excluded>x</p>") == "<p data-search-excluded>x</p>"


BLOCK = st.sampled_from(
    [
        "<p>plain words</p>",
        "<div data-search-exclude><p>feedback</p><div><p>deeper</p></div></div>",
        "<ul><li>item</li></ul>",
        "<div><p>open div</p></div>",
        "<section data-search-exclude><ul><li>hidden</li></ul></section>",
        "<p>with <code>code</code></p>",
    ]
)


@given(st.lists(BLOCK, max_size=12))
def test_the_index_is_what_the_plugin_makes_of_the_whole_page(blocks: list[str]) -> None:
    html = "<h1 id='t'>Title</h1>" + "".join(blocks)
    assert sections(without_excluded(html)) == sections(html)


def test_built_sample_index_holds_the_thread_but_no_feedback(sample_site: Path) -> None:
    scenario = yaml.safe_load((REPO / "scenarios" / "gyro-question.yaml").read_text("utf-8"))
    index = json.loads((sample_site / "search" / "search_index.json").read_text("utf-8"))
    texts = " ".join(d["text"] for d in index["docs"] if "gyro-question" in d["location"])
    feedback = next(q["feedback"] for q in scenario["questions"] if q.get("feedback"))
    said = feedback if isinstance(feedback, str) else next(iter(feedback.values()))
    assert said.split(".")[0] not in texts
    assert scenario["thread"][0]["text"].split(".")[0].strip() in texts
