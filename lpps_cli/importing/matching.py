"""Which record a row is about: the id, else a registration number (IČO, NIP/KRS/REGON,
ЄДРПОУ, a service's register id), else the normalised name (a service's within its
provider). New records of the same import are indexed too, so two rows for one member are
found out."""

from __future__ import annotations

from typing import Any

from lpps_cli.model.taxonomy import fold


def names_of(value: Any) -> list[str]:
    """Every language's text of a localized name, folded."""
    texts = value.values() if isinstance(value, dict) else [value]
    return [normal(t) for t in texts if isinstance(t, str) and t.strip()]


def normal(text: str) -> str:
    """A name as matching sees it: folded, punctuation and quotes gone, spaces single."""
    folded = fold(text)
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def registration_keys(kind: str, data: dict[str, Any]) -> list[str]:
    registration = data.get("registration")
    if kind == "service":
        return [f"reg:{fold(registration)}"] if isinstance(registration, str) and registration else []
    if not isinstance(registration, dict):
        return []
    return [
        f"reg:{key}:{fold(str(value)).replace(' ', '').replace('-', '')}"
        for key, value in registration.items()
        if key != "country" and value not in (None, "")
    ]


def name_keys(kind: str, data: dict[str, Any]) -> list[str]:
    scope = data.get("provider") if kind == "service" else ""
    return [f"name:{scope}:{name}" for name in names_of(data.get("name"))]


class Index:
    """Records of one kind by id, registration number and name (namesakes in id order)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.ids: set[str] = set()
        self.by_key: dict[str, list[str]] = {}

    def add(self, record_id: str, data: dict[str, Any]) -> None:
        self.ids.add(record_id)
        for key in dict.fromkeys((*registration_keys(self.kind, data), *name_keys(self.kind, data))):
            found = self.by_key.setdefault(key, [])
            found.append(record_id)
            found.sort(key=lambda i: (len(i), i))  # 'shelter' before 'shelter-2' before 'shelter-10'

    def first(self, key: str) -> str | None:
        found = self.by_key.get(key)
        return found[0] if found else None

    def find(self, data: dict[str, Any], taken: set[str] | frozenset[str] = frozenset()) -> str | None:
        """The id of the record ``data`` (a row's values) is about, or None for a new one;
        records in ``taken`` are passed over (a namesake of one already matched)."""
        record_id = data.get("id")
        if isinstance(record_id, str) and record_id in self.ids:
            return record_id
        if isinstance(record_id, str) and record_id:
            return None  # an id no record has: a new record with that id
        for key in (*registration_keys(self.kind, data), *name_keys(self.kind, data)):
            for found in self.by_key.get(key, ()):
                if found not in taken:
                    return found
        return None


def index(registry, kind: str) -> Index:
    found = Index(kind)
    for record_id, record in registry.of(kind).items():
        found.add(record_id, record.data)
    return found


def member_names(registry) -> dict[str, str]:
    """Folded name (any language) and short name of every member -> its id."""
    out: dict[str, str] = {}
    for record_id, record in registry.members.items():
        for name in [*names_of(record.get("name")), *names_of(record.get("short_name"))]:
            out.setdefault(name, record_id)
    return out
