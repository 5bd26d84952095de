"""`vigil export`: the course as one zip, built through an output target's packaging.

The targets that package to a file (SCORM 1.2, SCORM 2004, the offline site) are the
formats. The build is `vigil build`'s, into a temporary folder beside the zip; the
target writes the zip whole, so a failure leaves no partial file and an older zip as it
was.
"""

from __future__ import annotations

import zipfile
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
HELP = "Write the course as one zip in FORMAT, one of:\n\n\b\n" + "\n".join(
    f"{name:10} {target.description}" for name, target in sorted(EXPORTS.items())
)


class ExportError(Exception):
    """The export failed; the message says why, and nothing was written."""


def default_output(project: Path, course: Course, fmt: str) -> Path:
    """dist/<course id>-<version>-<format>.zip in the project."""
    return project / DIST / f"{course.options.id}-{course.version}-{fmt}.zip"


def _may_write(out: Path, force: bool) -> None:
    """Replace only an earlier zip, unless forced: nothing else the user has is lost."""
    if (out.exists() or out.is_symlink()) and not force and not zipfile.is_zipfile(out):
        raise ExportError(f"{out} exists and is not a zip; choose another -o, or pass --force")


def export_course(
    project: Path,
    course: Course,
    fmt: str,
    out: Path,
    *,
    language: str,
    strict: bool,
    force: bool,
) -> None:
    """Build the course for the format's target and write its zip to `out`."""
    from vigil.engine.site import SiteError, build_site  # MkDocs loads only when needed

    _may_write(out, force)
    try:
        build_site(
            project,
            out,
            scenarios=Path(course.options.scenarios),
            target=in_language(EXPORTS[fmt], language),
            language=language,
            strict=strict,
            force=True,  # the zip is a file: _may_write decided
        )
    except (SiteError, PackageError) as err:
        raise ExportError(str(err)) from None
