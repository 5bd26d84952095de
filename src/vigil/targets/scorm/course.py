"""What the launcher knows of the course, read from the finished site.

The package step gets the built site, not the course: it reads the final assessment
page's data (course id, title, version, pass mark, modules, scenarios and questions; see
`render.contract`) and each scenario's question bank (the choices of every question).
The codec in the launcher turns ids into positions in this structure; its fingerprint
tells suspend data written for another structure apart.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, TypedDict

from vigil.render.links import ASSESSMENT_URI, bank_uri, page_url
from vigil.targets.archive import PackageError

DATA = re.compile(r'<template class="vigil-data"[^>]*>(.*?)</template>', re.S)
BANK_CALL = re.compile(r"VigilBank\.add\(\"[a-z0-9-]+\",\s*")
FINGERPRINT_LENGTH = 5


class LaunchCourse(TypedDict):
    """The launcher's view of the course (the JSON of `COURSE` in its script).

    `scenarios`: [id, module position]; `questions`: [scenario position, question id,
    choices, 1 when the learner meets it on the scenario's page (it counts for completion)
    or 0 when only the final assessment asks it].
    """

    course: str
    title: str
    version: str
    pass_mark: int
    home: str
    fp: str
    modules: list[str]
    scenarios: list[tuple[str, int]]
    questions: list[tuple[int, str, list[str], int]]


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def _page_data(site: Path) -> dict[str, Any]:
    page = site / page_url(ASSESSMENT_URI, False)
    try:
        found = DATA.search(page.read_text(encoding="utf-8"))
        data = json.loads(found.group(1)) if found else None
    except (OSError, ValueError) as err:
        raise PackageError(f"cannot read the course's assessment page {page}: {err}") from None
    if not isinstance(data, dict) or "bank" not in data:
        raise PackageError(f"{page} holds no course data for the package")
    return data


def _bank_choices(site: Path, scenario: str) -> dict[str, list[str]]:
    """Each question's choices in a scenario's bank, by bank key; {} when it has none."""
    path = site / bank_uri(scenario)
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    call = BANK_CALL.search(text)
    if call is None:
        raise PackageError(f"{path} is not a question bank")
    bank, _ = json.JSONDecoder().raw_decode(text, call.end())
    return {key: list(q.get("options", [])) for key, q in bank["questions"].items()}


def launch_course(site: Path, home: str) -> LaunchCourse:
    """The course structure the launcher's codec and reports use."""
    data = _page_data(site)
    modules: list[str] = []
    scenarios: list[tuple[str, int]] = []
    questions: list[tuple[int, str, list[str], int]] = []
    # Questions only the final assessment asks, by scenario, in the order the bank lists
    # them, with the module whose bank holds them.
    banked: dict[str, list[str]] = {}
    bank_module: dict[str, str] = {}
    for module in data["bank"]:
        for entry in module["questions"]:
            sid, qid = entry["key"].split("_", 1)
            banked.setdefault(sid, []).append(qid)
            bank_module.setdefault(sid, module["id"])

    def add(sid: str, module_id: str, shown: list[str]) -> None:
        if module_id not in modules:
            modules.append(module_id)
        scenarios.append((sid, modules.index(module_id)))
        choices = _bank_choices(site, sid)
        for qid in shown + [q for q in banked.get(sid, []) if q not in shown]:
            counted = 1 if qid in shown else 0
            questions.append((len(scenarios) - 1, qid, choices.get(f"{sid}_{qid}", []), counted))

    for module in data["modules"]:
        modules.append(module["id"])
        for scenario in module["scenarios"]:
            add(scenario["id"], module["id"], list(scenario["questions"]))
    # Assessment-only scenarios have no page in a module, but their questions are drawn.
    listed = {sid for sid, _ in scenarios}
    for sid, module_id in bank_module.items():
        if sid not in listed:
            add(sid, module_id, [])
    structure = json.dumps([modules, scenarios, questions], separators=(",", ":"))
    digest = int(hashlib.sha256(structure.encode()).hexdigest()[:12], 16)
    return {
        "course": data["course"],
        "title": data["title"],
        "version": data["version"],
        "pass_mark": data["assessment"]["pass_mark"],
        "home": home,
        "fp": _base36(digest)[-FINGERPRINT_LENGTH:].rjust(FINGERPRINT_LENGTH, "0"),
        "modules": modules,
        "scenarios": scenarios,
        "questions": questions,
    }
