"""Generated files go to a staging folder; only files whose bytes changed are rewritten.

Unchanged files keep their modification time, so MkDocs' dirty rebuilds and the
browser cache stay cheap, and the author's content/ is never written to.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SyncReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]


# What this process last left in each staging folder: per file, the bytes and the file's
# (size, mtime) right after. A live preview syncs every page on every save; a file whose
# bytes and stat are both as left needs no reading back. Anything else (another process,
# an edit by hand) changes the stat, and the file is compared in full.
_left: dict[str, dict[str, tuple[bytes, int, int]]] = {}


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def sync(folder: Path, files: dict[str, bytes]) -> SyncReport:
    """Make `folder` hold exactly `files` (relative POSIX path → bytes)."""
    left = _left.setdefault(str(folder.absolute()), {})
    written: list[str] = []
    for uri, data in sorted(files.items()):
        target = folder / uri
        before = left.get(uri)
        now = _stat(target)
        if before is not None and now == before[1:] and before[0] == data:
            continue
        if now is None or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(uri)
            now = _stat(target)
        if now is not None:
            left[uri] = (data, *now)
    removed: list[str] = []
    if folder.is_dir():
        for top, _dirs, names in os.walk(folder, topdown=False):
            here = Path(top)
            for name in names:
                uri = (here / name).relative_to(folder).as_posix()
                if uri not in files:
                    (here / name).unlink()
                    left.pop(uri, None)
                    removed.append(uri)
            if here != folder and not any(here.iterdir()):
                here.rmdir()
    return SyncReport(tuple(written), tuple(sorted(removed, reverse=True)))
