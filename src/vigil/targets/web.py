"""The web site: a folder of static files, swapped into place only once it is complete."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from vigil.targets.base import Target


def swap_into(new: Path, target: Path) -> None:
    """Replace `target` with the finished folder `new`; a failure before this changes nothing."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


SITE = Target(
    name="site",
    description="a static web site, for any web server, a file share or file://",
    directory_urls=None,
    instant_navigation=True,
    storage="storage-local.js",
    package=swap_into,
)
