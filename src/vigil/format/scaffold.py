"""`vigil new`: a commented scenario that passes `vigil check --strict` as written.

`data/new/` holds one template per built-in tactic, whose thread and questions show that
tactic at work, and `_generic.yaml` for a tactic a course adds. Each is written for any
platform: the platform supplies where the thread is, who hosts it and what it sits under.
"""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import NamedTuple

from vigil.format.scenario import Platform

DEFAULT_TACTIC = "friendly-questioning"
DEFAULT_PLATFORM = Platform.VIDEO
GENERIC = "_generic"


class Venue(NamedTuple):
    """A platform's part of the scaffold: a phrase for the setting, a host persona line
    (under `personas:`) and the `post` block; the last two may be empty."""

    place: str
    host: str
    post: str


VENUES = {
    Platform.VIDEO: Venue(
        "the comments under your institute's new video",
        "  channel: {name: Northfield Materials Institute, joined: 6 years ago, "
        "badge: Channel owner}\n",
        "post:\n  by: channel\n  title: Inside the test hall\n"
        "  text: A short tour of where our prototypes are built and tested.\n"
        "  time: 3 days ago\n  views: 48000\n",
    ),
    Platform.FORUM: Venue(
        "a thread on an engineering hobby forum you visit",
        "  host: {name: bench_and_bolts, joined: 5 years ago, posts: 812}\n",
        "post:\n  by: host\n  title: What are you working on this month?\n"
        "  text: Share your projects, big or small. Photos welcome.\n  time: 3 days ago\n",
    ),
    Platform.MICROBLOG: Venue(
        "the replies to a post you wrote on a microblog",
        "",
        "post:\n  by: you\n  text: Long week in the lab, but the new rig finally works.\n"
        "  time: 3 days ago\n",
    ),
    Platform.MESSAGES: Venue("a group chat you were added to", "", ""),
}


def templates() -> set[str]:
    """The tactics with a template of their own."""
    folder = files("vigil.format").joinpath("data/new")
    names = (p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))
    return {n for n in names if not n.startswith("_")}


def scenario_text(
    scenario_id: str,
    target: Path,
    schema: Path,
    *,
    tactic: str = DEFAULT_TACTIC,
    platform: Platform = DEFAULT_PLATFORM,
) -> str:
    folder = files("vigil.format").joinpath("data/new")
    body = tactic if tactic in templates() else GENERIC
    text = folder.joinpath("_head.yaml").read_text(encoding="utf-8")
    text += folder.joinpath(f"{body}.yaml").read_text(encoding="utf-8")
    venue = VENUES[platform]
    filled = Template(text).substitute(
        id=scenario_id,
        schema_path=Path(os.path.relpath(schema, target.parent)).as_posix(),
        tactic=tactic,
        platform=platform.value,
        place=venue.place,
        host=venue.host,
        post=venue.post.rstrip("\n"),
    )
    return re.sub(r"\n{2,}", "\n", filled)  # an empty host or post leaves no blank line
