"""Every target by name: adding one is a module and a line here."""

from __future__ import annotations

from vigil.targets.base import Target
from vigil.targets.offline import OFFLINE
from vigil.targets.scorm import SCORM12, SCORM2004
from vigil.targets.web import SITE

TARGETS: dict[str, Target] = {t.name: t for t in (SITE, OFFLINE, SCORM12, SCORM2004)}


def get(name: str) -> Target:
    return TARGETS[name]
