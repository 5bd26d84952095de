"""Generated files go to a staging folder; only files whose bytes changed are rewritten.

Unchanged files keep their modification time, so MkDocs' dirty rebuilds and the
browser cache stay cheap, and the author's content/ is never written to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SyncReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]


def sync(folder: Path, files: dict[str, bytes]) -> SyncReport:
    """Make `folder` hold exactly `files` (relative POSIX path → bytes)."""
    written: list[str] = []
    for uri, data in sorted(files.items()):
        target = folder / uri
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(uri)
    removed: list[str] = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            uri = path.relative_to(folder).as_posix()
            if path.is_file() and uri not in files:
                path.unlink()
                removed.append(uri)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return SyncReport(tuple(written), tuple(removed))
