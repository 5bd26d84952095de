"""Profile cards and the `rate-profile` kind: the model, its rules, its page and bank HTML.

The goldens hold only what this unit draws (the thread with its cards, the question form),
so other parts of the page can change without touching them. Refresh them with
VIGIL_UPDATE_GOLDEN=1 after a deliberate change, and review the diff.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

import pytest

from test_render import Elements, make_course, render
from test_render_assessment import parse_bank
from vigil.check.project import check_project
from vigil.i18n.catalog import SOURCE_LANGUAGE, translator
from vigil.questions.rate_profile import CUE_LESSONS, Cue, RateProfileQuestion
from vigil.questions.registry import scenario_model

GOLDEN = Path(__file__).parent / "golden"
URI = "course/paid-posters-and-bots/quiet-account-wakes.md"
BANK = "assets/vigil/bank/quiet-account-wakes.js"

SCENARIO: dict[str, Any] = {
    "id": "quiet-account-wakes",
    "title": "The account that woke up",
    "tactics": ["paid-posters-and-bots"],
    "difficulty": 2,
    "platform": "microblog",
    "setting": "A funding announcement draws the same complaint, over and over.",
    "personas": {
        "lab": {"name": "@halvard_institute", "joined": "8 years ago", "badge": "Verified"},
        "dune": {
            "name": "@dune_walker_31",
            "joined": "7 years ago",
            "followers": 2,
            "posts": 1096,
            "bio": "Asking <b>the</b> questions.\nEvery day.",
            "photo": "a blurry snapshot of a dog",
            "hours": "every hour since Monday",
            "recent": [
                {"text": "Who is really profiting? #LabScandal", "time": "3 min ago"},
                {"text": "Who is really profiting? #PortScandal"},
            ],
            "boosts": ["gale"],
        },
        "gale": {"name": "@gale_force_88", "joined": "2 weeks ago", "boosts": ["dune"]},
    },
    "post": {"by": "lab", "text": "Our sensor programme starts in spring.", "time": "1 h ago"},
    "thread": [
        {
            "id": "c1",
            "by": "dune",
            "time": "3 min ago",
            "text": "Who is really profiting?",
            "flag": {"tactic": "paid-posters-and-bots", "note": "An old account, waking up."},
            "replies": [{"id": "c2", "by": "dune", "time": "2 min ago", "text": "Look it up."}],
        }
    ],
    "questions": [
        {
            "id": "q1",
            "type": "rate-profile",
            "about": "dune",
            "prompt": "How risky is **@dune_walker_31**?",
            "signals": [
                {"id": "young", "cue": "age", "text": "It is new.", "feedback": "Seven years."},
                {"id": "copied", "cue": "copy-paste", "text": "Same line.", "applies": True},
                {"id": "asks", "text": "It asks about work.", "feedback": "It does not."},
            ],
            "answer": "high",
            "feedback": {"low": "L.", "medium": "M.", "high": "H."},
            "explanation": "Behaviour, not age.",
        }
    ],
}


@pytest.fixture(scope="module")
def rendered():
    return render(make_course(SCENARIO))


def question() -> RateProfileQuestion:
    scenario = scenario_model().model_validate(SCENARIO)
    found = scenario.questions[0]
    assert isinstance(found, RateProfileQuestion)
    return found


# --- the kind ---------------------------------------------------------------------------------


def test_choices_are_the_signals_in_written_order_then_the_levels() -> None:
    scenario = scenario_model().model_validate(SCENARIO)
    choices = question().choices(scenario, translator(SOURCE_LANGUAGE).gettext)
    assert [c.value for c in choices] == ["young", "copied", "asks", "low", "medium", "high"]
    assert [c.label for c in choices][3:] == ["Low", "Medium", "High"]
    assert question().answer_key() == ["copied", "high"]
    assert question().shuffles() is False


def test_a_signal_with_a_cue_ends_its_feedback_with_the_cues_lesson() -> None:
    scenario = scenario_model().model_validate(SCENARIO)
    young, copied, asks = question().choices(scenario, translator(SOURCE_LANGUAGE).gettext)[:3]
    assert young.feedback == f"Seven years.\n\n{CUE_LESSONS[Cue.AGE]}"
    assert copied.feedback == CUE_LESSONS[Cue.COPY_PASTE], "the lesson alone, without feedback"
    assert asks.feedback == "It does not."
    assert set(CUE_LESSONS) == set(Cue), "every cue teaches something"


def test_persona_keys_are_optional_and_unknown_ones_refused() -> None:
    bare = copy.deepcopy(SCENARIO)
    bare["personas"]["gale"] = {"name": "g", "joined": "1 day ago"}
    persona = scenario_model().model_validate(bare).personas["gale"]
    assert (persona.bio, persona.photo, persona.hours, persona.recent, persona.boosts) == (
        None,
        None,
        None,
        (),
        (),
    )
    bare["personas"]["gale"]["avatar"] = "x.png"
    with pytest.raises(ValueError, match="avatar"):
        scenario_model().model_validate(bare)


# --- the scenario page ------------------------------------------------------------------------


def test_bylines_show_name_badge_and_time_only(rendered) -> None:
    html = rendered.pages[URI]
    for match in re.finditer(r'<p class="vigil-byline">(.*?)</p>', html, re.DOTALL):
        byline = match.group(1)
        assert "ago" not in byline.replace("3 min ago", "").replace("2 min ago", "").replace(
            "1 h ago", ""
        ), "no account age in a byline"
        assert "vigil-account" not in byline
    page = Elements(html)
    assert len(page.having("button", class_="vigil-name", popovertarget="vigil-p_dune")) == 2
    assert page.having("button", type="button", popovertarget="vigil-p_lab")
    assert '<span class="vigil-badge">Verified</span>' in html


def test_each_persona_has_one_card_per_page_out_of_search(rendered) -> None:
    page = Elements(rendered.pages[URI])
    cards = page.having("section", class_="vigil-profile")
    assert [c["id"] for c in cards] == ["vigil-p_lab", "vigil-p_dune", "vigil-p_gale"]
    assert all("popover" in c and "data-search-exclude" in c for c in cards)
    assert page.having("div", class_="vigil-profile vigil-profile-inline", role="group")


def test_the_card_shows_the_profile_and_the_network_both_ways(rendered) -> None:
    html = rendered.pages[URI]
    card = part(html, 'id="vigil-p_dune"', "</section>")
    assert "<dt>Joined</dt><dd>7 years ago</dd>" in card
    assert "<dt>Posts</dt><dd>1,096</dd>" in card
    assert "Profile photo: a blurry snapshot of a dog" in card
    assert "Asking &lt;b&gt;the&lt;/b&gt; questions.<br>Every day." in card, "bio escaped"
    assert "<dt>Boosts</dt><dd><ul" in card
    assert "<dt>Boosted by</dt><dd><ul" in card
    assert card.count("<li>@gale_force_88</li>") == 2
    assert '<span class="vigil-time">3 min ago</span>' in card
    assert 'popovertarget="vigil-p_dune">Close</button>' in card


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("VIGIL_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with VIGIL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review, then refresh"


def part(html: str, start: str, end: str) -> str:
    first = html.index(start)
    return html[first : html.index(end, first) + len(end)] + "\n"


def test_golden_thread_with_cards(rendered) -> None:
    html = rendered.pages[URI]
    thread = part(html, '<section class="vigil-thread', '<section class="vigil-questions"')
    golden("rate-profile__thread.html", thread.removesuffix('<section class="vigil-questions"\n'))


def test_golden_question_form(rendered) -> None:
    golden(
        "rate-profile__question.html", part(rendered.pages[URI], '<form class="vigil-q"', "</form>")
    )


def test_golden_bank_form(rendered) -> None:
    html = parse_bank(rendered.banks[BANK])[1]["html"]
    golden("rate-profile__bank-question.html", part(html, '<form class="vigil-q"', "</form>"))


def test_the_bank_draws_the_card_beside_the_question_and_keeps_the_key(rendered) -> None:
    bank = parse_bank(rendered.banks[BANK])[1]
    key = bank["questions"]["quiet-account-wakes_q1"]
    assert key == {
        "type": "rate-profile",
        "answer": ["copied", "high"],
        "options": ["young", "copied", "asks", "low", "medium", "high"],
        "shuffle": False,
    }
    form = part(bank["html"], '<form class="vigil-q"', "</form>")
    assert '<div class="vigil-profile vigil-profile-inline" role="group"' in form
    assert 'id="vigil-q_quiet-account-wakes_q1_option_copied"' in form
    assert 'popovertarget="vigil-p_quiet-account-wakes_dune"' in bank["html"], "thread prefixed"


def test_hostile_profile_text_is_escaped() -> None:
    hostile = copy.deepcopy(SCENARIO)
    attack = '<img src=x onerror="window.__pwned=1">'
    dune = hostile["personas"]["dune"]
    for key in ("bio", "photo", "hours", "joined", "name"):
        dune[key] = attack
    dune["recent"] = [{"text": attack, "time": attack}]
    html = render(make_course(hostile)).pages[URI]
    assert "<img" not in html
    assert html.count("&lt;img src=x") >= 6


def test_references_to_a_persona_that_failed_are_not_unknown(tmp_path: Path) -> None:
    """A boost or an `about` naming a persona with a problem of its own is not reported
    again as unknown: the persona's own problem is."""
    text = (Path(__file__).parent / "corpus" / "invalid" / "rate-profile.yaml").read_text()
    text = text.replace("gael", "wave").replace("about: dun\n", "about: wave\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nextra:\n  vigil:\n    id: t\n")
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "x.yaml").write_text(text, encoding="utf-8")
    codes = [p.code for p in check_project(tmp_path).problems]
    assert "missing-key" in codes, "wave's own problem"
    assert "unknown-persona" not in codes
