"""The hygiene lint: real-looking identifiers are errors at their position; reserved and
fictional ones, and ordinary prose, pass. Each class's failing cases are also in
tests/corpus/invalid/hygiene-*.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, run_vigil
from vigil.check.identifiers import scan
from vigil.check.project import check_project

HYGIENE_CODES = {
    "real-email",
    "real-domain",
    "real-ip",
    "real-phone",
    "unmarked-serial",
    "denied-name",
}


def real(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in scan(text) if f.real]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to a.b@corp.com.", [("real-email", "a.b@corp.com")]),
        ("write to a.b@corp.example.org or x@y.test", []),
        ("see www.realnews.co.uk/x", [("real-domain", "www.realnews.co.uk")]),
        ("see news.example or example.com/x or a.invalid or host.localhost", []),
        ("ping 172.16.4.1 then 203.0.113.9", [("real-ip", "172.16.4.1")]),
        ("v6 2606:4700::1111 and 2001:db8:0:1::5", [("real-ip", "2606:4700::1111")]),
        ("call +1 415 867 5309", [("real-phone", "+1 415 867 5309")]),
        ("call +1 415 555 0142 or (617) 555-0100 or 555-0199", []),
        ("ring +61 2 5550 1234, 0491 570 156 or 1800 160 401", []),
        ("ring 0161 496 0000 or 01632 960123 or 07700 900999", []),
        ("ring 0161 123 4567", [("real-phone", "0161 123 4567")]),
        (
            "part XR-7731-Q and MIL-STD-810G",
            [("unmarked-serial", "XR-7731-Q"), ("unmarked-serial", "MIL-STD-810G")],
        ),
    ],
)
def test_each_class_tells_real_from_reserved(text: str, expected: list[tuple[str, str]]) -> None:
    assert real(text) == expected


@pytest.mark.parametrize(
    "prose",
    [
        "Drift under 0.01°/h, e.g. on line 3; i.e. the 1,650 °C coupons, Dr. Sallai's code.",
        "The 14-hour days all through February; 12 May on the north pad at 0:42 and 12:30.",
        "212000 followers, 12 500 000 views, between 1998-2003 and on 2024-05-12 or 12.05.2024.",
        "The Vantry-3 engine, an A320, COVID-19, H.264 video, v2.0.1 firmware, Q3 2024, CO2.",
        "Read report.pdf, config.yaml and Node.js; the run ended.It was late.",
        "Room 101-2345, ISO 9001, building 7, 3 weeks ago, 4 years ago, 230 likes.",
    ],
)
def test_ordinary_prose_has_no_candidate(prose: str) -> None:
    assert real(prose) == []


def test_the_sample_course_is_clean() -> None:
    problems = check_project(REPO).problems
    assert [p for p in problems if p.code in HYGIENE_CODES] == []


SCENARIO = """\
id: leaky
title: A leaky thread
tactics: [befriending]
difficulty: 1
platform: messages
setting: You work at the Northfield lab (fictional).
personas:
  fan: {name: Tomas Ferreira Real, joined: 3 weeks ago}
thread:
  - id: c1
    by: fan
    time: 1 h ago
    text: |
      Hi! I work with Tomas   Ferreira Real at halvorsen-aero.com.
      Ping me at 10.1.2.3 or ring 0161 123 4567; the pump is ZK-5521-A.
    flag: {tactic: befriending, note: A stranger drops names.}
questions:
  - id: q1
    type: single
    prompt: Reply?
    options:
      - {id: a, text: "No", correct: true, feedback: Keep it on the record.}
      - {id: b, text: "Yes", feedback: A stranger's contact moves the talk.}
takeaways: [Keep it on the record.]
"""


def course_with(project: Path, hygiene: str) -> Path:
    (project / "mkdocs.yml").write_text(
        f"site_name: T\nextra:\n  vigil:\n    id: t\n{hygiene}", encoding="utf-8"
    )
    (project / "scenarios" / "leaky.yaml").write_text(SCENARIO, encoding="utf-8")
    return project


def found(project: Path) -> list[tuple[int, int, str, str]]:
    return [
        (p.line, p.col, p.code, p.severity.value)
        for p in sorted(check_project(project).problems)
        if p.code in HYGIENE_CODES
    ]


def test_positions_inside_a_block_value_and_the_deny_list(project: Path) -> None:
    course_with(project, "    hygiene:\n      deny: [Tomas Ferreira Real, Halvorsen]\n")
    assert found(project) == [
        (8, 15, "denied-name", "error"),  # the persona's name
        (14, 23, "denied-name", "error"),  # any run of spaces between the words
        (14, 48, "denied-name", "error"),  # a denied name inside a domain is still named
        (14, 48, "real-domain", "error"),
        (15, 18, "real-ip", "error"),
        (15, 35, "real-phone", "error"),
        (15, 62, "unmarked-serial", "error"),
    ]
    result = run_vigil("check", cwd=project)
    assert result.returncode == 1
    assert "scenarios/leaky.yaml:15:18: error[real-ip]: '10.1.2.3' is outside" in result.stdout
    assert "   |" + " " * 18 + "^" in result.stdout  # the caret under the address


def test_course_allow_list_and_warning_level(project: Path) -> None:
    course_with(
        project,
        "    hygiene:\n      level: warning\n"
        "      allow: [halvorsen-aero.com, '10.1.*', 0161 123 4567, ZK-*]\n",
    )
    assert found(project) == []
    course_with(project, "    hygiene:\n      level: warning\n      allow: ['*.com']\n")
    assert [f[2:] for f in found(project)] == [
        ("real-ip", "warning"),
        ("real-phone", "warning"),
        ("unmarked-serial", "warning"),
    ]
    assert run_vigil("check", cwd=project).returncode == 0  # warnings pass...
    assert run_vigil("check", "--strict", cwd=project).returncode == 1  # ...but not --strict


def test_scenario_marks_its_own_inventions(project: Path) -> None:
    course_with(project, "")
    path = project / "scenarios" / "leaky.yaml"
    path.write_text(
        SCENARIO + "fictional: [ZK-5521-A, halvorsen-aero.com, 10.1.2.3, '0161 123*']\n",
        encoding="utf-8",
    )
    assert found(project) == []


def test_an_allowed_domain_covers_subdomains_and_addresses(project: Path) -> None:
    course_with(project, "    hygiene:\n      allow: [aero.com]\n")
    text = SCENARIO.replace("halvorsen-aero.com", "mail.aero.com, ops@aero.com, notaero.com")
    (project / "scenarios" / "leaky.yaml").write_text(text, encoding="utf-8")
    domains = [f for f in found(project) if f[2] in ("real-domain", "real-email")]
    assert domains == [(14, 77, "real-domain", "error")]  # notaero.com only


def test_sources_cite_real_documents_unchecked(project: Path) -> None:
    course_with(project, "")
    text = SCENARIO + "sources:\n  - {title: Report, url: 'https://news.realpaper.com/a'}\n"
    (project / "scenarios" / "leaky.yaml").write_text(text, encoding="utf-8")
    assert all(f[0] < 24 for f in found(project))


def test_bad_hygiene_options_are_reported_with_positions(project: Path) -> None:
    course_with(project, "    hygiene:\n      level: fatal\n      deny: ['']\n")
    codes = {(p.line, p.code) for p in check_project(project).problems if p.path == "mkdocs.yml"}
    assert {line for line, _ in codes} == {6, 7}
