"""Rich tables for the terminal (no colour in pipes), shared by the list, show and refer commands."""

from __future__ import annotations

from typing import Any, Callable, Sequence


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


NUMERIC = ("total", "occupied", "free", "services", "attendance", "score", "amount", "count", "members",
           "meetings", "attended", "rate")
WIDE = ("name", "title", "text", "provider_name", "label", "place")


def print_table(columns: Sequence[tuple[str, str]], rows: list[dict[str, Any]], title: str | None = None,
                show: Callable[[str, Any], Any] | None = None) -> None:
    """Print ``rows`` with ``columns`` (key, heading), fitted to the terminal's width.
    ``show(key, value)`` may turn a value into what people read (a term's label)."""
    from rich.table import Table

    from lpps_cli.cli.common import stdout_console

    table = Table(title=title, title_justify="left", header_style="bold", expand=False)
    for key, heading in columns:
        numeric = key in NUMERIC
        table.add_column(heading, justify="right" if numeric else "left", overflow="fold",
                         ratio=2 if key in WIDE else 1)
    for row in rows:
        table.add_row(*(cell(show(key, row.get(key)) if show else row.get(key)) for key, _ in columns))
    stdout_console().print(table)
