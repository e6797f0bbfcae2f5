"""Reading a table a person made: CSV (any of ``, ; TAB``, UTF-8 with or without BOM, the
Windows code pages Czech, Polish and Ukrainian Excel writes), XLSX and ODS (cached values
only, through python-calamine: a formula is never evaluated, a text cell stays text).

A :class:`Sheet` is the header row and the data rows, each with its spreadsheet row number,
so every message can point at ``FILE:ROW:COLUMN``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.taxonomy import fold

MAX_BYTES = 64 * 1024 * 1024  # a spreadsheet of a national directory is a few MB
WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
#: sheet names that say which kind of record a sheet holds (folded: case and accents ignored)
SHEET_NAMES = {
    "member": (
        "members",
        "member",
        "clenove",
        "czlonkowie",
        "chleni",
        "organizations",
        "organizace",
        "organizacje",
        "organizatsii",
    ),
    "service": ("services", "service", "sluzby", "uslugi", "poslugi"),
    "group": ("groups", "group", "skupiny", "grupy", "grupi"),
    "representative": ("representatives", "representative", "zastupci", "przedstawiciele", "predstavniki"),
}


@dataclass(frozen=True)
class Row:
    number: int  # the row number a spreadsheet shows (1 = the first line)
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class Sheet:
    label: str  # how messages name the file: 'members.xlsx' or 'book.xlsx[services]'
    header: tuple[str, ...]
    header_row: int
    rows: tuple[Row, ...]


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB': columns as a spreadsheet names them."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _table(label: str, grid: list[list[Any]]) -> Sheet:
    rows = [
        (number, tuple(cells))
        for number, cells in enumerate(grid, 1)
        if any(not _empty(c) for c in cells) and not _comment(cells)
    ]
    if not rows:
        raise LppsError(_("%(file)s holds no rows; the first row names the columns") % {"file": label})
    header_row, header = rows[0]
    names = tuple("" if _empty(h) else str(h).strip() for h in header)
    return Sheet(label, names, header_row, tuple(Row(n, c) for n, c in rows[1:]))


def _comment(cells: list[Any]) -> bool:
    """A row of hints (the template's second row): its first filled cell starts with '#'."""
    first = next((c for c in cells if not _empty(c)), None)
    return isinstance(first, str) and first.lstrip().startswith("#")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- CSV ----------------------------------------------------------------------------------
def decode(raw: bytes, encoding: str | None = None) -> str:
    """The text of a CSV file: the encoding asked for, else UTF-8 (BOM or not), else the
    Windows code page the letters fit (Cyrillic 1251 or Central European 1250)."""
    if encoding:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise LppsError(
                _("the file cannot be read as %(encoding)s (%(why)s)") % {"encoding": encoding, "why": exc}
            ) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in raw if b >= 0xC0)  # Cyrillic letters are all up there in cp1251
    letters = sum(1 for b in raw if (65 <= b <= 90) or (97 <= b <= 122)) + high
    return raw.decode("cp1251" if letters and high / letters > 0.3 else "cp1250", "replace")


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, label: str, encoding: str | None = None) -> Sheet:
    text = decode(_read(path), encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        grid = [row for row in reader]
    except csv.Error as exc:
        raise LppsError(_("%(file)s is not a readable CSV file: %(why)s") % {"file": label, "why": exc}) from None
    return _table(label, grid)


# -- workbooks ----------------------------------------------------------------------------
def sheet_names(path: Path) -> list[str]:
    return list(_workbook(path).sheet_names)


def read_workbook(path: Path, label: str, sheet: str) -> Sheet:
    book = _workbook(path)
    try:
        grid = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise LppsError(
            _("%(file)s: the sheet '%(sheet)s' cannot be read: %(why)s") % {"file": label, "sheet": sheet, "why": exc}
        ) from None
    return _table(f"{label}[{sheet}]", [list(r) for r in grid])


def _workbook(path: Path):
    from python_calamine import CalamineWorkbook

    _read(path)  # the size limit first
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise LppsError(
            _("%(file)s is not a readable XLSX or ODS workbook: %(why)s") % {"file": path.name, "why": exc}
        ) from None


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LppsError(
                _("%(file)s is larger than %(mb)d MB; split it") % {"file": path.name, "mb": MAX_BYTES // 2**20}
            )
        return path.read_bytes()
    except OSError as exc:
        raise LppsError(_("cannot read %(file)s: %(why)s") % {"file": path, "why": exc.strerror}) from None


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOKS


def find_sheet(names: list[str], kind: str) -> str | None:
    """The sheet of a workbook that holds ``kind``: named for it in any language."""
    wanted = SHEET_NAMES[kind]
    return next((n for n in names if fold(n).replace(" ", "") in wanted), None)


def read(path: Path, kind: str, sheet: str | None = None, encoding: str | None = None) -> list[tuple[str, Sheet]]:
    """The sheets of ``path`` to import as ``kind``: for a workbook, the one ``--sheet``
    names, else the one named for the kind, else the only one; with members, a
    representatives sheet beside them comes too."""
    label = path.name
    if not is_workbook(path):
        return [(kind, read_csv(path, label, encoding))]
    names = sheet_names(path)
    if sheet is not None:
        if sheet not in names:
            from lpps_cli.model.suggest import did_you_mean

            raise LppsError(
                _("%(file)s has no sheet '%(sheet)s'%(hint)s; it has: %(names)s")
                % {"file": label, "sheet": sheet, "hint": did_you_mean(sheet, names), "names": ", ".join(names)}
            )
        return [(kind, read_workbook(path, label, sheet))]
    chosen = find_sheet(names, kind) or (names[0] if len(names) == 1 else None)
    if chosen is None:
        raise LppsError(
            _("%(file)s has several sheets and none is named for %(kind)s; choose one with --sheet (it has: %(names)s)")
            % {"file": label, "kind": kind, "names": ", ".join(names)}
        )
    found = [(kind, read_workbook(path, label, chosen))]
    extra = find_sheet(names, "representative") if kind == "member" else None
    if extra and extra != chosen:
        found.append(("representative", read_workbook(path, label, extra)))
    return found
