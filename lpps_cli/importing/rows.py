"""Rows of a sheet as what they want of a record: the typed value of each field that has a
non-empty cell, where each value came from (for messages at ``FILE:ROW:COLUMN``), and the
problems of the cells that could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lpps_cli.i18n.translations import gettext as _
from lpps_cli.importing.columns import LOCALIZED, Column, columns
from lpps_cli.importing.sheets import Sheet, column_letter
from lpps_cli.importing.values import CellError, Parser


@dataclass(frozen=True)
class Where:
    """A place in the input: a file (and sheet), a row, a column and its header."""

    file: str
    row: int | None = None
    column: int | None = None  # 0-based
    header: str = ""

    def __str__(self) -> str:
        place = self.file if self.row is None else f"{self.file}:{self.row}"
        if self.column is not None:
            place += f":{column_letter(self.column)} ({self.header})"
        return place


@dataclass(frozen=True)
class ImportProblem:
    where: Where
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.where.file,
            "row": self.where.row,
            "column": column_letter(self.where.column) if self.where.column is not None else None,
            "header": self.where.header or None,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class RowValues:
    """One row: field -> value (localized texts as {lang: text}), field -> where it came from."""

    kind: str
    where: Where
    values: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, Where] = field(default_factory=dict)
    columns: frozenset[str] = frozenset()  # the fields the sheet has a column for
    header_row: int | None = None
    ref: str | None = None  # a key other rows name this record by (an HSDS organization's id)


@dataclass(frozen=True)
class Ref:
    """A value naming a record of the same import by its ``RowValues.ref`` (an HSDS
    service's organization), resolved to the record's id when the plan is made."""

    key: str


def read_rows(
    sheet: Sheet, kind: str, parser: Parser, languages: list[str], mapping: dict[str, str] | None = None
) -> tuple[list[RowValues], list[Column], list[ImportProblem]]:
    cols, unknown = columns(kind, sheet.header, languages, mapping)
    problems = [
        ImportProblem(Where(sheet.label, sheet.header_row, index, sheet.header[index]), message)
        for index, message in unknown
    ]
    seen: dict[tuple[str, str | None], Column] = {}
    for column in cols:
        key = (column.field, column.lang)
        if key in seen:
            problems.append(
                ImportProblem(
                    Where(sheet.label, sheet.header_row, column.index, column.header),
                    _("this column holds %(field)s, as column %(other)s does already; keep one")
                    % {"field": column.field, "other": column_letter(seen[key].index)},
                )
            )
        seen[key] = column
    default = languages[0]
    fields = frozenset(c.field for c in cols)
    out = []
    for row in sheet.rows:
        record = RowValues(kind, Where(sheet.label, row.number), columns=fields, header_row=sheet.header_row)
        for column in cols:
            cell = row.cells[column.index] if column.index < len(row.cells) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue  # an empty cell is an absent field
            where = Where(sheet.label, row.number, column.index, column.header)
            try:
                value = parser.value(column.field, cell)
            except CellError as exc:
                problems.append(ImportProblem(where, str(exc)))
                continue
            if (column.field in LOCALIZED and kind != "representative") or column.field == "role":
                texts = record.values.setdefault(column.field, {})
                texts[column.lang or default] = value
            else:
                record.values[column.field] = value
            record.origin[column.field] = where
        out.append(record)
    return out, cols, problems
