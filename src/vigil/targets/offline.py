"""The offline bundle: the site in one zip, for file://, a USB stick or a closed network."""

from __future__ import annotations

from vigil.targets.archive import package_zip
from vigil.targets.base import Target

OFFLINE = Target(
    name="zip",
    description="the site in one zip that works from file:// after unzipping",
    # Plain .html links and full page loads: a folder opened from disk has no server to
    # turn folder URLs into pages, and instant navigation needs one.
    directory_urls=False,
    instant_navigation=False,
    storage="storage-local.js",
    package=package_zip,
)
