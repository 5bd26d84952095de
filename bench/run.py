"""Measure Vigil against the targets in design.md, in one run on one machine.

Every comparison is whole-process wall-clock time (a subprocess per measurement, the
median of --reps runs, interleaved so drift hits both sides alike), except the
regeneration time, which is the in-process pipeline a live preview repeats.

    python bench/run.py                  # 500 / 1,000 / 2,000 scenarios, 3 repetitions
    python bench/run.py --n 20 --reps 1  # a quick look: 10 / 20 / 40
    python bench/run.py --json           # one JSON object on stdout (progress on stderr)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

import synth
import yaml
from babel.messages.pofile import read_po, write_po
from mkdocs.config import load_config as load_mkdocs_config

import vigil
from vigil import pipeline
from vigil.course import Course, walk_comments
from vigil.engine.plugin import WORKER_SHIM, VigilPlugin
from vigil.format.scenario import Scenario
from vigil.questions.base import Question
from vigil.render.links import scenario_uri
from vigil.render.pages import NAV_SCENARIOS_MAX
from vigil.targets.web import SITE

STAGING = pipeline.STAGING

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
GZIP_LEVEL = 6  # what web servers commonly use
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")
PARSE_ONLY = (
    "import pathlib, sys, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
TARGETS: dict[str, float] = {
    "check_vs_parse": 3.0,
    "build_overhead_vs_mkdocs": 1.15,
    "build_vs_mkdocs_quiz": 1.0,
    "scaling_2x": 2.1,
    "html_kb_per_scenario_page_max": 60.0,
    "regen_one_edit_s": 0.5,
    "assets_kb_gzip": 25.0,
    "export_scorm12_vs_build": 1.2,
    "two_languages_vs_one": 1.3,
}
REGEN_MEANING = (
    "seconds from saving one edited scenario (of the base size) to its page being "
    "re-rendered and written to .vigil-cache/pages: pipeline.run (check, render and "
    "staging) in one warm Python process, i.e. what the vigil plugin's on_config does "
    "on every `mkdocs serve` rebuild before MkDocs renders; MkDocs' own rebuild is excluded"
)
TWO_LANGUAGES = (
    "`vigil build` of the base course with extra.vigil.languages [en, zh-Hans] over the same "
    "course with [en] (wall clock, median): two full sites, each built by a process of its "
    "own on the machine's cores. Every text of the zh-Hans site is translated (each English "
    "word made a two-character Chinese word, so spans still match and jieba segments real "
    "Chinese for the search index)"
)
# Characters the machine translation draws its words from.
HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也"
    "能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现"
    "实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表"
)
# What a translation keeps as written: link targets, code, addresses and placeholders.
KEPT = re.compile(r"\]\([^)]*\)|`[^`]*`|\S+@\S+|\S+\.(?:org|test|example|com)\S*|%\(\w+\)s|\{\w+\}")
WORD = re.compile(r"[A-Za-z]+")


def machine_chinese(text: str, words: dict[str, str]) -> str:
    """Each English word as a two-character Chinese word, everything else as written.
    `words` holds the words met so far: one word, one Chinese word, and no two alike (a
    list of terms stays free of duplicates)."""

    def word(match: re.Match[str]) -> str:
        found = words.get(match.group())
        if found is None:
            n, digits = len(words), []
            while n or len(digits) < 2:  # two characters, more once those run out
                n, digit = divmod(n, len(HANZI))
                digits.append(HANZI[digit])
            found = words[match.group()] = "".join(digits)
        return found

    parts = KEPT.split(text)
    kept = KEPT.findall(text)
    out = [WORD.sub(word, part) for part in parts]
    return "".join(p + k for p, k in zip(out, [*kept, ""], strict=True))


def translate_all(project: Path, words: dict[str, str]) -> None:
    """translations/zh-Hans.po of `project`, every entry machine-translated."""
    for args in (["extract"], ["update", SECOND_LANGUAGE]):
        subprocess.run(
            [str(BIN / "vigil"), "i18n", *args, "-p", str(project)], check=True, capture_output=True
        )
    path = project / "translations" / f"{SECOND_LANGUAGE}.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if message.id and isinstance(message.id, str):
            message.string = machine_chinese(message.id, words)
    with path.open("wb") as f:
        write_po(f, catalog)


SECOND_LANGUAGE = "zh-Hans"


def two_languages(root: Path, target: Path) -> Path:
    """The course at `root` with a second language, sharing its scenarios and pages."""
    target.mkdir()
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text, found = re.subn(
        rf"^(\s*)id: {re.escape(synth.COURSE_ID)}$",
        rf"\g<0>\n\1languages: [en, {SECOND_LANGUAGE}]",
        text,
        count=1,
        flags=re.MULTILINE,
    )
    if not found:
        raise SystemExit(f"{root}/mkdocs.yml: expected extra.vigil.id: {synth.COURSE_ID}")
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    docs = str(yaml.safe_load(re.sub(r"!!python\S*", "", text)).get("docs_dir", "docs"))
    words: dict[str, str] = {}
    for entry in root.iterdir():
        if entry.name == docs:  # each page with its translation beside it
            shutil.copytree(entry, target / docs)
            for page in list((target / docs).rglob("*.md")):
                translated = page.with_suffix(f".{SECOND_LANGUAGE}.md")
                translated.write_text(machine_chinese(page.read_text("utf-8"), words), "utf-8")
        elif entry.name not in ("mkdocs.yml", "build", ".vigil-cache", "translations"):
            (target / entry.name).symlink_to(entry)
    translate_all(target, words)
    return target


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system: a cross-check when the machine is shared
    peak_rss_mb: float


def timed(cmd: list[str], cwd: Path, log: Path) -> Run:
    """Wall clock, CPU time and peak RSS of one command.

    GNU time reports the RSS of a child it forked itself; the rusage of a child forked
    straight from this process would also count this process's RSS at the fork.
    """
    usage_file = log.with_suffix(".time")
    wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", str(usage_file), *cmd] if GNU_TIME else cmd
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode} in {cwd}:\n{tail}")
    if GNU_TIME:
        rss_kb, user, system = usage_file.read_text(encoding="utf-8").split()[-3:]
        return Run(seconds, float(user) + float(system), int(rss_kb) / 1024)
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


@dataclass
class Series:
    """Repeated runs of one command; the median is what gets compared."""

    cmd: list[str]
    cwd: Path
    runs: list[Run]

    def once(self, log: Path) -> Run:
        run = timed(self.cmd, self.cwd, log)
        self.runs.append(run)
        return run

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def median_cpu(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    def report(self) -> dict[str, Any]:
        return {
            "median_s": round(self.median, 3),
            "runs_s": [round(r.seconds, 3) for r in self.runs],
            "median_cpu_s": round(self.median_cpu, 3),
            "peak_rss_mb": round(max(r.peak_rss_mb for r in self.runs), 1),
        }


def series(cmd: list[str], cwd: Path) -> Series:
    return Series(cmd, cwd, [])


def ratio(a: float, b: float) -> float:
    return round(a / b, 3)


# --- the comparison projects --------------------------------------------------------------


def resolved_config(root: Path) -> tuple[Any, VigilPlugin]:
    """The MkDocs config after the plugins' on_config: the nav, CSS and JS Vigil's build used."""
    config = load_mkdocs_config(str(root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    plugin = next(p for p in config.plugins.values() if isinstance(p, VigilPlugin))
    return config, plugin


def _plugins(raw: dict[str, Any], replacement: str | None) -> list[Any]:
    out: list[Any] = []
    for entry in raw.get("plugins") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == "vigil":
            out.extend([replacement] if replacement else [])
        else:
            out.append(entry)
    return out


def _plain_config(
    root: Path, config: Any, plugin: str | None, vigil_assets: bool
) -> dict[str, Any]:
    """The course's mkdocs.yml without the vigil plugin, pointing at a plain docs folder."""
    raw = synth.load_config(root / "mkdocs.yml")
    raw |= {"docs_dir": "docs", "site_dir": "site", "plugins": _plugins(raw, plugin)}
    raw["nav"] = config.nav
    for key in ("extra_css", "extra_javascript"):
        own = list(raw.get(key) or [])
        added = [str(x) for x in config[key][len(own) :]] if vigil_assets else []
        if own or added:
            raw[key] = own + added
    if "polyfills" in config.extra:
        raw.setdefault("extra", {})["polyfills"] = list(config.extra["polyfills"])
    return raw


def _shim(config: Any, docs: Path) -> None:
    """The offline plugin's worker shim, which the vigil plugin adds to its builds."""
    if WORKER_SHIM in config.extra.get("polyfills", []):
        (docs / WORKER_SHIM).parent.mkdir(parents=True, exist_ok=True)
        shim = package_files("vigil.engine").joinpath("vendor/iframe-worker-shim.js")
        (docs / WORKER_SHIM).write_bytes(shim.read_bytes())


def plain_project(root: Path, config: Any, target: Path) -> Path:
    """(b) Vigil's staged pages plus content/, built by MkDocs without the plugin."""
    shutil.copytree(root / STAGING, target / "docs")
    shutil.copytree(root / config.docs_dir, target / "docs", dirs_exist_ok=True)
    _shim(config, target / "docs")
    synth.dump_config(_plain_config(root, config, None, True), target / "mkdocs.yml")
    return target


def quiz_project(root: Path, config: Any, course: Course, target: Path) -> Path:
    """(c) The same scenarios and questions as Markdown pages for the mkdocs-quiz plugin."""
    docs = target / "docs"
    staged = root / STAGING
    _shim(config, docs)
    shutil.copytree(root / config.docs_dir, docs, dirs_exist_ok=True)
    scenarios = {scenario_uri(course, s): s for s in course.scenarios}
    for uri in (p.relative_to(staged).as_posix() for p in staged.rglob("*.md")):
        page = docs / uri
        page.parent.mkdir(parents=True, exist_ok=True)
        if uri in scenarios:
            page.write_text(quiz_markdown(course, scenarios[uri]), encoding="utf-8")
            continue
        folder = Path(uri).parent.as_posix()
        links = [
            f"- [{s.title}]({Path(u).name})"
            for u, s in scenarios.items()
            if Path(u).parent.as_posix() == folder and uri.endswith("index.md")
        ]
        page.write_text("\n".join(["# Course page", "", *links, ""]), encoding="utf-8")
    synth.dump_config(_plain_config(root, config, "mkdocs_quiz", False), target / "mkdocs.yml")
    return target


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quoted(text: str, indent: str = "    ") -> list[str]:
    return [f"{indent}> {line}" for line in text.strip().splitlines()]


def quiz_markdown(course: Course, scenario: Scenario) -> str:
    """A scenario as mkdocs-quiz Markdown: setting, thread, one <quiz> per shown question."""
    lines = [f"# {scenario.title}", "", f"Difficulty {scenario.difficulty} of 3", ""]
    lines += ["## The situation", "", scenario.setting.strip(), "", "## The thread", ""]
    if scenario.post:
        lines += [
            f"**{scenario.personas[scenario.post.by].name}**: {_one_line(scenario.post.text)}"
        ]
        lines.append("")

    def thread(comments: tuple[Any, ...], depth: int) -> None:
        for c in comments:
            persona = scenario.personas[c.by]
            lines.append(
                f"{'    ' * depth}- **{persona.name}** (joined {persona.joined}) · {c.time} · "
                f"{c.likes} likes: {_one_line(c.text)}"
            )
            thread(c.replies, depth + 1)

    thread(scenario.thread, 0)
    lines += ["", "## Questions", ""]
    for question in (q for q in scenario.questions if not q.assessment_only):
        lines += ["<quiz>", question.prompt.strip()]
        for label, correct, feedback in _quiz_answers(scenario, question):
            lines.append(f"- [{'x' if correct else ' '}] {_one_line(label)}")
            lines += _quoted(feedback) if feedback else []
        lines += ["", question.explanation.strip() if question.explanation else "", "</quiz>", ""]
    lines += ["## Red flags", ""]
    for c in walk_comments(scenario.thread):
        if c.flag:
            lines.append(f"- {course.taxonomy.tactic(c.flag.tactic).name}: {c.flag.note}")
    lines += ["", "## Takeaways", "", *(f"- {_one_line(t)}" for t in scenario.takeaways), ""]
    return "\n".join(lines)


def _quiz_answers(scenario: Scenario, question: Question) -> list[tuple[str, bool, str | None]]:
    key = question.key_in(scenario)
    return [(c.label, c.value in key, c.feedback) for c in question.choices(scenario, str)]


# --- sizes, regeneration, assets, machine ---------------------------------------------------


def html_sizes(site: Path, made: synth.Generated, directory_urls: bool) -> dict[str, float]:
    """Bytes of each built scenario page, and of the whole site."""
    sizes = []
    for ident, tactic in made.scenarios:
        page = f"course/{tactic}/{ident}" + ("/index.html" if directory_urls else ".html")
        sizes.append((site / page).stat().st_size)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "scenario_pages": len(sizes),
        "html_kb_mean": round(statistics.fmean(sizes) / 1024, 1),
        "html_kb_max": round(max(sizes) / 1024, 1),
        "site_mb": round(total / 1024**2, 1),
    }


def regenerate(
    root: Path, config: Any, plugin: VigilPlugin, made: synth.Generated, reps: int
) -> dict[str, Any]:
    """(e) Edit one scenario, then time the pipeline (check, render, stage) in this warm
    process, as the plugin runs it on every `mkdocs serve` rebuild."""
    staging = root / STAGING

    def regenerate_once() -> tuple[float, set[str]]:
        before = {p: p.stat().st_mtime_ns for p in staging.rglob("*.md")}
        start = time.perf_counter()
        output = pipeline.run(
            root,
            language=plugin.config.language,
            target=SITE,
            directory_urls=config.use_directory_urls,
            staging=staging,
        )
        took = time.perf_counter() - start
        if output.course is None:
            raise SystemExit("regeneration: the edited course no longer passes the check")
        written = {
            p.relative_to(staging).as_posix()
            for p in staging.rglob("*.md")
            if before.get(p) != p.stat().st_mtime_ns
        }
        return took, written

    regenerate_once()  # warm: imports, templates, caches, files already staged
    steps: list[float] = []
    for rep in range(max(3, reps)):
        ident, tactic = made.scenarios[(rep * 7919) % len(made.scenarios)]
        path = root / "scenarios" / f"{ident}.yaml"
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        data["thread"][0]["text"] += f" Edited in repetition {rep}."
        path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False), encoding="utf-8")
        took, written = regenerate_once()
        if f"course/{tactic}/{ident}.md" not in written:
            raise SystemExit(f"regeneration: {ident}'s page was not rewritten")
        steps.append(took)
    return {
        "median_s": round(statistics.median(steps), 3),
        "runs_s": [round(t, 3) for t in steps],
        "measures": REGEN_MEANING,
    }


def asset_sizes() -> dict[str, dict[str, int]]:
    """(f) The course JS and CSS every page loads, raw and gzipped, as the site ships them."""
    out = {}
    for path, data in sorted(pipeline.assets(SITE).items()):
        out[Path(path).name] = {
            "bytes": len(data),
            "gzip_bytes": len(gzip.compress(data, GZIP_LEVEL, mtime=0)),
        }
    return out


def machine() -> dict[str, Any]:
    def first(path: str, key: str) -> str:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError:
            return "unknown"
        return next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith(key)), "unknown")

    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    return {
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem_kb) / 1024**2, 1) if mem_kb.isdigit() else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        **{pkg: version(pkg) for pkg in ("mkdocs", "mkdocs-material", "mkdocs-quiz", "pyyaml")},
        "vigil": version("vigil"),
        "vigil_source": str(Path(vigil.__file__).parent),
        "peak_rss_from": "GNU time %M" if GNU_TIME else "os.wait4 (includes the bench's RSS)",
        # Other work on a shared machine shows here; the timed runs are interleaved for it.
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


# --- the run ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="base size; also n/2 and 2n")
    parser.add_argument("--reps", type=int, default=3, help="timed repetitions (median)")
    parser.add_argument("--modules", type=int, default=9, help="modules (tactics) per course")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if args.n < 2 or args.reps < 1:
        parser.error("--n must be at least 2 and --reps at least 1")
    out: Path = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    logs = out / "logs"
    logs.mkdir(parents=True)
    small, base, large = args.n // 2, args.n, 2 * args.n
    sizes = (small, base, large)
    # Page size is checked at more course sizes than are timed: where the nav is longest
    # (every module just at the limit of scenarios it lists) and at a hundred scenarios.
    probes = tuple(
        sorted({100, NAV_SCENARIOS_MAX * args.modules} - set(sizes)) if args.n >= 100 else ()
    )

    profile = synth.measure()
    say(f"samples: {profile.files} scenarios measured; generating {sizes} into {out}")
    made = {
        n: synth.generate(out / f"course-{n}", n, args.modules, seed=args.seed, profile=profile)
        for n in (*sizes, *probes)
    }
    vigil, python = str(BIN / "vigil"), sys.executable
    mkdocs = str(BIN / "mkdocs")

    checks = {n: series([vigil, "check"], made[n].root) for n in sizes}
    parses = {n: series([python, "-c", PARSE_ONLY, "scenarios"], made[n].root) for n in sizes}
    builds = {n: series([vigil, "build"], made[n].root) for n in sizes}
    # The SCORM 1.2 package of the base size: the same build, then the zip (written outside
    # the project, so the build never sees it).
    export_cmd = [vigil, "export", "scorm12", "-o", str(out / f"export-{base}.zip")]
    exports = series(export_cmd, made[base].root)
    bilingual = two_languages(made[base].root, out / f"course-{base}-two-languages")
    builds_two = series([vigil, "build"], bilingual)

    say("warm-up: strict builds (untimed; they also validate every project)")
    first_build = {}
    for n in sizes:
        timed([vigil, "check", "--strict"], made[n].root, logs / f"check-strict-{n}.log")
        timed([python, "-c", PARSE_ONLY, "scenarios"], made[n].root, logs / f"parse-{n}.log")
        first_build[n] = timed([vigil, "build", "--strict"], made[n].root, logs / f"first-{n}.log")
        say(f"  vigil build, {n} scenarios, first run: {first_build[n].seconds:.1f} s")
    for n in probes:
        timed([vigil, "build", "--strict"], made[n].root, logs / f"probe-{n}.log")
    timed([*export_cmd, "--strict"], made[base].root, logs / f"first-export-{base}.log")
    timed([vigil, "build", "--strict"], bilingual, logs / f"first-two-languages-{base}.log")
    config, plugin = resolved_config(made[base].root)
    page_kb = {
        n: html_sizes(made[n].root / "build", made[n], config.use_directory_urls)["html_kb_max"]
        for n in (*sizes, *probes)
    }
    say(f"  largest scenario page by course size (KB): {dict(sorted(page_kb.items()))}")
    assert plugin.output.course is not None  # on_config ran and the course passed the check
    plain = plain_project(made[base].root, config, out / f"plain-{base}")
    quiz = quiz_project(made[base].root, config, plugin.output.course, out / f"quiz-{base}")
    mkdocs_plain = series([mkdocs, "build", "-q"], plain)
    mkdocs_quiz = series([mkdocs, "build", "-q"], quiz)
    for name, project in (("plain", plain), ("quiz", quiz)):
        timed([mkdocs, "build", "--strict", "-q"], project, logs / f"first-{name}.log")

    steps: list[tuple[str, Series]] = []
    for n in sizes:
        steps += [(f"vigil check {n}", checks[n]), (f"yaml parse {n}", parses[n])]
    steps += [(f"vigil build {n}", builds[n]) for n in sizes]
    steps += [(f"vigil export scorm12 {base}", exports)]
    steps += [(f"vigil build {base} in two languages", builds_two)]
    steps += [(f"mkdocs build {base}", mkdocs_plain), (f"mkdocs-quiz build {base}", mkdocs_quiz)]
    for rep in range(args.reps):
        for label, s in steps:
            run = s.once(logs / f"{label.replace(' ', '-')}-{rep}.log")
            say(f"  rep {rep + 1}/{args.reps} {label}: {run.seconds:.2f} s")

    say("regeneration after one edit (in-process)")
    scaling = {
        n: {
            "vigil_build_s": round(builds[n].median, 3),
            "first_build_s": round(first_build[n].seconds, 3),
            "peak_rss_mb": round(max(r.peak_rss_mb for r in builds[n].runs), 1),
            **html_sizes(made[n].root / "build", made[n], config.use_directory_urls),
        }
        for n in sizes
    }
    regen = regenerate(made[base].root, config, plugin, made[base], args.reps)
    assets = asset_sizes()
    results: dict[str, Any] = {
        "check_vs_parse": ratio(checks[base].median, parses[base].median),
        "build_overhead_vs_mkdocs": ratio(builds[base].median, mkdocs_plain.median),
        "build_vs_mkdocs_quiz": ratio(builds[base].median, mkdocs_quiz.median),
        "scaling_2x": ratio(builds[large].median, builds[base].median),
        "html_kb_per_scenario_page_max": max(page_kb.values()),
        "regen_one_edit_s": regen["median_s"],
        "assets_kb_gzip": round(sum(a["gzip_bytes"] for a in assets.values()) / 1024, 2),
        "export_scorm12_vs_build": ratio(exports.median, builds[base].median),
        "two_languages_vs_one": ratio(builds_two.median, builds[base].median),
        "peak_rss_mb": scaling[large]["peak_rss_mb"],
    }
    results["scenario_page_kb_max_by_size"] = dict(sorted(page_kb.items()))
    results["met"] = {key: results[key] <= target for key, target in TARGETS.items()}
    results["cpu_time_ratios"] = {  # the same ratios from user + system time of each process
        "check_vs_parse": ratio(checks[base].median_cpu, parses[base].median_cpu),
        "build_overhead_vs_mkdocs": ratio(builds[base].median_cpu, mkdocs_plain.median_cpu),
        "build_vs_mkdocs_quiz": ratio(builds[base].median_cpu, mkdocs_quiz.median_cpu),
        "scaling_2x": ratio(builds[large].median_cpu, builds[base].median_cpu),
        "export_scorm12_vs_build": ratio(exports.median_cpu, builds[base].median_cpu),
        # Two processes: the CPU time of both languages, about twice one (the wall clock is not)
        "two_languages_vs_one": ratio(builds_two.median_cpu, builds[base].median_cpu),
    }
    results |= {
        "targets": TARGETS,
        "meaning": {"two_languages_vs_one": TWO_LANGUAGES},
        "sizes": {"small": small, "base": base, "large": large, "modules": len(made[base].modules)},
        "reps": args.reps,
        "timings": {
            "vigil_check": {n: checks[n].report() for n in sizes},
            "yaml_parse": {n: parses[n].report() for n in sizes},
            "vigil_build": {n: builds[n].report() for n in sizes},
            "vigil_export_scorm12": {base: exports.report()},
            "vigil_build_two_languages": {base: builds_two.report()},
            "mkdocs_build_plain": {base: mkdocs_plain.report()},
            "mkdocs_build_quiz": {base: mkdocs_quiz.report()},
        },
        "scaling": scaling,
        "quiz_pages": html_sizes(quiz / "site", made[base], config.use_directory_urls),
        "regen": regen,
        "assets": assets,
        "gzip_level": GZIP_LEVEL,
        "samples": profile.summary(),
        "synthetic_file_bytes_mean": round(
            statistics.fmean(
                p.stat().st_size for p in (made[base].root / "scenarios").glob("*.yaml")
            )
        ),
        "machine": machine(),
        "command": " ".join(["python", "bench/run.py", *sys.argv[1:]]),
    }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


def print_table(results: dict[str, Any]) -> None:
    print(f"{'metric':32} {'value':>10} {'target':>8}  met")
    for key, target in TARGETS.items():
        print(f"{key:32} {results[key]:>10} {target:>8}  {'yes' if results['met'][key] else 'NO'}")
    print(f"{'peak_rss_mb':32} {results['peak_rss_mb']:>10}")
    print(f"machine: {json.dumps(results['machine'])}")


if __name__ == "__main__":
    main()
