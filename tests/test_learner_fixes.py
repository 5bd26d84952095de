"""The learner-experience fixes: comments picked in the thread, a scenario tried again, the
progress that tells done from done with mistakes, the learner's own messages, video
chapters, the trainers' section left out of learners' builds, and the structured reporting
contact with the write-report kind. Rendering here (goldens, with VIGIL_UPDATE_GOLDEN=1
after a deliberate change); the browser in test_browser_learner_fixes.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

import vigil
from conftest import run_vigil
from vigil.course import DEFAULT_CONTACT, DEFAULT_INCLUDE, Course, CourseOptions
from vigil.engine.plugin import _trainers_pages
from vigil.format.taxonomy import builtin
from vigil.i18n.catalog import SOURCE_LANGUAGE, translator
from vigil.questions.registry import scenario_model
from vigil.questions.write_report import WriteReportQuestion, mentions
from vigil.render.pages import render_course
from vigil.render.placeholders import fill

GOLDEN = Path(__file__).parent / "golden"
COURSE_ID = "fixes-course"

VIDEO = """\
id: winter-launch
title: The winter launch
tactics: [friendly-questioning]
difficulty: 1
platform: video
setting: You test guidance parts at an invented institute, Example Polar.
personas:
  channel: {name: Example Polar, joined: 8 years ago, badge: Channel owner}
  fan: {name: orbit_nerd_88, joined: 3 years ago}
  wei: {name: Wei L., joined: 6 years ago}
post:
  by: channel
  title: Winter launch
  text: Our launch this morning.
  time: 1 day ago
  chapters:
    - {time: "0:00", title: Countdown}
    - {time: "1:05", title: Lift-off}
thread:
  - id: c1
    by: fan
    time: 5 h ago
    text: Which gyros fly on it? Drift must be tiny after lift-off at 1:05.
    flag: {tactic: friendly-questioning, note: A precise spec question.}
    replies:
      - id: c2
        by: wei
        time: 4 h ago
        text: Ours drift under 0.02°/h.
        leaks: [{category: equipment-parameters, text: "0.02°/h"}]
  - {id: c3, by: channel, time: 3 h ago, text: Thanks for watching!}
questions:
  - id: q1
    type: pick-comments
    asks: both
    prompt: Which comments should worry you?
    answer: [c1, c2]
    feedback: {c1: A spec question., c2: A real figure., c3: Harmless.}
  - id: q2
    type: single
    prompt: What should Wei have done?
    options:
      - {id: a, text: Not answered, correct: true, feedback: It kept the figure private.}
      - {id: b, text: Answered roughly, feedback: A rough figure still confirms.}
"""

MESSAGES = """\
id: old-colleague
title: The old colleague
tactics: [befriending]
difficulty: 1
platform: messages
setting: A former colleague writes to you.
personas:
  teo: {name: Teo Example, joined: 8 years ago}
  me: {name: You, joined: 7 years ago, you: true}
thread:
  - id: m1
    by: teo
    time: Monday 09:14
    text: Could you send me the supplier list, with prices? I'd pay a fee.
    flag: {tactic: befriending, note: An internal document and money.}
  - {id: m2, by: me, time: Monday 09:31, text: "Sorry, I can't share anything from work."}
questions:
  - id: q1
    type: risk
    about: m2
    prompt: How risky was your reply?
    answer: low
    feedback: {low: It gives nothing away., medium: Nothing in it., high: A polite no.}
  - id: q2
    type: write-report
    about: [m1]
    prompt: Write the report you would send.
    include:
      - {what: who asked, any: [Teo]}
      - {what: what he asked for, any: [supplier*, price*]}
      - {what: the offer of money, any: [fee, pay*], feedback: Always mention money.}
    example: Teo Example asked me on Monday for the supplier list and offered a fee.
    feedback: Complete.
"""

SCENARIOS = {"winter-launch": VIDEO, "old-colleague": MESSAGES}
VIDEO_PAGE = "course/friendly-questioning/winter-launch.md"
MESSAGES_PAGE = "course/befriending/old-colleague.md"
REPORTING = {
    "who": "the duty officer",
    "how": "By phone on ext. 4410.",
    "include": ["the account name", "the date and time"],
}


def make_course() -> Course:
    model = scenario_model()
    return Course(
        title="Fixes course",
        options=CourseOptions.model_validate(
            {"id": COURSE_ID, "reporting": REPORTING, "assessment": {"per_tactic": 5}}
        ),
        taxonomy=builtin(),
        scenarios=tuple(model.model_validate(yaml.safe_load(s)) for s in SCENARIOS.values()),
    )


@pytest.fixture(scope="module")
def rendered() -> Any:
    return render_course(make_course(), translator(SOURCE_LANGUAGE), directory_urls=False)


def bank(rendered: Any, scenario: str) -> dict[str, Any]:
    from test_render_assessment import parse_bank

    return parse_bank(rendered.banks[f"assets/vigil/bank/{scenario}.js"])[1]  # type: ignore[no-any-return]


def section(html: str, start: str, end: str) -> str:
    at = html.index(start)
    return html[at : html.index(end, at) + len(end)]


# --- goldens ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["video_page", "video_bank", "messages_page", "messages_bank"],
)
def test_golden(rendered: Any, name: str) -> None:
    """The thread and the questions, on the scenario page and in the assessment's bank."""
    page = VIDEO_PAGE if name.startswith("video") else MESSAGES_PAGE
    scenario = "winter-launch" if name.startswith("video") else "old-colleague"
    if name.endswith("page"):
        html = rendered.pages[page]
        text = section(html, '<section class="vigil-thread', '<p class="vigil-reveal-status"')
    else:
        text = bank(rendered, scenario)["html"]
    text = re.sub(r'data-vigil-report="[^"]*"', 'data-vigil-report="…"', text) + "\n"
    path = GOLDEN / f"learner_fixes__{name}.html"
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with VIGIL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review, then refresh"


# --- (1) comments picked in the thread ----------------------------------------------------------


def test_each_comment_has_a_box_labelled_by_its_author_tied_to_the_form(rendered: Any) -> None:
    html = rendered.pages[VIDEO_PAGE]
    for comment, name in (("c1", "orbit_nerd_88"), ("c2", "Wei L."), ("c3", "Example Polar")):
        item = section(html, f'<li class="vigil-comment-item" id="vigil-c_{comment}"', "</article>")
        assert (
            f'<input type="checkbox" form="vigil-q_q1" name="vigil-q_q1" '
            f'id="vigil-q_q1_option_{comment}" value="{comment}" '
            'aria-describedby="vigil-q_q1_prompt">' in item
        )
        assert f"Choose this comment by {name}</label>" in item
    form = section(html, '<form class="vigil-q" id="vigil-q_q1"', "</form>")
    assert "<input" not in form, "no list of cut-off excerpts below the thread"
    assert 'href="#vigil-t_winter-launch"' in form, "the question says where the boxes are"
    assert 'id="vigil-t_winter-launch"' in html


def test_the_reveal_links_each_comment_back_to_the_thread(rendered: Any) -> None:
    form = section(rendered.pages[VIDEO_PAGE], '<form class="vigil-q" id="vigil-q_q1"', "</form>")
    for comment in ("c1", "c2", "c3"):
        assert f'<span class="vigil-fb-label"><a href="#vigil-c_{comment}">' in form
    html = bank(rendered, "winter-launch")["html"]
    assert '<a href="#vigil-c_winter-launch_c1">' in html, "the assessment links its own copy"


def test_in_the_assessment_the_boxes_wait_hidden_with_their_form(rendered: Any) -> None:
    html = bank(rendered, "winter-launch")["html"]
    boxes = re.findall(r'<p class="vigil-pick"( hidden)?><input [^>]*form="([^"]+)"', html)
    assert boxes == [(" hidden", "vigil-q_winter-launch_q1")] * 3
    assert 'id="vigil-q_winter-launch_q1_option_c2"' in html


def test_several_pick_questions_number_their_boxes() -> None:
    data = yaml.safe_load(VIDEO)
    second = dict(data["questions"][0], id="q3", prompt="Which give something away?")
    data["questions"].append(second)
    course = make_course()
    scenario = scenario_model().model_validate(data)
    course = Course(course.title, course.options, course.taxonomy, (scenario,))
    html = render_course(course, translator(SOURCE_LANGUAGE), directory_urls=False).pages[
        VIDEO_PAGE
    ]
    assert "Question 1: choose this comment by Wei L.</label>" in html
    assert "Question 2: choose this comment by Wei L.</label>" in html


# --- (4) the learner's own messages -------------------------------------------------------------


def test_own_messages_are_the_learners_without_card_or_age(rendered: Any) -> None:
    html = rendered.pages[MESSAGES_PAGE]
    own = section(html, '<li class="vigil-comment-item is-own" id="vigil-c_m2"', "</li>")
    assert 'class="vigil-comment vigil-own"' in own
    assert 'aria-label="Your message"' in own
    assert '<span class="vigil-own-name">You</span>' in own
    assert "vigil-avatar" not in own
    assert "popovertarget" not in own
    assert 'id="vigil-p_me"' not in html, "no profile card, so no account age"
    assert 'id="vigil-p_teo"' in html
    assert "7 years ago" not in html


def test_a_risk_question_about_your_own_message_says_so(rendered: Any) -> None:
    html = bank(rendered, "old-colleague")["html"]
    form = section(html, 'id="vigil-q_old-colleague_q1"', "</form>")
    assert "<figcaption>What you wrote:</figcaption>" in form
    assert "joined" not in form


# --- (5) video chapters --------------------------------------------------------------------------


def test_chapters_are_listed_under_the_player(rendered: Any) -> None:
    html = rendered.pages[VIDEO_PAGE]
    post = section(html, '<article class="vigil-post"', "</article>")
    assert post.index("vigil-player") < post.index('<div class="vigil-chapters">')
    assert '<li><span class="vigil-chapter-time">1:05</span> Lift-off</li>' in post


# --- (7) the reporting contact and the write-report kind ---------------------------------------


def test_the_older_reporting_contact_is_read_as_who() -> None:
    assert CourseOptions(id="c").contact == DEFAULT_CONTACT
    assert CourseOptions(id="c").reporting.include == DEFAULT_INCLUDE
    older = CourseOptions(id="c", reporting_contact="the duty officer")
    assert older.contact == "the duty officer"
    both = CourseOptions.model_validate(
        {"id": "c", "reporting_contact": "old", "reporting": {"who": "new"}}
    )
    assert both.contact == "new"


def test_placeholders_fill_who_how_and_a_list_of_what_to_include() -> None:
    options = CourseOptions.model_validate({"id": "c", "reporting": REPORTING})
    page = (
        "Tell {{ vigil.reporting.who }}. {{ vigil.reporting.how }}\n\n"
        "Include:\n\n  {{ vigil.reporting.include }}\n\n"
        "In short: {{ vigil.reporting.include }}. Old: {{ vigil.reporting_contact }}."
    )
    text, unknown = fill(page, options)
    assert unknown == []
    assert "Tell the duty officer. By phone on ext&#46; 4410&#46;" in text
    assert "  - the account name\n  - the date and time\n" in text, "a line of its own: a list"
    assert "In short: the account name, the date and time." in text, "inline: joined"
    assert "Old: the duty officer." in text
    assert fill("{{ vigil.reporting.who_else }}", options)[1] == ["reporting.who_else"]


def test_the_report_form_shows_whom_how_and_what_to_include(rendered: Any) -> None:
    form = section(rendered.pages[MESSAGES_PAGE], 'id="vigil-q_q2"', "</form>")
    assert "<dt>Report to</dt><dd>the duty officer</dd>" in form
    assert "<dt>How</dt><dd>By phone on ext. 4410.</dd>" in form
    assert "<li>the account name</li>" in form
    assert '<a href="#vigil-c_m1">Teo Example: “Could you send me' in form
    assert '<label class="vigil-report-label" for="vigil-q_q2_report">Your report</label>' in form
    words = re.search(r'data-vigil-report="([^"]*)"', form)
    assert words
    assert json.loads(words[1].replace("&#34;", '"').replace("&quot;", '"')) == [
        ["Teo"],
        ["supplier*", "price*"],
        ["fee", "pay*"],
    ]


def test_report_choices_are_complete_then_each_missing_item() -> None:
    scenario = make_course().scenarios[1]
    question = scenario.questions[1]
    assert isinstance(question, WriteReportQuestion)
    choices = question.choices(scenario, translator(SOURCE_LANGUAGE).gettext)
    assert [c.value for c in choices] == ["complete", "m1", "m2", "m3"]
    assert choices[3].label == "Missing: the offer of money"
    assert choices[3].feedback == "Always mention money."
    assert question.answer_key() == ["complete"]


REPORT_WORDS = [
    ("He asked for the Supplier list", ("supplier*",), True),
    ("suppliers", ("supplier",), False),
    ("fees were mentioned", ("fee",), False),
    ("a fee", ("fee",), True),
    ("at 09:14 on Monday", ("09:14",), True),
    ("Teodor", ("Teo",), False),
    # Chinese is written without spaces: a word is found inside a run of text
    ("我很担心他在问试验日期", ("担心",), True),
    ("对方账号叫星河观测站", ("星河观测站",), True),
    ("他问了型号KX-2207A的参数", ("KX-2207A",), True),
    ("我很放心", ("担心",), False),
]


@pytest.mark.parametrize(("text", "words", "found"), REPORT_WORDS)
def test_report_words_match_whole_words_or_stems(
    text: str, words: tuple[str, ...], found: bool
) -> None:
    assert mentions(text, words) is found


def test_the_page_script_finds_report_words_as_the_check_does(tmp_path: Path) -> None:
    """The browser's reportMentions (run by node) agrees with `mentions` on every case."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    source = (Path(vigil.__file__).parent / "questions" / "write_report.js").read_text(
        encoding="utf-8"
    )
    start = source.index("var REPORT_UNSPACED")
    end = source.index("\n}\n", source.index("function reportMentions")) + 3
    cases = [[text, list(words)] for text, words, _ in REPORT_WORDS]
    script = tmp_path / "mentions.js"
    script.write_text(
        source[start:end]
        + f"\nconst cases = {json.dumps(cases)};"
        + "\nconsole.log(JSON.stringify(cases.map(c => reportMentions(c[0], c[1]))));",
        encoding="utf-8",
    )
    run = subprocess.run([node, script], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == [found for _, _, found in REPORT_WORDS]


# --- (6) the trainers' section ------------------------------------------------------------------


def test_the_trainers_section_and_its_pages_are_taken_from_the_nav() -> None:
    nav = [
        {"Welcome": "index.md"},
        {"Course": "course/index.md"},
        {"For trainers": [{"Authoring": "authoring.md"}, {"More": [{"LMS": "trainers/lms.md"}]}]},
    ]
    kept, pages = _trainers_pages(nav, "For trainers")
    assert kept == nav[:2]
    assert pages == {"authoring.md", "trainers/lms.md"}
    assert _trainers_pages(nav, "Other") == (nav, set())


TRAINERS_YML = """\
site_name: Tiny course
docs_dir: content
site_dir: build
use_directory_urls: false
theme: {name: material, font: false}
plugins: [search, vigil]
extra:
  vigil:
    id: tiny
    trainers_section: For trainers
nav:
  - Home: index.md
  - Course: course/index.md
  - For trainers:
      - Authoring notes: notes.md
      - Course coverage: trainers/coverage.md
"""


@pytest.mark.parametrize("trainers", [False, True])
def test_a_learners_build_leaves_the_trainers_pages_out(project: Path, trainers: bool) -> None:
    (project / "mkdocs.yml").write_text(TRAINERS_YML, encoding="utf-8")
    (project / "content").mkdir()
    (project / "content" / "index.md").write_text("# Welcome\n", encoding="utf-8")
    (project / "content" / "notes.md").write_text("# Notes for trainers\n", encoding="utf-8")
    (project / "scenarios").mkdir(exist_ok=True)
    (project / "scenarios" / "winter-launch.yaml").write_text(VIDEO, encoding="utf-8")
    args = ["build", "--strict", "--site-dir", "site"] + (["--trainers"] if trainers else [])
    result = run_vigil(*args, cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert ("For trainers" in home) is trainers
    assert (site / "notes.html").exists() is trainers
    assert (site / "trainers" / "coverage.html").exists() is trainers
    assert ("Notes for trainers" in search) is trainers
    assert (site / "course" / "friendly-questioning" / "winter-launch.html").exists()
