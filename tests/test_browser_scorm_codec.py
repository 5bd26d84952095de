"""The suspend data codec of the SCORM launcher: its bound, its round trip, what it leaves out.

SCORM 1.2 keeps 4,096 characters of suspend data. The bound is shown for the whole sample
course and for a synthetic course of 200 questions, every question answered with every
choice it has (the longest answer there is), with ten finished attempts and an attempt in
progress over three questions per module. The codec runs as the package ships it: in the
launcher page, here opened without an LMS.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page

from conftest import REPO, sample_config, serve_folder
from test_browser_scorm import LAUNCHER, export

pytestmark = pytest.mark.browser

LIMIT = 4096
COURSE_LINE = re.compile(r"^var COURSE = (.*);$", re.M)


@pytest.fixture(scope="module")
def sample_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """The whole sample as a SCORM 1.2 package, served, with its launcher's course data."""
    root = tmp_path_factory.mktemp("codec")
    project = root / "course"
    project.mkdir()
    for name in ("content", "scenarios"):
        (project / name).symlink_to(REPO / name)
    (project / "mkdocs.yml").write_text(sample_config(), encoding="utf-8")
    site = root / "site"
    with zipfile.ZipFile(export(project, "scorm12", root / "scorm12.zip")) as archive:
        archive.extractall(site)
    script = (site / "assets" / "vigil" / "scorm-launch.js").read_text(encoding="utf-8")
    found = COURSE_LINE.search(script)
    assert found, "the launcher states the course's structure"
    with serve_folder(site) as url:
        yield url, json.loads(found.group(1))


@pytest.fixture
def codec(page: Page, sample_package: tuple[str, Any]) -> Page:
    page.goto(sample_package[0] + LAUNCHER)
    page.wait_for_function('() => typeof (window.VigilLMS || {}).encode === "function"')
    return page


def encode(page: Page, store: dict[str, str], course: Any, stamp: int = 1767225600000) -> str:
    return str(page.evaluate("([s, c, t]) => VigilLMS.encode(s, c, t)", [store, course, stamp]))


def decode(page: Page, text: str, course: Any) -> dict[str, str]:
    return dict(page.evaluate("([s, c]) => VigilLMS.decode(s, c)", [text, course]))


def worst_store(course: Any, *, attempts: int = 10, per_module: int = 3) -> dict[str, str]:
    """Every question answered with all of its choices, ten attempts, a full set in progress."""
    prefix = f"vigil:v1:{course['course']}:"
    store: dict[str, str] = {}
    items = []
    taken: dict[int, int] = {}
    answers: dict[str, list[str]] = {}
    for n, (scenario_at, qid, choices, counted) in enumerate(course["questions"]):
        sid, module_at = course["scenarios"][scenario_at]
        answer = list(choices) or ["n-1", "n-2b"]
        if counted:
            store[f"{prefix}{sid}:{qid}"] = json.dumps(
                {"v": 1, "answer": answer, "correct": n % 3 > 0, "t": 1767225600000}
            )
        if taken.get(module_at, 0) < per_module:
            taken[module_at] = taken.get(module_at, 0) + 1
            key = f"{sid}_{qid}"
            items.append(
                {
                    "key": key,
                    "module": course["modules"][module_at],
                    "options": list(reversed(choices)),
                }
            )
            answers[key] = answer
    history = [
        {
            "seed": 4294967295 - i,
            "t": 1767225600000 + i * 3600000,
            "date": "2026-01-01",
            "score": 100 - i * 7,
            "correct": 9 - i % 9,
            "total": 9,
            "passed": i % 2 == 0,
        }
        for i in range(attempts)
    ]
    current = {
        "seed": 123456789,
        "t": 1767229200000,
        "items": items,
        "answers": answers,
        "checked": dict.fromkeys(list(answers)[::2], True),
        "done": False,
    }
    store[prefix + "@assessment"] = json.dumps({"v": 1, "attempts": history, "current": current})
    store[prefix + "@certificate"] = json.dumps({"v": 1, "name": "Ada Lovelace-Ōkubo"})
    return store


def synthetic_course(questions: int) -> Any:
    """A course of `questions` questions, 4 per scenario, with long ids and many choices."""
    modules = [f"tactic-number-{m}" for m in range(9)]
    shapes = [
        [f"c{n}" for n in range(1, 13)],
        list("abcde"),
        ["low", "medium", "high"],
        ["reply-publicly", "report-it", "ignore-it", "message-privately"],
    ]
    scenarios, rows = [], []
    for n in range(questions // 4):
        scenarios.append([f"synthetic-scenario-with-a-long-identifier-number-{n:05d}", n % 9])
        rows += [[n, f"q{i + 1}", shapes[i], 1] for i in range(4)]
    return {
        "course": "synthetic-course",
        "fp": "abcde",
        "modules": modules,
        "scenarios": scenarios,
        "questions": rows,
    }


def same_records(decoded: dict[str, str], store: dict[str, str]) -> None:
    """Every record comes back as it was; an answer's time becomes the stamp."""
    assert set(decoded) == set(store)
    for key, raw in store.items():
        want, got = json.loads(raw), json.loads(decoded[key])
        if "answer" in want:
            want["t"] = got["t"]
        assert got == want, key


def test_the_whole_sample_fits_scorm_12(codec: Page, sample_package: tuple[str, Any]) -> None:
    course = sample_package[1]
    assert len(course["questions"]) > 60
    store = worst_store(course)
    text = encode(codec, store, course)
    assert len(text) <= LIMIT, len(text)
    assert re.fullmatch(r"[\x21-\x7e]+", text), "printable ASCII only"
    same_records(decode(codec, text, course), store)


def test_two_hundred_answered_questions_fit_scorm_12(codec: Page) -> None:
    course = synthetic_course(200)
    store = worst_store(course)
    assert sum(":q" in key for key in store) == 200
    text = encode(codec, store, course)
    assert len(text) <= LIMIT, len(text)
    same_records(decode(codec, text, course), store)
    assert encode(codec, decode(codec, text, course), course) == text, "stable round trip"


def test_values_of_any_kind_and_other_records_travel_as_written(codec: Page) -> None:
    course = synthetic_course(8)
    prefix = "vigil:v1:synthetic-course:"
    sid = course["scenarios"][0][0]
    store = {
        f"{prefix}{sid}:q1": json.dumps(
            {"v": 1, "answer": ["n-start", "c2", "x|y;z=*%~"], "correct": True, "t": 5}
        ),
        f"{prefix}{sid}:q2": json.dumps(
            {"v": 1, "answer": ["a"], "correct": False, "t": 5, "extra": {"kept": True}}
        ),
        prefix + "@assessment": json.dumps({"v": 1, "attempts": [], "current": None}),
        prefix + "@other": "not even JSON: 名前",
    }
    text = encode(codec, store, course)
    decoded = decode(codec, text, course)
    assert decoded.pop(prefix + "@other") == store.pop(prefix + "@other")
    same_records(decoded, store)


def test_what_the_learner_typed_is_never_encoded(codec: Page) -> None:
    course = synthetic_course(8)
    prefix = "vigil:v1:synthetic-course:"
    sid = course["scenarios"][0][0]
    store = {
        f"{prefix}{sid}:q1": json.dumps({"v": 1, "answer": ["a"], "correct": True, "t": 5}),
        f"{prefix}{sid}:q1:~draft": "Dear all, the rig runs at 40 bar",
        f"{prefix}~notes": "mine",
    }
    text = encode(codec, store, course)
    assert "draft" not in text
    assert "40" not in text
    assert "mine" not in text
    assert set(decode(codec, text, course)) == {f"{prefix}{sid}:q1"}
    forged = text + ";" + "q1%3A~draft=typed"
    assert not any("~" in k for k in decode(codec, forged, course))


def test_a_changed_course_keeps_only_what_is_not_positional(codec: Page) -> None:
    course = synthetic_course(8)
    prefix = "vigil:v1:synthetic-course:"
    store = worst_store(course, attempts=1)
    text = encode(codec, store, course)
    changed = {**course, "fp": "zzzzz"}
    assert set(decode(codec, text, changed)) == {prefix + "@certificate"}
    assert decode(codec, "garbage", course) == {}
    assert decode(codec, "", course) == {}
