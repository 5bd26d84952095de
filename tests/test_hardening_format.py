"""Issue 10, points 7 to 11: strict booleans, reserved ids, empty courses, invisible or
control characters in text, and messages that quote input safely."""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL, run_vigil
from test_bundle import STORAGE
from test_render import GYROSCOPE, make_course, render
from vigil.browser.bundle import engine_script
from vigil.check.project import check_project
from vigil.check.report import format_report
from vigil.check.validate import validate
from vigil.course import CourseOptions
from vigil.format.loader import load_text
from vigil.problems import QUOTE_LIMIT, Problem, format_problems, quoted
from vigil.questions.registry import scenario_model
from vigil.render.links import ASSESSMENT_URI, RESERVED, module_uri, page_url

SCENARIO = MINIMAL.read_text(encoding="utf-8")
OPTIONS = ("extra", "vigil")


def options_problems(lines: str) -> list[tuple[str, str]]:
    doc, problems = load_text(f"site_name: x\nextra:\n  vigil:\n    id: c\n{lines}\n", "mkdocs.yml")
    assert doc is not None, problems
    _, problems = validate(doc, CourseOptions, OPTIONS)
    return [(p.code, p.message) for p in problems]


def scenario_problems(text: str) -> list[Problem]:
    doc, problems = load_text(text, "s.yaml")
    assert doc is not None, problems
    _, problems = validate(doc, scenario_model())
    return problems


def course(tmp_path: Path, config: str, *, scenarios: bool = True) -> Path:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "scenarios").mkdir()
    if scenarios:
        shutil.copy(MINIMAL, tmp_path / "scenarios" / "minimal.yaml")
    return tmp_path


# 7. Booleans must be booleans -------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "correct: true",
            "correct: 'true'",
            "questions[0].options[0].correct: expected true or false, found 'true' in quotes. "
            "Write it without quotes: correct: true",
        ),
        (
            "correct: true",
            "correct: 1",
            "questions[0].options[0].correct: expected true or false, found the number 1. "
            "Write true or false, e.g. correct: true",
        ),
        (
            "type: single",
            "type: single\n    shuffle: 'no'",
            "questions[0].shuffle: expected true or false, found 'no' in quotes, which is "
            "text. Write true or false, e.g. shuffle: true",
        ),
        (
            "type: single",
            "type: single\n    assessment_only: 'false'",
            "questions[0].assessment_only: expected true or false, found 'false' in quotes. "
            "Write it without quotes: assessment_only: false",
        ),
    ],
)
def test_scenario_booleans_are_strict(old: str, new: str, message: str) -> None:
    problems = scenario_problems(SCENARIO.replace(old, new, 1))
    assert [(p.code, p.message) for p in problems] == [("wrong-type", message)]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("'no'", "found 'no' in quotes, which is text. Write true or false, e.g. exam_mode: true"),
        ("'true'", "found 'true' in quotes. Write it without quotes: exam_mode: true"),
        ("0", "found the number 0. Write true or false, e.g. exam_mode: false"),
    ],
)
def test_course_booleans_are_strict(written: str, message: str) -> None:
    assert options_problems(f"    assessment: {{exam_mode: {written}}}") == [
        ("wrong-type", f"extra.vigil.assessment.exam_mode: expected true or false, {message}")
    ]


def test_real_booleans_still_read() -> None:
    assert scenario_problems(SCENARIO.replace("correct: true", "correct: yes")) == []
    assert options_problems("    assessment: {exam_mode: false}") == []


# 8. Ids that collide with generated pages --------------------------------------------------


def test_reserved_names_are_every_generated_page_name() -> None:
    """Each page Vigil writes under course/ is a scenario, or has a reserved name."""
    pages = render(make_course(GYROSCOPE)).pages
    scenario_ids = {GYROSCOPE["id"]}
    names = {
        posixpath.basename(uri).removesuffix(".md")
        for uri in pages
        if uri.startswith("course/") and uri.endswith(".md")
    }
    assert names - scenario_ids == RESERVED


def test_a_tactic_named_like_a_page_would_share_its_address() -> None:
    """Why tactic ids are reserved too: module course/assessment/ is the assessment page."""
    tactic = make_course(GYROSCOPE).taxonomy.tactics[0].model_copy(update={"id": "assessment"})
    assert page_url(module_uri(tactic), True) == page_url(ASSESSMENT_URI, True)


def test_scenario_id_index_is_reported_where_written(tmp_path: Path) -> None:
    root = course(tmp_path, "site_name: T\nextra:\n  vigil:\n    id: t\n")
    path = root / "scenarios" / "minimal.yaml"
    path.write_text(SCENARIO.replace("id: minimal", "id: index"), encoding="utf-8")
    result = check_project(root)
    assert result.course is None
    assert [(p.path, p.line, p.col, p.code) for p in result.problems] == [
        ("scenarios/minimal.yaml", 1, 5, "reserved-id")
    ]


@pytest.mark.parametrize("name", sorted(RESERVED))
def test_course_tactic_named_like_a_page_is_reported(tmp_path: Path, name: str) -> None:
    root = course(
        tmp_path,
        "site_name: T\nextra:\n  vigil:\n    id: t\n    tactics:\n"
        f"      - {{id: {name}, name: N, description: D}}\n",
    )
    result = check_project(root)
    assert result.course is None
    assert [(p.path, p.line, p.col, p.code) for p in result.problems] == [
        ("mkdocs.yml", 6, 14, "reserved-id")
    ]
    assert f"tactic id '{name}' is the name of a page Vigil generates" in result.problems[0].message


# 9. An empty course is not a course --------------------------------------------------------


def test_a_course_without_scenarios_is_an_error(tmp_path: Path) -> None:
    root = course(tmp_path, "site_name: T\nextra:\n  vigil:\n    id: t\n", scenarios=False)
    (root / "scenarios" / "notes.txt").write_text("not a scenario", encoding="utf-8")
    result = check_project(root)
    assert result.course is None
    assert [(p.path, p.line, p.col, p.code) for p in result.problems] == [
        ("mkdocs.yml", 4, 5, "empty-course")
    ]
    cli = run_vigil("check", "--strict", cwd=root)
    assert cli.returncode == 1, cli.stdout + cli.stderr
    assert "error[empty-course]" in cli.stdout


def test_an_empty_course_is_reported_at_its_scenarios_option(tmp_path: Path) -> None:
    root = course(tmp_path, "site_name: T\nextra:\n  vigil:\n    id: t\n    scenarios: lessons\n")
    (root / "lessons").mkdir()
    result = check_project(root)
    assert [(p.line, p.col, p.code) for p in result.problems] == [(5, 16, "empty-course")]


def test_files_checked_alone_are_not_an_empty_course(tmp_path: Path) -> None:
    root = course(tmp_path, "site_name: T\nextra:\n  vigil:\n    id: t\n")
    assert check_project(root, [root / "scenarios"]).problems == []


def test_an_assessment_that_draws_no_question_is_an_error(tmp_path: Path) -> None:
    root = course(
        tmp_path, "site_name: T\nextra:\n  vigil:\n    id: t\n    assessment: {per_tactic: 0}\n"
    )
    result = check_project(root)
    assert result.course is None
    assert [(p.line, p.col, p.code) for p in result.problems] == [(5, 30, "empty-assessment")]


@pytest.mark.browser
def test_an_assessment_with_no_questions_never_passes(page) -> None:
    script = engine_script(STORAGE).decode("utf-8")
    page.set_content("<!doctype html><title>Empty</title>")
    page.add_script_tag(content=script)
    grade = page.evaluate(
        "() => VigilAssessment.grade({questions: {}, assessment: {pass_mark: 0}}, [], {})"
    )
    assert (grade["total"], grade["percent"], grade["passed"]) == (0, 0, False)


# 10. Invisible and control characters ------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "loc"),
    [
        ('    reporting_contact: "\\u200b\\u200c"', "extra.vigil.reporting_contact"),
        ('    reporting_contact: "a\\0b"', "extra.vigil.reporting_contact"),
    ],
)
def test_course_text_options_hold_visible_text(lines: str, loc: str) -> None:
    [(code, message)] = options_problems(lines)
    assert code == "bad-text"
    assert message.startswith(f"{loc}: expected text with")


def test_site_name_and_course_terms_hold_visible_text(tmp_path: Path) -> None:
    root = course(
        tmp_path,
        'site_name: "A\\0B"\nextra:\n  vigil:\n    id: t\n    tactics:\n'
        '      - {id: mine, name: "\\u200b", description: "\\ufeff"}\n',
    )
    result = check_project(root)
    assert [(p.line, p.col, p.code) for p in result.problems] == [
        (1, 12, "bad-text"),
        (6, 26, "bad-text"),
        (6, 49, "bad-text"),
    ]
    assert result.problems[0].message.startswith("site_name: expected text without control")


# 11. Messages ------------------------------------------------------------------------------


def test_quoted_values_are_cut_and_escaped() -> None:
    assert quoted("x" * 1_000_000) == repr("x" * QUOTE_LIMIT + "…")
    assert quoted("A\x00B\x1b[2J\n") == "'A\\x00B\\x1b[2J\\n'"


def test_a_long_scalar_is_never_echoed_whole() -> None:
    big = "x" * 100_000  # five of them, under the file size limit
    text = (
        SCENARIO.replace("id: minimal", f"id: {big}")
        .replace("tactics: [friendly-questioning]", f"tactics: [{big}]")
        .replace("platform: video", f"platform: {big}")
        .replace("difficulty: 1", f"difficulty: {big}")
        .replace("type: single", f"type: {big}")
    )
    text += f"sources:\n  - {{title: T, url: 'javascript:{big}'}}\n{big[:1000]}: 1\n"
    problems = scenario_problems(text)
    assert len(problems) >= 5
    assert all(len(p.message) < 400 for p in problems), [p.message[:100] for p in problems]


def test_rule_messages_cut_what_they_quote(tmp_path: Path) -> None:
    big = "y" * 400_000
    root = course(tmp_path, "site_name: T\nextra:\n  vigil:\n    id: t\n")
    text = SCENARIO + f"sources:\n  - {{title: T, url: 'javascript:{big}'}}\n"
    text = text.replace(
        "    flag:", f"    leaks: [{{category: equipment-parameters, text: {big}}}]\n    flag:"
    )
    (root / "scenarios" / "minimal.yaml").write_text(text, encoding="utf-8")
    problems = check_project(root).problems
    assert {p.code for p in problems} == {"bad-url", "leak-not-in-text"}
    assert all(len(p.message) < 300 for p in problems)


FORGED = "\x1b[2J\x1b]0;owned\x07\n::error file=x.yaml,line=1::forged\r\u202e"


def test_every_format_prints_a_problem_on_its_own_lines() -> None:
    problem = Problem(f"s{FORGED}.yaml", 1, 2, "c", f"key {FORGED}")
    for line in (problem.text(), problem.github()):
        assert "\n" not in line
        assert "\r" not in line
        assert all(c.isprintable() for c in line), line
    assert problem.github().startswith("::error file=s\\x1b[2J")
    assert problem.text().startswith("s\\x1b[2J\\x1b]0;owned\\x07\\n::error file=x.yaml")
    raw = format_problems([problem], "json")
    assert raw.isascii()
    assert json.loads(raw)[0]["message"] == f"key {FORGED}"


def test_a_hostile_key_cannot_reach_the_terminal(tmp_path: Path) -> None:
    root = course(tmp_path, "site_name: T\nextra:\n  vigil:\n    id: t\n")
    hostile = SCENARIO + '"\\e[2J\\n::error file=x.yaml::forged": 1\n'
    (root / "scenarios" / "minimal.yaml").write_text(hostile, encoding="utf-8")
    problems = check_project(root).problems
    assert [p.code for p in problems] == ["unknown-key"]
    text = format_report(problems, "text", root)
    github = format_report(problems, "github", root)
    assert "\x1b" not in text + github
    assert len(github.splitlines()) == 1
    assert [line for line in text.splitlines() if line.startswith("scenarios/")] == [
        "scenarios/minimal.yaml:23:1: error[unknown-key]: unknown key "
        "'\\x1b[2J\\n::error file=x.yaml::forged'"
    ]
