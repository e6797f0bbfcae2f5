"""Records as flat rows for CSV and SQLite: one column per language for localized texts
(``name_pl``, ``name_en``), nested objects as prefixed columns (``capacity_total``)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from lpps_cli.exporters import free_places

#: folder-style plural of each kind: file and table names
PLURAL = {
    "member": "members",
    "service": "services",
    "group": "groups",
    "document": "documents",
    "meeting": "meetings",
    "decision": "decisions",
    "project": "projects",
}


@cache
def localized_fields(kind: str) -> frozenset[str]:
    """Field paths (``name``, ``referral.text``) that the kind's JSON Schema types as localized text."""
    from lpps_cli.resources import data_dir

    try:
        schema = json.loads((data_dir("schemas") / f"{kind}.schema.json").read_text(encoding="utf-8"))
    except OSError:
        return frozenset()
    found: set[str] = set()

    def visit(properties: dict[str, Any], prefix: str) -> None:
        for name, spec in properties.items():
            refs = [spec.get("$ref", "")] + [alt.get("$ref", "") for alt in spec.get("oneOf", [])]
            if any(ref.endswith("/localized_text") for ref in refs):
                found.add(prefix + name)
            elif isinstance(spec.get("properties"), dict):
                visit(spec["properties"], f"{prefix}{name}.")

    visit(schema.get("properties", {}), "")
    return frozenset(found)


def is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def contact_text(contact: dict[str, Any]) -> str:
    name = contact.get("name", "")
    email = f" <{contact['email']}>" if contact.get("email") else ""
    phone = f" {contact['phone']}" if contact.get("phone") else ""
    return f"{name}{email}{phone}".strip()


def flatten(kind: str, data: dict[str, Any], languages: list[str], keep_lists: bool = True) -> dict[str, Any]:
    """One flat row. ``keep_lists=False`` leaves out lists of ids (SQLite puts them in link tables)."""
    localized = localized_fields(kind)
    row: dict[str, Any] = {}

    def put(path: str, column: str, value: Any) -> None:
        if path in localized and not (path == "schedule" and isinstance(value, list)):
            texts = value if isinstance(value, dict) else {languages[0]: value}
            for lang in languages:
                row[f"{column}_{lang}"] = texts.get(lang) if isinstance(texts.get(lang), str) else None
        elif isinstance(value, dict):
            for key, item in value.items():
                put(f"{path}.{key}", f"{column}_{key}", item)
        elif is_id_list(value):
            if keep_lists:
                row[column] = "; ".join(value)
        elif isinstance(value, list) and key_is_contacts(path):
            row[column] = "; ".join(contact_text(c) for c in value if isinstance(c, dict)) or None
        elif isinstance(value, list):
            row[column] = json.dumps(value, ensure_ascii=False) if value else None
        else:
            row[column] = value

    for key, value in data.items():
        if not key.startswith("x-"):
            put(key, key, value)
    if kind == "service" and isinstance(data.get("capacity"), dict):
        row["capacity_free"] = free_places(data["capacity"])
    return row


def key_is_contacts(path: str) -> bool:
    return path.split(".")[-1] in ("contacts", "representatives")


def columns(rows: list[dict[str, Any]]) -> list[str]:
    """Every column of ``rows``, ``id`` first, in the order they first appear."""
    seen: dict[str, None] = {"id": None}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)
