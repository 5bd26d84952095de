"""The adversary's notebook across the course: its page, and one small file per scenario.

What counts: a leak of a scenario the learner has done (answered every question of its
page) that one of that page's questions asks about (its `Question.catches` lists the leak
for some answer) and that none of the learner's saved answers caught. The browser works
it out from the learner's own records; nothing leaves the device.

The page lists only the scenarios that have leaks to ask about (ids, titles, links and
question ids); each one's leaks and catches are in a file of its own, a script as the
question banks are (so it loads from file:// too), fetched only for the scenarios the
learner has done. A course of thousands of scenarios never puts all its leaks in one page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vigil.course import walk_comments
from vigil.format.scenario import Scenario
from vigil.render.contract import Notebook, NotebookLeak, NotebookPageData
from vigil.render.links import (
    NOTEBOOK_URI,
    code_data,
    linker,
    notebook_uri,
    relative_path,
    scenario_uri,
)
from vigil.render.progress_data import shown_questions
from vigil.render.strings import NOTEBOOK_TEXT
from vigil.render.text import script_json

if TYPE_CHECKING:
    from vigil.render.pages import _Pages

# A placeholder no scenario id can contain, for the engine to put the scenario's id in.
SLOT = "{scenario}"


def notebook(scenario: Scenario) -> Notebook | None:
    """The leaks the scenario page's questions ask about, and what each answer catches;
    None when no question asks about any leak."""
    catches = {q.id: table for q in shown_questions(scenario) if (table := q.catches(scenario))}
    asked = {ref for table in catches.values() for refs in table.values() for ref in refs}
    leaks: list[NotebookLeak] = [
        {
            "ref": ref,
            "category": leak.category,
            "by": scenario.personas[comment.by].name,
            "text": leak.text,
        }
        for comment in walk_comments(scenario.thread)
        for i, leak in enumerate(comment.leaks)
        if (ref := f"{comment.id}/{i}") in asked
    ]
    return {"leaks": leaks, "catches": catches} if leaks else None


def notebook_file(scenario: Scenario) -> bytes | None:
    """The scenario's notebook as a script that hands it to the engine, or None."""
    data = notebook(scenario)
    if data is None:
        return None
    name = script_json(scenario.id)
    return (
        f"/* Vigil notebook of {name}: generated, loaded on demand by the course notebook. */\n"
        f"window.VigilNotebook && VigilNotebook.add({name}, {script_json(data)});\n"
    ).encode()


def notebook_files(files: dict[str, bytes | None]) -> dict[str, bytes]:
    """The published files by site path, from each scenario's file (or None) by id."""
    return {notebook_uri(ident): data for ident, data in files.items() if data is not None}


def notebook_page(pages: _Pages, files: dict[str, bytes | None]) -> str:
    """The course notebook; `files` says which scenarios have a notebook file."""
    course = pages.course
    link = linker(NOTEBOOK_URI, pages.directory_urls)
    data: NotebookPageData = {
        "course": course.options.id,
        "ui": pages._ui(NOTEBOOK_TEXT),
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "url": link(scenario_uri(course, s)),
                "questions": [q.id for q in shown_questions(s)],
            }
            for _, scenarios in course.modules()
            for s in scenarios
            if files.get(s.id) is not None
        ],
        "categories": [{"id": t.id, "name": t.name} for t in course.taxonomy.categories],
        "notebook_url": relative_path(NOTEBOOK_URI, notebook_uri(SLOT), pages.directory_urls),
        **code_data((), NOTEBOOK_URI, pages.directory_urls, page="notebook"),
    }
    title = pages.translator.gettext("The adversary's notebook")
    return pages._page("notebook.html.j2", title, heading=title, data=data)
