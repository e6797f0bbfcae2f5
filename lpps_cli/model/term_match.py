"""Terms as people type them, and which terms match which (the hierarchy of ``broader``).

``resolve_term`` accepts an id, a whole label in any language, or the start of a word of a
label, or another inflection of it ("bezdomni" finds "Osoby w kryzysie bezdomności"), accents
and case ignored.
"""

from __future__ import annotations

from typing import Any

from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.suggest import did_you_mean
from lpps_cli.model.taxonomy import Taxonomy, fold


def _labels(entry: dict[str, Any]) -> list[str]:
    label = entry.get("label")
    labels = label.values() if isinstance(label, dict) else [label]
    return [lab for lab in labels if isinstance(lab, str)]


def _same_stem(typed: str, word: str) -> bool:
    """Another inflection of the same word: 'bezdomni' ~ 'bezdomnosci' (all but the last two
    letters of a word of five or more letters in common)."""
    if len(typed) < 5 or " " in typed:
        return False
    stem = typed[: max(len(typed) - 2, 4)]
    return word.startswith(stem)


def resolve_term(taxonomy: Taxonomy, vocabulary: str, text: str) -> str:
    """The term id ``text`` names; LppsError (exit 2) when it names none or several."""
    found = taxonomy.find(vocabulary, text)
    if found:
        return found
    wanted = fold(text)
    whole_word, word_start, same_stem = set(), set(), set()
    for tid, entry in taxonomy.terms(vocabulary).items():
        for label in _labels(entry):
            words = fold(label).replace("-", " ").split()
            if wanted in words:
                whole_word.add(tid)
            elif any(word.startswith(wanted) for word in words) or f" {wanted}" in f" {fold(label)}":
                word_start.add(tid)
            elif any(_same_stem(wanted, word) for word in words):
                same_stem.add(tid)
    candidates = whole_word or word_start or same_stem
    if len(candidates) == 1:
        return next(iter(candidates))
    if candidates:
        raise LppsError(
            _("'%(text)s' matches several %(vocabulary)s: %(terms)s; give one of these ids")
            % {"text": text, "vocabulary": vocabulary, "terms": ", ".join(sorted(candidates))}
        )
    raise LppsError(
        _("'%(text)s' is not a term of %(vocabulary)s%(hint)s; see taxonomy/%(vocabulary)s.yaml")
        % {"text": text, "vocabulary": vocabulary, "hint": did_you_mean(text, taxonomy.terms(vocabulary))}
    )


def broader_chain(taxonomy: Taxonomy, vocabulary: str, term: str) -> list[str]:
    """The terms above ``term``, nearest first (a district's region, then its country)."""
    terms = taxonomy.terms(vocabulary)
    chain: list[str] = []
    current = terms.get(term, {}).get("broader")
    while isinstance(current, str) and current not in chain and current != term:
        chain.append(current)
        current = terms.get(current, {}).get("broader")
    return chain


def narrower_or_self(taxonomy: Taxonomy, vocabulary: str, term: str) -> set[str]:
    vocab = taxonomy.vocabularies.get(vocabulary)
    return vocab.narrower_or_self(term) if vocab else {term}
