"""mark-words: the words of a text, the key and what each marked word catches, the forms it
draws on a scenario page and in the assessment's bank (goldens), and its strings.

Refresh the goldens with VIGIL_UPDATE_GOLDEN=1 after a deliberate change.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from vigil.course import Course, CourseOptions
from vigil.format.scenario import Scenario
from vigil.format.taxonomy import builtin
from vigil.i18n.catalog import SOURCE_LANGUAGE, translator
from vigil.questions.mark_words import MarkWordsQuestion, words
from vigil.questions.registry import scenario_model
from vigil.render.banks import bank_file
from vigil.render.pages import render_course
from vigil.render.strings import JS_TEXT

GOLDEN = Path(__file__).parent / "golden"
URI = "course/detail-harvesting/bench-week.md"

SCENARIO: dict[str, Any] = {
    "id": "bench-week",
    "title": "The bench week",
    "tactics": ["detail-harvesting"],
    "disclosure": ["equipment-parameters", "test-schedules", "facilities-and-locations"],
    "difficulty": 2,
    "platform": "forum",
    "setting": "You read a forum thread about test work.",
    "personas": {
        "ana": {"name": "Ana <K.>", "joined": "2 years ago"},
        "fan": {"name": "bench_fan", "joined": "4 years ago"},
    },
    "thread": [
        {
            "id": "c1",
            "by": "fan",
            "time": "3 h ago",
            "text": "What are you all testing this week?",
            "flag": {"tactic": "detail-harvesting", "note": "An open question about the work."},
            "replies": [
                {
                    "id": "c2",
                    "by": "ana",
                    "time": "2 h ago",
                    "text": "Busy! The (new) shaker runs at 40 kN until the 9th,\n"
                    "then we move to <Hall 2>.",
                    "leaks": [
                        {"category": "equipment-parameters", "text": "40 kN"},
                        {"category": "test-schedules", "text": "until the 9th"},
                        {"category": "facilities-and-locations", "text": "<Hall 2>"},
                    ],
                }
            ],
        }
    ],
    "questions": [
        {
            "id": "q1",
            "type": "mark-words",
            "prompt": "Mark what Ana's reply gives away.",
            "comment": "c2",
            "feedback": ["The force rating.", "A date.", "A place."],
            "categories": {"test-schedules": "Dates let someone plan around you."},
        },
        {
            "id": "q2",
            "type": "mark-words",
            "prompt": "Mark what your draft gives away.",
            "text": "Same here: the 40 kN rig, “qualification” runs, 试验台 in March.",
            "spans": [
                {"text": "in March", "category": "test-schedules", "feedback": "A month."},
                {"text": "40 kN", "category": "equipment-parameters"},
            ],
        },
    ],
}


def scenario() -> Scenario:
    return scenario_model().model_validate(SCENARIO)


def question(qid: str) -> MarkWordsQuestion:
    found = next(q for q in scenario().questions if q.id == qid)
    assert isinstance(found, MarkWordsQuestion)
    return found


def course() -> Course:
    return Course(
        title="Test course",
        options=CourseOptions(id="test-course"),
        taxonomy=builtin(),
        scenarios=(scenario(),),
    )


def test_words_leave_out_punctuation_and_split_cjk_text() -> None:
    text = "The (new) shaker: 0.01°/h, “line 3”… 试验台 — ok?"
    assert [text[s:e] for s, e in words(text)] == [
        "The", "new", "shaker", "0.01°/h", "line", "3", "试", "验", "台", "ok",
    ]  # fmt: skip


def test_the_key_numbers_each_span_first_to_last_word_in_text_order() -> None:
    s = scenario()
    # Busy(0) The(1) new(2) shaker(3) runs(4) at(5) 40(6) kN(7) until(8) the(9) 9th(10)
    # then(11) we(12) move(13) to(14) Hall(15) 2(16)
    assert question("q1").key_in(s) == ["6:7", "8:10", "15:16"]
    # Same(0) here(1) the(2) 40(3) kN(4) rig(5) qualification(6) runs(7) 试(8) 验(9) 台(10)
    # in(11) March(12)
    assert question("q2").key_in(s) == ["3:4", "11:12"]
    labels = [c.label for c in question("q2").choices(s, str)]
    assert labels == ["40 kN", "in March"], "spans in text order, whatever the written order"


def test_each_word_of_a_leak_catches_that_leak_and_a_draft_catches_none() -> None:
    s = scenario()
    assert question("q1").catches(s) == {
        "6": ["c2/0"],
        "7": ["c2/0"],
        "8": ["c2/1"],
        "9": ["c2/1"],
        "10": ["c2/1"],
        "15": ["c2/2"],
        "16": ["c2/2"],
    }
    assert question("q2").catches(s) == {}


def test_a_comment_question_keeps_the_thread_and_a_draft_follows_the_default() -> None:
    assert question("q1").needs_thread()
    assert question("q2").needs_thread()
    alone = dict(SCENARIO["questions"][1], id="q3", assessment_only=True)
    data = {**SCENARIO, "questions": [*SCENARIO["questions"], alone]}
    extra = scenario_model().model_validate(data).questions[2]
    assert not extra.needs_thread()


def test_the_engine_strings_fill_their_placeholders() -> None:
    ui = MarkWordsQuestion.ui_text
    for key in ("mwFound", "mwMissed", "mwTotal", "mwCount", "mwExtra", "mwWord"):
        assert key in ui
    assert "listSeparator" in JS_TEXT
    assert "{found}" in str(ui["mwTotal"])
    assert "{words}" in str(ui["mwExtra"])


def forms(html: str) -> str:
    """The mark-words forms of a page or bank, one line per tag for readable diffs."""
    found = re.findall(r'<form [^>]*data-vigil-type="mark-words".*?</form>', html, re.S)
    assert found, "no mark-words form"
    return "\n\n".join(found) + "\n"


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with VIGIL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review, then refresh"


@pytest.fixture(scope="module")
def page() -> str:
    rendered = render_course(course(), translator(SOURCE_LANGUAGE), directory_urls=False)
    return rendered.pages[URI]


def test_scenario_page_forms_golden(page: str) -> None:
    golden("mark_words__scenario_forms.html", forms(page))


def test_bank_forms_golden() -> None:
    bank = bank_file(course(), scenario(), translator(SOURCE_LANGUAGE)).decode()
    data = json.loads(bank.split("VigilBank.add(", 1)[1].split(", ", 1)[1].rsplit(");", 1)[0])
    assert data["questions"]["bench-week_q1"]["answer"] == ["6:7", "8:10", "15:16"]
    golden("mark_words__bank_forms.html", forms(data["html"]))


def test_the_page_draws_one_toggle_per_word_and_escapes_the_text(page: str) -> None:
    form = forms(page).split("\n\n")[0]
    buttons = re.findall(r'<button type="button" class="vigil-mw-word" aria-pressed="false">', form)
    assert len(buttons) == 17
    assert "&lt;" in form
    assert "<Hall" not in form
    assert "<br>" in form, "line breaks of the comment are kept"
    assert "The comment by Ana &lt;K.&gt;, word by word:" in form
    assert "Dates let someone plan around you." in form, "the author's category feedback"
    assert "<p>Performance figures, tolerances" in form, "no author text: the description"


def test_the_page_key_is_the_span_list(page: str) -> None:
    found = re.search(r'<template class="vigil-data" data-search-exclude>(.*?)</template>', page)
    assert found
    data = json.loads(found.group(1))
    assert data["questions"]["q1"] == {"type": "mark-words", "answer": ["6:7", "8:10", "15:16"]}
    assert data["questions"]["q2"] == {"type": "mark-words", "answer": ["3:4", "11:12"]}
