"""Rules run on every part that validated, even when another part of the same file failed,
and report nothing a failed part might have supplied."""

from __future__ import annotations

from pathlib import Path

from vigil.check.partial import PartialDocument, salvage
from vigil.check.project import check_project
from vigil.format.loader import load_text
from vigil.questions.registry import scenario_model

HEAD = """\
id: s
title: T
tactics: [friendly-questioning]
difficulty: 1
platform: forum
setting: S.
"""
PERSONAS = "personas:\n  fan: {name: fan, joined: 1 year ago}\n"
THREAD = """\
thread:
  - id: c1
    by: fan
    time: 1 h ago
    text: Hi
    flag: {tactic: friendly-questioning, note: N.}
"""
QUESTIONS = """\
questions:
  - {id: q1, type: pick-comments, prompt: P, answer: [c1], feedback: {c1: F.}}
  - id: q2
    type: risk
    prompt: P
    about: c1
    answer: low
    feedback: {low: F., medium: F., high: F.}
"""


def problems(tmp_path: Path, text: str, config: str | None = None) -> list[tuple[int, int, str]]:
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = check_project(tmp_path, [tmp_path / "s.yaml"])
    return sorted((p.line, p.col, p.code) for p in result.problems if p.path == "s.yaml")


def test_the_pieces_make_a_clean_scenario(tmp_path: Path) -> None:
    assert problems(tmp_path, HEAD + PERSONAS + THREAD + QUESTIONS) == []


def test_references_to_an_unreadable_thread_are_not_unknown(tmp_path: Path) -> None:
    text = HEAD + PERSONAS + "thread: oops\n" + QUESTIONS
    assert problems(tmp_path, text) == [(9, 9, "wrong-type")]


def test_references_to_unreadable_personas_are_not_unknown(tmp_path: Path) -> None:
    text = HEAD + "personas: oops\n" + THREAD + QUESTIONS
    assert problems(tmp_path, text) == [(7, 11, "wrong-type")]


def test_a_missing_thread_and_personas_hide_no_other_rule(tmp_path: Path) -> None:
    text = HEAD.replace("[friendly-questioning]", "[friendly-question]") + QUESTIONS
    assert problems(tmp_path, text) == [
        (1, 1, "missing-key"),
        (1, 1, "missing-key"),
        (3, 11, "unknown-tactic"),
    ]


def test_a_misspelt_key_is_not_taken_for_missing_questions(tmp_path: Path) -> None:
    text = HEAD + PERSONAS + THREAD + QUESTIONS.replace("questions:", "qustions:")
    assert problems(tmp_path, text) == [(15, 1, "unknown-key")]


def test_no_red_flag_is_not_claimed_when_a_comment_failed(tmp_path: Path) -> None:
    thread = THREAD + "  - {id: c2, by: fan, time: 1 h ago, text: Hi, likes: many}\n"
    text = (
        HEAD + PERSONAS + thread.replace("    flag: {tactic: friendly-questioning, note: N.}\n", "")
    )
    assert problems(tmp_path, text + QUESTIONS) == [(14, 55, "wrong-type")]


def test_rules_on_items_after_a_failed_one_point_at_the_right_lines(tmp_path: Path) -> None:
    text = (
        HEAD
        + PERSONAS
        + THREAD
        + "  - {id: c2, by: fan, time: 1 h ago}\n"
        + "  - {id: c3, by: fna, time: 1 h ago, text: Hi}\n"
        + "  - {id: c1, by: fan, time: 1 h ago, text: Hi}\n"
        + QUESTIONS.replace("answer: [c1]", "answer: [c1, c2, c4]")
    )
    assert problems(tmp_path, text) == [
        (15, 5, "missing-key"),
        (16, 18, "unknown-persona"),
        (17, 10, "duplicate-id"),
        (19, 63, "unknown-comment"),  # comment c2 failed but exists; c4 does not
        (19, 78, "no-feedback"),
    ]


def test_the_partial_scenario_keeps_what_validated(tmp_path: Path) -> None:
    text = (
        HEAD.replace("difficulty: 1", "difficulty: hard")
        + PERSONAS
        + "  bot: {name: bot}\n"
        + THREAD
        + "    replies:\n"
        + "      - {id: r1, by: bot}\n"
        + "      - {id: r2, by: bot, time: 1 h ago, text: Hi}\n"
        + QUESTIONS
    )
    doc, _ = load_text(text, "s.yaml")
    assert doc is not None
    partial, view = salvage(doc, scenario_model())
    assert isinstance(view, PartialDocument)
    assert list(partial.personas) == ["fan"]
    assert [c.id for c in partial.thread] == ["c1"]
    assert [r.id for r in partial.thread[0].replies] == ["r2"]
    assert [q.id for q in partial.questions] == ["q1", "q2"]
    assert view.written(("thread", 0, "replies", 0, "by")) == ("thread", 0, "replies", 1, "by")
    assert view.position(("thread", 0, "replies", 0, "by")) == (18, 22)
    assert ("difficulty",) in view.failed
    assert ("personas", "bot") in view.failed
    assert ("thread", 0, "replies", 0) in view.failed


def test_a_partly_valid_scenario_still_claims_its_id(tmp_path: Path) -> None:
    broken = HEAD.replace("difficulty: 1", "difficulty: hard") + PERSONAS + THREAD + QUESTIONS
    (tmp_path / "a.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(broken.replace("hard", "1"), encoding="utf-8")
    result = check_project(tmp_path, [tmp_path])
    assert sorted((p.path, p.line, p.code) for p in result.problems) == [
        ("a.yaml", 4, "wrong-type"),
        ("b.yaml", 1, "duplicate-id"),
    ]


def test_course_terms_that_failed_are_still_known(tmp_path: Path) -> None:
    config = (
        "site_name: T\nextra:\n  vigil:\n    id: t\n    pass_mark: lots\n    tactics:\n"
        "      - {id: job-offer-lure, name: Job-offer lure}\n"
        "      - {id: fake-recruiter, name: Fake recruiter, description: D.}\n"
    )
    text = HEAD.replace("[friendly-questioning]", "[job-offer-lure, fake-recruiter, nope]")
    (tmp_path / "s.yaml").write_text(text + PERSONAS + THREAD + QUESTIONS, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = check_project(tmp_path, [tmp_path / "s.yaml"])
    assert sorted((p.path, p.line, p.col, p.code) for p in result.problems) == [
        ("mkdocs.yml", 5, 16, "wrong-type"),
        ("mkdocs.yml", 7, 9, "missing-key"),
        ("s.yaml", 3, 43, "unknown-tactic"),
    ]
    assert result.course is None


def test_the_scenarios_folder_option_holds_when_another_option_fails(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nextra:\n  vigil:\n    id: t\n    pass_mark: lots\n    scenarios: mine\n",
        encoding="utf-8",
    )
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "s.yaml").write_text(
        HEAD.replace("platform: forum", "platform: tv") + PERSONAS + THREAD + QUESTIONS,
        encoding="utf-8",
    )
    result = check_project(tmp_path)
    assert sorted((p.path, p.code) for p in result.problems) == [
        ("mine/s.yaml", "bad-value"),
        ("mkdocs.yml", "wrong-type"),
    ]
