"""Rule 3, ``taxonomy``: every term a record uses exists in its vocabulary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lpps_cli.model.problems import Problem, error, pointer
from lpps_cli.model.registry import Registry
from lpps_cli.model.suggest import did_you_mean
from lpps_cli.rules.references import walk

TERM_FIELDS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "partnership": [(("area",), "areas")],
    "member": [(("kind",), "member-kinds"), (("target_groups", "*"), "target-groups"), (("areas", "*"), "areas")],
    "service": [(("type",), "service-types"), (("target_groups", "*"), "target-groups"), (("areas", "*"), "areas")],
    "group": [(("focus", "service_types", "*"), "service-types"), (("focus", "target_groups", "*"), "target-groups")],
    "project": [(("target_groups", "*"), "target-groups")],
}


def check_terms(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(n · t) dict lookups over the t term fields of each record."""
    taxonomy = registry.taxonomy
    for record in registry.all_records():
        for path, vocabulary in TERM_FIELDS.get(record.kind, []):
            terms = taxonomy.terms(vocabulary)
            for trail, value in walk(record.data, path):
                if isinstance(value, str) and value not in terms:
                    source = taxonomy.vocabularies[vocabulary].path if vocabulary in taxonomy else ""
                    yield error(
                        "taxonomy",
                        record.path,
                        pointer(*trail),
                        f"{'.'.join(p for p in path if p != '*')} '{value}' is not a term of "
                        f"{source or vocabulary}{did_you_mean(value, terms)}; "
                        f"use one of its ids or add the term there",
                    )
    for vocab in taxonomy.vocabularies.values():
        if not vocab.path:
            continue
        vocab_record = registry.of("taxonomy").get(vocab.id)
        for index, term in enumerate(vocab_record.data.get("terms") or [] if vocab_record else []):
            broader = term.get("broader") if isinstance(term, dict) else None
            if isinstance(broader, str) and broader not in vocab.terms:
                yield error(
                    "taxonomy",
                    vocab.path,
                    pointer("terms", index, "broader"),
                    f"broader term '{broader}' is not in this vocabulary{did_you_mean(broader, vocab.terms)}",
                )
