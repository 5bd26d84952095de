"""`vigil serve` rebuilds when a scenario changes, and survives a broken edit."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import MKDOCS_YML

BILINGUAL = Path(__file__).parent / "bilingual"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], bool], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local test server
            return str(response.read().decode())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


@dataclass
class Served:
    """A running `vigil serve`, the scenario page's URL, and what it printed once stopped."""

    process: subprocess.Popen[str]
    page: str
    output: str = ""


@contextlib.contextmanager
def serving(project: Path, *options: str, own_config: bool = False) -> Iterator[Served]:
    """`vigil serve` on a free port for the block, stopped after it. The project gets the
    tests' mkdocs.yml and home page, unless it has its `own_config`."""
    if not own_config:
        (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        (project / "content").mkdir()
        (project / "content" / "index.md").write_text("# Welcome\n", encoding="utf-8")
    port = free_port()
    exe = Path(sys.executable).with_name("vigil")
    process = subprocess.Popen(
        [str(exe), "serve", "--dev-addr", f"127.0.0.1:{port}", *options],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    served = Served(process, f"http://127.0.0.1:{port}/course/friendly-questioning/minimal.html")
    try:
        yield served
    finally:
        process.terminate()
        served.output = process.communicate(timeout=10)[0]


def test_serve_reloads_scenario_edits(project: Path) -> None:
    scenario = project / "scenarios" / "minimal.yaml"
    with serving(project) as served:
        assert wait_for(lambda: "The smallest complete scenario" in fetch(served.page))
        original = scenario.read_text(encoding="utf-8")
        scenario.write_text("id: [broken\n", encoding="utf-8")
        time.sleep(3)  # a broken edit is reported; the server keeps running
        assert served.process.poll() is None
        scenario.write_text(
            original.replace("The smallest complete scenario", "An edited title"), encoding="utf-8"
        )
        assert wait_for(lambda: "An edited title" in fetch(served.page))
    assert "scenarios/minimal.yaml:2:1: error[yaml-syntax]" in served.output


def test_serve_keeps_watching_a_removed_and_restored_scenarios_folder(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = project / "scenarios"
    backup = tmp_path_factory.mktemp("backup") / "scenarios"
    with serving(project) as served:
        assert wait_for(lambda: "The smallest complete scenario" in fetch(served.page))
        shutil.copytree(folder, backup)
        shutil.rmtree(folder)
        time.sleep(3)  # the rebuild reports the missing folder; the server keeps running
        assert served.process.poll() is None
        shutil.copytree(backup, folder)  # restored with new inodes, as `git checkout` would
        time.sleep(3)
        scenario = folder / "minimal.yaml"
        original = scenario.read_text(encoding="utf-8")
        scenario.write_text(
            original.replace("The smallest complete scenario", "An edited title"), encoding="utf-8"
        )
        assert wait_for(lambda: "An edited title" in fetch(served.page))
        # moved away, and a copy moved in in one step: no event inside the folder, yet rebuilt
        shutil.move(folder, backup.with_name("moved"))
        time.sleep(3)
        staged = shutil.copytree(backup, backup.with_name("staged"))
        staged.rename(folder)
        assert wait_for(lambda: "The smallest complete scenario" in fetch(served.page))
        assert served.process.poll() is None


def test_serve_previews_a_translation_and_reloads_its_po_file(tmp_path: Path) -> None:
    project = tmp_path / "bilingual"
    shutil.copytree(BILINGUAL, project)
    po = project / "translations" / "zh-Hans.po"
    with serving(project, "--language", "zh-Hans", own_config=True) as served:
        assert wait_for(lambda: "最小的完整情景" in fetch(served.page))
        assert 'lang="zh' in fetch(served.page)
        text = po.read_text(encoding="utf-8")
        po.write_text(text.replace("最小的完整情景", "改过的标题"), encoding="utf-8")
        assert wait_for(lambda: "改过的标题" in fetch(served.page))
        assert served.process.poll() is None


def test_serve_refuses_a_language_the_course_cannot_have(tmp_path: Path) -> None:
    project = tmp_path / "bilingual"
    shutil.copytree(BILINGUAL, project)
    exe = Path(sys.executable).with_name("vigil")
    result = subprocess.run(
        [str(exe), "serve", "--language", "fr"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "unknown language 'fr'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_preview_in_another_language_takes_each_plugin_once() -> None:
    from vigil.engine.preview import _by_name
    from vigil.engine.site import SiteError

    entries = ["search", {"vigil": {"language": "zh-Hans"}}]
    assert _by_name(entries) == {"search": {}, "vigil": {"language": "zh-Hans"}}
    with pytest.raises(SiteError, match="lists the plugin search twice"):
        _by_name([*entries, {"search": {"lang": "en"}}])
