"""Free places: one definition for every command and export."""

from __future__ import annotations

from typing import Any


def count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def free_places(capacity: Any) -> int | None:
    """total - occupied (never below zero) when both are known; else None — a service with no
    occupancy data is not counted as having free places (refer --available relies on this)."""
    if not isinstance(capacity, dict):
        return None
    total, occupied = count(capacity.get("total")), count(capacity.get("occupied"))
    if total is None or occupied is None:
        return None
    return max(total - occupied, 0)
