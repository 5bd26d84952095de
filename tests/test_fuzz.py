"""Property-based fuzzing of the loader and the whole checker with mutated sample scenarios.

Byte mutations (flips, inserted bytes, cuts, splices, truncation) and structural ones (keys
dropped, duplicated or renamed, values of another type, tags, anchors and aliases, control
characters, deep nesting) of scenarios/*.yaml go through `load_bytes` and `pipeline.check`
of a real project. No exception may escape, every problem must point at a line and column
of the file (both at least 1), and each example must finish quickly. The run is bounded and
derandomized (the same examples on every run, no example database), so CI is reproducible
and stays well under a minute.
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import os
import signal
import time
import warnings
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import sample_config
from vigil.format.loader import LINE_BREAKS, load_bytes
from vigil.pipeline import check

# Hypothesis imports libcst to suggest a patch when a test fails, and libcst's import warns
# (DeprecationWarning from mypy_extensions), which this suite turns into an error: the
# failure would show as an INTERNALERROR instead of the falsifying example. Import it now.
with warnings.catch_warnings(), contextlib.suppress(ImportError):
    warnings.simplefilter("ignore", DeprecationWarning)
    importlib.import_module("hypothesis.extra._patching")

REPO = Path(__file__).parent.parent
SAMPLES = sorted((REPO / "scenarios").glob("*.yaml"))
RAW = [p.read_bytes() for p in SAMPLES]
DATA = [yaml.safe_load(raw) for raw in RAW]
DISPLAY = "scenarios/fuzz.yaml"
HANG = 20.0  # seconds: an example still running then is a hang, whatever the deadline says

# VIGIL_FUZZ_EXAMPLES=5000 runs a longer, randomized search (locally, not in CI).
EXAMPLES = int(os.environ.get("VIGIL_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 120,
    deadline=timedelta(seconds=5),  # generous: CI machines are slow and shared
    derandomize=not EXAMPLES,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Things worth inserting: YAML's own syntax, tags, anchors and characters that are trouble.
TAGS = [
    "!Evil",
    "!!binary",
    "!!python/object:os.system",
    "!!python/name:os.system",
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!timestamp",
    "!!set",
    "!!omap",
    "!!map",
    "!!seq",
    "!!merge",
    "!",
    "!<tag:example.org,2024:x>",
]
CHARS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u200b", "\ufeff", "\t", "\r", "\ud7ff"]
SNIPPETS = [
    "&a ",
    "*a",
    "*undefined",
    "<<: *a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "? ",
    "|",
    ">-",
    "'",
    '"',
    "#",
    "%YAML 1.2\n---\n",
    "\n---\n",
    "...\n",
    "~",
    "yes",
    "0x_",
    "2024-13-45",
    "1_0:3_0",
    ".nan",
    "=",
    "<<",
    "[" * 60 + "]" * 60,
    "a0: &a0 [x, x, x, x, x, x, x, x, x]\na1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
    "a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\na3: [*a2, *a2, *a2, *a2, *a2]\n",
    "x" * 5000,
]
# Values written raw after a key: ones YAML reads as something else, or cannot read at all.
RAW_VALUES = [
    "2024-13-45",
    "2024-02-30 25:61:00",
    "0x_",
    "0b_",
    "0o9",
    "1_0:3_0",
    "9" * 5000,
    "1e999",
    ".inf",
    "!!int abc",
    "!!float x",
    "!!bool maybe",
    "!!timestamp x",
    "!!binary '%%%'",
    "!!null x",
    "!Evil {x: 1}",
    "!!python/object:os.system [ls]",
    "*a",
    "&a [*a]",
    "<<",
    "=",
    "yes",
    "~",
    "''",
    '"\\x00\\u200b\\e[2J"',
    "|\n x",
    "[{}, [], '', ~]",
    "{? [a]: b}",
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(),
    st.text(max_size=20),
    st.sampled_from(["", " ", "yes", "no", "true", "1", "x" * 3000, "\u200b", "A\x00B"]),
    st.lists(st.integers(-3, 3), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers(0, 3), max_size=2),
)


@contextlib.contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Fail an example that does not finish (the deadline only measures ones that do)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"an example ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample course's options, whose scenarios folder holds one file."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "mkdocs.yml").write_text(sample_config(), encoding="utf-8")
    (root / "scenarios").mkdir()
    return root


def check_bytes(raw: bytes, course: Path) -> None:
    """The properties every input must keep, through the loader and the whole checker."""
    (course / "scenarios" / "fuzz.yaml").write_bytes(raw)
    start = time.perf_counter()
    with hang_guard(HANG):
        doc, loaded = load_bytes(raw, DISPLAY)
        result = check(course)
    elapsed = time.perf_counter() - start
    assert (doc is None) == bool(loaded)
    text = raw.decode("utf-8", errors="replace")
    lines = len(LINE_BREAKS.split(text))
    for problem in (*loaded, *result.problems):
        where = f"{problem.path}:{problem.line}:{problem.col} {problem.code}"
        assert problem.line >= 1, where
        assert problem.col >= 1, where
        assert problem.code, where
        assert problem.message, where
        if problem.path == DISPLAY:
            assert problem.line <= lines + 1, where
    if result.course is not None:
        assert not any(p.is_error for p in result.problems)
    assert elapsed < HANG


# Byte mutations -------------------------------------------------------------------------


@st.composite
def byte_mutants(draw: st.DrawFn) -> bytes:
    raw = bytearray(RAW[draw(st.integers(0, len(RAW) - 1))])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "splice", "snippet"]))
        at = draw(st.integers(0, len(raw)))
        if op == "flip" and raw:
            at = min(at, len(raw) - 1)
            raw[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del raw[at : at + draw(st.integers(1, 200))]
        elif op == "truncate":
            del raw[at:]
        elif op == "splice":
            other = RAW[draw(st.integers(0, len(RAW) - 1))]
            start = draw(st.integers(0, len(other)))
            raw[at:at] = other[start : start + draw(st.integers(1, 400))]
        else:
            raw[at:at] = draw(st.sampled_from(SNIPPETS + CHARS)).encode("utf-8", "surrogatepass")
    return bytes(raw)


@FUZZ
@given(raw=byte_mutants())
def test_byte_mutations_never_crash_or_hang(course: Path, raw: bytes) -> None:
    check_bytes(raw, course)


# Structural mutations -------------------------------------------------------------------


def _slots(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a scenario's data, depth first."""
    found: list[tuple[Any, Any]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        found.append((node, key))
        if isinstance(value, (dict, list)):
            found.extend(_slots(value))
    return found


def _mutate_data(draw: st.DrawFn, data: Any) -> None:
    """Drop, rename, duplicate or change the type of values in the data."""
    for _ in range(draw(st.integers(0, 4))):
        slots = _slots(data)
        if not slots:
            return
        container, key = draw(st.sampled_from(slots))
        op = draw(st.sampled_from(["drop", "swap", "rename", "duplicate", "nest"]))
        if op == "drop":
            del container[key]
        elif op == "swap":
            container[key] = draw(VALUES)
        elif op == "rename" and isinstance(container, dict):
            new = draw(st.sampled_from([key + "s", key[:-1], key.upper(), "", "__proto__"]))
            container[new] = container.pop(key)
        elif op == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        elif op == "nest":
            container[key] = [container[key]] if draw(st.booleans()) else {"x": container[key]}


def _mutate_lines(draw: st.DrawFn, lines: list[str]) -> None:
    """Duplicate keys, tags, anchors and aliases, control characters, broken indentation."""
    for _ in range(draw(st.integers(0, 5))):
        if not lines:
            return
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        ops = ["dup", "tag", "anchor", "value", "char", "indent", "drop", "snippet"]
        op = draw(st.sampled_from(ops))
        if op == "dup":  # a duplicate key, or a duplicate list item
            lines.insert(i, line)
        elif op in ("tag", "anchor"):
            cut = line.find(": ") + 2 if ": " in line else line.find("- ") + 2
            what = draw(st.sampled_from(TAGS)) if op == "tag" else "&a"
            lines[i] = line[:cut] + what + " " + line[cut:]
            if op == "anchor":
                j = draw(st.integers(0, len(lines) - 1))
                target = lines[j]
                if ": " in target:
                    lines[j] = target[: target.find(": ") + 2] + "*a"
        elif op == "value" and ": " in line:
            lines[i] = line[: line.find(": ") + 2] + draw(st.sampled_from(RAW_VALUES))
        elif op == "char":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(CHARS)) + line[at:]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + line if draw(st.booleans()) else line[1:]
        elif op == "drop":
            del lines[i]
        else:
            lines.insert(i, draw(st.sampled_from(SNIPPETS)))


@st.composite
def structural_mutants(draw: st.DrawFn) -> bytes:
    data = copy.deepcopy(DATA[draw(st.integers(0, len(DATA) - 1))])
    _mutate_data(draw, data)
    text = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=draw(st.sampled_from([60, 100, 10_000]))
    )
    lines = text.split("\n")
    _mutate_lines(draw, lines)
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text.encode("utf-8", "surrogatepass")


@FUZZ
@given(raw=structural_mutants())
def test_structural_mutations_never_crash_or_hang(course: Path, raw: bytes) -> None:
    check_bytes(raw, course)


def test_the_samples_themselves_check_clean(course: Path) -> None:
    """The fuzzer starts from valid files, so its mutants reach the deepest rules."""
    for sample in SAMPLES:
        (course / "scenarios" / "fuzz.yaml").write_bytes(sample.read_bytes())
        result = check(course)
        assert [p for p in result.problems if p.is_error] == [], sample.name
