"""The `vigil` command line: check, report, schema, new, build, export, serve, verify."""

from __future__ import annotations

import datetime
import errno
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click
from pydantic import TypeAdapter, ValidationError

from vigil import pipeline
from vigil.certificate import normalise_code, normalise_name, verification_code
from vigil.check.project import load_options
from vigil.check.report import format_report
from vigil.check.suggest import suggest
from vigil.cli_options import PROJECT
from vigil.coverage.formats import FORMATS, WRITERS
from vigil.export import EXPORTS, ExportError, default_output, export_course
from vigil.export import HELP as EXPORT_HELP
from vigil.format.fields import Id
from vigil.format.json_schema import scenario_schema_text
from vigil.format.scaffold import DEFAULT_PLATFORM, DEFAULT_TACTIC, scenario_text
from vigil.format.scenario import Platform
from vigil.i18n.catalog import PSEUDO_LANGUAGE, SOURCE_LANGUAGE, languages
from vigil.i18n.commands import i18n
from vigil.i18n.languages import course_languages
from vigil.problems import format_problems, has_errors
from vigil.targets.web import SITE

LANGUAGE = click.option(
    "--language",
    help="Only this language, as a course of one language [default: every language of "
    f"extra.vigil.languages]; {PSEUDO_LANGUAGE} marks every translated string.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vigil")
def cli() -> None:
    """Build counter-elicitation awareness courses from YAML scenarios."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for CI annotations.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@PROJECT
def check(paths: tuple[Path, ...], fmt: str, strict: bool, project: Path) -> None:
    """Check scenarios (default: the course's scenarios folder) and report every problem."""
    result = pipeline.check(project, list(paths) or None)
    if result.problems or fmt == "json":
        click.echo(format_report(result.problems, fmt, project))
    failed = has_errors(result.problems, strict=strict)
    if fmt == "text":
        errors = sum(p.is_error for p in result.problems)
        warnings = len(result.problems) - errors
        summary = f"{errors} error(s), {warnings} warning(s)" if result.problems else "all clear"
        click.echo(summary, err=True)
    sys.exit(1 if failed else 0)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people, json for tools, markdown for a pull request or a wiki.",
)
@PROJECT
def report(fmt: str, project: Path) -> None:
    """Show what the course covers: tactics by category, by question kind, difficulty per
    module, and the gaps."""
    from vigil.coverage.matrix import coverage

    result = pipeline.check(project)
    if result.course is None:
        click.echo(format_report(result.problems, "text", project), err=True)
        click.echo("no report: fix the problems above first", err=True)
        sys.exit(1)
    click.echo(WRITERS[fmt](coverage(result.course)))


@cli.command()
@click.option(
    "--write",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep this file current instead of printing: rewrite it and exit 1 if it differed.",
)
def schema(target: Path | None) -> None:
    """Print the JSON Schema of the scenario format (for editors and CI)."""
    text = scenario_schema_text()
    if target is None:
        click.echo(text, nl=False)
        return
    try:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        click.echo(f"{target}: cannot update the schema: {err}", err=True)
        sys.exit(1)
    click.echo(f"{target}: {'updated' if current is not None else 'written'}; add it to the commit")
    sys.exit(1)


@cli.command()
@click.argument("name")
@click.option(
    "--tactic",
    default=DEFAULT_TACTIC,
    show_default=True,
    help="The tactic the thread shows at work (a built-in one or the course's own).",
)
@click.option(
    "--platform",
    type=click.Choice([p.value for p in Platform]),
    default=DEFAULT_PLATFORM.value,
    show_default=True,
    help="Where the thread happens.",
)
@PROJECT
def new(name: str, tactic: str, platform: str, project: Path) -> None:
    """Create scenarios/NAME.yaml: a commented scenario for the tactic and platform that
    already passes `vigil check --strict`."""
    try:
        TypeAdapter(Id).validate_python(name)
    except ValidationError:
        raise click.BadParameter(
            "use up to 64 lowercase letters, digits and hyphens, e.g. launch-video-gyroscope",
            param_hint="NAME",
        ) from None
    config = load_options(project)
    options = config.options
    if options is None:
        click.echo(format_problems(config.problems, "text"), err=True)
        sys.exit(1)
    known = config.taxonomy().tactic_ids
    if tactic not in known:
        raise click.BadParameter(
            f"unknown tactic {tactic!r}{suggest(tactic, known)} "
            f"(known: {', '.join(sorted(known))})",
            param_hint="--tactic",
        )
    target = project / options.scenarios / f"{name}.yaml"
    if target.exists() or target.is_symlink():
        click.echo(f"{target}: already exists; nothing was written", err=True)
        sys.exit(1)
    schema_file = project / "schema" / "scenario.schema.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        text = scenario_text(name, target, schema_file, tactic=tactic, platform=Platform(platform))
        target.write_text(text, encoding="utf-8")
    except OSError as err:
        click.echo(f"{target}: cannot write the file: {err.strerror}", err=True)
        sys.exit(1)
    click.echo(f"created {target}")


@cli.command()
@click.option("--strict", is_flag=True, help="Fail on warnings, from the check and from MkDocs.")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Where the finished site goes (relative to the project).",
)
@LANGUAGE
@click.option(
    "--force",
    is_flag=True,
    help="Replace the site folder even if no Vigil build made it (its files are lost).",
)
@click.option(
    "--trainers",
    is_flag=True,
    help="Keep the trainers' nav section (extra.vigil.trainers_section), which a "
    "learners' build leaves out.",
)
@PROJECT
def build(
    strict: bool, site_dir: Path, language: str | None, force: bool, trainers: bool, project: Path
) -> None:
    """Check, render and build the course site; a failed build keeps the previous one.

    A course in several languages (extra.vigil.languages) is built into SITE_DIR/<language>/
    for each, in parallel, with SITE_DIR/index.html leading to the reader's language."""
    from vigil.engine.site import SiteError, build_site  # MkDocs loads only when needed

    result = pipeline.check(project)
    if result.problems:
        click.echo(format_report(result.problems, "text", project), err=True)
    if result.course is None or has_errors(result.problems, strict=strict):
        click.echo(f"build stopped: fix the problems above; {site_dir}/ was not changed", err=True)
        sys.exit(1)
    try:
        build_site(
            project,
            project / site_dir,
            scenarios=Path(result.course.options.scenarios),
            target=SITE,
            languages=_languages(course_languages(result.course), language),
            strict=strict,
            force=force,
            trainers=trainers,
        )
    except SiteError as err:
        click.echo(f"build failed: {err}; {site_dir}/ was not changed", err=True)
        sys.exit(1)
    click.echo(f"built {len(result.course.scenarios)} scenarios into {project / site_dir}")


def _languages(written: Sequence[str], language: str | None) -> list[str]:
    """The languages to build: the one asked for, else every language the course lists
    (`written`)."""
    if language is None:
        return list(written)
    known = (*written, *languages())
    if language not in known:
        raise click.BadParameter(
            f"unknown language {language!r}{suggest(language, known)} "
            f"(known: {', '.join(dict.fromkeys(known))})",
            param_hint="--language",
        )
    return [language]


@cli.command(help=EXPORT_HELP)
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(EXPORTS)))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The zip to write [default: dist/<course id>-<version>-<FORMAT>.zip in the project].",
)
@click.option("--strict", is_flag=True, help="Fail on warnings, from the check and from MkDocs.")
@LANGUAGE
@click.option("--force", is_flag=True, help="Replace the output file even if it is not a zip.")
@PROJECT
def export(
    fmt: str, output: Path | None, strict: bool, language: str | None, force: bool, project: Path
) -> None:
    result = pipeline.check(project)
    if result.problems:
        click.echo(format_report(result.problems, "text", project), err=True)
    if result.course is None or has_errors(result.problems, strict=strict):
        click.echo("export stopped: fix the problems above; nothing was written", err=True)
        sys.exit(1)
    out = output or default_output(project, result.course, fmt)
    chosen = _languages(course_languages(result.course), language)
    try:
        written = export_course(
            project, result.course, fmt, out, languages=chosen, strict=strict, force=force
        )
    except ExportError as err:
        click.echo(f"export failed: {err}; nothing was written", err=True)
        sys.exit(1)
    where = ", ".join(str(path) for path in written.values())
    click.echo(f"exported {len(result.course.scenarios)} scenarios as {fmt} to {where}")


@cli.command()
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.option(
    "--language",
    help="Preview this language of extra.vigil.languages [default: the source language]; "
    f"{PSEUDO_LANGUAGE} marks every translated string.",
)
@PROJECT
def serve(dev_addr: str, open_browser: bool, language: str | None, project: Path) -> None:
    """Preview the course, rebuilding on edits to scenarios/, content/ and mkdocs.yml (and
    translations/, when previewing a translation with --language)."""
    from vigil.engine.preview import serve_site
    from vigil.engine.site import SiteError

    config = load_options(project)
    if language is not None and config.options is None:  # no languages to choose from
        click.echo(format_problems(config.problems, "text"), err=True)
        sys.exit(1)
    written = config.options.languages if config.options is not None else (SOURCE_LANGUAGE,)
    chosen = _languages(written, language)[0] if language is not None else None
    try:
        serve_site(project, dev_addr, open_browser=open_browser, language=chosen)
    except SiteError as err:
        click.echo(f"serve failed: {err}", err=True)
        sys.exit(1)


def _text_param(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Text typed on the command line must be valid UTF-8 (Python keeps bad bytes as surrogates)."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise click.BadParameter("is not valid UTF-8 text") from None
    return value


def _code_param(ctx: click.Context, param: click.Parameter, value: str) -> str:
    code = normalise_code(value)
    if code is None:
        raise click.BadParameter(
            "expected 10 letters and digits as printed on the certificate, e.g. VXCRM-CJJE2"
        )
    return code


def _date_param(ctx: click.Context, param: click.Parameter, value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise click.BadParameter("expected the date as printed, YYYY-MM-DD, e.g. 2026-11-28")
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("is not a real date (YYYY-MM-DD)") from None
    return value


@cli.command()
@click.argument("code", callback=_code_param)
@click.option(
    "--name", required=True, callback=_text_param, help="The name as printed on the certificate."
)
@click.option(
    "--date", required=True, callback=_date_param, help="The date as printed (YYYY-MM-DD)."
)
@click.option("--score", required=True, type=click.IntRange(0, 100), help="The score in percent.")
@click.option(
    "--course-version",
    callback=_text_param,
    help="The course version printed on the certificate (default: the current course's).",
)
@PROJECT
def verify(
    code: str, name: str, date: str, score: int, course_version: str | None, project: Path
) -> None:
    """Check a certificate's verification code against the fields printed beside it."""
    result = pipeline.check(project)
    if result.course is None:
        click.echo(format_problems(result.problems, "text"), err=True)
        sys.exit(1)
    course = result.course
    version = course_version or course.version
    expected = verification_code(
        course_id=course.options.id,
        title=course.title,
        version=version,
        date=date,
        score=score,
        name=name,
    )
    if code != expected:  # the expected code is never shown: verify must not mint codes
        click.echo(
            f"no match: {code} is not the code for name {normalise_name(name)!r}, date {date}, "
            f"score {score}, course {course.options.id!r} version {version!r}",
            err=True,
        )
        sys.exit(1)
    note = "" if version == course.version else f" (the course is now at version {course.version})"
    click.echo(f"match: the fields are as printed for course version {version}{note}")


cli.add_command(i18n)


# Errors of the machine rather than of Vigil: a full disk, a read-only or missing folder.
ENVIRONMENT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EFBIG", "ENOTDIR")
    if hasattr(errno, name)
)


def main() -> None:
    """Entry point: problems exit 1, usage errors 2, a bug in Vigil 3; never a traceback."""
    try:
        cli.main(standalone_mode=True)
    except OSError as err:
        if os.environ.get("VIGIL_DEBUG") or err.errno not in ENVIRONMENT_ERRNOS:
            _internal_error(err)
        where = f"{os.fsdecode(err.filename)}: " if err.filename else ""
        click.echo(f"vigil: {where}{err.strerror}", err=True)
        sys.exit(1)
    except Exception as err:  # a bug in Vigil, not in the user's input
        _internal_error(err)


def _internal_error(err: Exception) -> NoReturn:
    if os.environ.get("VIGIL_DEBUG"):
        raise err
    click.echo(
        f"vigil: internal error: {type(err).__name__}: {err} "
        "(run with VIGIL_DEBUG=1 for details and please report it)",
        err=True,
    )
    sys.exit(3)
