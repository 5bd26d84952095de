"""`vigil export`: the course as one zip, built through an output target's packaging.

The targets that package to a file (SCORM 1.2, SCORM 2004, the offline site) are the
formats. The build is `vigil build`'s, into a temporary folder beside the zip; the
target writes the zip whole, so a failure leaves no partial file and an older zip as it
was. A course in several languages is one zip per language.
"""

from __future__ import annotations

import functools
import os
import secrets
import zipfile
from collections.abc import Sequence
from pathlib import Path

from vigil.course import Course
from vigil.targets.archive import PackageError
from vigil.targets.base import Target
from vigil.targets.registry import TARGETS
from vigil.targets.scorm import in_language
from vigil.targets.web import SITE

EXPORTS: dict[str, Target] = {name: t for name, t in TARGETS.items() if t is not SITE}
DIST = Path("dist")
# The command's help: one line per format, from the targets themselves ("\b": kept as is).
HELP = (
    "Write the course as one zip in FORMAT (one per language when extra.vigil.languages "
    "lists several: -o course.zip writes course-en.zip, course-zh-Hans.zip), FORMAT one "
    "of:\n\n\b\n"
) + "\n".join(f"{name:10} {target.description}" for name, target in sorted(EXPORTS.items()))


class ExportError(Exception):
    """The export failed; the message says why, and nothing was written."""


def default_output(project: Path, course: Course, fmt: str) -> Path:
    """dist/<course id>-<version>-<format>.zip in the project."""
    return project / DIST / f"{course.options.id}-{course.version}-{fmt}.zip"


def _may_write(out: Path, force: bool) -> None:
    """Replace only an earlier zip, unless forced: nothing else the user has is lost."""
    if (out.exists() or out.is_symlink()) and not force and not zipfile.is_zipfile(out):
        raise ExportError(f"{out} exists and is not a zip; choose another -o, or pass --force")


def outputs(out: Path, languages: Sequence[str]) -> dict[str, Path]:
    """The file of each language: `out` itself for a course of one language; with several,
    the language goes before the suffix (course.zip: course-en.zip, course-zh-Hans.zip)."""
    if len(languages) == 1:
        return {languages[0]: out}
    return {lang: out.with_name(f"{out.stem}-{lang}{out.suffix}") for lang in languages}


def _build(project: Path, course: Course, fmt: str, out: Path, language: str, strict: bool) -> None:
    from vigil.engine.site import build_site  # MkDocs loads only when needed

    build_site(
        project,
        out,
        scenarios=Path(course.options.scenarios),
        target=in_language(EXPORTS[fmt], language),
        languages=[language],
        strict=strict,
        force=True,  # the zip is a file: _may_write decided
    )


def export_course(
    project: Path,
    course: Course,
    fmt: str,
    out: Path,
    *,
    languages: Sequence[str],
    strict: bool,
    force: bool,
) -> dict[str, Path]:
    """Build the course for the format's target and write one zip per language (see
    `outputs`); returns them by language.

    Several languages build in parallel, each to a temporary name: the zips take their
    names only once all of them are complete, so a failure writes none.
    """
    from vigil.engine.parallel import JobError, run_parallel
    from vigil.engine.site import SiteError

    files = outputs(out, languages)
    for path in files.values():
        _may_write(path, force)
    try:
        if len(files) == 1:
            _build(project, course, fmt, out, languages[0], strict)
            return files
        temporary = {lang: _temporary(path) for lang, path in files.items()}
        try:
            run_parallel(
                {
                    lang: functools.partial(_build, project, course, fmt, path, lang, strict)
                    for lang, path in temporary.items()
                }
            )
            for lang, path in temporary.items():
                path.replace(files[lang])
        finally:
            for path in temporary.values():
                path.unlink(missing_ok=True)
    except (SiteError, PackageError, JobError) as err:
        raise ExportError(str(err)) from None
    return files


def _temporary(out: Path) -> Path:
    """A hidden name beside `out` that no other export uses."""
    return out.with_name(f".{out.name}.part-{os.getpid()}-{secrets.token_hex(4)}")
