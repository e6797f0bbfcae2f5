"""Dotted field paths (``capacity.occupied``, ``contacts.0.email``, ``name.pl``) and the
values a person types for them, turned into the type the record's JSON Schema wants."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _

if TYPE_CHECKING:
    from lpps_cli.model.taxonomy import Taxonomy

#: record field -> taxonomy vocabulary, so a label typed by a person finds its term id
VOCABULARY_OF = {
    ("partnership", "area"): "areas",
    ("member", "kind"): "member-kinds",
    ("member", "target_groups"): "target-groups",
    ("member", "areas"): "areas",
    ("service", "type"): "service-types",
    ("service", "target_groups"): "target-groups",
    ("service", "areas"): "areas",
    ("project", "target_groups"): "target-groups",
}

_TRUE = {"true", "yes", "y", "1", "tak", "ano", "так"}
_FALSE = {"false", "no", "n", "0", "nie", "ne", "ні"}


def split(path: str) -> list[str | int]:
    """``contacts.0.email`` -> ['contacts', 0, 'email']."""
    if not path or any(not part for part in path.split(".")):
        raise LppsError(
            _("'%(path)s' is not a field path; write it like capacity.occupied or contacts.0.email") % {"path": path}
        )
    return [int(part) if part.isdigit() else part for part in path.split(".")]


def schema_at(kind: str, parts: list[str | int]) -> dict[str, Any]:
    """The (resolved) sub-schema of ``kind`` at ``parts``; raises for a field the schema lacks."""
    from lpps_cli.reading.schemas import bundled

    root = bundled(kind)
    node = resolve(root, root)
    for index, part in enumerate(parts):
        where = ".".join(str(p) for p in parts[: index + 1])
        if isinstance(part, int):
            items = _pick(root, node, "array").get("items")
            if not isinstance(items, dict):
                raise LppsError(
                    _("%(field)s: %(parent)s is not a list")
                    % {"field": where, "parent": ".".join(str(p) for p in parts[:index]) or kind}
                )
            node = resolve(root, items)
            continue
        obj = _pick(root, node, "object")
        properties = obj.get("properties") or {}
        if part in properties:
            node = resolve(root, properties[part])
        elif part.startswith("x-"):
            node = {}
        elif isinstance(obj.get("additionalProperties"), dict):
            node = resolve(root, obj["additionalProperties"])  # a localized text's languages
        else:
            from lpps_cli.model.suggest import did_you_mean

            raise LppsError(
                _("a %(kind)s has no field '%(field)s'%(hint)s")
                % {"kind": kind, "field": where, "hint": did_you_mean(part, list(properties))}
            )
    return node


def resolve(root: dict, node: dict) -> dict:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/"):
        extra = {k: v for k, v in node.items() if k != "$ref"}
        node = {**root["$defs"][node["$ref"][len("#/$defs/") :]], **extra}
    return node


def _pick(root: dict, node: dict, wanted: str) -> dict:
    """The branch of a oneOf/anyOf that has type ``wanted`` (a localized text is a string or a map)."""
    for branch in node.get("oneOf") or node.get("anyOf") or []:
        branch = resolve(root, branch)
        if branch.get("type") == wanted:
            return branch
    return node


def types_of(node: dict) -> list[str]:
    found = []
    for candidate in [node, *(node.get("oneOf") or []), *(node.get("anyOf") or [])]:
        kind = candidate.get("type")
        if isinstance(kind, str):
            found.append(kind)
        elif isinstance(kind, list):
            found.extend(kind)
        elif "$ref" in candidate and candidate is not node:
            found.append("string")  # the shared definitions referred to in branches are texts or ids
    return found or ["string"]


def coerce(
    kind: str,
    field: str,
    node: dict[str, Any],
    text: str,
    taxonomy: Taxonomy | None = None,
    vocabulary: str | None = None,
) -> Any:
    """The value ``text`` means for a field whose schema is ``node``."""
    types = types_of(node)
    if "array" in types and "string" not in types:
        items: dict[str, Any] = node["items"] if isinstance(node.get("items"), dict) else {}
        from lpps_cli.reading.schemas import bundled

        items = resolve(bundled(kind), items)
        parts = [p.strip() for p in text.strip().strip("[]").split(",") if p.strip()]
        return [coerce(kind, field, items, part, taxonomy, vocabulary) for part in parts]
    if "integer" in types:
        try:
            return int(text)
        except ValueError:
            raise LppsError(
                _("%(field)s takes a whole number, not '%(value)s'") % {"field": field, "value": text}
            ) from None
    if "number" in types:
        try:
            number = float(text)
        except ValueError:
            raise LppsError(_("%(field)s takes a number, not '%(value)s'") % {"field": field, "value": text}) from None
        return int(number) if number.is_integer() and "." not in text else number
    if "boolean" in types:
        folded = text.strip().casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        raise LppsError(_("%(field)s takes true or false, not '%(value)s'") % {"field": field, "value": text})
    if node.get("format") == "date" or "[0-9]{4}-[0-9]{2}-[0-9]{2}$" in str(node.get("pattern", "")):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            raise LppsError(
                _("%(field)s takes a date written YYYY-MM-DD, not '%(value)s'") % {"field": field, "value": text}
            ) from None
    if vocabulary and taxonomy is not None:
        return taxonomy.find(vocabulary, text) or text  # an unknown term is left for the rule to report
    return text


def vocabulary_for(kind: str, parts: list[str | int]) -> str | None:
    top = next((p for p in parts if isinstance(p, str)), None)
    return VOCABULARY_OF.get((kind, top)) if top else None


def display(value: Any) -> str:
    """A value as a person reads it in a message."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(display(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {display(v)}" for k, v in value.items()) + "}"
    return str(value)
