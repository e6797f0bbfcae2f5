"""Rule 2, ``reference``: every id a record names exists and is of the right kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from lpps_cli.model.problems import Problem, error, pointer
from lpps_cli.model.registry import Registry
from lpps_cli.model.suggest import did_you_mean

#: the keys and list indexes from a record's top down to one value
Trail = tuple[str | int, ...]

ANY = "record"
#: kind -> (path, target kind). '*' walks a list; a path names the field in messages.
REFERENCES: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "partnership": [
        (("board", "members", "*"), "member"),
        (("board", "chair"), "member"),
        (("coordinator", "member"), "member"),
    ],
    "member": [(("admitted_by",), "decision")],
    "service": [(("provider",), "member"), (("partners", "*"), "member"), (("funded_by", "*"), "project")],
    "group": [(("members", "*"), "member"), (("lead",), "member")],
    "document": [
        (("adopted_by",), "decision"),
        (("supersedes",), "document"),
        (("signatories", "*"), "member"),
        (("project",), "project"),
    ],
    "meeting": [
        (("group",), "group"),
        (("chair",), "member"),
        (("agenda", "*", "presenter"), "member"),
        (("agenda", "*", "refs", "*"), ANY),
        (("invited", "*"), "member"),
        (("attended", "*"), "member"),
        (("decisions", "*"), "decision"),
    ],
    "decision": [
        (("meeting",), "meeting"),
        (("subject", "*"), ANY),
        (("votes", "for", "*"), "member"),
        (("votes", "against", "*"), "member"),
        (("votes", "abstain", "*"), "member"),
        (("consent", "*"), "member"),
    ],
    "project": [(("lead",), "member"), (("partners", "*"), "member"), (("consortium_agreement",), "document")],
}
ARTICLE = {
    "member": "a member",
    "decision": "a decision",
    "project": "a project",
    "document": "a document",
    "meeting": "a meeting",
    "group": "a group",
    "service": "a service",
    ANY: "a record",
}


def walk(data: Any, path: tuple[str, ...], trail: Trail = ()) -> Iterator[tuple[Trail, Any]]:
    """Yield (json path, value) for each value at ``path`` ('*' = every list item)."""
    if not path:
        yield trail, data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from walk(item, rest, trail + (index,))
    elif isinstance(data, dict) and head in data:
        yield from walk(data[head], rest, trail + (head,))


def check_references(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(n · r) with r references per record, each a dict lookup; 'did you mean' only on a miss."""
    kind_of: dict[str, str] = {}
    for kind, records in registry.records.items():
        if kind != "taxonomy":
            for rid in records:
                kind_of.setdefault(rid, kind)
    for record in registry.all_records():
        for path, target in REFERENCES.get(record.kind, []):
            for trail, value in walk(record.data, path):
                if not isinstance(value, str):
                    continue
                found = kind_of.get(value)
                if found == target or (target == ANY and found):
                    continue
                name = _field_name(path)
                if found:
                    message = f"{name} '{value}' is {ARTICLE[found]}, not {ARTICLE[target]}"
                else:
                    pool = kind_of if target == ANY else registry.of(target)
                    message = f"{name} '{value}' is not {ARTICLE[target]}{did_you_mean(value, pool)}"
                yield error("reference", record.path, pointer(*trail), message)
    yield from _group_lead(registry)


def _field_name(path: tuple[str, ...]) -> str:
    return ".".join(p for p in path if p != "*")


def _group_lead(registry: Registry) -> Iterator[Problem]:
    for group in registry.groups.values():
        lead, members = group.get("lead"), group.get("members")
        if isinstance(lead, str) and isinstance(members, list) and lead not in members:
            yield error(
                "reference", group.path, "/lead", f"lead '{lead}' is not among the group's members; add it to members"
            )
