"""Rows as JSON, CSV or YAML: the machine-readable forms of every list; and record text made
safe for where it goes (a terminal or CI log, GitHub Markdown, one header or content line).

JSON is an array of objects, one per record, UTF-8, keys in a stable order. CSV has one
header line and one row per record; lists are joined with ';', nested values are JSON,
booleans are true/false, missing values are empty.

Every record is written by a member we do not fully trust, so record text never decides the
structure of an output: it never starts a line, a heading, a header, a property or a link.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Any

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


#: what Python's str.splitlines (and so many parsers and viewers) takes for the end of a line
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK_RUN = re.compile("\r\n|[" + LINE_BREAKS + "]")
#: bidirectional overrides and isolates reorder what a reader sees (Trojan Source, CVE-2021-42574)
BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_ONE_LINE_SHOWN = {
    **_CONTROL_SHOWN,
    10: "\\n",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
    **{code: f"\\u{code:04x}" for code in BIDI_CONTROLS},
}


def one_line(text: str) -> str:
    """``text`` as one line with every control character, line break and bidi control written
    out (``\\n``, ``\\x1b``): record text in a terminal or a CI log can neither start a line (GitHub
    Actions runs a line starting with ``::`` as a workflow command) nor drive the terminal."""
    return text.translate(_ONE_LINE_SHOWN)


def single_line(text: str) -> str:
    """``text`` with each line break (CRLF, CR, LF, U+2028, …) folded to a space and the other
    control characters dropped: a value for one header or one content line, read as prose."""
    return printable(_LINE_BREAK_RUN.sub(" ", text))


def text_lines(text: str) -> str:
    """``text`` with every kind of line break made a plain LF and other control characters
    dropped: a multi-line value for a format that escapes LF itself (iCalendar, vCard)."""
    return printable(_LINE_BREAK_RUN.sub("\n", text))


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: characters that make GitHub Markdown structure inline (emphasis, code, links, images,
#: tables, HTML, math, escapes); written as character references, which CommonMark never
#: reads as structure
_MARKDOWN_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]!|~<>&$"}
#: at the start of a line, these also begin a block (list, heading, quote, rule, ordered list)
_MARKDOWN_BLOCK_START = set("-+=#>.*_0123456789")
#: GitHub links @user, @org/team, user@host.org, #123, http://…, www.…: a word joiner (U+2060)
#: after the trigger keeps the text and stops the link and the notification
_GITHUB_AUTOLINK = re.compile(r"(?<=@)|(?<=#)(?=\d)|(?<=:)(?=//)|(?<=www)(?=\.)", re.IGNORECASE)
MARKDOWN_LIMIT = 200


def markdown_text(value: Any, limit: int = MARKDOWN_LIMIT) -> str:
    """Record text into GitHub Markdown (a pull-request comment, a step summary, a table cell)
    as inert text: one line, at most ``limit`` characters, no heading, list, HTML, image, link,
    mention, math or table cell break of its own."""
    text = shorten(single_line(visible(str(value))).strip(), limit)
    return _GITHUB_AUTOLINK.sub("\u2060", text).translate(_MARKDOWN_SPECIAL)


def markdown_line(text: str) -> str:
    """Inline Markdown that may start with record text, put where a block begins (after a list
    marker): a first character that would open a list, heading, quote or rule (``1.``, ``-``)
    is written as a character reference, which CommonMark never reads as structure."""
    return f"&#{ord(text[0])};{text[1:]}" if text[:1] in _MARKDOWN_BLOCK_START else text


_PLAIN_CODE = re.compile(r"[\w./()-]+")


def markdown_code(value: Any, limit: int = MARKDOWN_LIMIT) -> str:
    """A path, field or id from a record as a code span when it is plain (letters, digits,
    ``./()-_``), else as inert text: a backquote in record text cannot close the span."""
    text = str(value)
    if len(text) <= limit and _PLAIN_CODE.fullmatch(text) and text.isascii():
        return f"`{text}`"
    return markdown_text(text, limit)


WEB_SCHEMES = ("http", "https")


def web_address(value: Any, schemes: tuple[str, ...] = WEB_SCHEMES) -> str | None:
    """``value`` when it is one address (no white space or control character) with one of
    ``schemes``, else None: a link or URL property record text cannot turn into script or
    into a second property."""
    if not isinstance(value, str):
        return None
    address = value.strip(" \t")
    scheme, colon, _rest = address.partition(":")
    if not colon or scheme.lower() not in schemes or any(c.isspace() or not c.isprintable() for c in address):
        return None
    return address


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
    # keep the documented column order; ruamel initialises the flag to None, so infers its type as None
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    buffer = io.StringIO()
    yaml.dump(rows, buffer)
    return buffer.getvalue()
