"""Replacing one scalar of a YAML text in a few microseconds: rapidyaml's locator finds the
token (lpps_cli.reading.fastlocate), and the token's end is found on its line. ``lpps set``'s
splice composes the whole file with ruamel (~25 ms); a re-import of 10,000 services changes
a thousand files, so the import asks this first, checks the result by reading it back, and
leaves anything unusual (block scalars, multi-line or flow-context tokens it cannot delimit)
to ``lpps_cli.changes.edit``."""

from __future__ import annotations

from typing import Any


def _quoted_end(segment: str) -> int | None:
    quote, index = segment[0], 1
    while index < len(segment):
        char = segment[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and segment[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return None  # the token goes on to the next line


def _plain_end(segment: str, flow: bool) -> int:
    end = len(segment)
    comment = segment.find(" #")
    if comment >= 0:
        end = comment
    if flow:
        stops = [i for i in (segment.find(","), segment.find("]"), segment.find("}")) if i >= 0]
        end = min([end, *stops])
    return len(segment[:end].rstrip())


def fast_splice(text: str, path: str, value: Any) -> str | None:
    """``text`` with the scalar at dotted ``path`` replaced by ``value``, or None when this
    cannot do it safely (the caller then uses the round-trip writer)."""
    from lpps_cli.changes.yamlsplice import scalar_text
    from lpps_cli.reading.fastlocate import FastLocator

    position = FastLocator(text.encode("utf-8")).value("/" + "/".join(path.split(".")))
    if position is None:
        return None
    line, column = position
    line_start = 0
    for _ in range(line - 1):
        line_start = text.index("\n", line_start) + 1
    start = line_start + column - 1
    line_end = text.find("\n", start)
    segment = text[start : len(text) if line_end < 0 else line_end]
    if not segment or segment[0] in "|>&*!{[":
        return None
    if segment[0] in "'\"":
        end = _quoted_end(segment)
        if end is None:
            return None
        style: str | None = segment[0]
    else:
        before = text[line_start:start]
        flow = before.count("[") + before.count("{") > before.count("]") + before.count("}")
        end, style = _plain_end(segment, flow), None
        following = text[line_end + 1 : text.find("\n", line_end + 1)] if line_end >= 0 else ""
        indent = len(text[line_start:start]) - len(text[line_start:start].lstrip())
        if (
            following.strip()
            and len(following) - len(following.lstrip()) > indent
            and ":" not in following
            and not following.lstrip().startswith(("-", "#"))
        ):
            return None  # a plain scalar continued on the next line
    return text[:start] + scalar_text(value, style) + text[start + end :]
