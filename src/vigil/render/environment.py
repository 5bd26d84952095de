"""The Jinja environments, one per language: StrictUndefined, autoescape, each question
kind's template, and the catalog through `jinja2.ext.i18n` (newstyle gettext, trimmed
trans blocks, as `vigil.i18n.extract` reads them)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any, cast

from jinja2 import (
    ChoiceLoader,
    Environment,
    FunctionLoader,
    PackageLoader,
    StrictUndefined,
    pass_context,
)
from markupsafe import Markup

from vigil.i18n import Untranslated
from vigil.i18n.catalog import Translator
from vigil.questions import registry
from vigil.render.sanitize import markdown_to_html, plain_to_html, safe_url
from vigil.render.text import (
    avatar_colour,
    data_element,
    excerpt,
    initials,
    leak_segments,
)

KIND_PREFIX = "kinds/"
SHARED_PREFIX = "questions/"


def _kind_template(name: str) -> str | None:
    """`kinds/<type>` is the template that kind ships beside its module; `questions/<file>`
    a template the built-in kinds share."""
    if name.startswith(SHARED_PREFIX):
        return (files("vigil.questions") / name.removeprefix(SHARED_PREFIX)).read_text("utf-8")
    if not name.startswith(KIND_PREFIX):
        return None
    kind = registry.kinds().get(name.removeprefix(KIND_PREFIX))
    return None if kind is None else kind.template.read_text(encoding="utf-8")


def _markup_callables(translator: Translator) -> dict[str, Callable[..., Markup]]:
    """Jinja's newstyle gettext functions for an autoescaping environment, minus their cost
    per call (they run for every comment of every thread): the translation as Markup,
    %-formatted with the escaped variables; `num` and `context` as newstyle sets them."""

    @cache
    def translated(message: str) -> Markup:
        return Markup(translator.gettext(message))  # noqa: S704  (the catalog is trusted)

    def gettext(message: str, /, **variables: Any) -> Markup:
        return translated(message) % variables

    def ngettext(singular: str, plural: str, num: int, /, **variables: Any) -> Markup:
        variables.setdefault("num", num)
        return Markup(translator.ngettext(singular, plural, num)) % variables  # noqa: S704

    def pgettext(context: str, message: str, /, **variables: Any) -> Markup:
        variables.setdefault("context", context)
        return Markup(translator.pgettext(context, message)) % variables  # noqa: S704

    def npgettext(
        context: str, singular: str, plural: str, num: int, /, **variables: Any
    ) -> Markup:
        variables.setdefault("context", context)
        variables.setdefault("num", num)
        text = translator.npgettext(context, singular, plural, num)
        return Markup(text) % variables  # noqa: S704

    return {
        "_": gettext,
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }


def _marked(shown: Callable[[str], Markup], tag: str) -> Callable[[str], Markup]:
    """A text filter that marks source text shown where a translation is missing: its
    element says the language it is in, and carries the class `vigil-untranslated`."""

    def marked(text: str) -> Markup:
        html = shown(text)
        if not isinstance(text, Untranslated):
            return html
        template = Markup('<{0} lang="{1}" class="vigil-untranslated">{2}</{0}>')
        return template.format(Markup(tag), text.lang, html)  # noqa: S704  (a literal tag)

    return marked


def untranslated(text: str) -> Markup:
    """The attributes that mark an element holding `text` when it is `Untranslated`."""
    if not isinstance(text, Untranslated):
        return Markup("")
    return Markup(' lang="{}" class="vigil-untranslated"').format(text.lang)


@cache
def environment(translator: Translator) -> Environment:
    """The environment of one language (translators are made once per language)."""
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("vigil.render", "templates"), FunctionLoader(_kind_template)]
        ),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True
    cast(Any, env).install_gettext_callables(
        gettext=translator.gettext,
        ngettext=translator.ngettext,
        pgettext=translator.pgettext,
        npgettext=translator.npgettext,
        newstyle=True,
    )
    env.globals.update(_markup_callables(translator))
    env.filters.update(
        md=_marked(markdown_to_html, "div"),
        plain=_marked(plain_to_html, "span"),
        excerpt=excerpt,
        initials=initials,
        # A number as the language writes it; a string marked for the catalog elsewhere
        # (a kind's hint), translated without the %-formatting of `_()`.
        number=translator.number,
        translate=translator.gettext,
        # Items joined as the language lists them (the separator is in the catalog).
        listed=lambda items: translator.gettext(", ").join(map(str, items)),
    )
    env.globals.update(
        avatar_colour=avatar_colour,
        leak_segments=leak_segments,
        safe_url=safe_url,
        data_element=data_element,
        untranslated=untranslated,
        # A kind's macros see the page's names (course, scenario, comments), as imported
        # with context: mark-words draws a comment's words and its categories' names.
        kind_macros=pass_context(
            lambda ctx, kind: env.get_template(KIND_PREFIX + kind).make_module(ctx.get_all())
        ),
    )
    return env


def render(template: str, translator: Translator, **context: Any) -> str:
    return environment(translator).get_template(template).render(**context)
