"""Exports of the registry for other tools: HSDS 3.0, SQLite, JSON, CSV, iCalendar.

Every exporter reads records through :func:`public_records`, which passes them through
``lpps_cli.audience.for_audience``: nothing internal reaches a public export.
"""

from __future__ import annotations

import re
from typing import Any

from lpps_cli.audience import AUDIENCES, PUBLIC, for_audience
from lpps_cli.capacity import free_places  # noqa: F401  (re-exported for the exporters)
from lpps_cli.errors import LppsError
from lpps_cli.localize import localize  # noqa: F401

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: record kinds in export order (partnership aside)
EXPORT_KINDS = ("member", "service", "group", "document", "meeting", "decision", "project")


def check_audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise LppsError(f"unknown audience {audience!r}; use public or internal")
    return audience


def public_records(registry, kind: str, audience: str = PUBLIC) -> list[tuple[str, dict[str, Any]]]:
    """``(id, data)`` of every record of ``kind``, sorted by id, as ``audience`` may see it."""
    return [(rid, for_audience(kind, record.data, audience))
            for rid, record in sorted(registry.of(kind).items())]


def partnership_data(registry, audience: str = PUBLIC) -> dict[str, Any]:
    if registry.partnership is None:
        return {}
    return for_audience("partnership", registry.partnership.data, audience)


def safe_file_id(record_id: str) -> str:
    """A record id that may name an output file: checked against the id pattern first."""
    if not isinstance(record_id, str) or not ID_PATTERN.match(record_id) or len(record_id) > 64:
        raise LppsError(f"id {record_id!r} cannot name an output file; fix the id (lower-case words "
                        "joined by hyphens) and run lpps validate")
    return record_id


