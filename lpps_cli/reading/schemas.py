"""The JSON Schemas: loading, bundling into self-contained documents, and checking records.

Each kind's schema refers to the shared ``defs.schema.json``. ``bundled(kind)`` copies
the shared definitions into the schema's own ``$defs``, so one file works alone in an
editor or in check-jsonschema; the validators are compiled once from those bundles.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from lpps_cli.model.problems import Problem, error, pointer
from lpps_cli.model.suggest import did_you_mean

if TYPE_CHECKING:
    import jsonschema_rs
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_KINDS = ("partnership", "member", "service", "group", "document", "meeting", "decision", "project", "taxonomy")
DEFS_REF = "defs.schema.json#/$defs/"


@cache
def raw_schema(name: str) -> dict[str, Any]:
    from lpps_cli.resources import data_dir

    with open(data_dir("schemas") / f"{name}.schema.json", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
        return schema


@cache
def bundled(kind: str) -> dict[str, Any]:
    """The schema of ``kind`` with the shared definitions it uses bundled into ``$defs``."""
    if kind not in SCHEMA_KINDS:
        raise KeyError(kind)
    schema: dict[str, Any] = copy.deepcopy(raw_schema(kind))
    defs = raw_schema("defs")["$defs"]

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(DEFS_REF):
                node = {**node, "$ref": "#/$defs/" + ref[len(DEFS_REF) :]}
            return {k: rewrite(v) for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    schema = rewrite(schema)
    schema["$defs"] = {**copy.deepcopy(defs), **schema.get("$defs", {})}
    return schema


@cache
def validator(kind: str) -> Draft202012Validator:
    """A compiled Draft 2020-12 validator for ``kind`` (format checking on)."""
    from jsonschema import Draft202012Validator

    schema = bundled(kind)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def fast_validator(kind: str) -> jsonschema_rs.Validator | None:
    """The same schema compiled by jsonschema-rs (Rust), or None when it is not installed.
    It only says whether a record is valid; the messages come from ``validator``."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(bundled(kind), validate_formats=True)


def check(kind: str, file: str, data: dict[str, Any], fast: bool | None = None) -> list[Problem]:
    """Schema problems of one record, with messages that say what to do.

    Most records are valid: jsonschema-rs says so about 30 times faster than jsonschema,
    which then only explains the invalid ones (``fast=False`` asks jsonschema alone)."""
    if fast is None:
        from lpps_cli.reading.yamlio import fast_enabled

        fast = fast_enabled()
    quick = fast_validator(kind) if fast else None
    if quick is not None:
        try:
            if quick.is_valid(data):
                return []
        except Exception:
            pass
    problems = []
    for err in validator(kind).iter_errors(data):
        problems.extend(_problems_of(err, kind, file))
    return problems


def _field(path: Iterable[object]) -> str:
    parts = [str(p) for p in path]
    return ".".join(parts) if parts else "the record"


def _problems_of(err: ValidationError, kind: str, file: str) -> list[Problem]:
    where = pointer(*err.absolute_path)
    name = _field(err.absolute_path)
    validator_kind = err.validator
    if validator_kind == "additionalProperties":
        known = list((err.schema.get("properties") or {}).keys())
        extra = (
            [k for k in err.instance if k not in known and not str(k).startswith("x-")]
            if isinstance(err.instance, dict)
            else []
        )
        return [
            replace(
                error(
                    "schema",
                    file,
                    pointer(*err.absolute_path, key),
                    f"unknown field '{key}'{did_you_mean(key, known)}; prefix local extension fields with x-",
                ),
                at_key=True,
            )
            for key in extra
        ] or [error("schema", file, where, err.message)]
    if validator_kind == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return [
            error(
                "schema",
                file,
                where,
                f"{'' if name == 'the record' else name + ': '}required field '{missing}' is missing",
            )
        ]
    if validator_kind == "enum":
        choices = [str(c) for c in err.validator_value]
        return [
            error(
                "schema",
                file,
                where,
                f"{_leaf(err)} '{err.instance}' is not one of: "
                f"{', '.join(choices)}{did_you_mean(str(err.instance), choices)}",
            )
        ]
    if validator_kind == "type":
        expected = err.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return [error("schema", file, where, f"{name} must be {_article(expected)}, not {_describe(err.instance)}")]
    if validator_kind == "pattern":
        return [error("schema", file, where, _pattern_message(name, err))]
    if validator_kind in ("oneOf", "anyOf"):
        return [error("schema", file, where, _choice_message(name, err))]
    if validator_kind == "format":
        return [
            error(
                "schema",
                file,
                where,
                f"{name} '{err.instance}' is not a valid {err.validator_value} (write dates as YYYY-MM-DD)",
            )
        ]
    if validator_kind == "uniqueItems":
        return [error("schema", file, where, f"{name} lists the same value twice; keep each once")]
    if validator_kind == "const":
        return [error("schema", file, where, f"{name} must be '{err.validator_value}'")]
    return [error("schema", file, where, f"{name}: {err.message}")]


def _leaf(err: ValidationError) -> str:
    return str(err.absolute_path[-1]) if err.absolute_path else "value"


def _article(expected: str) -> str:
    names = {
        "string": "a text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "object": "a mapping of fields",
        "array": "a list",
        "null": "empty",
    }
    return names.get(expected, expected)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, str):
        return f"'{value}' (a text)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


def _pattern_message(name: str, err: ValidationError) -> str:
    pattern = err.validator_value
    if pattern.startswith("^[a-z0-9]+(-[a-z0-9]+)*$"):
        return f"{name} '{err.instance}' is not a valid id: use lower-case letters, digits and single hyphens"
    if "[0-9]{4}-[0-9]{2}-[0-9]{2}" in pattern and "(-[a-z0-9]+)" in pattern:
        return f"{name} '{err.instance}' must start with the meeting's date, e.g. 2027-01-15-general"
    if "[0-9]{4}-[0-9]{2}-[0-9]{2}$" in pattern:
        return f"{name} '{err.instance}' is not a date; write YYYY-MM-DD"
    if "[0-5][0-9]" in pattern:
        return f"{name} '{err.instance}' is not a time; write HH:MM in quotes, e.g. \"09:30\""
    if pattern.startswith("^https?://"):
        return f"{name} '{err.instance}' is not a web address; start it with https://"
    if pattern == "^[A-Z]{2}$":
        return f"{name} '{err.instance}' is not a country code; use two capital letters, e.g. PL, CZ, UA"
    if pattern == "^[a-z]{2,3}$":
        return f"{name} '{err.instance}' is not a language code; use e.g. pl, cs, uk, en"
    return f"{name} '{err.instance}' does not match the pattern {pattern}"


def _choice_message(name: str, err: ValidationError) -> str:
    ref_names = {str(s.get("$ref", "")) for s in err.validator_value if isinstance(s, dict)}
    title = err.schema.get("title") or ""
    if (
        "#/$defs/localized_text" in ref_names
        or title == "Localized text"
        or any(isinstance(s, dict) and s.get("propertyNames") for s in err.validator_value)
    ):
        return f"{name} must be a text, or a map of language codes to texts (e.g. {{pl: ..., en: ...}})"
    if title == "Contact" or (err.schema.get("anyOf") and all("required" in s for s in err.schema["anyOf"])):
        return f"{name}: a contact needs at least a name, an e-mail or a phone"
    # one branch is usually what was meant: report its most specific error
    best = None
    for sub in err.context or []:
        if best is None or len(sub.absolute_path) > len(best.absolute_path):
            best = sub
    if best is not None:
        return f"{_field(best.absolute_path) if best.absolute_path else name}: {best.message}"
    return f"{name}: {err.message}"
