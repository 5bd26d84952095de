"""Translations by language (placeholder until the catalog lands)."""

from __future__ import annotations

from vigil.i18n import Gettext

SOURCE_LANGUAGE = "en"


def gettext_for(language: str) -> Gettext:
    if language != SOURCE_LANGUAGE:
        raise LookupError(language)
    return str
