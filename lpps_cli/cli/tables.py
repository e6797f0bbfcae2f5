"""Tables of the list, show and report commands: rich on a terminal, plaintable in pipes."""

from collections.abc import Callable, Sequence
from typing import Any


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


NUMERIC = (
    "total",
    "occupied",
    "free",
    "services",
    "attendance",
    "score",
    "amount",
    "count",
    "members",
    "meetings",
    "attended",
    "rate",
)
WIDE = ("name", "title", "text", "provider_name", "label", "place")


def print_table(
    columns: Sequence[tuple[str, str]],
    rows: list[dict[str, Any]],
    title: str | None = None,
    show: Callable[[str, Any], Any] | None = None,
) -> None:
    """Print ``rows`` with ``columns`` (key, heading), fitted to the terminal's width.
    ``show(key, value)`` may turn a value into what people read (a term's label).

    A terminal gets a rich table, styled; a pipe the same table without styles, drawn by
    lpps_cli.cli.plaintable, since rich needs ~1 ms a row (seconds for a national registry)."""
    import shutil
    import sys

    from lpps_cli.text.formats import printable

    headings = [heading for _, heading in columns]
    # without control characters: rich keeps ESC, so record text could drive the terminal
    cells = [[printable(cell(show(key, row.get(key)) if show else row.get(key))) for key, _ in columns] for row in rows]
    title = printable(title) if title else title
    right = [key in NUMERIC for key, _ in columns]
    if sys.stdout.isatty():
        from lpps_cli.cli.common import stdout_console

        stdout_console().print(rich_table(headings, cells, right, [key in WIDE for key, _ in columns], title))
        return
    from lpps_cli.cli.plaintable import render

    width = shutil.get_terminal_size((80, 24)).columns  # $COLUMNS, as rich reads it
    sys.stdout.write(render(headings, cells, right, width, title))


def rich_table(
    headings: Sequence[str],
    cells: list[list[str]],
    right: Sequence[bool],
    wide: Sequence[bool],
    title: str | None = None,
):
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", header_style="bold", expand=False)
    for heading, numeric, is_wide in zip(headings, right, wide):
        table.add_column(heading, justify="right" if numeric else "left", overflow="fold", ratio=2 if is_wide else 1)
    for row in cells:
        table.add_row(*(Text(text) for text in row))  # text, never markup: '[red]' in a name stays text
    return table
