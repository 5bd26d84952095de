"""Synthetic Vigil courses for the benchmarks, shaped like the sample scenarios.

The shapes (thread length, reply depth, questions, text lengths...) are measured from
scenarios/*.yaml every time, so the synthetic course follows the samples as they grow
instead of a snapshot hard-coded here. Text is drawn from the samples' own vocabulary,
so rendered Markdown and HTML have realistic sizes.

    python bench/synth.py OUT --n 1000 --modules 9
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from vigil.check.cues import longest_correct
from vigil.check.rules import check_scenario
from vigil.check.validate import validate
from vigil.course import LintOptions
from vigil.format.loader import load_text
from vigil.format.taxonomy import builtin
from vigil.questions.registry import scenario_model

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "scenarios"
CONFIG = REPO / "mkdocs.yml"
TAXONOMY = REPO / "src" / "vigil" / "format" / "data" / "taxonomy.yaml"
COURSE_HOME = "course/index.md"  # the nav entry the vigil plugin replaces
COVERAGE_PAGE = "trainers/coverage.md"  # generated too: the trainers' coverage page
COURSE_ID = "bench-course"
# Ids, kind names and levels are kept as the sample wrote them; other text is replaced.
KEEP = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
# The synthetic text is random words and its ages random, so the course-wide guessability
# lints would judge noise: they still gather their facts and run, but never warn.
NOISE_LINTS = "lints: {risk_share: 100, reply_min: 1000000, age_min_flagged: 1000000}"


# --- mkdocs.yml round trip (it may hold !ENV or !!python/name tags) ------------------------


class Tagged(NamedTuple):
    """A value under a tag plain YAML does not know; dumped back with the same tag."""

    tag: str
    value: Any


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that keeps MkDocs-only tags instead of failing on them."""


class _ConfigDumper(yaml.SafeDumper):
    """SafeDumper that writes Tagged values back with their tag."""


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    return Tagged(node.tag, loader.construct_scalar(node))


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigDumper.add_representer(Tagged, _represent_tagged)


def load_config(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected a mapping")
    return data


def dump_config(data: dict[str, Any], path: Path) -> None:
    text = yaml.dump(data, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


def with_course_id(text: str, course_id: str) -> str:
    """The repo's mkdocs.yml text with extra.vigil.id replaced, and the noise lints added
    unless the course sets its own; comments and tags kept."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)  # composing ignores unknown tags
    options: yaml.Node | None = None
    key_col = 0
    for key in ("extra", "vigil", "id"):
        if not isinstance(node, yaml.MappingNode):
            raise SystemExit("mkdocs.yml: expected extra.vigil.id")
        options = node
        found = next(((k, v) for k, v in node.value if k.value == key), None)
        if found is None:
            raise SystemExit("mkdocs.yml: expected extra.vigil.id")
        key_col, node = found[0].start_mark.column, found[1]
    assert isinstance(options, yaml.MappingNode)
    own = any(k.value == "lints" for k, _ in options.value)
    lints = "" if own or options.flow_style else f"\n{' ' * key_col}{NOISE_LINTS}"
    text = text[: node.start_mark.index] + course_id + lints + text[node.end_mark.index :]
    # A course of one language: the sample's translations are of its own scenarios (the
    # bench adds a second language itself, see run.two_languages).
    return re.sub(r"^ *languages: \[.*\]\n", "", text, count=1, flags=re.MULTILINE)


def nav_pages(nav: Any) -> Iterator[tuple[str, str]]:
    """(title, page) for every Markdown page a nav names."""
    items = nav if isinstance(nav, list) else []
    for item in items:
        if isinstance(item, str) and item.endswith(".md"):
            yield Path(item).stem.replace("-", " ").capitalize(), item
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str) and value.endswith(".md"):
                    yield str(title), value
                else:
                    yield from nav_pages(value)


# --- measuring the samples ---------------------------------------------------------------

Shape = list["Shape"]


@dataclass
class Profile:
    """Empirical distributions from the sample scenarios; generation samples from them."""

    files: int = 0
    file_bytes: list[int] = field(default_factory=list)
    # Each sample thread's shape (a list of reply shapes per comment), copied whole so that
    # thread length and depth keep the samples' joint distribution, tails included.
    shapes: list[Shape] = field(default_factory=list)
    comments: list[int] = field(default_factory=list)  # comments per thread
    depth: list[int] = field(default_factory=list)  # deepest reply level per thread
    personas: list[int] = field(default_factory=list)
    tactics: list[int] = field(default_factory=list)
    disclosure: list[int] = field(default_factory=list)
    difficulty: list[int] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    has_post: list[bool] = field(default_factory=list)
    has_summary: list[bool] = field(default_factory=list)
    flagged: list[bool] = field(default_factory=list)  # per comment
    leaks: list[int] = field(default_factory=list)  # per comment
    questions: list[int] = field(default_factory=list)
    # Every sample question, whatever its kind, with its scenario's comment ids in order
    # and its persona ids (a question may name a persona: whom a conversation is with).
    sample_questions: list[tuple[dict[str, Any], list[str], list[str]]] = field(
        default_factory=list
    )
    takeaways: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    text: dict[str, list[int]] = field(default_factory=dict)  # characters per text field kind
    words: list[str] = field(default_factory=list)

    def add_text(self, kind: str, value: Any) -> None:
        if isinstance(value, str) and value:
            self.text.setdefault(kind, []).append(len(value))
            self.words.extend(w.lower() for w in re.findall(r"[A-Za-z][a-z]{2,}", value))

    def summary(self) -> dict[str, Any]:
        """Means and maxima of the measured shapes, for the benchmark report."""

        def stats(values: list[int]) -> dict[str, float]:
            return {"mean": round(statistics.fmean(values), 1), "max": max(values)}

        return {
            "sample_files": self.files,
            "file_bytes": stats(self.file_bytes),
            "comments_per_thread": stats(self.comments),
            "reply_depth": stats(self.depth),
            "questions": stats(self.questions),
            "text_chars": {kind: stats(v) for kind, v in sorted(self.text.items())},
        }


def _walk(comments: list[dict[str, Any]], depth: int, profile: Profile) -> tuple[Shape, int]:
    """Record one level of a thread; returns its shape and the deepest level below it."""
    shape: Shape = []
    deepest = depth
    for comment in comments:
        profile.flagged.append("flag" in comment)
        profile.leaks.append(len(comment.get("leaks") or []))
        profile.add_text("comment", comment.get("text"))
        if "flag" in comment:
            profile.add_text("note", comment["flag"].get("note"))
        replies, level = _walk(comment.get("replies") or [], depth + 1, profile)
        shape.append(replies)
        deepest = max(deepest, level if replies else depth)
    return shape, deepest


def _count(shape: Shape) -> int:
    return sum(1 + _count(replies) for replies in shape)


def _comment_ids(comments: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for comment in comments:
        out.append(str(comment.get("id")))
        out.extend(_comment_ids(comment.get("replies") or []))
    return out


def _texts(value: Any, profile: Profile) -> None:
    """Measure a question's prose (not its ids) for the word pool and text lengths."""
    if isinstance(value, dict):
        for item in value.values():
            _texts(item, profile)
    elif isinstance(value, list):
        for item in value:
            _texts(item, profile)
    elif isinstance(value, str) and not KEEP.fullmatch(value):
        profile.add_text("question", value)


def measure(folder: Path = SAMPLES) -> Profile:
    """Measure every sample scenario in `folder`."""
    profile = Profile()
    for path in sorted(folder.glob("*.y*ml")):
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        if not isinstance(data, dict) or not data.get("thread"):
            continue
        profile.files += 1
        profile.file_bytes.append(path.stat().st_size)
        for kind in ("title", "summary", "setting"):
            profile.add_text(kind, data.get(kind))
        profile.has_summary.append("summary" in data)
        profile.personas.append(len(data.get("personas") or {}))
        profile.tactics.append(len(data.get("tactics") or []))
        profile.disclosure.append(len(data.get("disclosure") or []))
        profile.difficulty.append(int(data.get("difficulty", 1)))
        profile.platforms.append(str(data.get("platform", "forum")))
        post = data.get("post")
        profile.has_post.append(isinstance(post, dict))
        if isinstance(post, dict):
            profile.add_text("post", post.get("text"))
        shape, deepest = _walk(data["thread"], 0, profile)
        profile.shapes.append(shape)
        profile.comments.append(_count(shape))
        profile.depth.append(deepest)
        questions = data.get("questions") or []
        profile.questions.append(len(questions))
        for question in questions:
            personas = list(data.get("personas") or {})
            profile.sample_questions.append((question, _comment_ids(data["thread"]), personas))
            _texts(question, profile)
        profile.takeaways.append(len(data.get("takeaways") or []))
        for takeaway in data.get("takeaways") or []:
            profile.add_text("takeaway", takeaway)
        profile.sources.append(len(data.get("sources") or []))
        for source in data.get("sources") or []:
            profile.add_text("passage", source.get("passage"))
    if not profile.files:
        raise SystemExit(f"{folder}: no sample scenarios to measure")
    return profile


# --- generating ----------------------------------------------------------------------------


def builtin_terms() -> tuple[list[str], list[str]]:
    data = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))
    return [t["id"] for t in data["tactics"]], [c["id"] for c in data["categories"]]


class _Writer:
    """Builds one scenario from a Profile with a seeded random generator."""

    def __init__(self, profile: Profile, rng: random.Random) -> None:
        self.p = profile
        self.rng = rng
        self.tactics, self.categories = builtin_terms()

    def text(self, kind: str) -> str:
        return self.words(self.rng.choice(self.p.text.get(kind) or [80]))

    def words(self, target: int) -> str:
        """Sample words up to about `target` characters, as a sentence."""
        words: list[str] = []
        length = 0
        while length < target:
            word = self.rng.choice(self.p.words)
            words.append(word)
            length += len(word) + 1
        return " ".join(words).capitalize() + "."

    def scenario(self, ident: str, tactic: str) -> dict[str, Any]:
        rng, p = self.rng, self.p
        others = [t for t in self.tactics if t != tactic]
        tactics = [tactic, *rng.sample(others, min(len(others), rng.choice(p.tactics) - 1))]
        disclosure = rng.sample(self.categories, max(1, rng.choice(p.disclosure)))
        persona_ids = [f"p{i}" for i in range(1, max(2, rng.choice(p.personas)) + 1)]
        data: dict[str, Any] = {
            "id": ident,
            "title": self.text("title").rstrip("."),
        }
        if rng.choice(p.has_summary):
            data["summary"] = self.text("summary")
        data |= {
            "tactics": tactics,
            "disclosure": disclosure,
            "difficulty": rng.choice(p.difficulty),
            "platform": rng.choice(p.platforms),
            "setting": self.text("setting"),
            "personas": {
                pid: {
                    "name": f"{rng.choice(p.words)}_{rng.choice(p.words)}{rng.randrange(100)}",
                    "joined": f"{rng.randrange(1, 9)} years ago",
                    "posts": rng.randrange(2000),
                }
                for pid in persona_ids
            },
        }
        if rng.choice(p.has_post):
            data["post"] = {"by": persona_ids[0], "text": self.text("post"), "time": "2 days ago"}
        counter = iter(range(1, 10_000))
        comments: list[dict[str, Any]] = []

        def thread(shape: Shape) -> list[dict[str, Any]]:
            out = []
            for replies in shape:
                comment = self.comment(f"c{next(counter)}", persona_ids, tactics, disclosure)
                comments.append(comment)
                if replies:
                    comment["replies"] = thread(replies)
                out.append(comment)
            return out

        data["thread"] = thread(rng.choice(p.shapes))
        if not any("flag" in c for c in comments):  # every sample has a red flag
            comments[0]["flag"] = {"tactic": tactic, "note": self.text("note")}
        data["questions"] = [
            self.question(f"q{i}", comments, persona_ids, data)
            for i in range(1, rng.choice(p.questions) + 1)
        ]
        if all(q.get("assessment_only") for q in data["questions"]):  # as every sample asks
            data["questions"][0].pop("assessment_only")
        data["takeaways"] = [self.text("takeaway") for _ in range(rng.choice(p.takeaways))]
        data["sources"] = [
            {"title": self.text("title").rstrip("."), "passage": self.text("passage")}
            for _ in range(rng.choice(p.sources))
        ]
        return data

    def comment(
        self, ident: str, personas: list[str], tactics: list[str], disclosure: list[str]
    ) -> dict[str, Any]:
        rng = self.rng
        text = self.text("comment")
        comment: dict[str, Any] = {
            "id": ident,
            "by": rng.choice(personas),
            "time": f"{rng.randrange(1, 24)} h ago",
            "likes": rng.randrange(500),
            "text": text,
        }
        if rng.choice(self.p.flagged):
            comment["flag"] = {"tactic": rng.choice(tactics), "note": self.text("note")}
        words = text.split()
        leaks = []
        for _ in range(rng.choice(self.p.leaks)):
            start = rng.randrange(max(1, len(words) - 3))
            quoted = " ".join(words[start : start + 3])
            leaks.append({"category": rng.choice(disclosure), "text": quoted})
        if leaks:
            comment["leaks"] = leaks
        return comment

    def question(
        self,
        ident: str,
        comments: list[dict[str, Any]],
        personas: list[str],
        scenario: dict[str, Any],
    ) -> dict[str, Any]:
        """A sample question of any kind, copied onto this thread: what named the sample's
        comments (or personas) names this thread's (each synthetic comment stands in for one
        sample comment), and its text is replaced by words of the same length.

        A copy that no longer passes the check (a kind whose keys quote its own text, or a
        thread's leaks) is drawn again, so the course is valid whatever the kinds."""
        for _ in range(100):
            sample, sample_ids, sample_personas = self.rng.choice(self.p.sample_questions)
            ids = [c["id"] for c in comments]
            stands_for: dict[str, list[str]] = {}
            for i, new in enumerate(ids):
                stands_for.setdefault(sample_ids[i % len(sample_ids)], []).append(new)
            for j, old in enumerate(sample_ids):
                stands_for.setdefault(old, [ids[j % len(ids)]])
            for j, old in enumerate(sample_personas):
                stands_for.setdefault(old, [personas[j % len(personas)]])
            question = self._copy(sample, stands_for)
            question["id"] = ident
            if _passes({**scenario, "questions": [question]}):
                return question
        raise SystemExit(f"no sample question fits the synthetic scenario {scenario['id']}")

    def _copy(self, value: Any, stands_for: dict[str, list[str]]) -> Any:
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                for new in stands_for.get(key, [key]):
                    out.setdefault(new, self._copy(item, stands_for))
            return out
        if isinstance(value, list):
            items: list[Any] = []
            for item in value:
                if isinstance(item, str) and item in stands_for:
                    items.extend(stands_for[item])
                else:
                    items.append(self._copy(item, stands_for))
            strings = all(isinstance(i, str) for i in items)
            return list(dict.fromkeys(items)) if strings else items
        if isinstance(value, str):
            if value in stands_for:
                return stands_for[value][0]
            return value if KEEP.fullmatch(value) else self.words(len(value))
        return value


def _passes(scenario: dict[str, Any]) -> bool:
    """Whether the checker finds nothing in a scenario (with the built-in taxonomy)."""
    text = yaml.dump(scenario, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
    doc, _ = load_text(text, "synthetic.yaml")
    if doc is None:
        return False
    model, _problems = validate(doc, scenario_model())
    if model is None:
        return False
    # Warnings too: courses build --strict.
    return not check_scenario(doc, model, builtin()) and not longest_correct(
        doc, model, LintOptions()
    )


@dataclass(frozen=True)
class Generated:
    """What was written: the project folder and each scenario's id and module."""

    root: Path
    scenarios: list[tuple[str, str]]
    modules: list[str]


def generate(
    root: Path, n: int, modules: int = 9, *, seed: int = 1, profile: Profile | None = None
) -> Generated:
    """Write a course of `n` scenarios over `modules` tactics into an empty or new `root`."""
    profile = profile or measure()
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    writer = _Writer(profile, rng)
    if not 1 <= modules <= len(writer.tactics):
        raise SystemExit(f"--modules must be 1..{len(writer.tactics)} (the built-in tactics)")
    module_ids = writer.tactics[: min(modules, n)]
    (root / "scenarios").mkdir(parents=True, exist_ok=True)
    scenarios = []
    for i in range(n):
        ident, tactic = f"synth-{i + 1:05d}", module_ids[i % len(module_ids)]
        data = writer.scenario(ident, tactic)
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
        (root / "scenarios" / f"{ident}.yaml").write_text(text, encoding="utf-8")
        scenarios.append((ident, tactic))
    config_text = with_course_id(CONFIG.read_text(encoding="utf-8"), COURSE_ID)
    (root / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    config = load_config(root / "mkdocs.yml")
    docs = root / str(config.get("docs_dir", "docs"))
    docs.mkdir(parents=True, exist_ok=True)
    generated = (COURSE_HOME, COVERAGE_PAGE)
    pages = [(t, page) for t, page in nav_pages(config.get("nav")) if page not in generated]
    for title, page in pages or [("Welcome", "index.md")]:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(
            f"# {title}\n\nA short page of the synthetic benchmark course.\n", encoding="utf-8"
        )
    for entry in [*(config.get("extra_css") or []), *(config.get("extra_javascript") or [])]:
        name = entry.get("path") if isinstance(entry, dict) else entry
        source = REPO / str(config.get("docs_dir", "docs")) / str(name)
        if source.is_file():  # the course's own stylesheets and scripts, as in the repo
            (docs / str(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, docs / str(name))
    return Generated(root, scenarios, module_ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a new or empty folder for the course")
    parser.add_argument("--n", type=int, default=1000, help="number of scenarios")
    parser.add_argument("--modules", type=int, default=9, help="number of modules (tactics)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    made = generate(args.out, args.n, args.modules, seed=args.seed)
    print(f"wrote {len(made.scenarios)} scenarios in {len(made.modules)} modules to {made.root}")


if __name__ == "__main__":
    main()
