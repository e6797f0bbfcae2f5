"""Rule 10, ``capacity``: occupancy within total; dates not in the future, and fresh."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lpps_cli.model.problems import Problem, error, warning
from lpps_cli.model.registry import Registry
from lpps_cli.rules.common import date


def check_capacity(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(s) for s services."""
    max_age = registry.setting("capacity_max_age_days")
    for service in registry.services.values():
        capacity = service.get("capacity")
        if not isinstance(capacity, dict):
            continue
        total, occupied = capacity.get("total"), capacity.get("occupied")
        if isinstance(total, int) and isinstance(occupied, int) and not isinstance(occupied, bool):
            if occupied > total:
                yield error(
                    "capacity",
                    service.path,
                    "/capacity/occupied",
                    f"capacity.occupied {occupied} is more than capacity.total {total}",
                )
            if occupied < 0:
                yield error("capacity", service.path, "/capacity/occupied", "capacity.occupied is negative")
        as_of = date(capacity.get("as_of"))
        if as_of and as_of > today:
            yield error(
                "capacity",
                service.path,
                "/capacity/as_of",
                f"capacity.as_of {as_of} is in the future (today is {today})",
            )
        elif (
            as_of and isinstance(max_age, int) and service.get("status") == "active" and (today - as_of).days > max_age
        ):
            yield warning(
                "capacity",
                service.path,
                "/capacity/as_of",
                f"capacity data is {(today - as_of).days} days old (as of {as_of}); "
                f"update it: lpps set {service.id} capacity.occupied N",
            )
        elif as_of is None and "occupied" in capacity:
            yield warning(
                "capacity",
                service.path,
                "/capacity",
                "capacity has occupied places but no as_of date; add capacity.as_of: YYYY-MM-DD",
            )
