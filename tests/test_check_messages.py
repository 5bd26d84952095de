"""Schema messages say what was expected and what was found, in the format's words.

Every pydantic error type the format can produce is produced here, and no message may
carry pydantic's own wording. YAML 1.1 surprises in number and boolean fields get the
same hint as in text fields.
"""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from vigil.check.validate import validate
from vigil.course import CourseOptions
from vigil.format.loader import load_text
from vigil.problems import Problem
from vigil.questions.registry import kinds, scenario_model

KINDS = ", ".join(kinds())  # every registered kind, in registration order

OPTIONS = ("extra", "vigil")
BASE = {
    "id": "id: m",
    "title": "title: T",
    "tactics": "tactics: [friendly-questioning]",
    "difficulty": "difficulty: 1",
    "platform": "platform: video",
    "setting": "setting: S.",
    "personas": "personas:\n  fan: {name: n, joined: j}",
    "thread": "thread:\n  - {id: c1, by: fan, time: t, text: x}",
}
PYDANTIC_WORDING = re.compile(
    r"input should|should be|should have|should match|valid dictionary|field required|"
    r"unable to interpret|does not match any of the expected tags",
    re.IGNORECASE,
)


def scenario(**parts: str | None) -> str:
    """The base scenario with top-level parts replaced (None: left out)."""
    merged = {**BASE, **parts}
    return "\n".join(text for text in merged.values() if text is not None) + "\n"


def options(lines: str) -> str:
    return f"site_name: x\nextra:\n  vigil:\n    id: c\n{lines}\n"


# (YAML text, whether it is mkdocs.yml, the code and message expected)
CASES = [
    (scenario(title="title: [a]"), "wrong-type", "title: expected text, found a list"),
    (scenario(title='title: ""'), "missing-value", "title: expected text, found empty quotes"),
    (
        scenario(id="id: " + "x" * 65),
        "bad-value",
        "id: expected an id of up to 64 lowercase letters, digits and hyphens "
        "(e.g. gyro-question), found 65 characters ('" + "x" * 40 + "…')",
    ),
    (
        scenario(id="id: Bad_Id"),
        "bad-id",
        "id: expected an id of up to 64 lowercase letters, digits and hyphens "
        "(e.g. gyro-question), found 'Bad_Id'",
    ),
    (scenario(title='title: "  "'), "missing-value", "title: expected text, found only spaces"),
    (
        scenario(difficulty="difficulty: hard"),
        "wrong-type",
        "difficulty: expected a whole number from 1 to 3, found 'hard'",
    ),
    (
        scenario(difficulty="difficulty: 1.5"),
        "wrong-type",
        "difficulty: expected a whole number from 1 to 3, found 1.5",
    ),
    (
        scenario(difficulty="difficulty: 4"),
        "bad-value",
        "difficulty: expected a whole number from 1 to 3, found 4",
    ),
    (
        scenario(platform="platform: tv"),
        "bad-value",
        "platform: expected one of video, forum, microblog, messages, found 'tv'",
    ),
    (
        scenario(personas="personas: [a]"),
        "wrong-type",
        "personas: expected a mapping of ids to personas (at least 1), found a list",
    ),
    (
        scenario(personas="personas: {}"),
        "bad-value",
        "personas: expected a mapping of ids to personas (at least 1), found an empty mapping",
    ),
    (
        scenario(personas="personas:\n  fan: [1]"),
        "wrong-type",
        "personas.fan: expected a mapping of keys (name:, joined:, ...), found a list",
    ),
    (
        scenario(personas="personas:\n  Bad Key: {name: n, joined: j}"),
        "bad-id",
        "personas: expected each key to be an id of up to 64 lowercase letters, digits and "
        "hyphens (e.g. gyro-question), found 'Bad Key'",
    ),
    (
        scenario(tactics="tactics: x"),
        "wrong-type",
        "tactics: expected a list of at least 1 id, found 'x'",
    ),
    (
        scenario(thread="thread: []"),
        "bad-value",
        "thread: expected a list of at least 1 comment, found an empty list",
    ),
    (
        scenario(thread="thread:\n  - {id: c1, by: fan, time: t, text: x, likes: -1}"),
        "bad-value",
        "thread[0].likes: expected a whole number (0 or more), found -1",
    ),
    (
        scenario(thread="thread:\n  - {id: c1, by: fan, time: t, text: x, flag: x}"),
        "wrong-type",
        "thread[0].flag: expected a mapping of keys (tactic:, note:), found 'x'",
    ),
    (
        scenario(questions="questions: [x]"),
        "wrong-type",
        "questions[0]: expected a mapping of keys (id:, type:, prompt:, ...), found 'x'",
    ),
    (
        scenario(questions="questions:\n  - {id: q, type: essay, prompt: P}"),
        "bad-value",
        f"questions[0].type: expected one of {KINDS}, found 'essay'",
    ),
    (
        scenario(questions="questions:\n  - {id: q, prompt: P}"),
        "missing-key",
        f"questions[0]: missing required key 'type' (one of {KINDS})",
    ),
    (
        scenario(questions="questions:\n  - {id: q, type: risk, prompt: P, answer: lo}"),
        "bad-value",
        "questions[0].answer: expected one of low, medium, high, found 'lo'",
    ),
    (
        scenario(
            questions="questions:\n  - {id: q, type: risk, prompt: P, answer: low, "
            "feedback: {lo: x}}"
        ),
        "bad-value",
        "questions[0].feedback: expected each key to be one of low, medium, high, found 'lo'",
    ),
    (
        scenario(
            questions="questions:\n  - {id: q, type: single, prompt: P, shuffle: maybe, "
            "options: [{id: a, text: A, correct: [x]}, {id: b, text: B, correct: true}]}"
        ),
        "wrong-type",
        "questions[0].shuffle: expected true or false, found 'maybe'",
    ),
    (
        scenario(
            questions="questions:\n  - {id: q, type: single, prompt: P, "
            "options: [{id: a, text: A, correct: [x]}, {id: b, text: B, correct: true}]}"
        ),
        "wrong-type",
        "questions[0].options[0].correct: expected true or false, found a list",
    ),
    (
        scenario(
            questions="questions:\n  - {id: q, type: pick-comments, prompt: P, answer: [c1], "
            "feedback: []}"
        ),
        "wrong-type",
        "questions[0].feedback: expected a mapping of ids to text, found an empty list",
    ),
    (scenario(title=None), "missing-key", "missing required key 'title' (text)"),
    (
        scenario(personas="personas:\n  fan: {joined: j}"),
        "missing-key",
        "personas.fan: missing required key 'name' (text)",
    ),
    (scenario(titel="titel: x"), "unknown-key", "unknown key 'titel'; did you mean 'title'?"),
    (
        options("    assessment: {exam_mode: maybe}"),
        "wrong-type",
        "extra.vigil.assessment.exam_mode: expected true or false, found 'maybe'",
    ),
    (
        options("    assessment: []"),
        "wrong-type",
        "extra.vigil.assessment: expected a mapping of keys (questions:, per_tactic:, ...), "
        "found an empty list",
    ),
    (
        options("    scenarios: ''"),
        "bad-value",
        "extra.vigil.scenarios: expected a folder path, found empty quotes",
    ),
    (
        options('    scenarios: "a\\0b"'),
        "bad-value",
        "extra.vigil.scenarios: expected a folder path, found 'a\\x00b' (it holds a NUL character)",
    ),
    (
        options("    reporting_contact: ''"),
        "missing-value",
        "extra.vigil.reporting_contact: expected text, found empty quotes",
    ),
    (
        scenario(title='title: "A\\0B"'),
        "bad-text",
        "title: expected text without control characters, found 'A\\x00B' (character 2 is "
        "the control character U+0000); remove it (only line breaks and tabs are allowed)",
    ),
    (
        scenario(title='title: "\\u200b"'),
        "bad-text",
        "title: expected text with something visible, found '\\u200b', which holds only "
        "invisible characters (zero-width spaces, joiners or direction marks)",
    ),
    (
        options("    tactics: [{id: X, name: N, description: D}]"),
        "bad-id",
        "extra.vigil.tactics[0].id: expected an id of lowercase letters, digits and hyphens "
        "(e.g. gyro-question), found 'X'",
    ),
]
# Every error type the scenario format and the course options can produce.
ERROR_TYPES = {
    "bool_type",
    "dict_type",
    "enum",
    "extra_forbidden",
    "greater_than_equal",
    "int_type",
    "less_than_equal",
    "missing",
    "model_attributes_type",
    "model_type",
    "string_pattern_mismatch",
    "string_too_long",
    "string_too_short",
    "string_type",
    "too_short",
    "tuple_type",
    "union_tag_invalid",
    "union_tag_not_found",
}


def check(text: str) -> tuple[list[Problem], set[str]]:
    """The problems of one file, and the pydantic error types behind them."""
    is_options = text.startswith("site_name")
    doc, problems = load_text(text, "mkdocs.yml" if is_options else "s.yaml")
    assert doc is not None, problems
    model = CourseOptions if is_options else scenario_model()
    base = OPTIONS if is_options else ()
    _, problems = validate(doc, model, base)
    try:
        model.model_validate(doc.data["extra"]["vigil"] if is_options else doc.data)
        types: set[str] = set()
    except ValidationError as err:
        types = {e["type"] for e in err.errors()}
    return problems, types


@pytest.mark.parametrize(("text", "code", "message"), CASES)
def test_message_says_what_was_expected_and_found(text: str, code: str, message: str) -> None:
    problems, _ = check(text)
    assert (code, message) in [(p.code, p.message) for p in problems]


def test_every_error_type_is_produced_and_none_speaks_pydantic() -> None:
    seen: set[str] = set()
    for text, _, _ in CASES:
        problems, types = check(text)
        seen |= types
        for problem in problems:
            assert not PYDANTIC_WORDING.search(problem.message), problem.message
    assert seen == ERROR_TYPES


@pytest.mark.parametrize(
    ("lines", "code", "message"),
    [
        (
            "    assessment: {per_tactic: yes}",
            "yaml-boolean",
            "extra.vigil.assessment.per_tactic: expected a whole number (0 or more), found "
            "'yes'; YAML 1.1 reads 'yes' as the boolean true. Write a number, e.g. per_tactic: 1",
        ),
        (
            "    pass_mark: 80%",
            "wrong-type",
            "extra.vigil.pass_mark: expected a whole number from 0 to 100, found '80%'; "
            "YAML reads '80%' as text. Write a number, e.g. pass_mark: 80",
        ),
        (
            "    pass_mark: '80'",
            "wrong-type",
            "extra.vigil.pass_mark: expected a whole number from 0 to 100, found '80' in "
            "quotes. Write it without quotes: pass_mark: 80",
        ),
        (
            "    assessment: {exam_mode: ~}",
            "yaml-null",
            "extra.vigil.assessment.exam_mode: expected true or false, found '~'; YAML reads "
            "'~' as nothing (null). Write true or false, e.g. exam_mode: true",
        ),
        (
            "    assessment: {attempts: 2024-05-01}",
            "yaml-date",
            "extra.vigil.assessment.attempts: expected a whole number (0 or more), found "
            "'2024-05-01'; YAML reads '2024-05-01' as a date or time. Write a number, "
            "e.g. attempts: 3",
        ),
        (
            "    assessment:\n      questions:",
            "missing-value",
            "extra.vigil.assessment.questions: expected a whole number (1 or more), found nothing",
        ),
    ],
)
def test_yaml11_hints_for_numbers_and_booleans(lines: str, code: str, message: str) -> None:
    problems, _ = check(options(lines))
    assert [(p.code, p.message) for p in problems] == [(code, message)]


def test_plain_true_in_a_number_field_needs_no_yaml11_hint() -> None:
    problems, _ = check(scenario(difficulty="difficulty: true"))
    assert [(p.code, p.message) for p in problems] == [
        ("wrong-type", "difficulty: expected a whole number from 1 to 3, found true")
    ]


def test_octal_number_out_of_range_says_how_yaml_read_it() -> None:
    problems, _ = check(scenario(difficulty="difficulty: 010"))
    assert [(p.code, p.message) for p in problems] == [
        (
            "yaml-number",
            "difficulty: expected a whole number from 1 to 3, found '010'; YAML 1.1 reads "
            "'010' as the number 8. Write a number, e.g. difficulty: 1",
        )
    ]


@pytest.mark.parametrize(("src", "value"), [("0x10", 16), ("010", 8), ("1_0", 10), ("1:10", 70)])
def test_numbers_yaml11_reads_otherwise_are_a_warning(src: str, value: int) -> None:
    problems, _ = check(options(f"    assessment: {{attempts: {src}}}"))
    assert [(p.code, p.severity, p.message) for p in problems] == [
        (
            "yaml-number",
            "warning",
            f"extra.vigil.assessment.attempts: YAML 1.1 reads '{src}' as the number {value}; "
            f"write {value} if that is what you mean",
        )
    ]


def test_plain_numbers_are_not_warned_about() -> None:
    problems, _ = check(options("    pass_mark: 75\n    assessment: {attempts: 3}"))
    assert problems == []


def test_long_values_are_cut_in_messages() -> None:
    problems, _ = check(scenario(difficulty="difficulty: " + "x" * 100_000))
    assert len(problems) == 1
    assert len(problems[0].message) < 200
