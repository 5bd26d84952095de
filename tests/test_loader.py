"""The safe loader: limits, encodings and YAML traps are problems, never exceptions."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from vigil.format.loader import MAX_ALIAS_VALUES, load_file, load_text


def codes(path: Path) -> list[tuple[int, int, str]]:
    doc, problems = load_file(path, path.name)
    assert doc is None
    return [(p.line, p.col, p.code) for p in problems]


def alias_bomb(levels: int = 9) -> str:
    text = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for i in range(1, levels):
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n"
    return text


def test_alias_bomb_is_rejected_quickly_and_cheaply(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    tracemalloc.start()  # this call's own memory, not the test process's peak so far
    start = time.perf_counter()
    result = codes(path)
    elapsed = time.perf_counter() - start
    peak_mb = tracemalloc.get_traced_memory()[1] / 1024**2
    tracemalloc.stop()
    assert [code for _, _, code in result] == ["alias-bomb"]
    assert elapsed < 1.0
    assert peak_mb < 200


def test_recursive_alias_is_rejected() -> None:
    doc, problems = load_text("a: &x [*x]\n", "r.yaml")
    assert doc is None
    assert [p.code for p in problems] == ["too-deep"]


def test_huge_file_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # a sparse 50 MiB file
    start = time.perf_counter()
    assert codes(path) == [(1, 1, "file-too-large")]
    assert time.perf_counter() - start < 1.0


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("id: x\n", encoding="utf-8")
    doc, problems = load_file(path, "s.yaml", max_bytes=3)
    assert doc is None
    assert [p.code for p in problems] == ["file-too-large"]


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert codes(path) == [(1, 1, "binary-file")]


def test_non_utf8_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\ntitle: caf\u00e9\n".encode("latin-1"))
    assert codes(path) == [(2, 11, "not-utf8")]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("id: x\n".encode("utf-8-sig"))
    doc, problems = load_file(path, "bom.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data == {"id": "x"}


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    path.write_text("\n\n", encoding="utf-8")
    assert codes(path) == [(1, 1, "empty-file")]


def test_multiple_documents_are_a_syntax_problem() -> None:
    doc, problems = load_text("a: 1\n---\nb: 2\n", "m.yaml")
    assert doc is None
    assert [(p.line, p.code) for p in problems] == [(2, "yaml-syntax")]


def test_python_tags_are_refused_in_scenarios() -> None:
    doc, problems = load_text("a: !!python/object:os.system ls\n", "t.yaml")
    assert doc is None
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 4, "yaml-tag")]


def test_mkdocs_tags_are_kept_as_text_when_asked() -> None:
    doc, problems = load_text("a: !ENV HOME\n", "mkdocs.yml", keep_unknown_tags=True)
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": "HOME"}


@pytest.mark.parametrize(
    ("src", "kind"),
    [
        ("no", "boolean"),
        ("on", "boolean"),
        ("0777", "number"),
        ("12:30", "number"),
        ("2024-05-01", "date"),
        ("~", "null"),
    ],
)
def test_yaml11_plain_scalars_are_remembered(src: str, kind: str) -> None:
    doc, _ = load_text(f"text: {src}\nquoted: '{src}'\n", "p.yaml")
    assert doc is not None
    assert doc.plain == {("text",): (src, kind)}
    assert doc.data["quoted"] == src


def test_positions_are_one_based_for_values_and_keys() -> None:
    doc, _ = load_text("id: x\nthread:\n  - id: c1\n    text: hi\n", "p.yaml")
    assert doc is not None
    assert doc.position(("thread", 0, "text")).line == 4
    assert doc.position(("thread", 0, "text")).col == 11
    assert doc.position(("thread", 0, "text"), key=True).col == 5
    # a missing key points at its nearest ancestor
    assert doc.position(("thread", 0, "missing")).line == 3


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("id: x\n\x1b: 1\n", 2, 1),
        ('id: "caf\u00e9 \x07"\n', 1, 11),  # a column in characters, not bytes
        ("a: \u00e9\u00e9\r\nb: c\x85d: \x1b\n", 3, 4),
    ],
)
def test_a_refused_character_is_placed_and_named(text: str, line: int, col: int) -> None:
    doc, problems = load_text(text, "c.yaml")
    assert doc is None
    assert [(p.line, p.col, p.code) for p in problems] == [(line, col, "yaml-syntax")]
    assert problems[0].message.startswith("invalid YAML: unacceptable character #x00")
    assert "\n" not in problems[0].message


def test_scalars_keep_their_source_text_and_quoting() -> None:
    doc, _ = load_text("a: 80%\nb: '12'\nc: [x]\n", "s.yaml")
    assert doc is not None
    assert doc.scalar(("a",)) == ("80%", "")
    assert doc.scalar(("b",)) == ("12", "'")
    assert doc.scalar(("c",)) is None
    assert doc.scalar(("missing",)) is None


def flat_thread(comments: int = 10_000) -> str:
    lines = ["id: flat", "title: A long thread", "thread:"]
    for i in range(comments):
        lines += [f"  - id: c{i}", "    by: pat", "    text: A short comment about the memo."]
    return "\n".join(lines) + "\n"


def test_a_long_thread_without_aliases_is_no_alias_bomb() -> None:
    text = flat_thread()
    assert len(text) > 500_000
    doc, problems = load_text(text, "flat.yaml")
    assert problems == []
    assert doc is not None
    assert len(doc.data["thread"]) == 10_000


def test_a_deep_alias_bomb_is_refused_without_expanding() -> None:
    start = time.perf_counter()
    doc, problems = load_text(alias_bomb(levels=40), "bomb.yaml")  # 9**40 values
    assert time.perf_counter() - start < 0.5
    assert doc is None
    assert [p.code for p in problems] == ["alias-bomb"]
    assert problems[0].line > 1


def test_aliases_may_add_values_up_to_the_limit() -> None:
    item = "[" + ", ".join(["x"] * 99) + "]"  # 100 values with the list
    uses = MAX_ALIAS_VALUES // 100

    def text(aliases: int) -> str:
        return f"base: &b {item}\nuses: [" + ", ".join(["*b"] * aliases) + "]\n"

    doc, problems = load_text(text(uses), "a.yaml")
    assert problems == []
    assert doc is not None
    assert len(doc.data["uses"]) == uses
    doc, problems = load_text(text(uses + 1), "a.yaml")
    assert doc is None
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 7, "alias-bomb")]  # the anchor


def test_nesting_too_deep_for_the_c_parser_is_refused_not_a_crash() -> None:
    # 100,000 levels overflowed the C composer's stack: a segmentation fault, so the check
    # runs in a child process, which a crash cannot take the test run down with.
    code = (
        "from vigil.format.loader import load_text\n"
        "for text in ('[' * 100_000 + ']' * 100_000, '- ' * 200_000 + 'x'):\n"
        "    doc, problems = load_text(text, 'deep.yaml')\n"
        "    print(doc, [(p.line, p.col, p.code) for p in problems])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    # Each is refused: by the loader's own depth check, or by a PyYAML whose parser stops
    # deep nesting itself (PyYAML 6.0.4 does, at 1,000 levels of flow brackets).
    refused = {
        "None [(1, 52, 'too-deep')]",
        "None [(1, 1001, 'yaml-syntax')]",
        "None [(1, 103, 'too-deep')]",
    }
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert set(lines) <= refused


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("personas: !!python/object:os.system\n  x: {name: a}\n", 1, 11),  # a mapping
        ("a: !Evil [1, 2]\n", 1, 4),  # a list
        ("!Evil {a: 1}\n", 1, 1),  # the document
        ("? !Evil k\n: v\n", 1, 3),  # a key
        ("a:\n  !Evil k: v\n", 2, 3),  # a key, written plainly
        ("a: !Evil x\n", 1, 4),  # a value
        ("a: !!set {x}\n", 1, 4),  # YAML's own tags that are not plain data
        ("a: !!omap [{x: 1}]\n", 1, 4),
        ("a: !!str [1]\n", 1, 4),  # a scalar's tag on a list
        ("a: !!map x\n", 1, 4),
    ],
)
def test_every_unknown_tag_is_refused_where_it_is(text: str, line: int, col: int) -> None:
    doc, problems = load_text(text, "t.yaml")
    assert doc is None
    assert [(p.line, p.col, p.code) for p in problems] == [(line, col, "yaml-tag")]


def test_binary_is_not_text() -> None:
    for keep in (False, True):
        doc, problems = load_text("a: !!binary aGVsbG8=\n", "b.yaml", keep_unknown_tags=keep)
        assert doc is None
        assert [(p.line, p.col, p.code) for p in problems] == [(1, 4, "yaml-tag")]
        assert "binary" in problems[0].message


def test_all_tags_are_reported_at_once_each_written_node_once() -> None:
    text = (
        "a: !One {x: 1}\nb: &shared !Two [1]\nc: *shared\nd: [*shared, !!binary eA==]\n<<: {x: 1}\n"
    )
    doc, problems = load_text(text, "t.yaml")
    assert doc is None
    assert [(p.line, p.col, p.code) for p in problems] == [
        (1, 4, "yaml-tag"),
        (2, 4, "yaml-tag"),
        (4, 14, "yaml-tag"),
        (5, 1, "merge-key"),
    ]


def test_mkdocs_tags_are_kept_on_lists_too() -> None:
    text = "a: !ENV [HOME, x]\nb: !!python/name:pkg.mod.fn\nc: !relative $config_dir\n"
    doc, problems = load_text(text, "mkdocs.yml", keep_unknown_tags=True)
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": ["HOME", "x"], "b": "", "c": "$config_dir"}


@pytest.mark.parametrize("src", ["2024-13-45", "0x_", "1" * 5000, "0b_", "1_2:3_4"])
def test_a_plain_value_yaml_cannot_read_as_it_looks_is_its_text(src: str) -> None:
    doc, problems = load_text(f"a: {src}\n", "p.yaml")  # a traceback before
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": src}


@pytest.mark.parametrize("src", ["!!int abc", "!!float x", "!!bool maybe", "!!timestamp x"])
def test_a_tagged_value_that_is_not_of_its_tag_is_refused(src: str) -> None:
    doc, problems = load_text(f"a: {src}\n", "p.yaml")
    assert doc is None
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 4, "yaml-tag")]


@pytest.mark.parametrize("src", ["<<", "="])
def test_yaml_11_merge_and_value_signs_are_text_as_values(src: str) -> None:
    doc, problems = load_text(f"a: {src}\n", "p.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": src}
