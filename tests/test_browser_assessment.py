"""The final assessment and the certificate on the built sample course, in Debian's chromium.

The drawing and grading functions are pure and exposed as window.VigilAssessment, so they
are unit-tested here through page.evaluate on the built assessment page. The answers the
learner paths need come from the question banks (assets/vigil/bank/<scenario>.js), which
the page itself loads only for the drawn questions.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page
from pypdf import PdfReader

from conftest import (
    REPO,
    choice,
    choose_focused_by_keyboard,
    serve_folder,
    serve_instant_variant,
    ticked_only,
)
from test_render_assessment import parse_bank
from vigil.certificate import verification_code
from vigil.check.project import check_project

pytestmark = pytest.mark.browser

ASSESSMENT = "course/assessment.html"
CERTIFICATE = "course/certificate.html"
HOME = "course/index.html"
PROGRESS = "course/progress.html"
# The certificate's date in English, as Intl writes it for the page's language (en).
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SINGLE_ANSWER = ("single", "action", "risk")

COMPLETE_SCENARIOS = """d => {
  for (const m of d.modules) for (const s of m.scenarios) for (const q of s.questions)
    localStorage.setItem(`vigil:v1:${d.course}:${s.id}:${q}`,
      JSON.stringify({v: 1, answer: ['x'], correct: true, t: 1}));
}"""


@pytest.fixture(scope="module")
def sample_site(ticked_site: Path) -> Path:
    """The sample with only the kinds this file's scripted learner answers by ticking."""
    return ticked_site


@pytest.fixture(scope="module")
def sample_url(ticked_url: str) -> str:
    return ticked_url


def page_data(page: Page) -> dict[str, Any]:
    return dict(json.loads(page.locator("template.vigil-data").first.inner_html()))


def answer_key(site: str, keys: Iterable[str]) -> dict[str, Any]:
    """The questions of `keys` as their banks hold them (type, answer, options), fetched from
    the site's URL (http or file) the way a curious learner could."""
    questions: dict[str, Any] = {}
    for scenario in sorted({key.split("_")[0] for key in keys}):
        url = f"{site}assets/vigil/bank/{scenario}.js"  # the test's own server
        with urllib.request.urlopen(url) as response:  # noqa: S310
            questions.update(parse_bank(response.read())[1]["questions"])
    return {"questions": questions}


def wait_for_questions(page: Page) -> None:
    """Until the drawn questions' banks have loaded (or failed to)."""
    page.wait_for_selector(".vigil-a-list[aria-busy=false]", state="attached")


def errors_of(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def stored(page: Page, course: str) -> Any:
    raw = page.evaluate("k => localStorage.getItem(k)", f"vigil:v1:{course}:@assessment")
    return None if raw is None else json.loads(raw)


def drawn_keys(page: Page) -> list[str]:
    """The visible questions, in the order the learner sees them."""
    return [
        f.get_attribute("data-vigil-key") or ""
        for f in page.locator("form.vigil-q[data-vigil-key]:visible").all()
    ]


def option_order(page: Page, key: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#vigil-q_{key} .vigil-options input", "els => els.map(e => e.value)"
    )


def right_answer(question: dict[str, Any]) -> list[str]:
    answer = list(question["answer"])
    return answer[:1] if question["type"] in SINGLE_ANSWER else answer


def wrong_answer(question: dict[str, Any]) -> list[str]:
    wrong = [v for v in question["options"] if v not in question["answer"]]
    return wrong[:1] if wrong else list(question["answer"])[:1]


def answer(page: Page, data: dict[str, Any], key: str, *, right: bool) -> None:
    question = data["questions"][key]
    for value in right_answer(question) if right else wrong_answer(question):
        page.locator(choice(f"vigil-q_{key}", value)).check()


def start(page: Page) -> list[str]:
    page.locator(".vigil-a-start:visible, .vigil-a-again:visible").first.click()
    wait_for_questions(page)
    return drawn_keys(page)


def complete_scenarios(page: Page) -> None:
    page.evaluate(COMPLETE_SCENARIOS, page_data(page))


def test_assessment_page_is_small(sample_site: Path) -> None:
    """The page holds the draw's index only; the questions wait in one bank per scenario.
    The certificate page stays small too."""
    html = (sample_site / ASSESSMENT).read_text(encoding="utf-8")
    assert '<form class="vigil-q"' not in html
    assert len(html.encode()) < 60 * 1024
    assert (sample_site / CERTIFICATE).stat().st_size < 60 * 1024
    banks = sorted((sample_site / "assets" / "vigil" / "bank").glob("*.js"))
    asking = [n for n, data in ticked_only(REPO).items() if yaml.safe_load(data)["questions"]]
    assert len(banks) == len(asking) > 15
    assert sum(parse_bank(b.read_bytes())[1]["html"].count("<form") for b in banks) > 60


# --- pure functions: drawing -------------------------------------------------------------------


@pytest.fixture
def assessment(page: Page, sample_url: str) -> dict[str, Any]:
    page.goto(sample_url + ASSESSMENT)
    return page_data(page)


def draw(page: Page, data: dict[str, Any], seed: int) -> list[dict[str, Any]]:
    return list(page.evaluate("([d, s]) => VigilAssessment.draw(d, s)", [data, seed]))


@pytest.mark.parametrize("per_tactic", [1, 2, 3])
def test_draw_meets_every_quota_without_repeats(
    page: Page, assessment: dict[str, Any], per_tactic: int
) -> None:
    data = {**assessment, "per_tactic": per_tactic}
    banks = {m["id"]: [q["key"] for q in m["questions"]] for m in data["bank"]}
    assert len(banks) == 9
    for seed in range(40):
        items = draw(page, data, seed)
        keys = [i["key"] for i in items]
        assert len(keys) == len(set(keys)), f"seed {seed}: a question repeats"
        per_module: dict[str, int] = {}
        for item in items:
            assert item["key"] in banks[item["module"]]
            per_module[item["module"]] = per_module.get(item["module"], 0) + 1
        assert per_module == {m: min(per_tactic, len(b)) for m, b in banks.items()}


def arrange(page: Page, key: dict[str, Any], items: list[dict[str, Any]], seed: int) -> Any:
    return page.evaluate(
        "([d, i, s]) => { VigilAssessment.arrange(d, i, s); return i; }", [key, items, seed]
    )


def test_options_are_shuffled_per_attempt_unless_pinned(
    page: Page, sample_url: str, assessment: dict[str, Any]
) -> None:
    keys = [q["key"] for m in assessment["bank"] for q in m["questions"]]
    key = answer_key(sample_url, keys)
    for seed in range(20):
        items = arrange(page, key, [{"key": k} for k in keys], seed)
        for item in items:
            question = key["questions"][item["key"]]
            assert sorted(item["options"]) == sorted(question["options"])
            if not question["shuffle"]:
                assert item["options"] == question["options"], "pinned order is kept"
    kept = arrange(page, key, [{"key": keys[0], "options": ["x"]}, {"key": "gone_q1"}], 1)
    assert kept == [{"key": keys[0], "options": ["x"]}, {"key": "gone_q1"}], "only new orders"


def test_draw_is_deterministic_under_a_seed_and_seeds_differ(
    page: Page, sample_url: str, assessment: dict[str, Any]
) -> None:
    assert draw(page, assessment, 12345) == draw(page, assessment, 12345)
    sets = {frozenset(i["key"] for i in draw(page, assessment, seed)) for seed in range(20)}
    assert len(sets) >= 18, "a realistic bank gives a different set for nearly every seed"
    key = answer_key(sample_url, ["gyro-question_q2"])
    assert key["questions"]["gyro-question_q2"]["shuffle"] is True
    item = [{"key": "gyro-question_q2"}]
    assert arrange(page, key, item, 7) == arrange(page, key, item, 7)
    orders = {tuple(arrange(page, key, item, seed)[0]["options"]) for seed in range(40)}
    assert len(orders) > 1, "options are shuffled per attempt"


def test_prng_is_mulberry32(page: Page, assessment: dict[str, Any]) -> None:
    def mulberry32(seed: int) -> Iterator[float]:
        a = seed
        while True:
            a = (a + 0x6D2B79F5) & 0xFFFFFFFF
            t = ((a ^ (a >> 15)) * (a | 1)) & 0xFFFFFFFF
            t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
            yield ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    expected = [next(g) for g in [mulberry32(99)] for _ in range(6)]
    got = page.evaluate(
        "() => { const r = VigilAssessment.mulberry32(99); return [r(), r(), r(), r(), r(), r()]; }"
    )
    assert got == expected


# --- pure functions: grading ----------------------------------------------------------------------

KEY = {
    "s_single": {"type": "single", "answer": ["a"]},
    "s_multiple": {"type": "multiple", "answer": ["a", "b"]},
    "s_action": {"type": "action", "answer": ["a", "b"]},
    "s_pick": {"type": "pick-comments", "answer": ["c1", "c3"]},
    "s_risk": {"type": "risk", "answer": ["high"]},
}


def grade(page: Page, answers: dict[str, list[str]], pass_mark: int = 80, keys: Any = None):
    data = {"questions": KEY, "assessment": {"pass_mark": pass_mark}}
    items = [{"key": k} for k in (keys if keys is not None else KEY)]
    return page.evaluate("([d, i, a]) => VigilAssessment.grade(d, i, a)", [data, items, answers])


RIGHT = {
    "s_single": ["a"],
    "s_multiple": ["b", "a"],
    "s_action": ["b"],
    "s_pick": ["c3", "c1"],
    "s_risk": ["high"],
}


def test_grade_every_question_type(page: Page, assessment: dict[str, Any]) -> None:
    result = grade(page, RIGHT)
    assert result["results"] == dict.fromkeys(KEY, True)
    assert (result["correct"], result["total"], result["percent"], result["passed"]) == (
        5,
        5,
        100,
        True,
    )
    wrong = {
        "s_single": ["b"],
        "s_multiple": ["a"],  # only part of the answer
        "s_action": ["a", "b"],  # one action is asked for
        "s_pick": ["c1", "c2", "c3"],  # one too many
        "s_risk": ["medium"],
    }
    result = grade(page, wrong)
    assert result["results"] == dict.fromkeys(KEY, False)
    assert (result["percent"], result["passed"]) == (0, False)
    result = grade(page, {"s_single": ["a"]})
    assert result["results"]["s_risk"] is False, "unanswered counts as wrong"
    assert result["correct"] == 1


@pytest.mark.parametrize(
    ("right", "total", "percent"),
    [(2, 3, 66), (1, 3, 33), (5, 6, 83), (7, 9, 77), (0, 0, 0), (3, 3, 100)],
)
def test_percent_is_rounded_down(
    page: Page, assessment: dict[str, Any], right: int, total: int, percent: int
) -> None:
    keys = [f"q{n}" for n in range(total)]
    data = {
        "questions": {k: {"type": "single", "answer": ["a"]} for k in keys},
        "assessment": {"pass_mark": 80},
    }
    answers = {k: ["a" if n < right else "b"] for n, k in enumerate(keys)}
    result = page.evaluate(
        "([d, i, a]) => VigilAssessment.grade(d, i, a)",
        [data, [{"key": k} for k in keys], answers],
    )
    assert result["percent"] == percent


def test_passing_needs_the_pass_mark_exactly_or_more(
    page: Page, assessment: dict[str, Any]
) -> None:
    four_of_five = {**RIGHT, "s_risk": ["low"]}
    assert grade(page, four_of_five, pass_mark=80)["passed"] is True
    assert grade(page, four_of_five, pass_mark=81)["passed"] is False
    assert grade(page, four_of_five, pass_mark=0)["passed"] is True
    two_of_three = {"s_single": ["a"], "s_multiple": ["a", "b"], "s_action": ["c"]}
    result = grade(page, two_of_three, pass_mark=67, keys=["s_single", "s_multiple", "s_action"])
    assert (result["percent"], result["passed"]) == (66, False), "66.7% does not reach 67%"


# --- the verification code ----------------------------------------------------------------------

NAMES = [
    "Ada Lovelace",
    "  Ada \t  Lovelace\n",
    "Zoë Ångström-Ó'Brien",
    "王小明",
    "Ann\u00a0Lee\u3000Smith\u2003Jr",
    "a\x1cb\x85c",
    "😀 Emoji Person",
    "x" * 200,
]


@pytest.fixture
def certificate(page: Page, sample_url: str) -> None:
    """The certificate page: its own code (the SHA-256 and the verification code) loaded."""
    page.goto(sample_url + CERTIFICATE)
    page.wait_for_function("() => window.VigilCertificate !== undefined")


def test_js_sha256_matches_python(page: Page, certificate: None) -> None:
    import hashlib

    for text in ["", "abc", "a" * 55, "a" * 56, "a" * 64, "é" * 1000, *NAMES]:
        got = page.evaluate("t => VigilCertificate.sha256(t)", text)
        assert got == hashlib.sha256(text.encode()).hexdigest(), repr(text)


def test_js_verification_code_matches_python(page: Page, certificate: None) -> None:
    for n, name in enumerate(NAMES):
        fields = {
            "course": "comment-sections-watched",
            "title": "Comment Sections Are Watched",
            "version": "0123456789ab",
            "date": f"2025-0{n % 9 + 1}-1{n}",
            "score": 80 + n,
            "name": name,
        }
        got = page.evaluate("f => VigilCertificate.verificationCode(f)", fields)
        expected = verification_code(
            course_id=fields["course"],
            title=fields["title"],
            version=fields["version"],
            date=fields["date"],
            score=fields["score"],
            name=name,
        )
        assert got == expected, repr(name)
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", got)


# --- a learner on the built sample ---------------------------------------------------------------


def test_passing_path_earns_a_printable_certificate(
    page: Page, sample_url: str, sample_site: Path
) -> None:
    errors = errors_of(page)
    page.goto(sample_url + HOME)
    assert (
        page.inner_text(".vigil-card [data-vigil-assessment-status]")
        == "Not started · 3 of 3 attempts left"
    )
    assert page.inner_text(".vigil-card [data-vigil-certificate-status]") == "Not yet earned"
    assert page.locator("[data-vigil-certificate-link]").is_hidden()
    page.goto(sample_url + ASSESSMENT)
    complete_scenarios(page)
    page.reload()
    keys = start(page)
    assert len(keys) == 15, "15 questions by default"
    data = {**page_data(page), **answer_key(sample_url, keys)}
    assert page.locator(".vigil-check:visible").count() == 0, "exam mode: no checking"
    for key in keys:
        answer(page, data, key, right=True)
    assert page.locator(".vigil-fb:visible").count() == 0, "no feedback before submitting"
    page.click(".vigil-a-submit")
    score = page.locator(".vigil-a-score")
    assert (
        score.inner_text() == "Your score: 100% (15 of 15 correct). Passed. The pass mark is 80%."
    )
    assert page.evaluate("document.activeElement.classList.contains('vigil-a-score')")
    assert page.locator("form.vigil-q[data-vigil-answered=correct]:visible").count() == 15
    assert page.locator(".vigil-fb:visible").count() >= 15, "the review shows the feedback"
    assert "certificate is ready" in page.inner_text(".vigil-a-next")
    assert page.locator(".vigil-a-again").is_visible(), "attempts remain: can retry"
    record = stored(page, data["course"])
    assert [a["score"] for a in record["attempts"]] == [100]
    date = record["attempts"][0]["date"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", date)

    page.click(".vigil-a-cert-link a")
    assert page.url.endswith(CERTIFICATE)
    assert page.locator(".vigil-cert-missing").is_hidden()
    page.click(".vigil-cert-form button[type=submit]")
    assert "Enter your name" in page.inner_text(".vigil-cert-error")
    assert page.locator(".vigil-cert").is_hidden()
    page.fill("#vigil-cert-name", "  Ada   Lovelace ")
    page.press("#vigil-cert-name", "Enter")
    cert = page.locator(".vigil-cert")
    assert cert.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('vigil-cert')")
    assert page.inner_text("[data-vigil-cert=name]") == "Ada Lovelace"
    assert page.inner_text("[data-vigil-cert=score]") == "100%"
    year, month, day = map(int, date.split("-"))
    shown = f"{MONTHS[month - 1]} {day}, {year}"  # as the page's language (en) writes it
    assert page.inner_text("[data-vigil-cert=date]") == shown
    course = check_project(sample_site.parent).course  # the course this site was built from
    assert course is not None
    cert_data = page_data(page)
    assert cert_data["version"] == course.version
    assert course.version in cert.inner_text()
    assert course.title in cert.inner_text()
    assert page.inner_text("[data-vigil-cert=code]") == verification_code(
        course_id=course.options.id,
        title=course.title,
        version=course.version,
        date=date,
        score=100,
        name="Ada Lovelace",
    )

    a4 = PdfReader(io.BytesIO(page.pdf(format="A4", landscape=True)))
    assert len(a4.pages) == 1
    text = " ".join(a4.pages[0].extract_text().split())
    assert "Ada Lovelace" in text
    assert "100%" in text
    assert "Show my certificate" not in text, "the name form is not printed"
    assert "What the verification code proves" not in text
    letter = PdfReader(io.BytesIO(page.pdf(format="Letter", landscape=True)))
    assert len(letter.pages) == 1
    width, height = letter.pages[0].mediabox.width, letter.pages[0].mediabox.height
    assert width > height

    page.reload()
    assert page.inner_text("[data-vigil-cert=name]") == "Ada Lovelace", "the name is kept"
    page.goto(sample_url + HOME)
    assert page.locator("[data-vigil-certificate-link]").is_visible()
    assert page.inner_text("[data-vigil-modules-status]") == "9 of 9 modules done"
    assert page.inner_text(".vigil-card [data-vigil-assessment-status]") == (
        "Best score 100%: passed · 2 of 3 attempts left"
    )
    page.goto(sample_url + PROGRESS)
    assert page.inner_text("[data-vigil-assessment-status]") == (
        "Best score 100%: passed · 2 of 3 attempts left"
    )
    assert errors == []


def test_failing_path_reviews_answers_and_a_retry_draws_a_new_set(
    page: Page, sample_url: str
) -> None:
    errors = errors_of(page)
    page.goto(sample_url + ASSESSMENT)
    first = start(page)
    data = {**page_data(page), **answer_key(sample_url, first)}
    for key in first:
        answer(page, data, key, right=False)
    page.click(".vigil-a-submit")
    assert page.inner_text(".vigil-a-score").startswith(
        "Your score: 0% (0 of 15 correct). Not passed."
    )
    assert page.locator("form.vigil-q[data-vigil-answered=incorrect]:visible").count() == 15
    for key in first:
        form = page.locator(f"#vigil-q_{key}")
        inputs = page.locator(choice(f"vigil-q_{key}"))
        assert all(i.is_disabled() for i in inputs.all())
        for value in data["questions"][key]["answer"]:
            item = page.locator(choice(f"vigil-q_{key}", value)).locator("xpath=..")
            assert "is-key" in (item.get_attribute("class") or "")
            assert form.locator(f".vigil-fb[data-vigil-for='{value}']").is_visible()
        assert "Your choice: not correct" in form.inner_text()
    assert page.locator(".vigil-a-cert-link").is_hidden()

    page.goto(sample_url + CERTIFICATE)
    todo = page.locator(".vigil-cert-todo a")
    scenarios = [yaml.safe_load(data) for data in ticked_only(REPO).values()]
    asking = [s for s in scenarios if s["questions"] and not s.get("assessment_only")]
    assert todo.count() == len(asking) + 1, "every module scenario that asks, and the assessment"
    assert todo.last.inner_text() == "Pass the final assessment (pass mark 80%)"
    assert todo.last.get_attribute("href") == "assessment.html"
    assert page.locator(".vigil-cert-form").is_hidden()

    page.goto(sample_url + ASSESSMENT)
    assert page.locator(".vigil-a-score").is_visible(), "the last result stays after a reload"
    page.click(".vigil-a-again")
    wait_for_questions(page)
    second = drawn_keys(page)
    assert len(second) == 15
    assert not set(second) & set(first), "the banks allow a wholly new set"
    assert page.locator("form.vigil-q[data-vigil-answered]").count() == 0
    assert page.locator(".vigil-a-list input:checked").count() == 0
    assert page.locator(".vigil-a-result").is_hidden()
    assert page.locator("legend:visible").first.inner_text() == "Question 1 of 15"
    record = stored(page, data["course"])
    assert len(record["attempts"]) == 1
    assert record["current"]["done"] is False
    assert errors == []


def test_assessment_completed_with_the_keyboard_alone(page: Page, sample_url: str) -> None:
    page.goto(sample_url + ASSESSMENT)
    page.keyboard.press("Tab")
    for _ in range(80):
        if page.evaluate("document.activeElement.classList.contains('vigil-a-start')"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the keyboard never reached the start button")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "vigil-a-questions-title"
    wait_for_questions(page)
    assert page.evaluate("document.activeElement.id") == "vigil-a-questions-title"
    data = answer_key(sample_url, drawn_keys(page))
    for _ in range(600):
        focused = page.evaluate(
            """() => { const e = document.activeElement;
                const form = e.form || (e.closest && e.closest('form[data-vigil-key]'));
                return {key: form ? form.dataset.vigilKey : null, type: e.type || '',
                        value: e.value || '', checked: !!e.checked,
                        submit: e.classList.contains('vigil-a-submit')}; }"""
        )
        if focused["submit"]:
            page.keyboard.press("Enter")
            break
        if focused["key"]:
            wanted = set(right_answer(data["questions"][focused["key"]]))
            choose_focused_by_keyboard(page, wanted)
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the keyboard never reached the Submit button")
    assert page.inner_text(".vigil-a-score").startswith("Your score: 100%")
    assert page.evaluate("document.activeElement.classList.contains('vigil-a-score')")


def test_reload_mid_attempt_keeps_the_set_the_order_and_the_answers(
    page: Page, sample_url: str
) -> None:
    errors = errors_of(page)
    page.goto(sample_url + ASSESSMENT)
    keys = start(page)
    data = answer_key(sample_url, keys)
    orders = {key: option_order(page, key) for key in keys}
    for key in keys[:4]:
        answer(page, data, key, right=True)
    checked = page.eval_on_selector_all(".vigil-a-list input:checked", "els => els.map(e => e.id)")
    assert checked
    page.reload()
    wait_for_questions(page)
    assert drawn_keys(page) == keys
    assert {key: option_order(page, key) for key in keys} == orders
    assert (
        page.eval_on_selector_all(".vigil-a-list input:checked", "els => els.map(e => e.id)")
        == checked
    )
    assert page.locator(".vigil-a-start").is_hidden()
    assert (
        page.inner_text("[data-vigil-assessment-status]")
        == "In progress: 4 of 15 answered · 2 of 3 attempts left"
    )
    page.goto(sample_url + HOME)
    assert page.inner_text(".vigil-card [data-vigil-assessment-status]") == (
        "In progress: 4 of 15 answered · 2 of 3 attempts left"
    )
    page.goto(sample_url + ASSESSMENT)
    wait_for_questions(page)
    assert drawn_keys(page) == keys
    page.click(".vigil-a-submit")
    confirm = page.locator(".vigil-a-confirm")
    assert confirm.is_visible()
    assert "11 of 15 questions have no answer yet" in confirm.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Keep answering"
    page.keyboard.press("Enter")
    assert confirm.is_hidden()
    focused = "(document.activeElement.form || document.activeElement.closest('form'))"
    assert page.evaluate(f"{focused}.dataset.vigilKey") == keys[4]
    page.click(".vigil-a-submit")
    page.click(".vigil-a-confirm-yes")
    assert page.inner_text(".vigil-a-score").startswith("Your score: 26% (4 of 15 correct).")
    assert (
        page.locator("form.vigil-q:visible .vigil-result", has_text="Not answered.").count() == 11
    )
    assert errors == []


def test_corrupt_record_is_dropped_and_reset_erases_attempts(page: Page, sample_url: str) -> None:
    errors = errors_of(page)
    page.goto(sample_url + HOME)
    course = page_data(page)["course"]
    page.evaluate("c => localStorage.setItem(`vigil:v1:${c}:@assessment`, '}{')", course)
    page.goto(sample_url + PROGRESS)
    assert page.inner_text("[data-vigil-assessment-status]") == "Not started · 3 of 3 attempts left"
    assert page.inner_text("[data-vigil-status=gyro-question]") == "Not started"
    page.goto(sample_url + ASSESSMENT)
    start(page)
    assert stored(page, course)["current"]["done"] is False
    page.goto(sample_url + PROGRESS)
    assert page.inner_text("[data-vigil-assessment-status]").startswith("In progress")
    page.click(".vigil-reset")
    page.click(".vigil-reset-yes")
    assert stored(page, course) is None
    assert page.inner_text("[data-vigil-assessment-status]") == "Not started · 3 of 3 attempts left"
    assert errors == []


# --- a variant course: one attempt, feedback per question, instant navigation ------------------


@pytest.fixture(scope="module")
def strict_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    def one_attempt(text: str) -> str:
        edited = text.replace(
            "    pass_mark: 80",
            "    pass_mark: 80\n    assessment:\n      attempts: 1\n      per_tactic: 2\n"
            "      exam_mode: false",
        )
        assert "attempts: 1" in edited
        return edited

    scenarios = tmp_path_factory.mktemp("ticked-scenarios")
    for name, data in ticked_only(REPO).items():
        (scenarios / name).write_bytes(data)
    with serve_instant_variant(tmp_path_factory.mktemp("strict"), one_attempt, scenarios) as url:
        yield url


def test_one_attempt_with_feedback_per_question_then_no_more(page: Page, strict_site: str) -> None:
    errors = errors_of(page)
    page.goto(strict_site + HOME)
    assert page.inner_text(".vigil-card [data-vigil-assessment-status]") == (
        "Not started · 1 of 1 attempts left"
    )
    page.evaluate("window.__sameDocument = true")
    page.locator("a[href$='assessment.html']").first.click()
    page.wait_for_selector(".vigil-assessment[data-vigil-ready]")
    assert page.evaluate("window.__sameDocument") is True, "instant navigation was used"
    data = page_data(page)
    assert "You have 1 attempt." in page.inner_text(".vigil-a-rules")
    keys = start(page)
    assert len(keys) == 18, "two per module"
    data.update(answer_key(strict_site, keys))
    first = page.locator(f"#vigil-q_{keys[0]}")
    assert first.locator(".vigil-check").is_visible()
    answer(page, data, keys[0], right=False)
    first.locator(".vigil-check").click()
    assert first.locator(".vigil-result").inner_text() == "Not quite."
    assert first.locator(".vigil-fb:visible").count() >= 1
    assert page.evaluate("document.activeElement.classList.contains('vigil-result')")
    page.click(".vigil-a-submit")
    page.click(".vigil-a-confirm-yes")
    assert "Not passed" in page.inner_text(".vigil-a-score")
    assert "You have used all 1 attempts without passing" in page.inner_text(".vigil-a-next")
    assert page.locator(".vigil-a-again").is_hidden()

    page.reload()
    assert page.locator(".vigil-a-start").is_hidden()
    assert page.locator(".vigil-a-again").is_hidden()
    assert page.inner_text("[data-vigil-assessment-status]") == (
        "Best score 0%: not passed (pass mark 80%) · no attempts left"
    )
    page.evaluate("VigilAssessment && document.querySelector('.vigil-a-again').click()")
    assert len(stored(page, data["course"])["attempts"]) == 1, "a hidden button does nothing"
    page.goto(strict_site + CERTIFICATE)
    assert page.locator(".vigil-cert-todo a").last.inner_text() == (
        "The final assessment: all 1 attempts used without passing"
    )
    page.evaluate(
        "c => localStorage.setItem(`vigil:v1:${c}:@assessment`, JSON.stringify("
        "{v: 1, attempts: [{seed: 1, t: 1, date: '2025-01-02', score: 0, passed: false}],"
        " current: null}))",
        data["course"],
    )
    page.goto(strict_site + ASSESSMENT)
    blocked = page.locator(".vigil-a-blocked")
    assert blocked.is_visible()
    assert "no new attempt can be started" in blocked.inner_text()
    assert page.locator(".vigil-a-start").is_hidden()
    assert errors == []


def test_stale_record_from_another_course_version_is_not_fatal(
    page: Page, strict_site: str
) -> None:
    errors = errors_of(page)
    page.goto(strict_site + ASSESSMENT)
    course = page_data(page)["course"]
    stale = {
        "v": 1,
        "attempts": [],
        "current": {
            "seed": 1,
            "t": 1,
            "done": False,
            "items": [{"key": "gone_q1", "options": ["a", "b"]}],
            "answers": {},
            "checked": {},
        },
    }
    page.evaluate(
        "([c, r]) => localStorage.setItem(`vigil:v1:${c}:@assessment`, JSON.stringify(r))",
        [course, stale],
    )
    page.reload()
    assert page.locator(".vigil-a-start").is_visible(), "a set that no longer exists is dropped"
    assert page.locator("form.vigil-q:visible").count() == 0
    assert errors == []


# --- question banks load on demand --------------------------------------------------------------


@pytest.fixture
def site_copy(sample_site: Path, tmp_path: Path) -> Path:
    """A copy of the built sample that a test may damage."""
    return Path(shutil.copytree(sample_site, tmp_path / "site"))


def test_a_missing_bank_shows_a_message_and_a_retry_from_file(page: Page, site_copy: Path) -> None:
    """From file:// (a USB stick): a bank that fails to load is said so, never a broken page;
    the attempt survives a reload, and Try again loads it once it is back."""
    bank = site_copy / "assets" / "vigil" / "bank" / "gyro-question.js"
    saved = bank.read_bytes()
    bank.unlink()
    errors = errors_of(page)
    page.goto((site_copy / ASSESSMENT).as_uri())
    data = page_data(page)
    seed = next(
        s
        for s in range(1000)
        if any(i["key"].startswith("gyro-question_") for i in draw(page, data, s))
    )
    page.add_init_script(f"crypto.getRandomValues = a => {{ a[0] = {seed}; return a; }};")
    page.reload()
    keys = start(page)
    failed = page.locator(".vigil-a-failed")
    assert failed.is_visible()
    assert "could not be loaded" in page.inner_text(".vigil-a-failed-text[role=alert]")
    assert page.locator(".vigil-a-retry").is_visible()
    assert page.locator(".vigil-a-submit").is_hidden(), "no grading without the answer key"
    assert page.locator(".vigil-a-loading").is_hidden()
    assert 0 < len(keys) < 15, "the questions whose banks loaded are shown"
    assert not [k for k in keys if k.startswith("gyro-question_")]

    page.reload()
    wait_for_questions(page)
    assert failed.is_visible(), "a reload mid-attempt says so again"
    assert (
        page.inner_text("[data-vigil-assessment-status]")
        == "In progress: 0 of 15 answered · 2 of 3 attempts left"
    )
    assert stored(page, data["course"])["current"]["done"] is False

    bank.write_bytes(saved)
    page.click(".vigil-a-retry")
    assert page.evaluate("document.activeElement.id") == "vigil-a-questions-title"
    wait_for_questions(page)
    assert failed.is_hidden()
    keys = drawn_keys(page)
    assert len(keys) == 15
    assert [k for k in keys if k.startswith("gyro-question_")]
    assert page.locator(".vigil-a-submit").is_visible()
    record = stored(page, data["course"])["current"]
    assert all(item["options"] for item in record["items"]), "every option order is kept"
    assert errors == []


def test_the_assessment_runs_inside_an_iframe(page: Page, site_copy: Path) -> None:
    """As in an LMS: the page is framed, and loads its banks relative to itself."""
    (site_copy / "lms.html").write_text(
        '<!doctype html><title>LMS</title><iframe title="Course" src="course/assessment.html"'
        ' style="width:1000px;height:900px"></iframe>',
        encoding="utf-8",
    )
    errors = errors_of(page)
    with serve_folder(site_copy) as url:
        page.goto(url + "lms.html")
        frame = page.frame_locator("iframe")
        frame.locator(".vigil-a-start").click()
        frame.locator(".vigil-a-list[aria-busy=false]").wait_for(state="attached")
        assert frame.locator("form.vigil-q[data-vigil-key]:visible").count() == 15
        assert frame.locator(".vigil-a-failed").is_hidden()
    assert errors == []
