"""The tactics and disclosure categories a course knows: built-in data plus the course's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field

from vigil.format.translatable import TRANSLATABLE

SLUG = r"^[a-z0-9][a-z0-9-]*$"
# A BCP 47 language tag as courses write them: en, zh-Hans, pt-BR.
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
# The catalog's context of the built-in terms' names and descriptions, by taxonomy.yaml section.
TERM_CONTEXTS = {"tactics": "tactic", "categories": "disclosure category"}


class Term(BaseModel):
    """A tactic or a category: an id the format refers to, a name and a description."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SLUG, description="Identifier used in scenarios.")
    name: Annotated[str, TRANSLATABLE] = Field(min_length=1, description="Display name.")
    description: Annotated[str, TRANSLATABLE] = Field(
        min_length=1, description="One or two sentences for learners."
    )


class _TaxonomyFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    tactics: tuple[Term, ...]
    categories: tuple[Term, ...]


@dataclass(frozen=True)
class Taxonomy:
    tactics: tuple[Term, ...]
    categories: tuple[Term, ...]

    def tactic(self, term_id: str) -> Term:
        return next(t for t in self.tactics if t.id == term_id)

    def category(self, term_id: str) -> Term:
        return next(t for t in self.categories if t.id == term_id)

    @property
    def tactic_ids(self) -> frozenset[str]:
        return frozenset(t.id for t in self.tactics)

    @property
    def category_ids(self) -> frozenset[str]:
        return frozenset(t.id for t in self.categories)

    def extended(self, tactics: tuple[Term, ...], categories: tuple[Term, ...]) -> Taxonomy:
        """Add a course's own terms; a course term with a built-in id replaces the built-in."""
        return Taxonomy(_merge(self.tactics, tactics), _merge(self.categories, categories))


def _merge(base: tuple[Term, ...], extra: tuple[Term, ...]) -> tuple[Term, ...]:
    own = {t.id: t for t in extra}
    merged = [own.pop(t.id, t) for t in base]
    return (*merged, *own.values())


@cache
def builtin() -> Taxonomy:
    text = files("vigil.format").joinpath("data/taxonomy.yaml").read_text(encoding="utf-8")
    data = _TaxonomyFile.model_validate(yaml.safe_load(text))
    return Taxonomy(data.tactics, data.categories)


def translated(taxonomy: Taxonomy, pgettext: Callable[[str, str], str]) -> Taxonomy:
    """The taxonomy in a language: built-in terms' names and descriptions come from the
    catalog; a course's own terms are its author's text and stay as written."""
    base = builtin()

    def term(t: Term, context: str, builtins: tuple[Term, ...]) -> Term:
        if t not in builtins:
            return t
        name, description = pgettext(context, t.name), pgettext(context, t.description)
        if (name, description) == (t.name, t.description):
            return t
        return t.model_copy(update={"name": name, "description": description})

    tactics = tuple(term(t, TERM_CONTEXTS["tactics"], base.tactics) for t in taxonomy.tactics)
    categories = tuple(
        term(t, TERM_CONTEXTS["categories"], base.categories) for t in taxonomy.categories
    )
    if (tactics, categories) == (taxonomy.tactics, taxonomy.categories):
        return taxonomy
    return Taxonomy(tactics, categories)
