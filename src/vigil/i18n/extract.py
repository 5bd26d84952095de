"""Extract the catalog template `locale/vigil.pot` with Babel; run after changing any string.

    python -m vigil.i18n.extract           # rewrite the template (only if a message changed)
    python -m vigil.i18n.extract --check   # exit 1 if the committed template is out of date

Sources: the Python of the package (`N_`, `_`, `gettext`, `ngettext`, `pgettext` and the
quiz engine's `Plural`), the Jinja templates of the pages and of the question kinds
(`jinja2.ext.babel_extract`, trans blocks trimmed, newstyle gettext, as the pages render
them) and the built-in taxonomy (names and descriptions of tactics and categories).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib.metadata import version
from io import BytesIO
from pathlib import Path
from typing import IO, Any, TypeAlias, cast

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

import vigil
from vigil.format.taxonomy import TERM_CONTEXTS
from vigil.i18n.catalog import DOMAIN, TEMPLATE

PACKAGE = Path(vigil.__file__).parent
# Babel keyword specs: which arguments are the message, its plural and its context.
KEYWORDS: dict[str, Any] = {
    "N_": None,
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "Plural": (1, 2),
}
COMMENT_TAGS = ("Translators:",)
# As render.environment configures Jinja, so the extracted ids are the ones looked up.
JINJA_OPTIONS = {
    "trimmed": "true",
    "newstyle_gettext": "true",
    "trim_blocks": "true",
    "lstrip_blocks": "true",
    "silent": "false",
}

Method: TypeAlias = str | Callable[..., Iterator[tuple[int, str, Any, list[str]]]]
# A message's identity in the catalog: its context, id and plural id.
Key: TypeAlias = tuple[str | None, str, str | None]


def extract_taxonomy(
    fileobj: IO[bytes],
    keywords: Sequence[str],
    comment_tags: Sequence[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method for taxonomy.yaml: each term's name and description, in
    the context of its section, with its id as a comment for translators."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if not isinstance(root, yaml.MappingNode):
        return
    for section, terms in root.value:
        context = TERM_CONTEXTS.get(section.value)
        if context is None or not isinstance(terms, yaml.SequenceNode):
            continue
        for term in terms.value:
            fields = {key.value: node for key, node in term.value}
            for field in ("name", "description"):
                node = fields[field]
                comment = f"The {field} of the built-in {context} {fields['id'].value}."
                yield node.start_mark.line + 1, "pgettext", (context, node.value), [comment]


def sources(package: Path = PACKAGE) -> list[tuple[Path, Method, dict[str, str]]]:
    """Every file strings are extracted from, with its extraction method and options."""
    python = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    templates = sorted((package / "render" / "templates").glob("*.j2"))
    templates += sorted((package / "questions").glob("*.j2"))
    return [
        *((p, "python", {}) for p in python),
        *((p, babel_extract, JINJA_OPTIONS) for p in templates),
        (package / "format" / "data" / "taxonomy.yaml", extract_taxonomy, {}),
    ]


def extract_catalog(package: Path = PACKAGE) -> Catalog:
    """The template catalog as the sources stand now."""
    catalog = Catalog(
        project="Vigil",
        version=version("vigil"),
        copyright_holder="the Vigil authors",
        domain=DOMAIN,
        charset="utf-8",
    )
    for path, method, options in sources(package):
        where = path.relative_to(package.parent).as_posix()
        with path.open("rb") as stream:
            found = extract(
                cast(Any, method),
                stream,
                keywords=KEYWORDS,
                comment_tags=COMMENT_TAGS,
                options=options,
                strip_comment_tags=True,
            )
            for lineno, message, comments, context in found:
                catalog.add(
                    message, None, [(where, lineno)], auto_comments=comments, context=context
                )
    return catalog


def keys(catalog: Catalog) -> set[Key]:
    """What a translation depends on: each message's context, id and plural id."""
    out: set[Key] = set()
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            out.add((message.context, message.id, None))
        else:
            out.add((message.context, message.id[0], message.id[1]))
    return out


def read_template(path: Path = TEMPLATE) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, domain=DOMAIN)


def template_text(catalog: Catalog) -> str:
    out = BytesIO()
    write_po(out, catalog, width=100)
    return out.getvalue().decode("utf-8")


# Header lines that change on every run without any message changing.
_VOLATILE = re.compile(r'^(?:# Copyright \(C\) \d+ |"POT-Creation-Date: ).*$', re.MULTILINE)


def update_template(path: Path = TEMPLATE, package: Path = PACKAGE) -> bool:
    """Write the template if anything but its dates changed; True if it was written."""
    text = template_text(extract_catalog(package))
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if _VOLATILE.sub("", old) == _VOLATILE.sub("", text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args not in ([], ["--check"]):
        print("usage: python -m vigil.i18n.extract [--check]", file=sys.stderr)
        return 2
    if args == ["--check"]:
        current = keys(extract_catalog())
        committed = keys(read_template()) if TEMPLATE.is_file() else set()
        if current != committed:
            print(
                f"{TEMPLATE} is out of date ({len(current - committed)} new, "
                f"{len(committed - current)} gone): run python -m vigil.i18n.extract",
                file=sys.stderr,
            )
            return 1
        print(f"{TEMPLATE}: up to date, {len(current)} messages")
        return 0
    written = update_template()
    count = len(keys(read_template()))
    print(f"{TEMPLATE}: {'written' if written else 'unchanged'}, {count} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
