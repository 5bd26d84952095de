"""The quiz engine as vigil.browser.bundle joins it: its parts, its syntax, its kinds."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest

from conftest import inline_engine
from vigil import pipeline
from vigil.browser.bundle import (
    CORE_SCRIPTS,
    EPILOGUE,
    PROLOGUE,
    START_SCRIPT,
    STYLES,
    code_script,
    engine_script,
    engine_style,
)
from vigil.targets.web import SITE

STORAGE = "storage-local.js"
KIND_SCRIPTS = Path(__file__).parent.parent / "src" / "vigil" / "questions"
BUILTIN_KINDS = ("single", "multiple", "action", "pick-comments", "risk")


def builtin_kinds() -> list[tuple[str, str]]:
    return [
        (name, (KIND_SCRIPTS / f"{name.replace('-', '_')}.js").read_text(encoding="utf-8"))
        for name in BUILTIN_KINDS
    ]


def part(name: str) -> str:
    return files("vigil.browser").joinpath(name).read_text(encoding="utf-8")


def test_script_holds_every_part_once_in_order() -> None:
    script = engine_script(STORAGE).decode("utf-8")
    assert script.startswith(PROLOGUE)
    assert script.endswith(EPILOGUE)
    shared = "// --- shared with code loaded on demand ---\n"
    expected = [
        *((f"// --- {name} ---\n", part(name)) for name in CORE_SCRIPTS),
        (f"// --- {STORAGE} ---\n", part(STORAGE)),
        (shared, script[script.index(shared) + len(shared) : script.index("// --- start.js")]),
        (f"// --- {START_SCRIPT} ---\n", part(START_SCRIPT)),
    ]
    at = len(PROLOGUE)
    for label, text in expected:
        assert script.count(label) == 1, label
        assert script.count(text) == 1, label
        assert script.index(label) == at, f"{label.strip()} is out of order"
        assert script.index(text) == at + len(label)
        at += len(label) + len(text)
    assert at + len(EPILOGUE) == len(script), "nothing else is in the bundle"


def test_a_kinds_script_gets_the_engine_names_it_uses_and_no_others() -> None:
    source = 'defineKind("b", { read: function (form) { return each(form, fill); } });'
    script = code_script("kind-b", source, STORAGE).decode("utf-8")
    head = re.search(r"var ([^;]*);", script)
    assert head is not None
    assert sorted(head.group(1).split(", ")) == [
        "defineKind = engine.defineKind",
        "each = engine.each",
        "fill = engine.fill",
    ]
    assert script.startswith("/* Vigil: kind-b,")
    assert 'window.VigilCode("kind-b", function (engine) {' in script
    assert source + "\n});\n" in script, "the source is kept whole, and ends its line"


def test_the_engine_itself_never_names_a_kind() -> None:
    """Kinds are plugged in: without them, the engine has no question type in it."""
    script = engine_script(STORAGE).decode("utf-8")
    for name in BUILTIN_KINDS:
        assert f'"{name}"' not in script, name
    assert ".type ===" not in script


@pytest.mark.parametrize("storage", ["storage-missing.js", "../questions/single.js", ""])
def test_an_unknown_storage_backend_is_refused(storage: str) -> None:
    with pytest.raises(ValueError, match=r"vigil\.browser"):
        engine_script(storage)


def test_a_kind_name_must_be_one_line() -> None:
    with pytest.raises(ValueError, match="one line"):
        code_script("x\ny", "", STORAGE)


def test_the_script_parses(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = tmp_path / "engine.js"
    script.write_bytes(inline_engine(builtin_kinds()))
    result = subprocess.run([node, "--check", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_style_holds_every_file_once_in_cascade_order() -> None:
    style = engine_style().decode("utf-8")
    at = 0
    for name in STYLES:
        label = f"/* --- {name} --- */\n"
        assert style.count(label) == 1, name
        assert style.index(label) == at, f"{name} is out of order"
        text = part(name)
        assert style.index(text) == at + len(label)
        at += len(label) + len(text)
    assert at == len(style)
    assert style.count("{") == style.count("}")


def test_the_most_a_page_loads_stays_small() -> None:
    """Every page loads the engine and styles; the assessment page may load every kind's
    script, and the certificate and notebook pages their own code."""

    def gzipped(files: dict[str, bytes]) -> int:
        return sum(len(gzip.compress(data, 6)) for data in files.values())

    engine = pipeline.assets(SITE)
    assert any(path.endswith(".css") for path in engine)
    code = pipeline.code(SITE)
    kinds = {path: data for path, data in code.items() if "/kind-" in path}
    pages = {path: data for path, data in code.items() if "/page-" in path}
    assert len(kinds) + len(pages) == len(code)
    assert len(pages) == 2
    loads = [kinds, *({path: data} for path, data in pages.items())]
    assert max(gzipped(engine) + gzipped(extra) for extra in loads) <= 25 * 1024


def test_what_ships_is_minified_and_still_parses(tmp_path: Path) -> None:
    node = shutil.which("node")
    shipped = {**pipeline.assets(SITE), **pipeline.code(SITE)}
    for path, data in shipped.items():
        assert b"/*" not in data, f"{path} still has comments"
        if node and path.endswith(".js"):
            (tmp_path / "x.js").write_bytes(data)
            run = subprocess.run([node, "--check", tmp_path / "x.js"], capture_output=True)
            assert run.returncode == 0, (path, run.stderr)


# --- a kind's behaviour, in chromium --------------------------------------------------------

TOY_KIND = """/* toy: right exactly when the learner picks a value outside the key. */
defineKind("toy", {
  grade: function (key, answer) {
    return answer.length === 1 && key.indexOf(answer[0]) < 0;
  },
  verdict: function (key, value, picked) {
    return picked ? "toy:" + value : "";
  }
});
"""

UI = {
    "choose": "Choose.",
    "correct": "Correct.",
    "incorrect": "Not quite.",
    "right": "right",
    "wrong": "wrong",
    "missed": "missed",
    "alsoOk": "also ok",
    "revealed": "{correct} of {total}",
}


def question(qid: str) -> str:
    options = "".join(
        f'<li><input type="radio" name="{qid}" id="{qid}-{v}" value="{v}">'
        f' <label for="{qid}-{v}">{v}</label> <span class="vigil-verdict"></span></li>'
        for v in ("a", "b")
    )
    feedback = "".join(
        f'<li class="vigil-fb" data-vigil-for="{v}" hidden><p class="vigil-fb-head">'
        f'<span class="vigil-fb-verdict"></span> {v}</p></li>'
        for v in ("a", "b")
    )
    return (
        f'<form class="vigil-q" id="{qid}" data-vigil-question="{qid}" novalidate>'
        f'<fieldset><legend>{qid}</legend><ul class="vigil-plain vigil-options">{options}</ul>'
        '</fieldset><button type="submit" class="vigil-check">Check</button>'
        '<div class="vigil-feedback"><p class="vigil-result" tabindex="-1"></p>'
        f'<ul class="vigil-plain vigil-fbs">{feedback}</ul></div></form>'
    )


@pytest.fixture
def toy_page(tmp_path: Path) -> str:
    """A scenario page of two questions, one of the toy kind and one of the built-in single."""
    data = {
        "course": "c",
        "scenario": "s",
        "ui": UI,
        "questions": {
            "toy": {"type": "toy", "answer": ["a"]},
            "plain": {"type": "single", "answer": ["a"]},
        },
    }
    body = (
        '<div class="vigil vigil-scenario" data-vigil-page="scenario" data-vigil-course="c"'
        f' data-vigil-scenario="s">{question("toy")}{question("plain")}'
        f'<template class="vigil-data">{json.dumps(data)}</template></div>'
    )
    (tmp_path / "engine.js").write_bytes(inline_engine([*builtin_kinds(), ("toy", TOY_KIND)]))
    (tmp_path / "engine.css").write_bytes(engine_style())
    page = tmp_path / "toy.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Toy</title>'
        '<link rel="stylesheet" href="engine.css"></head><body><main class="md-typeset">'
        f'{body}</main><script src="engine.js"></script></body></html>',
        encoding="utf-8",
    )
    return page.as_uri()


@pytest.mark.browser
def test_a_kind_grades_its_questions_on_the_page(page, toy_page: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(toy_page)
    page.check("#toy-b")
    page.click("#toy .vigil-check")
    assert page.inner_text("#toy .vigil-result") == "Correct.", "the toy's grade is used"
    assert page.inner_text("#toy li:has(#toy-b) .vigil-verdict") == "toy:b", "and its verdict"
    assert page.is_disabled("#toy-a"), "the default show locks the form"
    page.check("#plain-b")
    page.click("#plain .vigil-check")
    assert page.inner_text("#plain .vigil-result") == "Not quite.", "single keeps the default"
    assert page.inner_text("#plain li:has(#plain-a) .vigil-verdict") == "missed"
    records = page.evaluate(
        "() => ['toy', 'plain'].map(q => JSON.parse(localStorage.getItem('vigil:v1:c:s:' + q)))"
    )
    assert [r["correct"] for r in records] == [True, False]
    page.reload()
    assert page.inner_text("#toy .vigil-result") == "Correct.", "restored through the kind"
    assert page.is_checked("#toy-b")
    grade = page.evaluate(
        """() => VigilAssessment.grade(
            {questions: {t: {type: "toy", answer: ["a"]}, s: {type: "single", answer: ["a"]}},
             assessment: {pass_mark: 50}},
            [{key: "t"}, {key: "s"}], {t: ["b"], s: ["b"]})"""
    )
    assert grade["results"] == {"t": True, "s": False}, "the assessment grades by kind too"
    assert (grade["percent"], grade["passed"]) == (50, True)
    assert errors == []


@pytest.mark.browser
def test_an_unknown_kind_behaves_as_the_defaults(page) -> None:
    page.set_content("<!doctype html><title>No kinds</title>")
    page.add_script_tag(content=engine_script(STORAGE).decode("utf-8"))
    grade = page.evaluate(
        """() => VigilAssessment.grade(
            {questions: {m: {type: "nobody-knows", answer: ["a", "b"]}},
             assessment: {pass_mark: 100}},
            [{key: "m"}], {m: ["b", "a"]})"""
    )
    assert grade["results"] == {"m": True}


def test_no_english_is_hard_coded_in_what_learners_see() -> None:
    """Visible text is set from data.ui: textContent is given ui strings or fill() of them."""
    script = inline_engine(builtin_kinds()).decode("utf-8")
    literals = re.findall(r"textContent = [\"']([^\"']+)[\"']", script)
    assert literals == []
