"""Load a course project: options from mkdocs.yml, then every scenario, checked.

This is the check stage of the pipeline. It never imports MkDocs: mkdocs.yml is read
as YAML (keeping MkDocs-only tags as text) so positions can be reported.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from vigil.check.course_rules import bank_quotas
from vigil.check.rules import check_scenario
from vigil.check.validate import validate
from vigil.course import Course, CourseOptions
from vigil.format.loader import Document, Position, load_bytes, load_file, read_file
from vigil.format.scenario import Scenario
from vigil.format.taxonomy import Taxonomy, builtin
from vigil.problems import Problem
from vigil.questions.registry import scenario_model

CONFIG_NAME = "mkdocs.yml"
OPTIONS_LOC = ("extra", "vigil")
SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class CheckResult:
    course: Course | None
    problems: list[Problem]


def display_path(path: Path, root: Path) -> str:
    """Paths relative to the project (or as given) so editors can jump to them."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a symlink loop
        return path.as_posix()


@dataclass(frozen=True)
class Config:
    """The site title and course options from mkdocs.yml, and where they were written."""

    title: str
    options: CourseOptions | None
    problems: list[Problem]
    doc: Document | None = None


def load_options(root: Path) -> Config:
    """Site title and course options; defaults when the folder has no mkdocs.yml."""
    config = root / CONFIG_NAME
    if not config.exists():
        return Config("Course", CourseOptions(id="course"), [])
    doc, problems = load_file(config, display_path(config, root), keep_unknown_tags=True)
    if doc is None:
        return Config("Course", None, problems)
    title = str(doc.data.get("site_name") or "Course")
    extra = doc.data.get("extra")
    if not isinstance(extra, dict) or "vigil" not in extra:
        message = "mkdocs.yml needs course options under extra.vigil (at least: id: my-course)"
        return Config(title, None, [doc.problem(("extra",), "missing-key", message)], doc)
    options, problems = validate(doc, CourseOptions, OPTIONS_LOC)
    return Config(title, options, problems, doc)


def scenario_files(paths: list[Path]) -> list[Path]:
    """YAML files named or found in folders (following linked folders), each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for folder, _, names in sorted(os.walk(path, followlinks=True)):
                found.extend(
                    Path(folder) / n for n in sorted(names) if n.endswith(SCENARIO_SUFFIXES)
                )
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for path in found:
        try:
            key = str(path.resolve())
        except (OSError, RuntimeError):  # a symlink loop: reported as unreadable later
            key = str(path)
        unique.setdefault(key, path)
    return list(unique.values())


@dataclass(frozen=True)
class _Checked:
    """One file's outcome, kept (not its YAML nodes) so unchanged files are not checked again."""

    scenario: Scenario | None
    problems: tuple[Problem, ...]
    id_at: Position  # where the scenario's id is written, for duplicate-id problems


# Outcomes by (display path, content digest), valid for one taxonomy. `mkdocs serve` checks
# the whole course on every rebuild; with this, only edited files are parsed again.
_cache: dict[tuple[str, bytes], _Checked] = {}
_cache_taxonomy: list[Taxonomy] = []


def _check_file(path: Path, display: str, taxonomy: Taxonomy) -> _Checked:
    raw, problems = read_file(path, display)
    if raw is None:
        return _Checked(None, tuple(problems), Position(1, 1))
    key = (display, hashlib.blake2b(raw, digest_size=16).digest())
    if (hit := _cache.get(key)) is not None:
        return hit
    doc, problems = load_bytes(raw, display)
    if doc is None:
        checked = _Checked(None, tuple(problems), Position(1, 1))
    else:
        scenario, problems = validate(doc, scenario_model())
        if scenario is not None:
            problems = check_scenario(doc, scenario, taxonomy)
        checked = _Checked(scenario, tuple(problems), doc.position(("id",)))
    _cache[key] = checked
    return checked


def check_project(root: Path, paths: list[Path] | None = None) -> CheckResult:
    """Report every problem in every file; a Course only when there is no error."""
    config = load_options(root)
    title, options, problems = config.title, config.options, list(config.problems)
    taxonomy = builtin()
    if options is not None:
        taxonomy = taxonomy.extended(options.tactics, options.categories)
    if _cache_taxonomy != [taxonomy]:  # rules depend on the course's own terms
        _cache.clear()
        _cache_taxonomy[:] = [taxonomy]
    targets = paths or [root / (options.scenarios if options else "scenarios")]
    missing = [p for p in targets if not p.exists()]
    problems += [
        Problem(display_path(p, root), 1, 1, "no-such-path", "no such file or folder")
        for p in missing
    ]
    scenarios: list[Scenario] = []
    first_seen: dict[str, tuple[str, Position]] = {}
    for path in scenario_files([p for p in targets if p.exists()]):
        display = display_path(path, root)
        checked = _check_file(path, display, taxonomy)
        problems += checked.problems
        scenario = checked.scenario
        if scenario is None:
            continue
        if scenario.id in first_seen:
            earlier, at = first_seen[scenario.id]
            problems.append(
                Problem(
                    display,
                    checked.id_at.line,
                    checked.id_at.col,
                    "duplicate-id",
                    f"scenario id '{scenario.id}' is already used by {earlier}:{at.line}",
                )
            )
            continue
        first_seen[scenario.id] = (display, checked.id_at)
        scenarios.append(scenario)
    if options is None or any(p.is_error for p in problems):
        return CheckResult(None, problems)
    course = Course(title, options, taxonomy, tuple(sorted(scenarios, key=lambda s: s.id)))
    if paths is None:  # quotas concern the whole course, not a few files checked alone
        problems += bank_quotas(course, config.doc)
    if any(p.is_error for p in problems):
        return CheckResult(None, problems)
    return CheckResult(course, problems)
