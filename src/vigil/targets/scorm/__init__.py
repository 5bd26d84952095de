"""SCORM 1.2 and SCORM 2004 packages: the site, a launcher page as the one SCO, a manifest."""

from __future__ import annotations

import functools
from pathlib import Path

from vigil.i18n.catalog import SOURCE_LANGUAGE
from vigil.render.links import HOME_URI, page_url
from vigil.targets.archive import PackageError, site_files, write_zip
from vigil.targets.base import Target
from vigil.targets.scorm.course import launch_course
from vigil.targets.scorm.launcher import LAUNCHER, launcher_files
from vigil.targets.scorm.manifest import (
    MANIFEST,
    SCORM_12,
    SCORM_2004,
    Scorm,
    check_package,
    manifest_xml,
)


def package_scorm(site: Path, out: Path, *, scorm: Scorm, language: str) -> None:
    """The finished site with the launcher and the manifest, as one reproducible zip."""
    content: dict[str, Path | bytes] = dict(site_files(site))
    home = "index.html" if "index.html" in content else page_url(HOME_URI, False)
    course = launch_course(site, home)
    added = launcher_files(scorm, course, language)
    clash = sorted(set(added) & set(content) | {MANIFEST} & set(content))
    if clash:
        raise PackageError(f"the site already has {', '.join(clash)}, which the package adds")
    content.update(added)
    content[MANIFEST] = manifest_xml(
        scorm,
        course=course["course"],
        version=course["version"],
        title=course["title"],
        pass_mark=course["pass_mark"],
        launcher=LAUNCHER,
        files=sorted(content),
    )
    write_zip(out, content, check=check_package)


def scorm_target(scorm: Scorm, language: str = SOURCE_LANGUAGE) -> Target:
    """The package target of a SCORM version, its launcher in `language`."""
    return Target(
        name=scorm.name,
        description=f"a SCORM {scorm.schema_version} package for a learning management system",
        # An LMS serves files as they are, in a frame: plain .html links, full page loads.
        directory_urls=False,
        instant_navigation=False,
        storage="storage-lms.js",
        package=functools.partial(package_scorm, scorm=scorm, language=language),
    )


SCORM12 = scorm_target(SCORM_12)
SCORM2004 = scorm_target(SCORM_2004)
VERSIONS = {scorm.name: scorm for scorm in (SCORM_12, SCORM_2004)}


def in_language(target: Target, language: str) -> Target:
    """The target with its launcher in `language`; any other target as it is."""
    scorm = VERSIONS.get(target.name)
    return target if scorm is None else scorm_target(scorm, language)
