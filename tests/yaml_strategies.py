"""Hypothesis strategies for YAML text: scalars YAML readers disagree on, in every quoting
style, as values, flow lists and block lists (used by the differential and fuzz tests)."""

from __future__ import annotations

import json
import os

from hypothesis import strategies as st

#: examples per property: modest in CI; LPPS_FUZZ_EXAMPLES=5000 for a long local session
EXAMPLES = int(os.environ.get("LPPS_FUZZ_EXAMPLES", "0")) or None

TRICKY = [
    "no",
    "on",
    "yes",
    "off",
    "y",
    "1e3",
    "1E3",
    "1.5e3",
    "017",
    "0o17",
    "0x1f",
    "0b101",
    "1_000",
    "+1",
    "-1",
    "01",
    "00",
    ".5",
    "1.",
    ".inf",
    "-.Inf",
    ".NaN",
    "~",
    "null",
    "Null",
    "NULL",
    "true",
    "True",
    "TRUE",
    "false",
    "False",
    "2025-01-05",
    "2025-1-5",
    "2025-02-30",
    "2025-01-05 10:00:00",
    "2025-01-05T10:00:00Z",
    "10:00",
    "1:30:00",
    "=",
    "<<",
    "",
    "-",
    "a: b",
    "#x",
    "x #y",
    "'",
    '"',
    "\\",
    "é",
    "Київ",
    "12345678901234567890",
    "1e400",
    "0.50",
    "-0",
    " lead",
    "trail ",
    "a,b",
    "[x]",
    "{x}",
    "&a",
    "*a",
    "!x",
    "%x",
    "@x",
    "`x",
    "|",
    ">",
    "?",
    "? x",
    "---",
    "...",
    "\u0085",
    "\u2028",
    "\t",
    "x\ty",
    "a\nb",
    "}",
    "]",
    ",",
    ":x",
    "-x",
    "- x",
    "%",
    "@",
    "\x7f",
    "\ufeff",
]
scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=12),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=False).map(repr),
)
KEYS = ["a", "b", "id", "017", "true", "~", "c d", "a", "name", "x-1", "2025-01-05", "null", ""]


def render(value: str, style: str) -> str:
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


@st.composite
def documents(draw) -> str:
    """A YAML mapping (sometimes broken) whose values are lists of tricky scalars."""
    entries = draw(
        st.lists(
            st.tuples(
                st.sampled_from(KEYS),
                st.lists(st.tuples(scalars, st.sampled_from(["plain", "single", "double"])), min_size=1, max_size=3),
                st.sampled_from(["value", "flow", "block", "nested"]),
            ),
            max_size=5,
        )
    )
    lines = []
    for key, values, layout in entries:
        rendered = [render(v, s) for v, s in values]
        if layout == "value":
            lines.append(f"{key}: {rendered[0]}")
        elif layout == "flow":
            lines.append(f"{key}: [{', '.join(rendered)}]")
        elif layout == "nested":
            lines.append(f"{key}:")
            lines.extend(f"  k{index}: {r}" for index, r in enumerate(rendered))
        else:
            lines.append(f"{key}:")
            lines.extend(f"  - {r}" for r in rendered)
    return "\n".join(lines) + "\n"
