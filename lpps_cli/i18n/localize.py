"""Localized text (a plain string in the default language, or a map language -> string)
resolved to one language, with fallback to the default language."""

from __future__ import annotations

from typing import Any


def localize(value: Any, lang: str, default: str = "en") -> str:
    """The text of ``value`` in ``lang``, else in ``default``, else in any language; '' for nothing.

    A plain string is already in the default language and is returned as it is."""
    return localize_with_language(value, lang, default)[0]


def localize_with_language(value: Any, lang: str, default: str | None = "en") -> tuple[str, str | None]:
    """``localize``, and the language the text is in (None for a plain string, which is in the
    default language): documents say when they fell back to another language."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, dict):
        for key in (lang, default):
            text = value.get(key) if key else None
            if isinstance(text, str) and text:
                return text, key
        return next(((text, key) for key, text in value.items() if isinstance(text, str) and text), ("", None))
    return ("" if value is None else str(value)), None


def all_texts(value: Any) -> list[str]:
    """Every language version of a localized text (for searching in any language)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for text in value.values() if isinstance(text, str)]
    return []
