"""``secret``: nothing in the registry looks like a credential.

A registry is public to every member and often to the world (and its CI runs on every fork),
so a password, token or private key committed to it is leaked. lpps never reads credentials
from the registry: SMTP passwords come from the environment only.

Looked at: every key and value at any depth (a secret wrapped in a mapping or a list too), key
names in cs/pl/uk/en, the shapes of common tokens (rules/secret_shapes.py), bank account
numbers (an IBAN with a valid checksum anywhere but the ``donation_account`` field, which is
meant to publish one) and YAML comments, which no other check ever reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lpps_cli.model.problems import Problem, error, pointer
from lpps_cli.model.registry import Record, Registry
from lpps_cli.rules.secret_shapes import IBAN_CLASSES, SECRET_VALUES, VALUE_ANCHORS, find_iban, is_secret_key

#: the one field meant to publish a bank account (member and partnership schemas)
ACCOUNT_FIELDS = frozenset({"donation_account"})
_KEY_ADVICE = "remove it from the registry (lpps reads secrets only from environment variables) and change the password"


def check_secrets(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(total text size). Each record's JSON (shared with the character check) is searched
    once for the fixed bytes a credential must contain; only the few records that hold one get
    the walk with the regular expressions. Keys other than the schemas' own can only sit in x-
    fields, registrations or a record the schema refuses: only those records get the key walk."""
    from lpps_cli.rules.common import json_of

    known_keys: dict[str, bool] = {}
    for record in registry.all_records():
        if record.kind == "taxonomy":
            continue
        raw = json_of(record.data)
        if raw is None:  # orjson could not write it: every value and key is looked at
            values = keys = True
        else:
            lowered = raw.lower()
            values = any(anchor in lowered for anchor in VALUE_ANCHORS) or b"AA00" in raw.translate(IBAN_CLASSES)
            keys = (
                b'"x-' in lowered
                or b'"registration"' in lowered
                or any(_secret_key(key, known_keys) for key in record.data)
            )
        if values or keys:
            yield from _search(record, values)


def _secret_key(key: object, known: dict[str, bool]) -> bool:
    if not isinstance(key, str):
        return False
    found = known.get(key)
    if found is None:
        found = known[key] = is_secret_key(key)
    return found


def _search(record: Record, values: bool) -> Iterator[Problem]:
    for trail, key, node in _nodes(record.data, ()):
        if key is not None and is_secret_key(key) and _holds_text(node):
            yield error("secret", record.path, pointer(*trail), f"field '{key}' looks like a credential; {_KEY_ADVICE}")
            continue
        if values and isinstance(node, str):
            found = _value_problem(node, key)
            if found:
                yield error("secret", record.path, pointer(*trail), found)


def _value_problem(text: str, key: str | None) -> str | None:
    for pattern, what in SECRET_VALUES:
        if pattern.search(text):
            return f"this text contains what looks like {what}; remove it from the registry and revoke it"
    if key not in ACCOUNT_FIELDS and find_iban(text):
        return (
            "this text contains a bank account number (IBAN); an account is published only in the "
            "donation_account field of a member or the partnership: move it there or remove it"
        )
    return None


def _holds_text(node: object) -> bool:
    """A secret key's value counts when it holds any non-empty text or number, at any depth."""
    if isinstance(node, dict):
        return any(_holds_text(v) for v in node.values())
    if isinstance(node, list):
        return any(_holds_text(v) for v in node)
    return isinstance(node, (str, int, float)) and not isinstance(node, bool) and str(node) != ""


def _nodes(
    node: Any, trail: tuple[object, ...], key: str | None = None
) -> Iterator[tuple[tuple[object, ...], str | None, Any]]:
    """(trail, nearest key, node) of every node; a node under a secret key is not entered (the
    key is reported once)."""
    yield trail, key, node
    if isinstance(key, str) and is_secret_key(key) and _holds_text(node):
        return
    if isinstance(node, dict):
        for child_key, value in node.items():
            yield from _nodes(value, (*trail, child_key), child_key if isinstance(child_key, str) else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, (*trail, index), key)


def check_secret_comments(registry: Registry) -> list[Problem]:
    """Secrets in YAML comments, which the parsed data no longer holds: each record file's bytes
    are read once and only the lines after a ``#`` are searched. Cost: reading the files (a
    quarter of a second at national scale; validate runs it on its second core)."""
    problems: list[Problem] = []
    for path in registry.files:
        raw = _read(registry.root, path)
        if raw is None or b"#" not in raw:
            continue
        text = raw.decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            column = _comment_start(line) if "#" in line else None
            if column is None:
                continue
            comment = line[column + 1 :]
            found = _value_problem(comment, None) or _key_in_comment(comment)
            if found:
                problems.append(Problem("error", "secret", path, number, column + 1, "", "a comment: " + found))
    return problems


#: (registry root, folder) -> the folder's real path, checked once
_folders: dict[tuple[str, str], str] = {}


def _read(root: Path, path: str) -> bytes | None:
    """The file's bytes, within the one containment rule (fsio.contained) at the cost of one
    check per folder: a file that is itself a link goes through fsio.read_contained."""
    import os

    from lpps_cli.fsio import contained, read_contained

    folder, _, name = path.rpartition("/")
    try:
        key = (str(root), folder)
        if key not in _folders:
            _folders[key] = str(contained(root, folder or "."))
        fd = os.open(os.path.join(_folders[key], name), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:  # a link (ELOOP) or gone: the containment rule decides
        try:
            return read_contained(root, path, 1 << 20)
        except Exception:
            return None
    except Exception:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read(1 << 20)


def _key_in_comment(comment: str) -> str | None:
    head, sep, rest = comment.partition(":")
    if sep and rest.strip() and is_secret_key(head.strip().strip("-").strip()):
        return f"'{head.strip()}' looks like a credential; {_KEY_ADVICE}"
    return None


def _comment_start(line: str) -> int | None:
    """Where a YAML comment starts: a # at the line's start or after a space, outside quotes."""
    quote = None
    for index, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (index == 0 or line[index - 1] in " :[{,-"):
            quote = ch
        elif ch == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
    return None
