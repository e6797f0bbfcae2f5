"""Depth and size of a YAML file, measured on its bytes before any parser builds it.

rapidyaml and ruamel build the whole tree before yamlio can measure it: a 1 MiB file of
unclosed ``[`` cost seconds and half a GiB, and a million-item flow list 15 s in ruamel.
``check_structure`` refuses such a file first, in time linear in its bytes and constant memory:

- a bound from counts of bytes (C speed) clears ordinary records at once: nesting is at most
  the flow brackets plus twice the deepest run of leading spaces, dashes and question marks
  (each block level indents, and a list may sit at its key's column); entries are at most the
  lines, ``,``, ``-``, ``?``, ``:``, ``[`` and ``{``;
- any other file is scanned: block structure by indentation (with quoted, block and multi-line
  plain scalars skipped as the parsers do) and flow brackets outside quotes and comments,
  stopping at the first collection that opens deeper than ``max_depth`` (a value at a depth
  beyond the limit, as yamlio.normalize counts it) or the first entry past ``max_values``.

The scan judges only what is plainly too deep or too large; the parsers, which then see at most
``max_depth + 1`` levels and ``max_values`` entries, keep the last word on everything else.
Entries are list items and mapping keys, as written (an alias counts once).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol, cast

from lpps_cli.reading.limits import Limits, YamlProblem, depth_problem

_FLOW_EVENT = re.compile(rb"[\[\]{},\"'#]")
_DOUBLE = re.compile(rb'(?:[^"\\]|\\.)*"', re.S)
_SINGLE = re.compile(rb"(?:[^']|'')*'")
#: the end of a plain key on one line: ': ' or ':' at the end, unless a comment comes first
_PLAIN_KEY = re.compile(rb"[ \t]#|:(?=[ \t\r]|$)", re.M)
_KEY_AFTER = re.compile(rb"[ \t]*:(?=[ \t\r\n]|$)")


class _AlwaysMatches(Protocol):
    """A pattern that matches at every position (it may match nothing), so ``match`` never
    gives None: typed once here rather than checked at each of its uses in the scan's loop."""

    def match(self, string: bytes, pos: int = ..., /) -> re.Match[bytes]: ...


_SPACES = cast(_AlwaysMatches, re.compile(rb"[ \t]*"))
_QUOTE_BEFORE = frozenset(b"[{,:?")


@lru_cache(maxsize=64)
def _next_line_at_most(column: int) -> re.Pattern[bytes]:
    """The next line holding something at a column <= ``column``: where skipped text ends."""
    return re.compile(rb"\n(?= {0,%d}[^ \n\r])" % column) if column >= 0 else re.compile(rb"(?!)")


def check_structure(raw: bytes, limits: Limits) -> None:
    """Raise YamlProblem (at its line) when ``raw`` plainly nests deeper than limits.max_depth
    or holds more than limits.max_values entries; return quickly for every ordinary file."""
    if _surely_within(raw, limits):
        return
    _Scan(raw, limits).run()


#: dashes and question marks read as spaces, to find deep indentation with one bytes.find
_AS_SPACE = bytes.maketrans(b"?-", b"  ")


def _surely_within(raw: bytes, limits: Limits) -> bool:
    """The quick bound of the module doc; about 2 microseconds for a 2 KB record."""
    if len(raw) > limits.max_values:  # an entry owns at least one byte (its key's, or an indicator)
        entries = (
            raw.count(b"\n")
            + raw.count(b",")
            + raw.count(b"-")
            + raw.count(b"?")
            + raw.count(b":")
            + raw.count(b"[")
            + raw.count(b"{")
            + 1
        )
        if entries > limits.max_values:
            return False
    run = (limits.max_depth + 1 - raw.count(b"[") - raw.count(b"{")) // 2  # indentation that cannot nest too deep
    return run > 0 and (b"\n" + raw).translate(_AS_SPACE).find(_indent(run)) < 0


@lru_cache(maxsize=64)
def _indent(run: int) -> bytes:
    return b"\n" + b" " * run


class _Scan:
    def __init__(self, raw: bytes, limits: Limits):
        self.raw = raw
        self.max_depth = limits.max_depth
        self.max_values = limits.max_values
        self.stack: list[tuple[int, bool]] = []  # open block collections: (column, is a list)
        self.flow = 0
        self.entries = 0

    # -- findings ---------------------------------------------------------------------------
    def _line(self, pos: int) -> int:
        return self.raw.count(b"\n", 0, pos) + 1

    def _opened(self, pos: int) -> None:
        if len(self.stack) + self.flow > self.max_depth + 1:
            problem = depth_problem(self.max_depth)
            raise YamlProblem(problem.message, self._line(pos), None)

    def _entry(self, pos: int) -> None:
        self.entries += 1
        if self.entries > self.max_values:
            raise YamlProblem(
                f"the file holds more than {self.max_values} list items and mapping entries "
                "(limits.max_values); split it into smaller records",
                self._line(pos),
                None,
            )

    # -- block context ----------------------------------------------------------------------
    def run(self) -> None:
        pos, end = 0, len(self.raw)
        while pos < end:
            pos = self._line_at(pos)

    def _skip_lines_above(self, pos: int, column: int) -> int:
        """Past the lines after ``pos``'s line indented deeper than ``column`` (or blank)."""
        found = _next_line_at_most(column).search(self.raw, pos)
        return found.end() if found else len(self.raw)

    def _eol(self, pos: int) -> int:
        found = self.raw.find(b"\n", pos)
        return len(self.raw) if found < 0 else found

    def _line_at(self, start: int) -> int:
        """Scan the line starting at ``start``; the position of the next line to scan."""
        raw = self.raw
        eol = self._eol(start)
        pos = _SPACES.match(raw, start).end()
        if pos >= eol or raw[pos] in b"#\r":
            return eol + 1
        if pos == start and raw.startswith((b"---", b"...", b"%"), pos):
            self.stack.clear()  # a new document (refused later) or a directive
            return eol + 1
        return self._node(pos, eol, pos - start)

    def _node(self, pos: int, eol: int, column: int) -> int:
        """A node starting at ``pos`` (at ``column``) on a line in block context."""
        raw = self.raw
        while True:
            char = raw[pos]
            after = raw[pos + 1 : pos + 2]
            if char in b"-?:" and after in (b"", b" ", b"\n", b"\r", b"\t"):
                if char != ord(":"):  # ': ' is the value of a '? ' key, counted with it
                    self._block(column, is_list=char == ord("-"), pos=pos)
                nxt = _SPACES.match(raw, pos + 1).end()
                if nxt >= eol or raw[nxt] in b"#\r":
                    return eol + 1
                column += nxt - pos
                pos = nxt
                continue
            if char in b"&!":  # an anchor or tag before the node
                space = raw.find(b" ", pos, eol)
                if space < 0:
                    return eol + 1
                pos = _SPACES.match(raw, space).end()
                if pos >= eol or raw[pos] in b"#\r":
                    return eol + 1
                continue
            if char in b"[{":
                return self._flow(pos, key_column=column)
            if char in b"\"'":
                close = self._quoted(pos)
                if close is None:
                    return len(raw)
                return self._after_key_candidate(close, column)
            if char in b"|>":
                return self._skip_lines_above(pos, self._parent())
            return self._plain(pos, eol, column)

    def _parent(self) -> int:
        return self.stack[-1][0] if self.stack else -1

    def _block(self, column: int, is_list: bool, pos: int) -> None:
        """A list item (``- ``) or mapping key at ``column``: close deeper collections, open one
        when this is the first entry at that column (a list may sit at its key's column)."""
        stack = self.stack
        while stack and (stack[-1][0] > column or (stack[-1][0] == column and stack[-1][1] and not is_list)):
            stack.pop()
        if not stack or stack[-1][0] < column or stack[-1][1] != is_list:
            stack.append((column, is_list))
            self._opened(pos)
        self._entry(pos)

    def _plain(self, pos: int, eol: int, column: int) -> int:
        raw = self.raw
        found = _PLAIN_KEY.search(raw, pos, eol)
        if found is None or raw[found.start()] != ord(":"):
            return self._skip_lines_above(pos, self._parent())  # a plain scalar, perhaps on more lines
        self._block(column, is_list=False, pos=pos)
        return self._value(found.end(), eol)

    def _after_key_candidate(self, pos: int, column: int) -> int:
        """After a quoted scalar or flow collection at ``column``: a key if ``:`` follows."""
        found = _KEY_AFTER.match(self.raw, pos)
        eol = self._eol(pos)
        if found is None:
            return eol + 1
        self._block(column, is_list=False, pos=pos)
        return self._value(found.end(), eol)

    def _value(self, pos: int, eol: int) -> int:
        """The value after ``key:`` on the same line (or nothing: the value is on the next lines)."""
        raw = self.raw
        pos = _SPACES.match(raw, pos).end()
        while pos < eol and raw[pos] in b"&!":
            space = raw.find(b" ", pos, eol)
            if space < 0:
                return eol + 1
            pos = _SPACES.match(raw, space).end()
        if pos >= eol or raw[pos] in b"#\r":
            return eol + 1
        char = raw[pos]
        if char in b"[{":
            return self._flow(pos, key_column=None)
        if char in b"\"'":
            close = self._quoted(pos)
            return len(raw) if close is None else self._eol(close) + 1
        return self._skip_lines_above(pos, self._parent())  # a block scalar or a plain one

    def _quoted(self, pos: int) -> int | None:
        """The position after the quoted scalar opening at ``pos``; None when it never closes."""
        found = (_DOUBLE if self.raw[pos] == ord('"') else _SINGLE).match(self.raw, pos + 1)
        return found.end() if found else None

    # -- flow context -----------------------------------------------------------------------
    def _flow(self, pos: int, key_column: int | None) -> int:
        """Scan the flow collection opening at ``pos`` to its end; the next position to scan in
        block context (for a collection used as a key, its value is scanned too)."""
        raw, end = self.raw, len(self.raw)
        while pos < end:
            found = _FLOW_EVENT.search(raw, pos)
            if found is None:
                return end
            at = found.start()
            char = raw[at]
            pos = at + 1
            if char in b"[{":
                self.flow += 1
                self._opened(at)
                if self._next_char(pos) not in b"]}":
                    self._entry(at)
            elif char in b"]}":
                self.flow -= 1
                if self.flow <= 0:
                    self.flow = 0
                    if key_column is not None:
                        return self._after_key_candidate(pos, key_column)
                    return self._eol(pos) + 1
            elif char == ord(","):
                if self._next_char(pos) not in b"]}":
                    self._entry(at)
            elif char in b"\"'":
                if self._quote_starts(at):
                    close = self._quoted(at)
                    if close is None:
                        return end
                    pos = close
            elif char == ord("#") and (at == 0 or raw[at - 1] in b" \t\n\r"):
                pos = self._eol(at)
        return end

    def _next_char(self, pos: int) -> bytes:
        raw = self.raw
        while pos < len(raw) and raw[pos] in b" \t\r\n":
            pos += 1
        return raw[pos : pos + 1] or b"]"

    def _quote_starts(self, at: int) -> bool:
        """Whether a quote at ``at`` in flow context opens a quoted scalar: it does after an
        indicator (``[{,:?``) or a node property, not inside a plain scalar (``[it's]``)."""
        raw = self.raw
        before = at - 1
        while before >= 0 and raw[before] in b" \t\r\n":
            before -= 1
        if before < 0 or raw[before] in _QUOTE_BEFORE:
            return True
        window = max(0, before - 256)  # a property is short; never look back further
        word = max(window - 1, *(raw.rfind(mark, window, before) for mark in (b" ", b"\n", b"[", b"{", b","))) + 1
        return before < at - 1 and raw[word] in b"&!"
