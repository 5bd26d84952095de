"""Every target by name: adding one is a module and a line here."""

from __future__ import annotations

from vigil.targets.base import Target
from vigil.targets.web import SITE

TARGETS: dict[str, Target] = {target.name: target for target in (SITE,)}


def get(name: str) -> Target:
    return TARGETS[name]
