"""Rule 1, ``id``: every record carries its id, equal to its file name; ids are unique."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import PurePosixPath

from lpps_cli.model.problems import Problem, error
from lpps_cli.model.registry import FOLDERS, Registry


def check_ids(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(n) over records, with one dict of ids."""
    seen: dict[str, str] = {}
    for record in registry.all_records():
        if record.kind == "partnership":
            continue
        stem = PurePosixPath(record.path).stem
        declared = record.data.get("id")
        if declared is None:
            continue  # the schema reports the missing field
        if declared != stem:
            yield error(
                "id",
                record.path,
                "/id",
                f"id '{declared}' differs from the file name; "
                f"rename the file to {FOLDERS[record.kind]}/{declared}.yaml or set id: {stem}",
            )
        if record.kind == "taxonomy":
            continue  # vocabularies have their own namespace
        if record.id in seen:
            yield error(
                "id",
                record.path,
                "/id",
                f"id '{record.id}' is already used by {seen[record.id]}; ids are unique across the registry",
            )
        else:
            seen[record.id] = record.path
        if record.kind == "meeting":
            day = record.data.get("date")
            if isinstance(day, str) and not record.id.startswith(day):
                yield error(
                    "id",
                    record.path,
                    "/id",
                    f"meeting id '{record.id}' does not start with its "
                    f"date {day}; rename it to {day}-{record.data.get('kind', 'general')}",
                )
    for record in registry.duplicates:
        yield error(
            "id",
            record.path,
            "/id",
            f"id '{record.id}' is already used by "
            f"{registry.of(record.kind)[record.id].path}; ids are unique across the registry",
        )
