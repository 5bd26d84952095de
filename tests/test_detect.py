"""The one detector: its Python API on shared fixtures, the regex subset both dialects
read alike, and the browser's copy (draft-reply's script) giving the same detections in
Chromium on the same fixtures."""

from __future__ import annotations

import itertools
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from vigil.detect import CATEGORIES, Detection, Terms, browser_data, find, name_variants
from vigil.detect.patterns import PATTERNS, UNITS

# Shared with the browser test below: English (and a little of everything), then Chinese.
FIXTURES = [
    case
    for name in ("detect_fixtures.json", "detect_fixtures_zh.json")
    for case in json.loads((Path(__file__).parent / name).read_text("utf-8"))
]
IDS = [case["text"][:40] for case in FIXTURES]


def terms(case: dict[str, Any]) -> Terms:
    return Terms(**{key: tuple(words) for key, words in case["terms"].items()})


@pytest.mark.parametrize("case", FIXTURES, ids=IDS)
def test_python_finds_the_fixtures_detections(case: dict[str, Any]) -> None:
    found = find(case["text"], terms(case))
    assert [[case["text"][d.start : d.end], d.category] for d in found] == case["found"]


def test_the_fixtures_cover_every_category() -> None:
    seen = {category for case in FIXTURES for _, category in case["found"]}
    assert seen == set(CATEGORIES)


def test_detections_are_ordered_and_never_overlap() -> None:
    text = "Hall 3 on 12 May: 40 kg, KX-7 from Wei at 14:00, hall3 and Hall 3."
    found = find(text, Terms(names=("Wei",), places=("Hall 3",), probe=("hall*",)))
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert found[0] == Detection(0, 6, "place")
    assert find(text) != found, "terms add to the patterns"


def test_terms_fold_ascii_case_only_and_keep_positions() -> None:
    text = "İstanbul ISTANBUL istanbul"  # a non-ASCII capital does not shift positions
    found = find(text, Terms(places=("Istanbul",)))
    assert [text[d.start : d.end] for d in found] == ["ISTANBUL", "istanbul"]


def test_name_variants_drop_titles_and_short_words() -> None:
    assert name_variants("Dr. Anna Berg") == ["Dr. Anna Berg", "Anna", "Berg"]
    assert name_variants("Wei L.") == ["Wei L.", "Wei"]
    assert name_variants("orbit_nerd_88") == ["orbit_nerd_88"]


def test_browser_data_carries_every_pattern_and_the_expanded_terms() -> None:
    data = browser_data(Terms(names=("Wei L.",), probe=("gyro*",)))
    assert data["patterns"] == [[p.category, p.source, p.flags] for p in PATTERNS]
    assert ["name", ["Wei L.", "Wei"]] in data["terms"]
    assert [category for category, _ in data["terms"]] == ["term", "name", "place", "probe"]
    json.dumps(data)  # plain JSON, as the page carries it


# What only one of the two dialects reads, or reads differently: Unicode-aware \s and
# \S, look-behind and Python's named groups, inline flags, atomic groups, possessive
# quantifiers, \A \Z \z and property escapes.
NOT_SHARED = re.compile(r"\\[sSAZzpP]|\(\?<|\(\?P|\(\?[aiLmsux]|\(\?>|[*+?}]\+|\(\?#")


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.category for p in PATTERNS])
def test_patterns_keep_to_the_common_subset(pattern: Any) -> None:
    assert not NOT_SHARED.search(pattern.source), pattern.source
    assert pattern.flags in ("", "i")
    if pattern.flags:
        # JavaScript without the u flag folds case as Python's re.ASCII only for ASCII.
        assert all(c.isascii() for c in pattern.source if c.isalpha())
    assert pattern.regex.search("") is None, "a pattern that matches nothing loops in JS"
    assert pattern.category in CATEGORIES


def test_units_need_no_escaping() -> None:
    assert all(re.fullmatch(r"[^\\.^$*+?{}\[\]|()\s-]+", unit) for unit in UNITS)
    assert len(set(UNITS)) == len(UNITS)


@pytest.mark.browser
def test_the_browser_finds_the_same_detections(browser: Any) -> None:
    """draft-reply's script run alone (defineKind stubbed) on every fixture."""
    script = (files("vigil.questions") / "draft_reply.js").read_text("utf-8")
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content("<!doctype html><title>detect</title>")
    page.add_script_tag(content="function defineKind() {}\n" + script)
    cases = [{"text": c["text"], "data": browser_data(terms(c))} for c in FIXTURES]
    found = page.evaluate(
        """cases => cases.map(c => draftFind(c.text, c.data).map(
            d => [c.text.slice(d[0], d[1]), d[3]]))""",
        cases,
    )
    context.close()
    assert errors == []
    for case, in_browser in zip(FIXTURES, found, strict=True):
        assert in_browser == case["found"], case["text"]


@pytest.mark.browser
def test_the_browser_agrees_on_every_sample_comment(browser: Any) -> None:
    """Beyond the fixtures: each sample thread's texts, with that scenario's terms."""
    from vigil import pipeline
    from vigil.course import walk_comments
    from vigil.detect import terms_of

    course = pipeline.check(Path(__file__).parent.parent).course
    assert course is not None
    cases = []
    for scenario in course.scenarios:
        data = browser_data(terms_of(scenario))
        texts = [c.text for c in walk_comments(scenario.thread)] + [scenario.setting]
        cases += [{"text": t, "data": data, "terms": terms_of(scenario)} for t in texts]
    script = (files("vigil.questions") / "draft_reply.js").read_text("utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>detect</title>")
    page.add_script_tag(content="function defineKind() {}\n" + script)
    in_browser = page.evaluate(
        """cases => cases.map(c => draftFind(c.text, c.data).map(
            d => [c.text.slice(d[0], d[1]), d[3]]))""",
        [{"text": c["text"], "data": c["data"]} for c in cases],
    )
    context.close()
    assert sum(map(len, in_browser)) > 100, "the sample gives the detectors work"
    for case, found in zip(cases, in_browser, strict=True):
        expected = [
            [case["text"][d.start : d.end], d.category] for d in find(case["text"], case["terms"])
        ]
        assert found == expected, case["text"]
