"""The web site: a folder of static files, swapped into place only once it is complete."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from vigil.targets.base import Target


def old_name(target: Path) -> Path:
    """Where the previous site waits while the new one moves in (`.<name>.old-<pid>`)."""
    return target.with_name(f".{target.name}.old-{os.getpid()}")


def swap_into(new: Path, target: Path) -> None:
    """Replace `target` with the finished folder `new`; a failure changes nothing."""
    old = old_name(target)
    had_old = target.exists() or target.is_symlink()
    if had_old:
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if had_old:
            old.rename(target)
        raise
    if had_old:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


SITE = Target(
    name="site",
    description="a static web site, for any web server, a file share or file://",
    directory_urls=None,
    instant_navigation=True,
    storage="storage-local.js",
    package=swap_into,
)
