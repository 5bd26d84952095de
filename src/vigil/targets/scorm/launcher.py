"""The launcher: the package's SCO, a page that holds the LMS session around the course.

One script, joined here like the quiz engine: the course's structure and the launcher's
strings (translated now, for the build's language), storage-local.js of the quiz engine
(the records when there is no LMS, and what the learner typed when there is one), then
the API search, the suspend data codec and the session. The page itself is a note (shown
when there is no LMS) and the frame the course runs in.
"""

from __future__ import annotations

from importlib.resources import files

from markupsafe import escape

from vigil.i18n import N_
from vigil.i18n.catalog import translator
from vigil.render.links import ASSET_FOLDER
from vigil.render.text import script_json
from vigil.targets.scorm.course import LaunchCourse
from vigil.targets.scorm.manifest import Scorm

LAUNCHER = "scorm-launch.html"
SCRIPT = f"{ASSET_FOLDER}/scorm-launch.js"
PARTS = ("api.js", "codec.js", "session.js")

UI_TEXT = {
    "none": N_(
        "No learning management system (LMS) is connected, so your results are not "
        "reported to one. Your progress is kept in this browser only."
    ),
    "notSaved": N_(
        "Your latest progress could not be saved to the learning management system (LMS). "
        "Keep this window open and tell your trainer: what you do now may be lost when "
        "you close the course."
    ),
}
NO_SCRIPT = N_(
    "Your browser does not run JavaScript, so this course cannot report to your learning "
    "management system (LMS)."
)
OPEN_COURSE = N_("Open the course without reporting")

STYLE = (
    "html,body{height:100%;margin:0}"
    "body{display:flex;flex-direction:column;font-family:system-ui,sans-serif}"
    ".vigil-lms-note{margin:0;padding:.5rem 1rem;background:#fff4ce;color:#1f1f1f;"
    "border-bottom:1px solid #8a6d00}"
    ".vigil-lms-frame{flex:1;width:100%;border:0}"
)


def _part(package: str, name: str) -> str:
    text = files(package).joinpath(name).read_text(encoding="utf-8")
    return f"// --- {name} ---\n{text if text.endswith(chr(10)) else text + chr(10)}"


def launcher_files(scorm: Scorm, course: LaunchCourse, language: str) -> dict[str, bytes]:
    """The launch page and its script, by path in the package."""
    gettext = translator(language).gettext
    ui = {key: gettext(text) for key, text in UI_TEXT.items()}
    settings = (
        f"var LMS_VERSION = {script_json(scorm.runtime)};\n"
        f"var LAUNCHER = {script_json(LAUNCHER)};\n"
        f"var COURSE = {script_json(course)};\n"
        f"var UI = {script_json(ui)};\n"
    )
    script = (
        "/* Vigil's SCORM launcher, joined by vigil.targets.scorm.launcher. */\n"
        '(function () {\n"use strict";\n'
        + settings
        + _part("vigil.browser", "storage-local.js")
        + "".join(_part(__package__ or "", name) for name in PARTS)
        + "})();\n"
    )
    title = escape(course["title"])
    page = (
        "<!doctype html>\n"
        f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n"
        f'<script src="{SCRIPT}"></script>\n</head>\n<body>\n'
        '<p class="vigil-lms-note" role="status" hidden></p>\n'
        f"<noscript><p>{escape(gettext(NO_SCRIPT))} "
        f'<a href="{escape(course["home"])}">{escape(gettext(OPEN_COURSE))}</a></p></noscript>\n'
        f'<iframe class="vigil-lms-frame" title="{title}"></iframe>\n'
        "</body>\n</html>\n"
    )
    return {LAUNCHER: page.encode("utf-8"), SCRIPT: script.encode("utf-8")}
