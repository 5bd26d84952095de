"""An assessment that tests transfer: assessment-only scenarios, the course-wide draw and its
defaults, and the options that size it (checked in mkdocs.yml with positions).

The draw and the review by tactic run in the browser: see test_browser_transfer.py.
Refresh the golden files with VIGIL_UPDATE_GOLDEN=1 after a deliberate change.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL
from test_render import FORUM, GOLDEN, GYROSCOPE, Elements, answer_key, make_course, render
from test_render_assessment import parse_bank
from vigil.check.project import check_project
from vigil.course import AssessmentOptions
from vigil.render.links import ASSESSMENT_URI, CERTIFICATE_URI, HOME_URI, PROGRESS_URI

HELD_BACK = "held-back"
HELD_BACK_BANK = f"assets/vigil/bank/{HELD_BACK}.js"


def held_back() -> dict[str, Any]:
    """A short thread for the final assessment alone, in a module of its own."""
    return {
        "id": HELD_BACK,
        "title": "A thread the modules never show",
        "tactics": ["debate-baiting"],
        "difficulty": 1,
        "platform": "forum",
        "setting": "A hobby forum about model rockets.",
        "assessment_only": True,
        "personas": {
            "baiter": {"name": "thrust_skeptic", "joined": "4 years ago"},
            "you": {"name": "Kim O.", "joined": "2 years ago"},
        },
        "thread": [
            {
                "id": "c1",
                "by": "baiter",
                "time": "2 h ago",
                "text": "Their motor can't do more than half of what the brochure claims.",
                "flag": {
                    "tactic": "debate-baiting",
                    "note": "A wrong claim that asks to be corrected.",
                },
            },
            {"id": "c2", "by": "you", "time": "1 h ago", "text": "Interesting thread."},
        ],
        "questions": [
            {
                "id": "q1",
                "type": "pick-comments",
                "prompt": "Which comment is bait?",
                "answer": ["c1"],
                "feedback": {"c1": "It invites a correction with figures."},
            },
            {
                "id": "q2",
                "type": "single",
                "prompt": "How do you answer the claim?",
                "options": [
                    {"id": "a", "text": "Point to the public brochure", "correct": True},
                    {"id": "b", "text": "Give the measured figure"},
                ],
            },
        ],
    }


@pytest.fixture(scope="module")
def rendered():
    return render(make_course(GYROSCOPE, FORUM, held_back()))


def test_an_assessment_only_scenario_has_no_page_no_nav_entry_and_no_progress(rendered) -> None:
    assert not [uri for uri in rendered.pages if HELD_BACK in uri]
    assert "course/debate-baiting/index.md" in rendered.pages, "FORUM keeps its module"
    assert HELD_BACK not in str(rendered.nav)
    for uri in (HOME_URI, PROGRESS_URI, CERTIFICATE_URI, ASSESSMENT_URI):
        modules = answer_key(rendered.pages[uri])["modules"]
        ids = [s["id"] for m in modules for s in m["scenarios"]]
        assert HELD_BACK not in ids, uri
        assert "forum-thread" in ids, uri
    assert "A thread the modules never show" not in rendered.pages[HOME_URI]
    assert "assets/vigil/notebook/held-back.js" not in rendered.notebooks


def test_its_questions_go_to_the_assessment_bank_beside_its_thread(rendered) -> None:
    data = answer_key(rendered.pages[ASSESSMENT_URI])
    bank = {m["id"]: [q["key"] for q in m["questions"]] for m in data["bank"]}
    assert bank["debate-baiting"] == [f"{HELD_BACK}_q1", f"{HELD_BACK}_q2"]
    assert data["drawn"] == 8, "all six of the gyroscope's and both of the held-back ones"
    scenario, held = parse_bank(rendered.banks[HELD_BACK_BANK])
    assert scenario == HELD_BACK
    html = Elements(held["html"])
    assert html.having("li", id=f"vigil-a_{HELD_BACK}"), "one case with its thread"
    assert html.having("details", class_="vigil-a-context")
    keys = [f["data-vigil-key"] for f in html.having("form", class_="vigil-q")]
    assert keys == [f"{HELD_BACK}_q1", f"{HELD_BACK}_q2"]


def test_a_module_of_assessment_only_scenarios_alone_has_no_page_but_a_bank() -> None:
    rendered = render(make_course(GYROSCOPE, held_back()))
    assert "course/debate-baiting/index.md" not in rendered.pages
    assert "debate-baiting" not in str(rendered.nav)
    data = answer_key(rendered.pages[ASSESSMENT_URI])
    assert [m["id"] for m in data["bank"]] == ["friendly-questioning", "debate-baiting"]
    assert [m["id"] for m in data["modules"]] == ["friendly-questioning"]
    assert "spread across the 2 modules" in rendered.pages[ASSESSMENT_URI]


def test_golden_bank_of_an_assessment_only_scenario(rendered) -> None:
    path = GOLDEN / "assessment_only__bank.js"
    bank = rendered.banks[HELD_BACK_BANK].decode()
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(bank, encoding="utf-8")
    assert bank == path.read_text(encoding="utf-8"), "review, then refresh goldens"


# --- how many questions an attempt draws ------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "banks", "drawn"),
    [
        ({}, [10, 10], 15),
        ({}, [3, 4], 7),
        ({"questions": 20}, [30], 20),
        ({"per_tactic": 2}, [5, 1, 3], 5),
        ({"per_tactic": 1}, [], 0),
    ],
)
def test_an_attempt_draws_the_total_or_the_per_tactic_quota(
    options: dict[str, int], banks: list[int], drawn: int
) -> None:
    assert AssessmentOptions(**options).drawn(banks) == drawn


def test_defaults_are_fifteen_questions_and_three_attempts() -> None:
    options = AssessmentOptions()
    assert (options.questions, options.per_tactic, options.attempts) == (15, None, 3)


def test_no_limit_on_attempts_is_written_as_zero() -> None:
    course = make_course(GYROSCOPE)
    options = course.options.model_copy(update={"assessment": AssessmentOptions(attempts=0)})
    page = render(type(course)(course.title, options, course.taxonomy, course.scenarios)).pages
    assert "You can take it as often as you like." in page[ASSESSMENT_URI]
    assert answer_key(page[ASSESSMENT_URI])["assessment"]["attempts"] == 0


def project(tmp_path: Path, assessment: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nextra:\n  vigil:\n    id: t\n    assessment:\n{assessment}",
        encoding="utf-8",
    )
    (tmp_path / "scenarios").mkdir()
    shutil.copy(MINIMAL, tmp_path / "scenarios" / "minimal.yaml")
    return tmp_path


def problems(root: Path) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.code) for p in check_project(root).problems]


def test_the_default_draws_what_a_small_course_has(tmp_path: Path) -> None:
    root = project(tmp_path, "      exam_mode: true\n")
    assert problems(root) == [], "15 by default; the one question of this course is drawn"


def test_a_written_number_larger_than_the_bank_is_an_error(tmp_path: Path) -> None:
    root = project(tmp_path, "      questions: 4\n")
    result = check_project(root)
    assert [(p.line, p.col, p.code) for p in result.problems] == [(6, 18, "bank-too-small")]
    assert "draws 4 questions per attempt, but the course's scenarios hold 1" in str(
        result.problems[0].message
    )


def test_the_size_given_twice_is_an_error_that_says_which_to_remove(tmp_path: Path) -> None:
    root = project(tmp_path, "      questions: 1\n      per_tactic: 1\n")
    result = check_project(root)
    assert [(p.line, p.col, p.code) for p in result.problems] == [(7, 19, "assessment-size-twice")]
    assert "remove per_tactic" in result.problems[0].message


def test_the_older_per_tactic_option_keeps_working(tmp_path: Path) -> None:
    root = project(tmp_path, "      per_tactic: 1\n")
    result = check_project(root)
    assert result.problems == []
    assert result.course is not None
    assert result.course.options.assessment.per_tactic == 1


def test_assessment_only_questions_inside_an_assessment_only_scenario() -> None:
    """`assessment_only: true` on a question still means "stands alone, without the thread";
    `false` is the one that cannot hold (the corpus file checks its warning)."""
    scenario = held_back()
    scenario["questions"][1]["assessment_only"] = True
    rendered = render(make_course(GYROSCOPE, copy.deepcopy(scenario)))
    _, bank = parse_bank(rendered.banks[HELD_BACK_BANK])
    html = Elements(bank["html"])
    assert html.having("li", id=f"vigil-a_{HELD_BACK}_q2"), "the standalone question"
