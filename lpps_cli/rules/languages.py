"""Rule 12, ``language``: names and titles have the default language; public texts are
translated into every partnership language (a warning per missing language)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lpps_cli.model.problems import Problem, error, pointer, warning
from lpps_cli.model.registry import Registry
from lpps_cli.rules.references import walk

NAME_FIELDS = {
    "partnership": ("name",),
    "member": ("name",),
    "service": ("name",),
    "group": ("name",),
    "document": ("title",),
    "project": ("title",),
    "meeting": ("title",),
}
#: texts that reach the public (brochure, portal, exports); internal ones (minutes) are not checked
PUBLIC_TEXTS: dict[str, list[tuple[str, ...]]] = {
    "partnership": [("name",), ("description",)],
    "member": [("name",), ("profile",), ("offers",), ("seeks",)],
    "service": [("name",), ("description",), ("eligibility",), ("referral", "text"), ("fee",)],
    "group": [("name",), ("description",)],
    "document": [("title",), ("summary",)],
    "project": [("title",), ("description",)],
}


def check_languages(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(n · f) over the f localized fields of each record."""
    default = registry.default_language
    languages = registry.languages
    for record in registry.all_records():
        for name in NAME_FIELDS.get(record.kind, ()):
            value = record.data.get(name)
            if isinstance(value, dict) and value and default not in value:
                yield error(
                    "language",
                    record.path,
                    pointer(name),
                    f"{name} has no text in the default language '{default}'; add {name}.{default}",
                )
        if len(languages) < 2:
            continue
        for path in PUBLIC_TEXTS.get(record.kind, []):
            for trail, value in walk(record.data, path):
                if isinstance(value, dict) and value:
                    missing = [lang for lang in languages if lang not in value]
                elif isinstance(value, str):
                    missing = languages[1:]
                else:
                    continue
                for lang in missing:
                    yield warning(
                        "language",
                        record.path,
                        pointer(*trail),
                        f"{'.'.join(map(str, trail))} has no '{lang}' text; add {'.'.join(map(str, trail))}.{lang}",
                    )
