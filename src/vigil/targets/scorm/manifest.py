"""imsmanifest.xml for SCORM 1.2 and SCORM 2004 4th edition: one SCO, every file listed.

The 2004 manifest carries the pass mark as the primary objective's minNormalizedMeasure,
so the LMS hands it back as cmi.scaled_passing_score. The 1.2 manifest states no mastery
score: an LMS that has one sets the status from the raw score alone, before the learner
has worked through the scenarios; the course reports passed or failed itself.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from vigil.targets.archive import PackageError

MANIFEST = "imsmanifest.xml"
ORGANIZATION = "vigil-organization"
ITEM = "vigil-course"
RESOURCE = "vigil-sco"


@dataclass(frozen=True)
class Scorm:
    """What a SCORM version writes in its manifest, and what its launcher calls."""

    name: str
    runtime: str  # the launcher's table of data model names (api.js VERSIONS)
    schema_version: str
    content_ns: str
    adlcp_ns: str
    scorm_type: str  # the attribute naming a resource a SCO
    sequencing_ns: str | None  # where the pass mark goes, if the version has it


SCORM_12 = Scorm(
    name="scorm12",
    runtime="1.2",
    schema_version="1.2",
    content_ns="http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    adlcp_ns="http://www.adlnet.org/xsd/adlcp_rootv1p2",
    scorm_type="scormtype",
    sequencing_ns=None,
)
SCORM_2004 = Scorm(
    name="scorm2004",
    runtime="2004",
    schema_version="2004 4th Edition",
    content_ns="http://www.imsglobal.org/xsd/imscp_v1p1",
    adlcp_ns="http://www.adlnet.org/xsd/adlcp_v1p3",
    scorm_type="scormType",
    sequencing_ns="http://www.imsglobal.org/xsd/imsss",
)


def identifier(text: str) -> str:
    """An XML ID (NCName) from a course id: letters, digits, '-', '_' and '.' after a letter."""
    kept = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in text)
    return f"vigil-{kept}"


def manifest_xml(
    scorm: Scorm,
    *,
    course: str,
    version: str,
    title: str,
    pass_mark: int,
    launcher: str,
    files: Iterable[str],
) -> bytes:
    """The manifest of a one-SCO package whose launch page is `launcher`."""
    names = f'xmlns="{scorm.content_ns}" xmlns:adlcp="{scorm.adlcp_ns}"'
    sequencing: list[str] = []
    if scorm.sequencing_ns:
        names += f' xmlns:imsss="{scorm.sequencing_ns}"'
        sequencing = [
            "      <imsss:sequencing>",
            "        <imsss:objectives>",
            '          <imsss:primaryObjective objectiveID="vigil-pass-mark"'
            ' satisfiedByMeasure="true">',
            "            <imsss:minNormalizedMeasure>"
            f"{Decimal(pass_mark) / 100}</imsss:minNormalizedMeasure>",
            "          </imsss:primaryObjective>",
            "        </imsss:objectives>",
            "      </imsss:sequencing>",
        ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<manifest identifier={quoteattr(identifier(course))} version={quoteattr(version)}"
        f" {names}>",
        "  <metadata>",
        "    <schema>ADL SCORM</schema>",
        f"    <schemaversion>{scorm.schema_version}</schemaversion>",
        "  </metadata>",
        f'  <organizations default="{ORGANIZATION}">',
        f'    <organization identifier="{ORGANIZATION}">',
        f"      <title>{escape(title)}</title>",
        f'      <item identifier="{ITEM}" identifierref="{RESOURCE}">',
        f"        <title>{escape(title)}</title>",
        *("  " + line for line in sequencing),
        "      </item>",
        "    </organization>",
        "  </organizations>",
        "  <resources>",
        f'    <resource identifier="{RESOURCE}" type="webcontent"'
        f' adlcp:{scorm.scorm_type}="sco" href={quoteattr(launcher)}>',
        *(f"      <file href={quoteattr(name)}/>" for name in sorted(files)),
        "    </resource>",
        "  </resources>",
        "</manifest>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def check_package(archive: zipfile.ZipFile) -> None:
    """The manifest sits at the root and lists every other file, and only those."""
    names = set(archive.namelist())
    if MANIFEST not in names:
        raise PackageError(f"the package has no {MANIFEST} at its root")
    root = ET.fromstring(archive.read(MANIFEST))  # noqa: S314 - the manifest just written
    resources = [e for e in root.iter() if e.tag.endswith("}resource")]
    listed = {e.get("href") for e in root.iter() if e.tag.endswith("}file")}
    missing = sorted(names - listed - {MANIFEST})
    extra = sorted(n for n in listed - names if n is not None)
    if len(resources) != 1 or resources[0].get("href") not in names:
        raise PackageError(f"{MANIFEST} must name one SCO whose launch page is in the package")
    if missing or extra:
        raise PackageError(
            f"{MANIFEST} does not match the package: not listed {missing[:5]}, "
            f"listed but absent {extra[:5]}"
        )
