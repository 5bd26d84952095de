"""Load a course project: options from mkdocs.yml, then every scenario, checked.

This is the check stage of the pipeline. It never imports MkDocs: mkdocs.yml is read
as YAML (keeping MkDocs-only tags as text) so positions can be reported.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vigil.check.course_cues import course_cues
from vigil.check.course_rules import bank_quotas, course_options, empty_course
from vigil.check.cues import Facts, facts, longest_correct
from vigil.check.hygiene import lint
from vigil.check.partial import salvage
from vigil.check.rules import check_scenario
from vigil.check.validate import validate
from vigil.course import Course, CourseOptions, HygieneOptions, LintOptions
from vigil.format.loader import Document, Position, load_bytes, load_file, read_file
from vigil.format.scenario import Scenario
from vigil.format.taxonomy import Taxonomy, Term, builtin
from vigil.problems import Problem, quoted
from vigil.questions.registry import scenario_model

CONFIG_NAME = "mkdocs.yml"
OPTIONS_LOC = ("extra", "vigil")
SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class CheckResult:
    course: Course | None
    problems: list[Problem]


def display_path(path: Path, root: Path, real: str | None = None) -> str:
    """Paths relative to the project (or as given) so editors can jump to them; `real`
    is the path already resolved, when the caller has it."""
    # Strings, not Path objects: this runs for every file on every rebuild of a preview.
    try:
        resolved = real if real is not None else os.path.realpath(path)
        base = _real_folder(os.path.abspath(root))  # noqa: PTH100  (see above)
    except (OSError, ValueError):
        return path.as_posix()
    if resolved == base:
        return "."
    if resolved.startswith(base.rstrip(os.sep) + os.sep):
        return resolved[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
    # Elsewhere, but reached through a link inside the project (a shared scenario folder):
    # named where it was found, so that a file has one name however the project is given.
    given, top = os.path.abspath(path), os.path.abspath(root)  # noqa: PTH100
    if given.startswith(top.rstrip(os.sep) + os.sep):
        return given[len(top.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
    return path.as_posix()


@functools.lru_cache(maxsize=8)
def _real_folder(absolute: str) -> str:
    """The project folder resolved once per check, not once per file shown."""
    return os.path.realpath(absolute)


@dataclass(frozen=True)
class Config:
    """The site title and course options from mkdocs.yml, and where they were written."""

    title: str
    options: CourseOptions | None
    problems: list[Problem]
    doc: Document | None = None
    # The options as far as they validated, for checking scenarios when some did not.
    partial: CourseOptions | None = None

    def taxonomy(self) -> Taxonomy:
        """The built-in terms plus the course's own, including terms that failed validation
        (by the id written), so a scenario using one is not told it is unknown."""
        options = self.options or self.partial
        if options is None:
            return builtin()
        tactics, categories = options.tactics, options.categories
        if self.options is None and self.doc is not None:
            tactics = (*tactics, *_written_terms(self.doc, "tactics", tactics))
            categories = (*categories, *_written_terms(self.doc, "categories", categories))
        return builtin().extended(tactics, categories)


def _written_terms(doc: Document, key: str, valid: tuple[Term, ...]) -> list[Term]:
    """Stand-ins for the course's terms that failed validation, by the id written."""
    items: Any = doc.data
    for part in (*OPTIONS_LOC, key):
        items = items.get(part) if isinstance(items, dict) else None
    known = {t.id for t in valid}
    ids = [i.get("id") for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    return [
        Term.model_construct(id=i, name=i, description=i)
        for i in dict.fromkeys(ids)
        if isinstance(i, str) and i not in known
    ]


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
    if options is None and isinstance(extra["vigil"], dict):
        partial, _ = salvage(doc, CourseOptions, OPTIONS_LOC)
        return Config(title, None, problems, doc, partial)
    return Config(title, options, problems, doc)


def scenario_files(paths: list[Path]) -> list[Path]:
    """YAML files named or found in folders (following linked folders), each once."""
    return [path for path, _ in _resolved_files(paths)]


def _resolved_files(paths: list[Path]) -> list[tuple[Path, str | None]]:
    """Each file of `scenario_files` with its resolved path (None for a symlink loop)."""
    found: list[Path] = []
    walked: set[str] = set()  # real folders walked: a linked folder seen before is not
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path, walked))
        else:
            found.append(path)
    unique: dict[str, tuple[Path, str | None]] = {}
    for path in found:
        try:
            real: str | None = os.path.realpath(path)
        except (OSError, ValueError):
            real = None
        unique.setdefault(real or str(path), (path, real))
    return list(unique.values())


def _walk(top: Path, walked: set[str]) -> list[Path]:
    """The YAML files under `top`, following linked folders but entering each real folder
    once, so links that loop (`ln -s . a`) end at once. Anything named *.yaml that is not
    a folder is listed (a pipe or device is then reported, never read)."""
    if (real := os.path.realpath(top)) in walked:
        return []
    walked.add(real)
    listed: list[tuple[str, list[str]]] = []
    for folder, dirs, names in os.walk(top, followlinks=True):
        kept = []
        for name in sorted(dirs, key=lambda n: (Path(folder, n).is_symlink(), n)):
            real = os.path.realpath(Path(folder, name))  # real folders before links to them
            if real not in walked:
                walked.add(real)
                kept.append(name)
        dirs[:] = kept
        listed.append((folder, sorted(n for n in names if n.endswith(SCENARIO_SUFFIXES))))
    return [Path(folder) / n for folder, names in sorted(listed) for n in names]


@dataclass(frozen=True)
class _Checked:
    """One file's outcome, kept (not its YAML nodes) so unchanged files are not checked again."""

    scenario: Scenario | None
    problems: tuple[Problem, ...]
    id_at: Position  # where the scenario's id is written, for duplicate-id problems
    ident: str | None = None  # the scenario's id, when it validated (even if the rest did not)
    # What the course-wide lints read, when the scenario validated.
    facts: Facts = field(default_factory=Facts)


# The latest outcome per display path, with the digest of the content it was computed from,
# valid for one taxonomy. `mkdocs serve` checks the whole course on every rebuild; with this,
# only edited files are parsed again. An edit replaces its file's entry (a save never adds
# one), and the least recently checked paths are dropped beyond _CACHE_FILES.
_CACHE_FILES = 4096
_cache: dict[str, tuple[bytes, _Checked]] = {}
# The stat of each file when its outcome was cached: the same stat means the same bytes,
# so a rebuild reads only the files saved since (an editor's save changes mtime and size
# or ctime).
_seen: dict[str, tuple[int, int, int, int]] = {}
_cache_taxonomy: list[tuple[Taxonomy, type[Scenario], HygieneOptions, LintOptions]] = []


def _check_file(
    path: Path, display: str, taxonomy: Taxonomy, hygiene: HygieneOptions, lints: LintOptions
) -> _Checked:
    signature = _signature(path)
    if signature is not None and _seen.get(display) == signature and display in _cache:
        kept = _cache.pop(display)  # popped and put back: the dict's order is recency
        _cache[display] = kept
        return kept[1]
    raw, problems = read_file(path, display)
    if raw is None:
        return _Checked(None, tuple(problems), Position(1, 1))
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    hit = _cache.pop(display, None)  # popped and put back: the dict's order is recency
    if hit is not None and hit[0] == digest:
        _cache[display] = hit
        if signature is not None:
            _seen[display] = signature
        return hit[1]
    doc, problems = load_bytes(raw, display)
    if doc is None:
        checked = _Checked(None, tuple(problems), Position(1, 1))
    else:
        model = scenario_model()
        scenario, problems = validate(doc, model)
        found = Facts()
        if scenario is not None:
            problems += check_scenario(doc, scenario, taxonomy)
            problems += longest_correct(doc, scenario, lints)
            found = facts(doc, scenario, lints)
            ident: str | None = scenario.id
        else:  # every rule still runs on the parts that validated
            partial, partial_doc = salvage(doc, model)
            problems += check_scenario(partial_doc, partial, taxonomy)
            problems += longest_correct(partial_doc, partial, lints)
            ident = None if ("id",) in partial_doc.failed else partial.id
        problems += lint(doc, raw, hygiene)
        checked = _Checked(scenario, tuple(problems), doc.position(("id",)), ident, found)
    _cache[display] = (digest, checked)
    if signature is not None:
        _seen[display] = signature
    while len(_cache) > _CACHE_FILES:
        _seen.pop(next(iter(_cache)), None)
        del _cache[next(iter(_cache))]
    return checked


def _signature(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def check_project(root: Path, paths: list[Path] | None = None) -> CheckResult:
    """Report every problem in every file; a Course only when there is no error."""
    config = load_options(root)
    title, options, problems = config.title, config.options, list(config.problems)
    taxonomy = config.taxonomy()
    problems += course_options(config.doc, options or config.partial)
    # Rules depend on the course's own terms, the registered question kinds and the lints.
    known = options or config.partial or CourseOptions(id="course")
    hygiene, lints = known.hygiene, known.lints
    if _cache_taxonomy != [(taxonomy, scenario_model(), hygiene, lints)]:
        _cache.clear()
        _cache_taxonomy[:] = [(taxonomy, scenario_model(), hygiene, lints)]
    folder = known.scenarios
    targets = paths or [root / folder]
    missing = [p for p in targets if not p.exists()]
    problems += [
        Problem(display_path(p, root), 1, 1, "no-such-path", "no such file or folder")
        for p in missing
    ]
    scenarios: list[Scenario] = []
    found: list[tuple[str, Facts]] = []
    first_seen: dict[str, tuple[str, Position]] = {}
    files = _resolved_files([p for p in targets if p.exists()])
    for path, real in files:
        display = display_path(path, root, real)
        checked = _check_file(path, display, taxonomy, hygiene, lints)
        problems += checked.problems
        ident = checked.ident
        if ident is None:
            continue
        if ident in first_seen:
            earlier, at = first_seen[ident]
            problems.append(
                Problem(
                    display,
                    checked.id_at.line,
                    checked.id_at.col,
                    "duplicate-id",
                    f"scenario id {quoted(ident)} is already used by {earlier}:{at.line}",
                )
            )
            continue
        first_seen[ident] = (display, checked.id_at)
        if checked.scenario is not None:
            scenarios.append(checked.scenario)
            found.append((display, checked.facts))
    if paths is None and not missing and not files:  # checking a few files alone is fine
        problems.append(empty_course(config.doc, display_path(root / folder, root)))
    if paths is None:  # cues across the course: a few files checked alone are not judged
        problems += course_cues(found, lints)
    if options is None or any(p.is_error for p in problems):
        return CheckResult(None, problems)
    course = Course(title, options, taxonomy, tuple(sorted(scenarios, key=lambda s: s.id)))
    if paths is None:  # quotas concern the whole course, not a few files checked alone
        problems += bank_quotas(course, config.doc)
    if any(p.is_error for p in problems):
        return CheckResult(None, problems)
    return CheckResult(course, problems)
