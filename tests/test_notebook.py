"""The adversary's notebook, as rendered: what each answer catches, the per-scenario files,
the course page, and a scenario's panel with the scraper's table (golden files).

Refresh the golden files with VIGIL_UPDATE_GOLDEN=1 after a deliberate change.
"""

from __future__ import annotations

import copy
import json
import os
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest

from test_render import FORUM, GYROSCOPE, answer_key, make_course, render
from vigil.questions.registry import scenario_model
from vigil.render.harvest import SCRAPED_KINDS, scraped
from vigil.render.links import (
    HOME_URI,
    NOTEBOOK_URI,
    PROGRESS_URI,
    RESERVED,
    notebook_uri,
    page_url,
)
from vigil.render.notebook import notebook
from vigil.render.pages import render_course

GOLDEN = Path(__file__).parent / "golden"
SCENARIO_URI = "course/friendly-questioning/launch-video-gyroscope.md"
PANEL = re.compile(r'<section class="vigil-harvest".*?</section>', re.S)


def leaky() -> dict[str, Any]:
    """The gyroscope scenario with more to harvest: two leaks in one reply, one in a reply
    of another author, and dates, codes and places for the scraper."""
    data = copy.deepcopy(GYROSCOPE)
    reply = data["thread"][0]["replies"][0]
    reply["text"] = "Ours drift under 0.01°/h, the new batch from line 3 is even better."
    reply["leaks"] = [
        {"category": "equipment-parameters", "text": "0.01°/h"},
        {"category": "facilities-and-locations", "text": "line 3"},
    ]
    data["thread"][1] = {
        "id": "c3",
        "by": "channel",
        "time": "3 h ago",
        "text": "Thanks for watching! The XR-7 flies again on 12 March; Wei L. says hi.",
        "leaks": [{"category": "test-schedules", "text": "flies again on 12 March"}],
    }
    return data


def scenario(data: dict[str, Any]) -> Any:
    return scenario_model().model_validate(data)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with VIGIL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review, then refresh"


def notebook_call(text: bytes) -> tuple[str, dict[str, Any]]:
    """The scenario id and notebook a notebook file hands the engine."""
    found = re.fullmatch(
        r"/\*.*?\*/\nwindow\.VigilNotebook && VigilNotebook\.add\((\".*?\"), (.*)\);\n",
        text.decode(),
        re.S,
    )
    assert found, text
    return json.loads(found[1]), json.loads(found[2])


# --- what each answer catches -------------------------------------------------------------


def test_a_ticked_comment_catches_every_leak_it_gave_away() -> None:
    s = scenario(leaky())
    pick = next(q for q in s.questions if q.id == "q1")
    assert pick.catches(s) == {"c2": ["c2/0", "c2/1"], "c3": ["c3/0"]}
    # Kinds that flag nothing catch nothing.
    assert all(q.catches(s) == {} for q in s.questions if q.id != "q1")


def test_the_notebook_holds_the_leaks_a_question_of_the_page_asks_about() -> None:
    data = notebook(scenario(leaky()))
    assert data == {
        "leaks": [
            {
                "ref": "c2/0",
                "category": "equipment-parameters",
                "by": "Wei L.",
                "text": "0.01°/h",
            },
            {
                "ref": "c2/1",
                "category": "facilities-and-locations",
                "by": "Wei L.",
                "text": "line 3",
            },
            {
                "ref": "c3/0",
                "category": "test-schedules",
                "by": "Example Institute",
                "text": "flies again on 12 March",
            },
        ],
        "catches": {"q1": {"c2": ["c2/0", "c2/1"], "c3": ["c3/0"]}},
    }


def test_leaks_no_question_of_the_page_asks_about_do_not_count() -> None:
    kept_for_later = leaky()
    kept_for_later["questions"][0]["assessment_only"] = True
    assert notebook(scenario(kept_for_later)) is None
    without_pick = leaky()
    without_pick["questions"] = without_pick["questions"][1:]
    assert notebook(scenario(without_pick)) is None
    assert notebook(scenario(FORUM)) is None  # no questions at all


# --- the files and the course page --------------------------------------------------------


@pytest.mark.parametrize("directory_urls", [True, False])
def test_only_scenarios_with_asked_leaks_get_a_file_and_the_page_finds_them(
    directory_urls: bool,
) -> None:
    rendered = render(make_course(leaky(), FORUM), use_directory_urls=directory_urls)
    files = {k for k in rendered.notebooks if k.startswith("assets/vigil/notebook/")}
    assert files == {notebook_uri("launch-video-gyroscope")}
    ident, data = notebook_call(rendered.notebooks[notebook_uri("launch-video-gyroscope")])
    assert ident == "launch-video-gyroscope"
    assert data == notebook(scenario(leaky()))
    page = answer_key(rendered.pages[NOTEBOOK_URI])
    assert [s["id"] for s in page["scenarios"]] == ["launch-video-gyroscope"]
    assert page["scenarios"][0]["questions"] == ["q1", "q2", "q3", "q4", "q5"]  # not q6
    # The file's address as the browser resolves it from the page.
    url = page_url(NOTEBOOK_URI, directory_urls)
    folder = url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)
    filled = page["notebook_url"].replace("{scenario}", "launch-video-gyroscope")
    assert posixpath.normpath(posixpath.join(folder, filled)) in files
    link = page["scenarios"][0]["url"]
    scenario_page = page_url(SCENARIO_URI, directory_urls)
    assert posixpath.normpath(posixpath.join(folder, link)) == scenario_page.rstrip("/")
    assert [c["id"] for c in page["categories"]][:2] == [
        "equipment-parameters",
        "serial-numbers",
    ]


def test_the_page_is_reserved_in_the_nav_and_linked_from_home_and_progress() -> None:
    rendered = render(make_course(leaky()), use_directory_urls=False)
    assert "notebook" in RESERVED
    assert rendered.nav[0]["Test course"][-1] == NOTEBOOK_URI
    for uri in (HOME_URI, PROGRESS_URI):
        assert 'href="notebook.html"' in rendered.pages[uri], uri
    assert 'href="../notebook.html"' in rendered.pages[SCENARIO_URI]


def test_an_unchanged_scenario_keeps_its_file_on_a_rebuild() -> None:
    """A live-preview rebuild reuses the last render's file for the same scenario."""
    course = make_course(leaky())
    first = render(course).notebooks[notebook_uri("launch-video-gyroscope")]
    assert render(course).notebooks[notebook_uri("launch-video-gyroscope")] is first


def test_untrusted_leak_text_stays_text() -> None:
    data = leaky()
    hostile = '</script><img src=x onerror="alert(1)">'
    data["thread"][1]["text"] = f"Noted: {hostile}"
    data["thread"][1]["leaks"] = [{"category": "test-schedules", "text": hostile}]
    rendered = render(make_course(data))
    panel = PANEL.search(rendered.pages[SCENARIO_URI])
    assert panel
    assert "<img" not in panel[0]
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in panel[0]
    # The file is an external script: the text is a JSON string literal in it, intact.
    file = rendered.notebooks[notebook_uri("launch-video-gyroscope")]
    assert notebook_call(file)[1]["leaks"][-1]["text"] == hostile


# --- the scenario's panel and the scraper's table -----------------------------------------


def test_the_scraper_pulls_numbers_codes_names_places_and_dates() -> None:
    rows = [(r.text, r.kind, r.by) for r in scraped(scenario(leaky()))]
    assert ("0.01°/h", "number", "Wei L.") in rows
    assert ("line 3", "place", "Wei L.") in rows
    assert ("XR-7", "code", "Example Institute") in rows
    assert ("12 March", "date", "Example Institute") in rows
    assert ("Wei L.", "name", "Example Institute") in rows
    assert len(rows) == len(set(rows))
    assert {kind for _, kind, _ in rows} <= set(SCRAPED_KINDS)


def test_panel_and_scraper_table_golden() -> None:
    """The panel as the page carries it: hidden until the reveal, out of search."""
    rendered = render(make_course(leaky(), FORUM), use_directory_urls=False)
    panel = PANEL.search(rendered.pages[SCENARIO_URI])
    assert panel
    assert panel[0].startswith(
        '<section class="vigil-harvest" aria-labelledby="vigil-harvest-title"'
        " data-search-exclude hidden>"
    )
    golden("notebook__panel.html", panel[0] + "\n")
    quiet = PANEL.search(rendered.pages["course/debate-baiting/forum-thread.md"])
    assert quiet
    golden("notebook__panel-no-leaks.html", quiet[0] + "\n")


def test_notebook_page_and_file_golden() -> None:
    rendered = render(make_course(leaky(), FORUM), use_directory_urls=False)
    golden("notebook__course__notebook.md", rendered.pages[NOTEBOOK_URI])
    file = rendered.notebooks[notebook_uri("launch-video-gyroscope")]
    golden("notebook__launch-video-gyroscope.js", file.decode())


def test_the_panel_stays_small_on_the_sample() -> None:
    """Every sample scenario's panel is a small part of the 60 KB page budget."""
    from vigil.check.project import check_project
    from vigil.i18n.catalog import SOURCE_LANGUAGE, translator

    course = check_project(Path(__file__).parent.parent).course
    assert course is not None
    pages = render_course(course, translator(SOURCE_LANGUAGE), directory_urls=False).pages
    sizes = {uri: len(m[0].encode()) for uri, page in pages.items() if (m := PANEL.search(page))}
    assert len(sizes) == len([s for s in course.scenarios if not s.assessment_only]), "a page each"
    assert max(sizes.values()) < 6 * 1024, max(sizes.items(), key=lambda kv: kv[1])


def test_the_notebook_script_reads_only_contract_fields() -> None:
    """notebook.js reads its page data and notebook files by the names contract.py types."""
    import typing

    from vigil.render import contract

    fields = {
        name
        for value in vars(contract).values()
        if typing.is_typeddict(value)
        for name in typing.get_type_hints(value)
    }
    script = (Path(__file__).parent.parent / "src/vigil/browser/notebook.js").read_text()
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)
    holders = r"(?:data|notebook|leak|category|scenario|n)"
    members = {"forEach", "length", "every", "filter", "map"}
    read = set(re.findall(rf"\b{holders}\.([A-Za-z_]\w*)", script)) - members
    assert read
    assert read <= fields, read - fields
