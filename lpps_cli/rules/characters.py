"""Characters and numbers that no output can carry, refused where they are written.

Part of the ``schema`` rule (a value the schemas' types alone cannot refuse): every output of
lpps writes record text into UTF-8 files (portal, exports, brochure), one-line formats (CSV
cells, vCard and iCalendar lines, e-mail headers, table cells) and SQLite. So:

* a lone surrogate (YAML ``"\\ud800"``) cannot be written as UTF-8 at all;
* Unicode non-characters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, U+nFFFE/U+nFFFF) are not text;
* control characters (C0 other than tab and line breaks, DEL, C1) are invisible or steer the
  terminal or printer that shows them;
* line and paragraph separators (U+2028, U+2029) break PDF layout and one-line formats, and
  line breaks (CR, LF) belong only in the multi-line texts (:data:`MULTI_LINE`);
* integers beyond 64 bits fit no SQLite column, and NaN/infinity no JSON.

Cost: one orjson pass over each record (microseconds) screens out the records that hold none
of these; only the others get the walk over every string in Python.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from lpps_cli.model.problems import Problem, error, pointer

#: fields whose text may run over several lines (Markdown and prose), wherever they sit; and
#: every x- extension field (local notes). Every other string is one line.
MULTI_LINE = frozenset(
    {
        "description",
        "profile",
        "summary",
        "body",
        "text",
        "minutes",
        "eligibility",
        "offers",
        "seeks",
        "focus",
        "schedule",
        "notes",
    }
)
INT64 = 2**63 - 1

_PLANE_ENDS = "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17))
_NEVER = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u2028\u2029" + _PLANE_ENDS
_BAD_MULTI = re.compile(f"[{_NEVER}]")
_BAD_ONE_LINE = re.compile(f"[{_NEVER}\n\r]")
#: bytes in orjson's output of a record that one of those characters may have become (orjson
#: writes C0 controls as escapes); a record without any is clean. One expression whose first
#: bytes form a small set, so the search skips everything else at C speed (a handful of ``in``
#: tests, each a full pass, would cost several times more). ``\xbf[\xbe\xbf]`` ends U+FFFE,
#: U+FFFF and U+nFFFE/U+nFFFF.
_SCREEN = re.compile(rb"\\[bfnru]|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xb7[\x90-\xaf]|\xbf[\xbe\xbf]")
_LINE_BREAKS = (b"\\n", b"\\r")

_NAMES = {
    "\n": "LINE FEED (a new line)",
    "\r": "CARRIAGE RETURN (a new line)",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\x1b": "ESCAPE",
    "\x85": "NEXT LINE",
}


def check_record(kind: str, file: str, data: dict[str, Any]) -> list[Problem]:
    """Problems of one record's data (rule ``schema``), one per field at most."""
    if kind == "taxonomy" or not _may_hold_bad_values(data):
        return []
    return list(_walk(file, data, (), None, False))


def _may_hold_bad_values(data: dict[str, Any]) -> bool:
    from lpps_cli.rules.common import json_of

    raw = json_of(data)
    if raw is None:  # a surrogate, an integer beyond 53 bits, a non-text key: look
        return True
    if b"null" in raw:  # NaN and infinity, which orjson writes as null (a real null is rare)
        return True
    if _SCREEN.search(raw) is None:
        return False
    if b"\\n" not in raw and b"\\r" not in raw:
        return True
    return _SCREEN.search(raw.replace(b"\\n", b"").replace(b"\\r", b"")) is not None or _one_line_break(data)


def _one_line_break(data: dict[str, Any]) -> bool:
    """Whether a line break (the only suspect left) sits outside the multi-line fields: the
    record without its top-level multi-line fields, written again, holds one."""
    import orjson

    rest = {
        key: value
        for key, value in data.items()
        if key not in MULTI_LINE and not (isinstance(key, str) and key.startswith("x-"))
    }
    raw = orjson.dumps(rest)
    return any(anchor in raw for anchor in _LINE_BREAKS)


def _walk(file: str, node: object, trail: tuple[object, ...], field: str | None, multi: bool) -> Iterator[Problem]:
    if isinstance(node, dict):
        for key, value in node.items():
            name = field
            if isinstance(key, str):
                bad = _BAD_ONE_LINE.search(key)
                if bad:
                    yield replace(_problem(file, (*trail, key), key, bad.group(), "a field name"), at_key=True)
                    continue
                # a language code keeps the field it translates; any other key names a field
                name = field if field and len(key) <= 3 and key.isalpha() and key.islower() else key
            yield from _walk(
                file,
                value,
                (*trail, key),
                name,
                multi or name in MULTI_LINE or (isinstance(key, str) and key.startswith("x-")),
            )
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(file, value, (*trail, index), field, multi)
    elif isinstance(node, str):
        bad = (_BAD_MULTI if multi else _BAD_ONE_LINE).search(node)
        if bad:
            yield _problem(file, trail, field, bad.group(), "multi" if multi else "one")
    elif isinstance(node, bool) or node is None:
        return
    elif isinstance(node, int):
        if abs(node) > INT64:
            yield error(
                "schema",
                file,
                pointer(*trail),
                f"{_dotted(trail)} is a number too large for any output (more than 19 digits: "
                f"at most {INT64:,}); write a smaller number, or the value as a text in quotes",
            )
    elif isinstance(node, float) and not math.isfinite(node):
        yield error(
            "schema", file, pointer(*trail), f"{_dotted(trail)} is {node}, which no output can hold; write a number"
        )


def _problem(file: str, trail: tuple[object, ...], field: str | None, char: str, where: str) -> Problem:
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(char) or _unicode_name(char)
    if where == "one" and char in "\n\r":
        advice = "this field is one line: write it on one line (new lines belong only in descriptions and texts)"
    elif where == "a field name":
        advice = "rename the field with visible characters only"
    elif "\ud800" <= char <= "\udfff":
        advice = (
            "a lone surrogate is not a character and cannot be written as UTF-8; remove the \\u escape "
            "or write the character itself"
        )
    elif char in "\u2028\u2029":
        advice = "replace it with a space (or, in a description, a new line)"
    else:
        advice = (
            "it is invisible or not a character at all; remove it (the file may have been pasted from another program)"
        )
    return error(
        "schema",
        file,
        pointer(*trail),
        f"{_dotted(trail)} holds the character {code} ({name}), which no output can carry; {advice}",
    )


def _unicode_name(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return "lone surrogate"
    if unicodedata.category(char) == "Cc":
        return "control character"
    return unicodedata.name(char, "non-character")


def _dotted(trail: tuple[object, ...]) -> str:
    return ".".join(str(part) for part in trail) or "the record"
