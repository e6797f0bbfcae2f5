"""Changing one field of a YAML file by splicing its text: only the lines of that field change.

The YAML composer's marks say where each node's text starts and ends; a changed scalar is
replaced token for token, a list item added or removed is one line inserted or deleted (or
one ``, item`` in a flow list ``[a, b]``), a new key is a line (or a few) after the last key
of its mapping. Whatever the file's own style is (flow or block lists, its indentation, its
dash offset, its comments and their spacing) stays, however many edits follow one another.

Each function returns the new text, or None when the text is shaped in a way it does not
splice (the caller then falls back to ruamel's round-trip dumper); they never guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: what stands before a block list's item on its line: indentation, the dash, spaces
DASH_PREFIX = re.compile(r"^( *)-( +)$")


@dataclass(frozen=True)
class Style:
    """How the file writes what it holds, for new keys and new lists in it."""

    mapping_indent: int = 2  # a nested key's column minus its parent key's
    dash_offset: int = 2  # a block list's dash column minus its key's (the registry indents lists)
    after_dash: int = 1  # spaces between the dash and the item
    block_lists: bool = False  # the file writes lists of scalars as blocks, not [a, b]


@dataclass(frozen=True)
class Found:
    """Where ``parts`` lead in the composed file: the deepest existing node on the way."""

    node: Any  # the node at parts[:depth]
    key: Any  # the key node naming it in its mapping (None for the root or a list item)
    key_column: int  # the column of that key (of the parent mapping's keys), -1 for the root
    depth: int  # how many parts exist
    in_flow: bool = False  # inside a flow collection ({a: 1} or [a, b]), where ',[]{}' end a plain scalar


def compose(text: str) -> Any:
    from ruamel.yaml import YAML

    try:
        return YAML(typ="rt").compose(text)
    except Exception:
        return None


def find(root: Any, parts: list) -> Found:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    found = Found(root, None, -1, 0)
    node = root
    for depth, part in enumerate(parts, 1):
        in_flow = found.in_flow or bool(getattr(node, "flow_style", False))
        if isinstance(node, MappingNode) and isinstance(part, str):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
            if pair is None:
                return found
            found = Found(pair[1], pair[0], pair[0].start_mark.column, depth, in_flow)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            found = Found(node.value[part], None, -1, depth, in_flow)
        else:
            return found
        node = found.node
    return found


def style_of(root: Any, text: str) -> Style:
    """The indentation, dash offset and list style the file already uses (the registry's defaults
    for whatever it does not show)."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    lines = text.splitlines()
    mapping_indent: int | None = None
    dash: tuple[int, int] | None = None
    block_lists = False
    stack = [(root, 0)]
    while stack:
        node, key_column = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(value, MappingNode) and not value.flow_style and value.value and mapping_indent is None:
                    mapping_indent = value.value[0][0].start_mark.column - key.start_mark.column
                stack.append((value, key.start_mark.column))
        elif isinstance(node, SequenceNode):
            if not node.flow_style and node.value:
                prefix = _dash_prefix(lines, node.value[0])
                if prefix is not None and dash is None:
                    dash = (len(prefix.group(1)) - key_column, len(prefix.group(2)))
                block_lists = block_lists or all(isinstance(item, ScalarNode) for item in node.value)
            stack.extend((item, node.start_mark.column) for item in node.value)
    defaults = Style()
    return Style(
        mapping_indent if mapping_indent and mapping_indent > 0 else defaults.mapping_indent,
        dash[0] if dash and dash[0] >= 0 else defaults.dash_offset,
        dash[1] if dash else defaults.after_dash,
        block_lists,
    )


def _dash_prefix(lines: list[str], item: Any) -> re.Match[str] | None:
    line = lines[item.start_mark.line] if item.start_mark.line < len(lines) else ""
    return DASH_PREFIX.match(line[: item.start_mark.column])


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _last_leaf(node: Any) -> Any:
    """The last scalar (or flow collection) of ``node``: a block collection's own end mark lies
    past the comments and blank lines that follow it, its last leaf's does not."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    return node


def _after_node(text: str, node: Any) -> int:
    """Where the line after ``node``'s last line starts (a block scalar already ends there)."""
    node = _last_leaf(node)
    end = node.end_mark.index
    if node.end_mark.column == 0 or end >= len(text):
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _colon_after(text: str, key: Any) -> int | None:
    """The index just past the ':' that follows ``key``."""
    match = re.compile(r"[ \t]*:").match(text, key.end_mark.index)
    return match.end() if match else None


def _is_null(node: Any) -> bool:
    from ruamel.yaml.nodes import ScalarNode

    return isinstance(node, ScalarNode) and node.value == "" and node.start_mark.index == node.end_mark.index


# -- the edits ---------------------------------------------------------------------------
def set_value(text: str, parts: list, value: Any) -> str | None:
    """``text`` with the field at ``parts`` holding ``value`` (a scalar or a list of scalars)."""
    return _set_value(text, compose(text), parts, value)


def _set_value(text: str, root: Any, parts: list, value: Any) -> str | None:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if not isinstance(root, MappingNode) or not _simple(value):
        return None
    found = find(root, parts)
    if found.depth < len(parts):
        return _insert_key(text, root, found, parts[found.depth :], value)
    node = found.node
    if _is_null(node):
        return _fill_null(text, root, found, value)
    if isinstance(value, list):
        return _replace_list(text, root, found, value) if isinstance(node, SequenceNode) else None
    if isinstance(node, ScalarNode):
        ending = "\n" if node.end_mark.column == 0 and node.end_mark.index > node.start_mark.index else ""
        shown = scalar_text(value, node.style, in_flow=found.in_flow)
        return text[: node.start_mark.index] + shown + ending + text[node.end_mark.index :]
    return None


def add_item(text: str, parts: list, item: Any) -> str | None:
    """``text`` with ``item`` appended to the list at ``parts`` (made when it is not there)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    root = compose(text)
    if not isinstance(root, MappingNode) or not _simple(item) or isinstance(item, list):
        return None
    found = find(root, parts)
    if found.depth < len(parts) or _is_null(found.node):
        return _set_value(text, root, parts, [item])
    node = found.node
    if not isinstance(node, SequenceNode):
        return None
    if node.flow_style:
        if not node.value:
            at = node.start_mark.index + 1
            return text[:at] + scalar_text(item, in_flow=True) + text[at:]
        at = node.value[-1].end_mark.index
        return text[:at] + ", " + scalar_text(item, in_flow=True) + text[at:]
    prefix = _dash_prefix(text.splitlines(), node.value[-1])
    if prefix is None:
        return None
    at = _after_node(text, node.value[-1])
    return (
        text[:at]
        + ("" if at == 0 or text[at - 1] == "\n" else "\n")
        + prefix.group(0)
        + scalar_text(item)
        + "\n"
        + text[at:]
    )


def remove_item(text: str, parts: list, position: int) -> str | None:
    """``text`` without the item at ``position`` of the list at ``parts`` (an emptied list is ``[]``)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    root = compose(text)
    if not isinstance(root, MappingNode):
        return None
    found = find(root, parts)
    node = found.node
    if found.depth < len(parts) or not isinstance(node, SequenceNode) or position >= len(node.value):
        return None
    items = node.value
    if node.flow_style:
        if len(items) == 1:
            start, end = items[0].start_mark.index, items[0].end_mark.index
        elif position == 0:
            start, end = items[0].start_mark.index, items[1].start_mark.index
        else:
            start, end = items[position - 1].end_mark.index, items[position].end_mark.index
        return text[:start] + text[end:]
    lines = text.splitlines()
    if any(_dash_prefix(lines, item) is None for item in items):
        return None
    start, end = _line_start(text, items[position].start_mark.index), _after_node(text, items[position])
    if len(items) > 1:
        return text[:start] + text[end:]
    colon = _colon_after(text, found.key) if found.key is not None else None
    if colon is None or colon > start:
        return None
    return text[:colon] + " []" + text[colon:start] + text[end:]


# -- the pieces ---------------------------------------------------------------------------
def _simple(value: Any) -> bool:
    if isinstance(value, list):
        return all(not isinstance(v, (dict, list)) for v in value)
    return not isinstance(value, dict)


def _replace_list(text: str, root: Any, found: Found, value: list) -> str | None:
    node = found.node
    if node.flow_style:
        return text[: node.start_mark.index] + flow_list(value) + text[node.end_mark.index :]
    lines = text.splitlines()
    prefixes = [_dash_prefix(lines, item) for item in node.value]
    if not node.value or any(p is None for p in prefixes):
        return None
    start, end = _line_start(text, node.value[0].start_mark.index), _after_node(text, node.value[-1])
    if not value:
        colon = _colon_after(text, found.key) if found.key is not None else None
        if colon is None or colon > start:
            return None
        return text[:colon] + " []" + text[colon:start] + text[end:]
    dash = prefixes[0].group(0)  # type: ignore[union-attr]
    return text[:start] + "".join(f"{dash}{scalar_text(v)}\n" for v in value) + text[end:]


def _fill_null(text: str, root: Any, found: Found, value: Any) -> str | None:
    """``key:`` with nothing after it gets its value on its line (a block list below it)."""
    if found.key is None:
        return None
    colon = _colon_after(text, found.key)
    if colon is None:
        return None
    style = style_of(root, text)
    if isinstance(value, list) and value and style.block_lists and not found.in_flow:
        at = text.find("\n", colon)
        at = len(text) if at < 0 else at + 1
        return (
            text[:at]
            + ("" if text[at - 1 : at] == "\n" else "\n")
            + _block_items(value, found.key_column + style.dash_offset, style)
            + text[at:]
        )
    shown = flow_list(value) if isinstance(value, list) else scalar_text(value, in_flow=found.in_flow)
    return text[:colon] + " " + shown + text[colon:]


def _insert_key(text: str, root: Any, found: Found, missing: list, value: Any) -> str | None:
    """A new key (and the maps on the way to it) after the last key of the deepest existing map."""
    from ruamel.yaml.nodes import MappingNode

    parent = found.node
    if not isinstance(parent, MappingNode) or not all(isinstance(p, str) for p in missing):
        return None
    style = style_of(root, text)
    if parent.flow_style:
        shown = _flow_value(missing[1:], value)
        entry = f"{scalar_text(missing[0], in_flow=True)}: {shown}"
        if not parent.value:
            at = parent.start_mark.index + 1
            return text[:at] + entry + text[at:]
        at = parent.value[-1][1].end_mark.index
        return text[:at] + ", " + entry + text[at:]
    if not parent.value:
        return None
    column = parent.value[0][0].start_mark.column
    at = _after_node(text, parent.value[-1][1])
    lead = "" if at == 0 or text[at - 1] == "\n" else "\n"
    return text[:at] + lead + _block_entry(missing, value, column, style) + text[at:]


def _flow_value(missing: list, value: Any) -> str:
    if not missing:
        return flow_list(value) if isinstance(value, list) else scalar_text(value, in_flow=True)
    return "{" + f"{scalar_text(missing[0], in_flow=True)}: {_flow_value(missing[1:], value)}" + "}"


def _block_entry(missing: list, value: Any, column: int, style: Style) -> str:
    key = " " * column + scalar_text(missing[0]) + ":"
    if len(missing) > 1:
        return key + "\n" + _block_entry(missing[1:], value, column + style.mapping_indent, style)
    if isinstance(value, list) and value and style.block_lists:
        return key + "\n" + _block_items(value, column + style.dash_offset, style)
    return key + " " + (flow_list(value) if isinstance(value, list) else scalar_text(value)) + "\n"


def _block_items(values: list, dash_column: int, style: Style) -> str:
    return "".join(" " * dash_column + "-" + " " * style.after_dash + scalar_text(v) + "\n" for v in values)


def flow_list(values: list) -> str:
    return "[" + ", ".join(scalar_text(v, in_flow=True) for v in values) + "]"


def scalar_text(value: Any, style: str | None = None, in_flow: bool = False) -> str:
    """YAML for one scalar: plain when it reads back as the same value, else quoted
    (in the quotes the author used, when they used some)."""
    import datetime as dt
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else repr(value)
    text = str(value)
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    if style != '"' and "\n" not in text and _reads_back(text, in_flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def _reads_back(text: str, in_flow: bool) -> bool:
    from lpps_cli.reading.limits import YamlProblem
    from lpps_cli.reading.yamlio import parse

    if in_flow and any(c in text for c in ",[]{}"):
        return False
    try:
        if parse(f"v: {text}\n".encode()) != {"v": text}:
            return False
    except YamlProblem:
        return False
    return _yaml11(text) == {"v": text}


def _yaml11(text: str) -> Any:
    """How a YAML 1.1 reader (PyYAML, many other tools, yamllint's truthy rule) takes ``v: text``:
    yes/no/on/off are booleans there, 0123 octal, 1:20 sexagesimal; such a text is quoted."""
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe", pure=True).load(f"%YAML 1.1\n---\nv: {text}\n")
    except Exception:
        return None
