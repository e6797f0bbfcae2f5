"""A small, deterministic YAML writer for generated records, in the style people write by
hand: block mappings, flow lists of ids, flow mappings for short texts, quotes only where
YAML needs them, literal blocks for multi-line text, ISO dates unquoted."""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u0400-\u04ff][\w\u00c0-\u024f\u0400-\u04ff .()/'’–-]*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: words YAML 1.1 readers take for booleans or null; always quoted so every reader agrees
_KEYWORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def scalar(value) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if _DATE.match(value):
        return value
    if _PLAIN.match(value) and not value.endswith(" ") and value.lower() not in _KEYWORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def _flow(value) -> str | None:
    """``value`` in flow style when it is short and flat, else None."""
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        text = "[" + ", ".join(scalar(v) for v in value) + "]"
    elif isinstance(value, dict) and all(not isinstance(v, (dict, list)) for v in value.values()):
        text = "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    else:
        return None
    return text if len(text) <= 100 or isinstance(value, list) else None


def dump(data: dict, comment: str | None = None) -> str:
    lines = [f"# {comment}"] if comment else []
    _mapping(data, 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict, indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for index, (key, value) in enumerate(data.items()):
        lead = first_prefix if first_prefix is not None and index == 0 else pad
        lines.extend(_entry(lead + f"{key}:", value, indent))


def _entry(head: str, value, indent: int) -> list[str]:
    if isinstance(value, str) and "\n" in value:
        return [head + " |", *(" " * (indent + 2) + line for line in value.rstrip("\n").split("\n"))]
    if not isinstance(value, (dict, list)):
        return [f"{head} {scalar(value)}"]
    flow = _flow(value)
    if flow is not None:
        return [f"{head} {flow}"]
    lines = [head]
    if isinstance(value, dict):
        _mapping(value, indent + 2, lines)
        return lines
    for item in value:
        if isinstance(item, dict):
            _mapping(item, indent + 4, lines, first_prefix=" " * (indent + 2) + "- ")
        else:
            lines.append(" " * (indent + 2) + "- " + (_flow(item) or scalar(item)))
    return lines
