"""The guessability lints: cues that answer questions without reading them.

Per question (`longest-correct`, `hint-mismatch`) the cases are files of
tests/corpus/invalid. Across the course (`risk-answers-skewed`, `reply-always-wrong`,
`reply-always-right`, `age-gives-away`) they are small courses in tests/corpus/courses,
each file declaring its `# expect: line:col code` lines, checked as a whole course.
"""

from __future__ import annotations

import re
import shutil
from copy import deepcopy
from pathlib import Path

import pytest

from test_render import GYROSCOPE, make_course
from vigil.check.course_cues import best_cut
from vigil.check.cues import age_in_months, is_reply
from vigil.check.project import check_project
from vigil.course import REPLY_VERBS
from vigil.i18n.catalog import SOURCE_LANGUAGE, translator
from vigil.i18n.extract import keys, read_template
from vigil.questions.pick_comments import HINTS, Asks
from vigil.questions.registry import scenario_model
from vigil.render.pages import render_course

COURSES = Path(__file__).parent / "corpus" / "courses"
EXPECT = re.compile(r"^# expect: (\d+):(\d+) ([a-z0-9-]+)$", re.MULTILINE)
COURSE_WIDE = {"risk-answers-skewed", "reply-always-wrong", "reply-always-right", "age-gives-away"}


def expected(course: Path) -> set[tuple[str, int, int, str]]:
    found = set()
    for path in sorted((course / "scenarios").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for line, col, code in EXPECT.findall(text):
            found.add((f"scenarios/{path.name}", int(line), int(col), code))
    return found


@pytest.mark.parametrize("course", sorted(COURSES.iterdir()), ids=lambda p: p.name)
def test_course_reports_expected_warnings(course: Path) -> None:
    want = expected(course)
    assert want, f"{course.name} declares no '# expect: line:col code' lines"
    result = check_project(course)
    got = {(p.path, p.line, p.col, p.code) for p in result.problems}
    assert got == want
    assert not any(p.is_error for p in result.problems)
    assert result.course is not None, "warnings do not stop the build"


def test_every_course_wide_lint_has_a_failing_case() -> None:
    codes = {code for course in COURSES.iterdir() for *_, code in expected(course)}
    assert codes >= COURSE_WIDE


def test_course_wide_warnings_name_the_other_places() -> None:
    problems = {p.code: p for p in check_project(COURSES / "guessable").problems}
    risk = problems["risk-answers-skewed"].message
    assert risk.startswith("'high' is the answer to 5 of the course's 6 risk-rated questions")
    assert "(high 5, medium 1)" in risk
    assert risk.endswith(
        "(also: scenarios/a-forum.yaml:33, scenarios/a-forum.yaml:34, "
        "scenarios/b-video.yaml:22, scenarios/b-video.yaml:24)"
    )
    age = problems["age-gives-away"].message
    assert "joined 2 months ago or less" in age
    assert "sorts 8 of 8 flagged authors and 5 of 5 others right (100 %" in age
    assert "scenarios/b-video.yaml:11)" in age
    reply = problems["reply-always-wrong"].message
    assert "all 4 options of the course that start with a reply verb" in reply
    assert "points to the official page" in reply


def test_files_checked_alone_are_not_judged_as_a_course() -> None:
    course = COURSES / "guessable"
    result = check_project(course, [course / "scenarios" / "a-forum.yaml"])
    assert not {p.code for p in result.problems} & COURSE_WIDE


def copy_course(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(COURSES / name, target)
    return target


def test_thresholds_are_course_options(tmp_path: Path) -> None:
    course = copy_course("guessable", tmp_path)
    config = course / "mkdocs.yml"
    config.write_text(
        config.read_text()
        + "    lints:\n      risk_share: 90\n      reply_min: 5\n      age_min_flagged: 9\n"
    )
    assert check_project(course).problems == []
    config.write_text(config.read_text().replace("risk_share: 90", "risk_share: 80"))
    assert [p.code for p in check_project(course).problems] == ["risk-answers-skewed"]


def test_lint_options_are_validated_with_positions(tmp_path: Path) -> None:
    course = copy_course("guessable", tmp_path)
    (course / "mkdocs.yml").write_text(
        "site_name: G\nextra:\n  vigil:\n    id: g\n    lints:\n      longest_ratio: 0.5\n"
        "      risk_share: 150\n      reply_verbs: Reply\n      age_accuracy: yes\n"
    )
    problems = [(p.line, p.col, p.code, p.message) for p in check_project(course).problems]
    assert problems[:4] == [
        (
            6,
            22,
            "bad-value",
            "extra.vigil.lints.longest_ratio: expected a number (1 or more), found 0.5",
        ),
        (
            7,
            19,
            "bad-value",
            "extra.vigil.lints.risk_share: expected a whole number from 0 to 100, found 150",
        ),
        (
            8,
            20,
            "wrong-type",
            "extra.vigil.lints.reply_verbs: expected a list of text entries, found 'Reply'",
        ),
        (
            9,
            21,
            "yaml-boolean",
            "extra.vigil.lints.age_accuracy: expected a whole number from 0 to 100, found "
            "'yes'; YAML 1.1 reads 'yes' as the boolean true. Write a number, e.g. "
            "age_accuracy: 85",
        ),
    ]


def test_an_edit_is_judged_with_the_facts_kept_for_unchanged_files(tmp_path: Path) -> None:
    course = copy_course("guessable", tmp_path)
    first = check_project(course).problems
    assert check_project(course).problems == first  # all from the cache
    edited = course / "scenarios" / "b-video.yaml"
    text = edited.read_text()
    text = text.replace(
        "prompt: How risky is c1?, answer: high", "prompt: How risky is c1?, answer: low"
    )
    edited.write_text(text.replace("prompt: And c4?, answer: high", "prompt: And c4?, answer: low"))
    codes = [p.code for p in check_project(course).problems]
    assert "risk-answers-skewed" not in codes  # high answers 3 of 6 now
    assert "age-gives-away" in codes
    assert "reply-always-wrong" in codes


# --- the parts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("joined", "months"),
    [
        ("3 weeks ago", 0.7),
        ("a year ago", 12),
        ("12 Years ago", 144),
        ("5 days ago", 5 / 30),
        ("2 hours ago", 0),
        ("an hour ago", 0),
        ("March 2019", None),
        ("3 weeks", None),
    ],
)
def test_account_age_is_read_from_relative_times(joined: str, months: float | None) -> None:
    assert age_in_months(joined) == pytest.approx(months)


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("Reply with the figure.", True),
        ("dm the asker", True),
        ('"Post: it is higher"', True),
        ("Replying is wise.", False),
        ("Report it.", False),
        ("Don't reply.", False),
    ],
)
def test_reply_options_start_with_a_reply_verb(text: str, reply: bool) -> None:
    assert is_reply(text, REPLY_VERBS) is reply


def test_best_cut_sorts_flagged_from_others_either_way() -> None:
    newer = best_cut([(0.5, True), (1, True), (2, True), (24, False), (36, False), (1, False)])
    assert newer is not None
    assert (newer.newer, newer.months, newer.flagged_right, newer.others_right) == (True, 2, 3, 2)
    assert newer.score == pytest.approx(5 / 6)
    older = best_cut([(60, True), (72, True), (1, False), (2, False)])
    assert older is not None
    assert (older.newer, older.score) == (False, 1)


def test_best_cut_needs_most_of_both_groups_sorted_right() -> None:
    # Flagging only the newest account is right about 11 of 13 authors (85 %), because
    # most authors are not flagged; but it misses most flagged authors and tells nothing.
    flagged = [(0.5, True), (50, True), (70, True)]
    others = [(m, False) for m in (10, 20, 30, 40, 45, 55, 60, 65, 75, 80)]
    assert best_cut(flagged + others) is None


# --- pick-comments: what it asks, and its hint --------------------------------------------------


def test_each_kind_of_ask_has_its_hint_in_the_catalog() -> None:
    ids = {msgid for _, msgid, _ in keys(read_template())}
    assert set(HINTS.values()) <= ids


@pytest.mark.parametrize("asks", list(Asks))
def test_the_hint_under_the_prompt_comes_from_asks(asks: Asks) -> None:
    scenario = deepcopy(GYROSCOPE)
    scenario["questions"][0]["asks"] = asks.value
    question = scenario_model().model_validate(scenario).questions[0]
    assert question.instruction() == HINTS[asks]
    rendered = render_course(
        make_course(scenario), translator(SOURCE_LANGUAGE), directory_urls=True
    )
    page = rendered.pages["course/friendly-questioning/launch-video-gyroscope.md"]
    assert page.count(f'<p class="vigil-hint">{HINTS[asks]}</p>') == 1
    for other in set(Asks) - {asks}:
        assert HINTS[other] not in page
