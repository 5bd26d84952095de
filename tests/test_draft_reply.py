"""draft-reply: its model and rules, its rendering (goldens), and in Chromium by keyboard:
the check before posting, posting, review, resume after a reload, the final assessment,
file://, axe, and that what the learner types stays under the device-local key.

Refresh the goldens with VIGIL_UPDATE_GOLDEN=1 after a deliberate change."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import built, serve_folder, tiny_course
from vigil.course import Course, CourseOptions
from vigil.detect import browser_data, find
from vigil.format.taxonomy import builtin
from vigil.i18n.catalog import SOURCE_LANGUAGE, translator
from vigil.questions.draft_reply import DraftReplyQuestion, Outcome
from vigil.questions.registry import scenario_model
from vigil.render.pages import render_course

GOLDEN = Path(__file__).parent / "golden"
COURSE_ID = "draft-course"
PAGE = "course/friendly-questioning/winter-film.html"
PREFIX = f"vigil:v1:{COURSE_ID}:"
DRAFT_KEY = f"{PREFIX}winter-film:q1:~draft"

SCENARIO = """\
id: winter-film
title: A question under the winter film
tactics: [friendly-questioning]
difficulty: 2
platform: video
setting: You test battery packs at an invented company, Example Polar.
personas:
  channel: {name: Example Polar, joined: 8 years ago, badge: Channel owner}
  lena: {name: frostbyte_lena, joined: 4 years ago, posts: 310}
  mikkel: {name: Mikkel Hart, joined: 6 years ago, posts: 52}
thread:
  - id: c1
    by: lena
    time: 2 days ago
    text: How cold does the chamber go before the pack gives up? Same hall as the Tarnby crawler?
    flag: {tactic: friendly-questioning, note: Two precise asks in a friendly tone.}
    replies:
      - id: c2
        by: mikkel
        time: 2 days ago
        text: We took it to -46 °C in Hall C, the cells were fine.
        leaks:
          - {category: equipment-parameters, text: "-46 °C"}
questions:
  - id: q1
    type: draft-reply
    reply_to: c1
    prompt: Write your reply to frostbyte_lena.
    probe: [cold*, chamber*, pack*, cell*, hall*]
    places: [Northvale]
    terms: [Tarnby]
    example: Thanks for watching! Not something I can go into, but enjoy the film.
    feedback:
      safe: Warm, and it leaves the question alone.
      number: A temperature is the figure that was asked for.
  - id: q2
    type: single
    prompt: Who should hear about the reply with the temperature?
    options:
      - {id: a, text: Its author and the channel team, correct: true, feedback: Quietly.}
      - {id: b, text: Nobody; it is public already, feedback: It is a limit of the pack.}
"""

LEAKY = "Ha, the pack held at -40 °C in Hall 3 on 12 March, ask Mikkel about the KX-200."
SAFE = "Thanks for watching! Not something I can go into, but enjoy the film."


def make_course() -> Course:
    return Course(
        title="Draft course",
        options=CourseOptions(id=COURSE_ID),
        taxonomy=builtin(),
        scenarios=(scenario_model().model_validate(yaml.safe_load(SCENARIO)),),
    )


def question() -> tuple[DraftReplyQuestion, Any]:
    scenario = make_course().scenarios[0]
    first = scenario.questions[0]
    assert isinstance(first, DraftReplyQuestion)
    return first, scenario


# --- the model --------------------------------------------------------------------------------


def test_outcomes_are_safe_then_the_detector_categories() -> None:
    from vigil.detect import CATEGORIES

    assert [o.value for o in Outcome] == ["safe", *CATEGORIES]
    draft, scenario = question()
    choices = draft.choices(scenario, translator(SOURCE_LANGUAGE).gettext)
    assert [c.value for c in choices] == [o.value for o in Outcome]
    assert choices[0].feedback == "Warm, and it leaves the question alone."
    assert choices[2].feedback, "an outcome without the trainer's feedback says what it means"
    assert draft.answer_key() == ["safe"]
    assert draft.needs_thread()


def test_terms_come_from_the_question_the_personas_and_the_leaks() -> None:
    draft, scenario = question()
    terms = draft.detector_terms(scenario)
    assert terms.sensitive == ("Tarnby", "-46 °C"), "a leak of the thread is sensitive too"
    assert terms.names == ("Example Polar", "Mikkel Hart"), "every persona but the asker"
    assert terms.places == ("Northvale",)
    assert json.loads(draft.detector_json(scenario)) == {"terms": browser_data(terms)["terms"]}
    assert "var DRAFT_PATTERNS = " in type(draft).script_source(), "patterns come with the script"
    found = {d.category for d in find(LEAKY, terms)}
    assert found == {"probe", "number", "place", "date", "name", "code"}
    assert find(SAFE, terms) == []


def test_names_limit_the_personas_when_given() -> None:
    draft, scenario = question()
    only = draft.model_copy(update={"names": ("lena",)})
    assert only.detector_terms(scenario).names == ("frostbyte_lena",)


# --- rendering --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered() -> Any:
    return render_course(make_course(), translator(SOURCE_LANGUAGE), directory_urls=False)


def form_of(html: str, qid: str) -> str:
    """The question's form alone: the thread around it belongs to other goldens."""
    start = html.index(f'<form class="vigil-q" id="{qid}"')
    return html[start : html.index("</form>", start) + len("</form>")] + "\n"


def bank_of(script: bytes) -> dict[str, Any]:
    from test_render_assessment import parse_bank

    return parse_bank(script)[1]


@pytest.mark.parametrize("where", ["page", "bank"])
def test_golden(rendered: Any, where: str) -> None:
    """The form on the scenario page, and in the bank with the bank's answer key."""
    if where == "page":
        text = form_of(rendered.pages["course/friendly-questioning/winter-film.md"], "vigil-q_q1")
    else:
        bank = bank_of(rendered.banks["assets/vigil/bank/winter-film.js"])
        key = json.dumps(bank["questions"]["winter-film_q1"], ensure_ascii=False, indent=1)
        text = form_of(bank["html"], "vigil-q_winter-film_q1") + key + "\n"
    # The detector's data has its own tests; the golden keeps its place, not its bytes.
    text = re.sub(r'data-vigil-detect="[^"]*"', 'data-vigil-detect="…"', text)
    path = GOLDEN / f"draft_reply__{where}.html"
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with VIGIL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{where} changed: review, then refresh"


def test_the_page_has_a_labelled_box_and_no_typed_text(rendered: Any) -> None:
    page = rendered.pages["course/friendly-questioning/winter-film.md"]
    assert '<label class="vigil-draft-label" for="vigil-q_q1_reply">Your reply</label>' in page
    assert 'id="vigil-q_q1_reply"' in page
    assert 'role="status"' in page, "the check's result reaches screen readers"
    assert "data-vigil-detect=" in page
    assert 'href="#vigil-c_c1"' in page, "it links the comment replied to"


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tiny_course(
        tmp_path_factory.mktemp("draft"),
        title="Draft course",
        course_id=COURSE_ID,
        scenarios={"winter-film": SCENARIO},
        options={"assessment": {"per_tactic": 2}},
    )
    return built(root)


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    with serve_folder(site) as served:
        yield served


@pytest.fixture
def errors(page: Any) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def write(page: Any, text: str) -> None:
    """Focus the box by keyboard, clear it and type, as a learner does."""
    page.focus("#vigil-q_q1_reply")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def press(page: Any, selector: str) -> None:
    page.focus(selector)
    page.keyboard.press("Enter")


def serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate("document.activeElement && document.activeElement.blur()")
    results = Axe().run(page, context=".vigil")  # the course's part; the theme is the sample's
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.browser
def test_check_edit_check_post_review_and_resume(page: Any, url: str, errors: list[str]) -> None:
    page.goto(url + PAGE)
    form = page.locator("#vigil-q_q1")
    status = form.locator(".vigil-draft-status")
    assert form.locator(".vigil-check").inner_text() == "Post reply"

    write(page, LEAKY)
    page.keyboard.press("Tab")  # from the box to the check button
    assert page.evaluate("document.activeElement.classList.contains('vigil-draft-check')")
    page.keyboard.press("Enter")
    marks = form.locator(".vigil-draft-copy mark")
    assert marks.all_inner_texts() == ["pack", "-40 °C", "Hall 3", "12 March", "Mikkel", "KX-200"]
    cats = [m.get_attribute("data-vigil-cat") for m in marks.all()]
    assert cats == ["probe", "number", "place", "date", "name", "code"]
    tags = form.locator(".vigil-draft-copy .vigil-draft-tag").all_inner_texts()
    assert tags[1] == "A number with a unit", "each highlight says its category in words"
    assert "A number with a unit" in status.inner_text(), "the live region names what was found"
    assert form.locator(".vigil-draft-found li").count() == 6
    assert serious(page) == []

    write(page, SAFE)
    assert form.locator(".vigil-draft-report").is_hidden(), "an edit clears the old report"
    press(page, "#vigil-q_q1 .vigil-draft-check")
    assert status.inner_text().startswith("The check found nothing")
    assert marks.count() == 0
    press(page, "#vigil-q_q1 .vigil-check")
    assert form.locator(".vigil-result").inner_text() == "Correct."
    assert form.get_attribute("data-vigil-answered") == "correct"

    def review() -> None:
        assert form.locator("textarea").input_value() == SAFE
        assert form.locator("textarea").get_attribute("readonly") is not None
        assert form.locator(".vigil-draft-check").is_hidden()
        assert form.locator(".vigil-draft-example").is_visible()
        shown = form.locator(".vigil-fb:not([hidden]) .vigil-fb-head").all_inner_texts()
        assert shown == ["✓ Your reply Gives nothing away and leaves the question alone"]

    review()
    assert serious(page) == []
    record = json.loads(page.evaluate(f"localStorage.getItem('{PREFIX}winter-film:q1')"))
    assert record["answer"] == ["safe"], "the record holds the outcome, not the text"
    page.reload()
    review()
    assert errors == []


@pytest.mark.browser
def test_posting_unchecked_text_checks_it_first(page: Any, url: str, errors: list[str]) -> None:
    page.goto(url + PAGE)
    form = page.locator("#vigil-q_q1")
    press(page, "#vigil-q_q1 .vigil-check")
    assert form.locator(".vigil-draft-status").inner_text() == "Write your reply first."
    write(page, LEAKY)
    press(page, "#vigil-q_q1 .vigil-check")
    assert form.get_attribute("data-vigil-answered") is None, "the first press only checks"
    assert form.locator(".vigil-draft-copy mark").count() == 6
    press(page, "#vigil-q_q1 .vigil-check")  # posted as it is
    assert form.locator(".vigil-result").inner_text() == "Not quite."
    shown = form.locator(".vigil-fb:not([hidden])")
    assert shown.count() == 7, "each category found, and what passes"
    verdicts = shown.locator(".vigil-fb-verdict").all_inner_texts()
    assert verdicts == ["What passes"] + ["✗ Found in your reply"] * 6
    assert "A temperature is the figure" in form.locator(".vigil-feedback").inner_text()
    stored = json.loads(page.evaluate(f"localStorage.getItem('{PREFIX}winter-film:q1')"))
    assert stored["answer"] == ["name", "place", "probe", "date", "number", "code"], "in order"
    assert errors == []


@pytest.mark.browser
def test_an_unposted_draft_resumes_after_a_reload(page: Any, url: str, errors: list[str]) -> None:
    page.goto(url + PAGE)
    write(page, "Half a thought about the")
    page.reload()
    box = page.locator("#vigil-q_q1_reply")
    assert box.input_value() == "Half a thought about the"
    assert box.get_attribute("readonly") is None
    assert page.locator("#vigil-q_q1").get_attribute("data-vigil-answered") is None
    assert errors == []


@pytest.mark.browser
def test_typed_text_stays_under_the_device_local_key(
    page: Any, url: str, errors: list[str]
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.url} {r.post_data or ''}"))
    page.goto(url + PAGE)
    typed = "Zephyrine 7741 in Hall 9"
    write(page, typed)
    press(page, "#vigil-q_q1 .vigil-draft-check")
    press(page, "#vigil-q_q1 .vigil-check")
    page.goto(url + "course/assessment.html")
    page.goto(url + PAGE)
    storage = page.evaluate(
        """() => {
        const all = {};
        for (const s of [localStorage, sessionStorage])
          for (let i = 0; i < s.length; i++) all[s.key(i)] = s.getItem(s.key(i));
        return all;
    }"""
    )
    holding = [key for key, value in storage.items() if "Zephyrine" in value]
    assert holding == [DRAFT_KEY], storage
    assert DRAFT_KEY.rsplit(":", 1)[1].startswith("~"), "a key a backend keeps on the device"
    assert "Zephyrine" not in page.evaluate("document.cookie")
    assert all(r.startswith(url) for r in requests), "no request leaves the site"
    assert not [r for r in requests if "Zephyrine" in r or "7741" in r]
    assert errors == []


@pytest.mark.browser
def test_it_works_from_file_urls(page: Any, site: Path, errors: list[str]) -> None:
    page.goto((site / PAGE).as_uri())
    write(page, "It ran 90 s on Tuesday")
    press(page, "#vigil-q_q1 .vigil-draft-check")
    marks = page.locator("#vigil-q_q1 .vigil-draft-copy mark").all_inner_texts()
    assert marks == ["90 s", "on Tuesday"]
    assert errors == []


@pytest.mark.browser
def test_the_final_assessment_asks_reviews_and_clears_it(
    page: Any, url: str, errors: list[str]
) -> None:
    page.goto(url + "course/assessment.html")
    press(page, ".vigil-a-start")
    form = page.locator("form[data-vigil-key='winter-film_q1']")
    form.wait_for(state="visible")
    form.locator("textarea").focus()
    page.keyboard.type(LEAKY)
    press(page, "form[data-vigil-key='winter-film_q1'] .vigil-draft-check")
    assert form.locator(".vigil-draft-copy mark").count() == 6
    write_to = form.locator("textarea")
    write_to.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(SAFE)
    page.keyboard.press("Tab")  # leaving the box saves the attempt in progress (change)
    current = json.loads(page.evaluate(f"localStorage.getItem('{PREFIX}@assessment')"))["current"]
    assert current["answers"]["winter-film_q1"] == ["safe"]
    assert "Thanks" not in json.dumps(current), "the attempt holds outcomes, not text"

    page.reload()
    form.wait_for(state="visible")
    assert form.locator("textarea").input_value() == SAFE, "resumed from the device-local key"
    other = page.locator("form[data-vigil-key='winter-film_q2']")
    other.locator("#vigil-q_winter-film_q2_option_a").focus()
    page.keyboard.press("Space")
    press(page, ".vigil-a-submit")
    assert page.locator(".vigil-a-score").inner_text().startswith("Your score: 100%")
    assert form.locator("textarea").get_attribute("readonly") is not None
    assert form.locator(".vigil-draft-example").is_visible()
    assert serious(page) == []

    page.locator(".vigil-a-again").focus()
    page.keyboard.press("Enter")
    form.wait_for(state="visible")
    assert form.locator("textarea").input_value() == "", "a new attempt starts empty"
    assert form.locator("textarea").get_attribute("readonly") is None
    assert errors == []


def test_the_authoring_example_checks_clean(project: Path) -> None:
    from conftest import run_vigil

    guide = (Path(__file__).parent.parent / "content" / "authoring.md").read_text("utf-8")
    section = guide.split("## Writing a reply: `draft-reply`", 1)[1].split("\n## ", 1)[0]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert "type: draft-reply" in example
    (project / "scenarios" / "example.yaml").write_text(example, encoding="utf-8")
    result = run_vigil("check", "--strict", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
