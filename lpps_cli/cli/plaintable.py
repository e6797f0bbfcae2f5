"""Tables for pipes: the look of rich's tables (same box, fitted to $COLUMNS, cells wrapped),
drawn without styles by a renderer that costs microseconds a row instead of rich's ~1 ms,
so a national registry's 2,000 members print in a fraction of a second.

Column widths as browsers lay out tables (see fitted_widths). Cells longer than their column
wrap at spaces, and inside a word only when the word is longer than the column, as rich's
``fold`` does; runs of spaces become one. Widths count characters, which is right for the
scripts of lpps' languages (Latin, Cyrillic), not for wide East Asian characters.
"""

from __future__ import annotations

from collections.abc import Sequence

#: a column is not made narrower than its longest word, up to this many characters
LONGEST_WORD = 16
#: rich's box.HEAVY_HEAD: (left, fill, join, right) for the top, header, header rule, body and bottom
TOP, HEAD, RULE, BODY, BOTTOM = "┏━┳┓", "┃ ┃┃", "┡━╇┩", "│ ││", "└─┴┘"


def fitted_widths(natural: list[int], words: list[int], available: int) -> list[int]:
    """Column widths that add up to at most ``available`` (when every column can have one character).

    As browsers lay out tables: natural widths if they fit; else each column gets its longest
    word, up to a cap (LONGEST_WORD, lowered until these fit), and the space left is shared in
    proportion to what each column still lacks, so long names get the most."""
    if sum(natural) <= available:
        return list(natural)
    cap = LONGEST_WORD
    minimum = [min(n, w, cap) for n, w in zip(natural, words)]
    while sum(minimum) > available and cap > 1:
        cap -= 1
        minimum = [min(m, cap) for m in minimum]
    spare, lacking = available - sum(minimum), [n - m for n, m in zip(natural, minimum)]
    if spare <= 0:
        return minimum
    widths = [m + spare * lack // sum(lacking) for m, lack in zip(minimum, lacking)]
    for index in sorted(range(len(widths)), key=lambda i: widths[i] - natural[i]):  # the rounding's leftovers
        if sum(widths) < available and widths[index] < natural[index]:
            widths[index] += 1
    return widths


def _lines(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters: broken at spaces, and inside a word only
    when it is longer than a line, which then starts on a line of its own, as rich folds it.
    (textwrap does much the same at five times the cost.)"""
    if len(text) <= width and "\n" not in text:
        return [text]
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            if len(word) > width:  # a word longer than a line starts its own, and is cut there
                if line:
                    lines.append(line)
                while len(word) > width:
                    lines.append(word[:width])
                    word = word[width:]
                line = ""
            if not word:
                continue
            if line and len(line) + 1 + len(word) <= width:
                line = f"{line} {word}"
            else:
                if line:
                    lines.append(line)
                line = word
        lines.append(line)
    return lines


def render(
    headings: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool], width: int, title: str | None = None
) -> str:
    """The table as text, one line per row unless a cell wraps; ends with a newline."""
    count = len(headings)
    natural = [
        max([len(heading), *(len(line) for row in rows for line in row[column].splitlines() or [""])])
        for column, heading in enumerate(headings)
    ]
    words = [
        max([len(word) for text in (heading, *(row[column] for row in rows)) for word in text.split()] or [1])
        for column, heading in enumerate(headings)
    ]
    widths = fitted_widths(natural, words, max(count, width - (3 * count + 1)))

    def rule(box: str) -> str:
        left, fill, join, end = box[0], box[1], box[2], box[3]
        return left + join.join(fill * (w + 2) for w in widths) + end

    def row_lines(cells: Sequence[str], box: str) -> list[str]:
        side, middle = box[0], box[2]
        wrapped = [_lines(cell, w) for cell, w in zip(cells, widths)]
        out = []
        for index in range(max(len(lines) for lines in wrapped)):
            parts = []
            for column, lines in enumerate(wrapped):
                text = lines[index] if index < len(lines) else ""
                parts.append(text.rjust(widths[column]) if right[column] else text.ljust(widths[column]))
            out.append(f"{side} " + f" {middle} ".join(parts) + f" {box[3]}")
        return out

    lines = [title] if title else []
    lines += [rule(TOP), *row_lines(headings, HEAD), rule(RULE)]
    for row in rows:
        lines += row_lines(row, BODY)
    lines.append(rule(BOTTOM))
    return "\n".join(lines) + "\n"
