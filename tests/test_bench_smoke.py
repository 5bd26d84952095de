"""The benchmark still runs end to end on a tiny course (timings are never asserted here)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent
KEYS = (
    "check_vs_parse",
    "build_overhead_vs_mkdocs",
    "build_vs_mkdocs_quiz",
    "scaling_2x",
    "html_kb_per_scenario_page_max",
    "regen_one_edit_s",
    "assets_kb_gzip",
    "two_languages_vs_one",
    "peak_rss_mb",
)


def test_bench_runs_and_reports_every_metric(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--n", "4", "--reps", "1", "--json", "--out", tmp_path],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    for key in KEYS:
        value = report[key]
        assert isinstance(value, int | float), (key, value)
        assert not isinstance(value, bool), key
        assert math.isfinite(value), (key, value)
        assert value > 0, (key, value)
    assert report["sizes"] == {"small": 2, "base": 4, "large": 8, "modules": 4}
    assert "two_languages_vs_one" in report["meaning"]
    assert report["timings"]["vigil_build_two_languages"]["4"]["median_s"] > 0
