"""Small, defensive accessors shared by the rules: records may be partly invalid."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from lpps_cli.model.problems import Problem, error, warning
from lpps_cli.model.registry import Record, Registry

IN_PARTNERSHIP = ("active", "suspended", "former")


def text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def ids(value: Any) -> list[str]:
    """The string items of a list (anything else is the schema's business)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def problem(severity: str, rule: str, record: Record, ptr: str, message: str) -> Problem:
    return (error if severity == "error" else warning)(rule, record.path, ptr, message)


def soft(registry: Registry) -> str:
    """Severity of the rules that need a working partnership (board, cadence, documents):
    a partnership that is still forming only gets warnings."""
    return "warning" if registry.forming else "error"


class Membership:
    """Who was in the partnership on a date, answered in O(log n) after an O(n log n) build.

    A member counts from ``joined`` (founders without a date count from the start) until
    the day before ``left``; applicants never count.
    """

    def __init__(self, registry: Registry):
        self.spans: list[tuple[str, dt.date | None, dt.date | None]] = []
        for member in registry.members.values():
            if member.get("status") not in IN_PARTNERSHIP:
                continue
            self.spans.append((member.id, date(member.get("joined")), date(member.get("left"))))
        self._joined = sorted(j or dt.date.min for _, j, _ in self.spans)
        self._left = sorted(left for _, _, left in self.spans if left)

    def count(self, day: dt.date) -> int:
        return bisect.bisect_right(self._joined, day) - bisect.bisect_right(self._left, day)

    def on(self, day: dt.date) -> set[str]:
        return {
            mid
            for mid, joined, left in self.spans
            if (joined is None or joined <= day) and (left is None or left > day)
        }


#: id(data) -> (data, its JSON) while a shared_json block runs (validate): written once, read by
#: the character check and the secret rule alike
_shared: dict[int, tuple[Any, bytes | None]] | None = None


@contextmanager
def shared_json() -> Iterator[None]:
    global _shared
    _shared = {}
    try:
        yield
    finally:
        _shared = None


def json_of(data: Any) -> bytes | None:
    """A record's data as JSON bytes (orjson, integers beyond 53 bits refused), for the rules that
    screen every record's text with fast byte searches first; None when orjson cannot write it
    (a lone surrogate, a big integer, a non-text key): the caller then looks at every value."""
    if _shared is not None:
        hit = _shared.get(id(data))
        if hit is not None and hit[0] is data:
            return hit[1]
    try:
        import orjson

        raw = orjson.dumps(data, option=orjson.OPT_STRICT_INTEGER)
    except Exception:
        raw = None
    if _shared is not None:
        _shared[id(data)] = (data, raw)
    return raw


def quoted(items: Iterable[str], limit: int = 6) -> str:
    items = sorted(items)
    shown = ", ".join(f"'{i}'" for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
