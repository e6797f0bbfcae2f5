"""Controlled vocabularies: term lookup, labels, and finding a term by any of its labels."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching what a person typed ('bezdomni' ~ 'bezdomní')."""
    text = str(text)
    if text.isascii():  # most ids and English labels: nothing to decompose or transliterate
        return text.casefold().strip()
    from anyascii import anyascii

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return anyascii(stripped).casefold().strip()


@dataclass
class Vocabulary:
    id: str
    path: str  # registry-relative file, or '' for a package default
    title: Any = None
    terms: dict[str, dict[str, Any]] = field(default_factory=dict)

    def label(self, term: str, lang: str, fallback: str = "en") -> str:
        entry = self.terms.get(term)
        if not entry:
            return term
        label = entry.get("label")
        if isinstance(label, dict):
            return label.get(lang) or label.get(fallback) or next(iter(label.values()), term)
        return label or term

    @cached_property
    def _children(self) -> dict[str, list[str]]:
        # the terms do not change once loaded; a portal asks this for every service's areas
        children: dict[str, list[str]] = {}
        for tid, entry in self.terms.items():
            if entry.get("broader"):
                children.setdefault(entry["broader"], []).append(tid)
        return children

    def narrower_or_self(self, term: str) -> set[str]:
        """``term`` and every term below it (an area and its districts)."""
        found, stack = set(), [term]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(self._children.get(current, []))
        return found


def _labels_of(entry: dict[str, Any]) -> list[Any]:
    label = entry.get("label")
    return list(label.values()) if isinstance(label, dict) else [label]


@dataclass
class Taxonomy:
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)

    def __contains__(self, vocabulary: str) -> bool:
        return vocabulary in self.vocabularies

    def terms(self, vocabulary: str) -> dict[str, dict[str, Any]]:
        vocab = self.vocabularies.get(vocabulary)
        return vocab.terms if vocab else {}

    def label(self, vocabulary: str, term: str, lang: str) -> str:
        vocab = self.vocabularies.get(vocabulary)
        return vocab.label(term, lang) if vocab else term

    def find(self, vocabulary: str, text: str) -> str | None:
        """The term whose id or label (any language, accents and case ignored) is ``text``."""
        terms = self.terms(vocabulary)
        if text in terms:
            return text
        wanted = fold(text)
        for tid, entry in terms.items():
            if wanted == fold(tid) or any(isinstance(lab, str) and fold(lab) == wanted for lab in _labels_of(entry)):
                return tid
        starting = [
            tid
            for tid, entry in terms.items()  # then the one label that starts with it
            if any(isinstance(lab, str) and fold(lab).startswith(wanted) for lab in _labels_of(entry))
        ]
        return starting[0] if len(starting) == 1 else None  # several: term_match says which
