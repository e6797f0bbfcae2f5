"""Exports of the registry for other tools: HSDS 3.0, SQLite, JSON, CSV, iCalendar.

Every exporter reads records through :func:`public_records`, which passes them through
``lpps_cli.model.audience.for_audience``: nothing internal reaches a public export.

May import: ``checking``, ``rules``, ``reading``, ``model``, ``i18n``, ``text`` and the top-level
modules; never ``documents``, ``reporters``, ``changes`` or ``portal``.
"""

from __future__ import annotations

import re

from lpps_cli.errors import LppsError
from lpps_cli.i18n.localize import localize  # noqa: F401

# the public view every exporter reads records through (re-exported: `from lpps_cli.exporters import …`)
from lpps_cli.model.audience import EXPORT_KINDS, PUBLIC, check_audience, for_audience, partnership_data, public_records  # noqa: F401
from lpps_cli.model.capacity import free_places  # noqa: F401  (re-exported for the exporters)

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def safe_file_id(record_id: str) -> str:
    """A record id that may name an output file: checked against the id pattern first."""
    if not isinstance(record_id, str) or not ID_PATTERN.match(record_id) or len(record_id) > 64:
        raise LppsError(
            f"id {record_id!r} cannot name an output file; fix the id (lower-case words "
            "joined by hyphens) and run lpps validate"
        )
    return record_id
