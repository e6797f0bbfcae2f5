"""Rows as JSON, CSV or YAML: the machine-readable forms of every list.

JSON is an array of objects, one per record, UTF-8, keys in a stable order. CSV has one
header line and one row per record; lists are joined with ';', nested values are JSON,
booleans are true/false, missing values are empty.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

LIST_SEPARATOR = ";"


def to_json(rows: Any) -> str:
    """Indented UTF-8 JSON and a final newline. orjson writes the same bytes as the standard
    library, ten times faster (thousands of records at national scale); what it refuses
    (integers beyond 64 bits, keys that are not strings) goes to the standard library."""
    import orjson

    try:
        return orjson.dumps(rows, option=orjson.OPT_INDENT_2, default=str).decode("utf-8") + "\n"
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"


#: a spreadsheet runs a cell starting with one of these as a formula (OWASP: CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula: a leading ' is shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


#: control characters (C0 but newline and tab, DEL, C1): record text must not drive a terminal
CONTROL_CHARACTERS = (*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0))
_CONTROL_SHOWN = {code: f"\\x{code:02x}" for code in CONTROL_CHARACTERS}
_CONTROL_DROPPED = dict.fromkeys(CONTROL_CHARACTERS)


def printable(text: str) -> str:
    """``text`` without control characters: record text drawn for people to read (tables)."""
    return text.translate(_CONTROL_DROPPED)


def visible(text: str) -> str:
    """``text`` with its control characters written out (``\x1b``): a message quoting record text
    must neither drive the reader's terminal nor hide that the text holds such a character."""
    return text.translate(_CONTROL_SHOWN)


def csv_cell(value: Any) -> str:
    """Every CSV lpps writes goes through here (lists, exports, mailing lists)."""
    if type(value) is str:  # the common case, first
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return str(neutralise(value))


def to_csv(rows: list[dict[str, Any]], columns: Iterable[str] | None = None) -> str:
    """CSV with the given columns (default: every key, in order of first appearance)."""
    if columns is None:
        columns = list(dict.fromkeys(key for row in rows for key in row))
    columns = list(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def to_yaml(rows: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # keep the documented column order
    buffer = io.StringIO()
    yaml.dump(rows, buffer)
    return buffer.getvalue()
