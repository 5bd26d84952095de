"""Work a build in several languages does once: segmenting a Chinese text for search,
reading a PO file (beside the check, in a process of its own), and naming a scenario file
however the project's path is given."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jieba
import pytest

from vigil import processes
from vigil.check.project import display_path
from vigil.engine.search_segments import remembering, segment_each_text_once
from vigil.i18n import catalog_files
from vigil.i18n.catalog_files import read_ahead, read_entries

BILINGUAL = Path(__file__).parent / "bilingual"
TEXT = "陀螺仪的零偏参数不要在评论区里说".encode()


def test_each_distinct_text_is_segmented_once_and_as_jieba_segments_it() -> None:
    seen: list[Any] = []

    def cut(sentence: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        seen.append(sentence)
        return iter(jieba.dt.cut(sentence, *args, **kwargs))

    cut_once = remembering(cut)
    first = list(cut_once(TEXT))
    assert first == list(jieba.dt.cut(TEXT))
    assert len(first) > 3, "the text is cut into words"
    assert list(cut_once(TEXT)) == first
    assert seen == [TEXT]
    assert list(cut_once("评论区".encode())) == list(jieba.dt.cut("评论区".encode()))
    assert len(seen) == 2


def test_each_build_starts_from_jiebas_own_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jieba, "cut", jieba.dt.cut)  # put back after the test
    segment_each_text_once()
    segment_each_text_once()  # a second build (`vigil serve`) forgets the first's texts
    assert jieba.cut.__wrapped__ == jieba.dt.cut
    assert list(jieba.cut(TEXT)) == list(jieba.dt.cut(TEXT))


def test_a_linked_scenario_folder_is_named_inside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "a.yaml").write_text("id: a\n", encoding="utf-8")
    project = tmp_path / "course"
    project.mkdir()
    (project / "scenarios").symlink_to(shared, target_is_directory=True)
    assert display_path(project / "scenarios" / "a.yaml", project) == "scenarios/a.yaml"
    monkeypatch.chdir(project)
    assert display_path(Path("scenarios/a.yaml"), Path()) == "scenarios/a.yaml"
    outside = shared / "a.yaml"
    assert display_path(outside, project) == outside.as_posix(), "elsewhere: as given"


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work beside is skipped on one core; these tests ask for it on any machine."""
    monkeypatch.setattr(processes, "cores", lambda: 2)


@pytest.fixture
def forkable(two_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the test process had no other thread (a suite's servers have some): what these
    tests fork runs only their own code."""
    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)


def _fails() -> int:
    raise ValueError("no")


@pytest.mark.usefixtures("forkable")
def test_a_result_is_computed_beside() -> None:
    done = processes.beside(lambda: sum(range(1000)))
    assert done is not None
    assert done.result() == 499500
    failed = processes.beside(_fails)
    assert failed is not None
    assert failed.result() is None, "the caller computes it itself"


@pytest.mark.usefixtures("two_cores")
def test_nothing_is_forked_beside_another_thread() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert processes.beside(lambda: 1) is None
    finally:
        release.set()
        thread.join()


@pytest.fixture
def po_file(tmp_path: Path) -> Path:
    path = tmp_path / "zh-Hans.po"
    shutil.copyfile(BILINGUAL / "translations" / "zh-Hans.po", path)
    return path


@pytest.mark.usefixtures("forkable")
def test_a_file_read_ahead_gives_the_entries_read_here(po_file: Path) -> None:
    here = read_entries(po_file, "translations/zh-Hans.po")
    read_ahead(po_file, "translations/zh-Hans.po")
    assert po_file.resolve() in catalog_files._ahead
    ahead = read_entries(po_file, "translations/zh-Hans.po")
    assert po_file.resolve() not in catalog_files._ahead
    assert ahead == here
    assert len(ahead[0]) > 10


@pytest.mark.usefixtures("forkable")
def test_a_file_changed_after_reading_ahead_is_read_again(po_file: Path) -> None:
    read_ahead(po_file, "translations/zh-Hans.po")
    text = po_file.read_text(encoding="utf-8")
    po_file.write_text(text + '\nmsgctxt "x:y"\nmsgid "Added"\nmsgstr "新增"\n', encoding="utf-8")
    entries, problems = read_entries(po_file, "translations/zh-Hans.po")
    assert problems == []
    assert entries[-1].text == "新增"
    assert entries[-1].at.line == len(po_file.read_text(encoding="utf-8").splitlines())


@pytest.mark.usefixtures("forkable")
def test_a_broken_file_read_ahead_is_reported_where_it_breaks(po_file: Path) -> None:
    po_file.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    read_ahead(po_file, "translations/zh-Hans.po")
    entries, problems = read_entries(po_file, "translations/zh-Hans.po")
    assert entries == []
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("translations/zh-Hans.po", 3, "translation-syntax")
    ]
