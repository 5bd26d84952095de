"""Load a course project: options from mkdocs.yml, then every scenario, checked.

This is the check stage of the pipeline. It never imports MkDocs: mkdocs.yml is read
as YAML (keeping MkDocs-only tags as text) so positions can be reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vigil.course import Course, CourseOptions
from vigil.loader import Document, load_file
from vigil.problems import Problem
from vigil.rules import check_scenario
from vigil.scenario_format import Scenario
from vigil.taxonomy import Taxonomy, builtin
from vigil.validate import validate

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
    except ValueError:
        return path.as_posix()


def load_options(root: Path) -> tuple[str, CourseOptions | None, list[Problem]]:
    """Site title and course options; defaults when the folder has no mkdocs.yml."""
    config = root / CONFIG_NAME
    if not config.exists():
        return "Course", CourseOptions(id="course"), []
    doc, problems = load_file(config, display_path(config, root), keep_unknown_tags=True)
    if doc is None:
        return "Course", None, problems
    title = doc.data.get("site_name")
    extra = doc.data.get("extra")
    if not isinstance(extra, dict) or "vigil" not in extra:
        return (
            str(title or "Course"),
            None,
            [
                doc.problem(
                    ("extra",),
                    "missing-key",
                    "mkdocs.yml needs course options under extra.vigil (at least: id: my-course)",
                )
            ],
        )
    options, problems = validate(doc, CourseOptions, OPTIONS_LOC)
    return str(title or "Course"), options, problems


def scenario_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*")) if p.suffix in SCENARIO_SUFFIXES and p.is_file()
            )
        else:
            files.append(path)
    return files


def _check_file(
    path: Path, root: Path, taxonomy: Taxonomy
) -> tuple[Document | None, Scenario | None, list[Problem]]:
    doc, problems = load_file(path, display_path(path, root))
    if doc is None:
        return None, None, problems
    scenario, problems = validate(doc, Scenario)
    if scenario is None:
        return doc, None, problems
    return doc, scenario, check_scenario(doc, scenario, taxonomy)


def check_project(root: Path, paths: list[Path] | None = None) -> CheckResult:
    """Report every problem in every file; a Course only when there is no error."""
    title, options, problems = load_options(root)
    taxonomy = builtin()
    if options is not None:
        taxonomy = taxonomy.extended(options.tactics, options.categories)
    targets = paths or [root / (options.scenarios if options else "scenarios")]
    missing = [p for p in targets if not p.exists()]
    problems += [
        Problem(display_path(p, root), 1, 1, "no-such-path", "no such file or folder")
        for p in missing
    ]
    scenarios: list[Scenario] = []
    first_seen: dict[str, Document] = {}
    for path in scenario_files([p for p in targets if p.exists()]):
        doc, scenario, found = _check_file(path, root, taxonomy)
        problems += found
        if doc is None or scenario is None:
            continue
        if scenario.id in first_seen:
            earlier = first_seen[scenario.id]
            line = earlier.position(("id",)).line
            problems.append(
                doc.problem(
                    ("id",),
                    "duplicate-id",
                    f"scenario id '{scenario.id}' is already used by {earlier.path}:{line}",
                )
            )
            continue
        first_seen[scenario.id] = doc
        scenarios.append(scenario)
    if options is None or any(p.is_error for p in problems):
        return CheckResult(None, problems)
    course = Course(title, options, taxonomy, tuple(sorted(scenarios, key=lambda s: s.id)))
    return CheckResult(course, problems)
