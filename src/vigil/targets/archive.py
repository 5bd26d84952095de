"""Reproducible zip files of a finished site, written whole or not at all.

The same files give the same bytes: entries sorted by path, one fixed timestamp
(SOURCE_DATE_EPOCH when it is set, else the earliest date a zip can hold), fixed modes
and compression. Every path stays inside the archive's root, and the archive appears at
its final name only once it is complete and checked: a failure leaves no partial file.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import secrets
import time
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

# The earliest time a zip entry can carry (MS-DOS dates start in 1980).
ZIP_EPOCH = 315532800
# Written by the build for `vigil build` to recognise its folders; not part of a delivery.
# Sitemaps are for crawlers of a public site, and carry the build date.
LEFT_OUT = frozenset({".vigil-site", "sitemap.xml", "sitemap.xml.gz"})
COMPRESSION_LEVEL = 6


class PackageError(Exception):
    """The package would be wrong (a path outside its root, a file not listed)."""


def zip_time() -> tuple[int, int, int, int, int, int]:
    """The timestamp of every entry: SOURCE_DATE_EPOCH (UTC) when set, else 1980-01-01."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(raw) if raw.isdigit() else ZIP_EPOCH
    # A zip stores even seconds from 1980 to 2107.
    seconds = min(max(seconds, ZIP_EPOCH), 4354819198)
    return time.gmtime(seconds)[:6]


def safe_name(name: str) -> str:
    """An archive path that cannot leave the root it is unpacked into, or PackageError."""
    parts = name.split("/")
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or ":" in parts[0]
        or any(p in ("", ".", "..") for p in parts)
        or any(ord(c) < 32 for c in name)
        or posixpath.normpath(name) != name
    ):
        raise PackageError(f"{name!r} is not a path inside the package")
    return name


def site_files(site: Path) -> dict[str, Path]:
    """Every file of a finished site by its path inside the site, without build leftovers.

    A symbolic link is refused: what it points to might lie outside the site.
    """
    found: dict[str, Path] = {}
    for folder, dirs, names in os.walk(site):
        here = Path(folder)
        for name in sorted(dirs + names):
            path = here / name
            if path.is_symlink():
                raise PackageError(f"{path} is a symbolic link; a package holds plain files only")
        for name in names:
            path = here / name
            rel = path.relative_to(site).as_posix()
            if rel not in LEFT_OUT:
                found[safe_name(rel)] = path
    return found


def _entry(name: str, when: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, when)
    info.create_system = 3  # Unix, so the modes below are read on every platform
    info.external_attr = 0o100644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_zip(
    out: Path,
    files: Mapping[str, Path | bytes],
    check: Callable[[zipfile.ZipFile], None] | None = None,
) -> None:
    """Write `files` (archive path → file or bytes) to `out`, sorted and timestamped alike.

    `check` reads the finished archive before it takes its name; any failure removes the
    temporary file and leaves `out` as it was.
    """
    names = sorted(safe_name(name) for name in files)
    when = zip_time()
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        with zipfile.ZipFile(temporary, "w", compresslevel=COMPRESSION_LEVEL) as archive:
            for name in names:
                source = files[name]
                data = source if isinstance(source, bytes) else source.read_bytes()
                archive.writestr(_entry(name, when), data)
        if check is not None:
            with zipfile.ZipFile(temporary) as archive:
                check(archive)
        temporary.replace(out)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def package_zip(site: Path, out: Path) -> None:
    """The site as it is, in a reproducible zip: for file://, a USB stick, a closed network."""
    write_zip(out, site_files(site))
