"""'Did you mean' hints for misspelt ids, terms and field names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.75) -> str | None:
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' or ''."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""
