"""`vigil i18n extract` and `vigil i18n update LANGUAGE`: a course's translation files."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError

from vigil.check.project import check_project, display_path, load_options
from vigil.check.report import format_report
from vigil.cli_options import PROJECT
from vigil.i18n.catalog_files import (
    FUZZY,
    merged,
    po_path,
    read_catalog,
    template,
    template_path,
    write_if_changed,
)
from vigil.i18n.course_text import course_texts


@click.group()
def i18n() -> None:
    """Translate a course: the template of its text, and each language's PO file."""


@i18n.command()
@PROJECT
def extract(project: Path) -> None:
    """Write translations/scenarios.pot: every text of the course's scenarios and mkdocs.yml."""
    result = check_project(project)
    config = load_options(project)
    if result.course is None:
        click.echo(format_report(result.problems, "text", project), err=True)
        click.echo("nothing extracted: fix the problems above first", err=True)
        sys.exit(1)
    found = course_texts(result.course, config.doc.data if config.doc else {})
    path = template_path(project)
    written = write_if_changed(path, template(found, result.course.title))
    state = "written" if written else "unchanged"
    click.echo(f"{display_path(path, project)}: {len(found)} texts, {state}")


@i18n.command()
@click.argument("language")
@PROJECT
def update(language: str, project: Path) -> None:
    """Merge the template into translations/LANGUAGE.po: new texts are added untranslated,
    changed ones marked fuzzy, gone ones obsolete."""
    config = load_options(project)
    if config.options is None:
        click.echo(format_report(config.problems, "text", project), err=True)
        sys.exit(1)
    others = config.options.languages[1:]
    if language not in others:
        listed = ", ".join(others) or "none"
        click.echo(
            f"{language!r} is not a translated language of this course (extra.vigil.languages "
            f"in mkdocs.yml lists: {listed})",
            err=True,
        )
        sys.exit(1)
    source = template_path(project)
    if not source.is_file():
        shown = display_path(source, project)
        click.echo(f"{shown}: no template yet; run `vigil i18n extract` first", err=True)
        sys.exit(1)
    target = po_path(project, language)
    pot = _read(source, project, None)
    existing = _read(target, project, language) if target.is_file() else None
    catalog = merged(pot, existing, language)
    written = write_if_changed(target, catalog, language)
    messages = [m for m in catalog if m.id]
    fuzzy = sum(FUZZY in m.flags for m in messages)
    done = sum(bool(m.string) and FUZZY not in m.flags for m in messages)
    click.echo(
        f"{display_path(target, project)}: {done} translated, {fuzzy} fuzzy, "
        f"{len(messages) - done - fuzzy} untranslated, {len(catalog.obsolete)} obsolete"
        f"{'' if written else ' (unchanged)'}"
    )


def _read(path: Path, project: Path, language: str | None) -> Catalog:
    try:
        return read_catalog(path, language)
    except PoFileError as err:
        click.echo(f"{display_path(path, project)}:{err.lineno + 1}:1: {err}", err=True)
    except (UnicodeDecodeError, ValueError) as err:
        click.echo(f"{display_path(path, project)}:1:1: not a readable PO file: {err}", err=True)
    sys.exit(1)
