"""`vigil new NAME --tactic T --platform P`: a thread and questions that fit the tactic
and the platform, passing `vigil check --strict` as written, for every combination."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import run_vigil
from vigil.check.project import check_project
from vigil.format.scaffold import GENERIC, scenario_text, templates
from vigil.format.scenario import Platform
from vigil.format.taxonomy import builtin

COURSE_TACTIC = "job-offer-lure"
MKDOCS = (
    "site_name: T\nextra:\n  vigil:\n    id: t\n    tactics:\n"
    f"      - {{id: {COURSE_TACTIC}, name: Job-offer lure, description: A fake recruiter.}}\n"
)


def test_every_builtin_tactic_has_its_own_template() -> None:
    assert templates() == {t.id for t in builtin().tactics}
    assert GENERIC not in templates()


def test_every_tactic_on_every_platform_passes_strict(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    folder = tmp_path / "scenarios"
    folder.mkdir()
    schema = tmp_path / "schema" / "scenario.schema.json"
    written = {}
    for tactic in [*sorted(templates()), COURSE_TACTIC]:
        for platform in Platform:
            name = f"{tactic}-{platform.value}"
            target = folder / f"{name}.yaml"
            text = scenario_text(name, target, schema, tactic=tactic, platform=platform)
            target.write_text(text, encoding="utf-8")
            written[name] = (tactic, platform, yaml.safe_load(text))
    result = check_project(tmp_path)
    assert [p.text() for p in result.problems] == []
    assert result.course is not None
    assert len(result.course.scenarios) == len(written) == 10 * len(Platform)
    for tactic, platform, data in written.values():
        assert data["tactics"][0] == tactic
        assert data["platform"] == platform.value
        flags = [c["flag"]["tactic"] for c in data["thread"] if "flag" in c]
        flags += [
            r["flag"]["tactic"] for c in data["thread"] for r in c.get("replies", []) if "flag" in r
        ]
        assert set(flags) == {tactic}, "the red flags show the chosen tactic"
        assert ("post" in data) == (platform is not Platform.MESSAGES), "messages have no post"


def test_templates_differ_by_tactic() -> None:
    """Each tactic gets its own thread, not one thread with the tactic renamed."""
    target, schema = Path("s/x.yaml"), Path("schema/scenario.schema.json")
    threads = {
        t: yaml.safe_load(scenario_text("x", target, schema, tactic=t))["thread"][0]["text"]
        for t in templates()
    }
    assert len(set(threads.values())) == len(threads)


def test_cli_new_with_tactic_and_platform(project: Path) -> None:
    made = run_vigil(
        "new", "swarm", "--tactic", "paid-posters-and-bots", "--platform", "microblog", cwd=project
    )
    assert made.returncode == 0, made.stderr
    data = yaml.safe_load((project / "scenarios" / "swarm.yaml").read_text(encoding="utf-8"))
    assert (data["tactics"], data["platform"]) == (["paid-posters-and-bots"], "microblog")
    assert run_vigil("check", "--strict", cwd=project).returncode == 0
    typo = run_vigil("new", "other", "--tactic", "befriendin", cwd=project)
    assert typo.returncode == 2
    assert "did you mean 'befriending'?" in typo.stderr
    assert not (project / "scenarios" / "other.yaml").exists()
    wrong = run_vigil("new", "other", "--platform", "fax", cwd=project)
    assert wrong.returncode == 2
