"""What a target decides: URL style, navigation, the engine's storage, and packaging."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Target:
    """One way to deliver the course; the pipeline and site engine ask it, never its name."""

    name: str
    description: str
    # True or False forces the URL style; None keeps what mkdocs.yml says.
    directory_urls: bool | None
    # Whether Material's instant navigation may stay on (an LMS frame needs plain loads).
    instant_navigation: bool
    # The engine's storage backend: a script of vigil.browser (local storage, an LMS bridge).
    storage: str
    # Turns the finished site (a temporary folder) into the deliverable at `out`.
    package: Callable[[Path, Path], None]
