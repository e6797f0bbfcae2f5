"""Ids from names: transliterated to ASCII (Polish, Czech, Cyrillic, …), lower case, hyphens."""

from __future__ import annotations

import re

MAX_ID = 64


def slugify(text: str) -> str:
    """'Fundacja Przystań' -> 'fundacja-przystan'; 'Благодійний фонд' -> 'blagodiinii-fond'."""
    from anyascii import anyascii

    ascii_text = anyascii(str(text)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_ID:
        slug = slug[:MAX_ID].rsplit("-", 1)[0] if "-" in slug[:MAX_ID] else slug[:MAX_ID]
    return slug
