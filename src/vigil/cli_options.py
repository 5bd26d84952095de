"""Options the commands of `vigil` share, in a module of their own so that groups defined
elsewhere (`vigil i18n`) use them too."""

from __future__ import annotations

from pathlib import Path

import click

PROJECT = click.option(
    "--project",
    "-p",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The course folder, holding mkdocs.yml.",
)
