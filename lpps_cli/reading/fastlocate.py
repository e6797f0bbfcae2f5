"""Placing JSON Pointers with rapidyaml: the lines and columns yamlio.Locator finds with
ruamel's round-trip loader (~10 ms a file, in pure Python), found in a few microseconds.

rapidyaml parses in place, so every key and scalar it returns is a view into our own
buffer, and the view's address minus the buffer's is the token's offset in the file.
Only what maps exactly onto ruamel's positions is answered: plain scalars and keys at
their first character, quoted ones at their quote, block scalars at their ``|``/``>``
indicator; in a list, block mappings at their first key and flow collections at their
bracket. Anything else (empty values, block scalars in lists, any file the fast reader
leaves to ruamel) answers None, and the caller asks ruamel. ``tests/test_differential.py`` holds both
locators to the same answers on every pointer of every test and example file.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from lpps_cli.model.problems import pointer_parts

Position = tuple[int, int]

if TYPE_CHECKING:
    from typing import Protocol

    class _Tree(Protocol):
        """What this module asks of a ryml.Tree (rapidyaml has no type hints): nodes are ids,
        keys and values are views into the parsed buffer (None where there is none)."""

        def root_id(self) -> int: ...
        def is_map(self, node: int) -> bool: ...
        def is_seq(self, node: int) -> bool: ...
        def is_container(self, node: int) -> bool: ...
        def is_flow(self, node: int) -> bool: ...
        def parent_is_seq(self, node: int) -> bool: ...
        def is_key_quoted(self, node: int) -> bool: ...
        def is_val_quoted(self, node: int) -> bool: ...
        def is_val_literal(self, node: int) -> bool: ...
        def is_val_folded(self, node: int) -> bool: ...
        def has_val(self, node: int) -> bool: ...
        def num_children(self, node: int) -> int: ...
        def child(self, node: int, index: int) -> int: ...
        def first_child(self, node: int) -> int: ...
        def next_sibling(self, node: int) -> int: ...
        def key(self, node: int) -> memoryview | None: ...
        def val(self, node: int) -> memoryview | None: ...


class _Buffer(ctypes.Structure):
    """CPython's Py_buffer: the one portable way to learn where a read-only view points."""

    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


@functools.cache
def _buffer_api() -> tuple[Callable[..., int], Callable[..., None]] | None:
    """CPython's PyObject_GetBuffer and PyBuffer_Release, typed once; None elsewhere."""
    try:
        get, release = ctypes.pythonapi.PyObject_GetBuffer, ctypes.pythonapi.PyBuffer_Release
    except AttributeError:  # not CPython
        return None
    get.argtypes = [ctypes.py_object, ctypes.POINTER(_Buffer), ctypes.c_int]
    release.argtypes = [ctypes.POINTER(_Buffer)]
    return get, release


def _address(view: object) -> int | None:
    api = _buffer_api()
    if api is None:
        return None
    get, release = api
    buffer = _Buffer()
    if get(view, ctypes.byref(buffer), 0) != 0:
        return None
    try:
        address: int | None = buffer.buf  # a c_void_p field: None for NULL
        return address
    finally:
        release(ctypes.byref(buffer))


@functools.cache
def ryml_none() -> int:
    """rapidyaml's id of no node (the end of a chain of siblings)."""
    import ryml

    none: int = ryml.NONE
    return none


def _not_a_string(plain: str) -> bool:
    """Whether ruamel reads this plain scalar as something other than a string."""
    from lpps_cli.reading.fastyaml import _WORDS, _resolvers

    if not plain or plain in _WORDS:
        return True
    pattern = _resolvers().get(plain[0])
    return bool(pattern and pattern.fullmatch(plain))


class FastLocator:
    """``value``/``key`` as yamlio.Locator's, or None where ruamel must answer."""

    def __init__(self, raw: bytes):
        from lpps_cli.reading import fastyaml

        self.raw = raw
        self.tree: _Tree | None = None
        self._maps: dict[int, dict[bytes, int]] = {}
        self._line_ends: list[int] | None = None
        if not fastyaml._load_tools() or fastyaml.has_features(raw):
            return
        import ryml

        self.buffer = bytearray(raw)  # parsed in place: the views below point into it
        try:
            with fastyaml.quiet_native_stderr():  # rapidyaml prints its complaints on the C stderr
                self.tree = ryml.parse_in_place(self.buffer)
        except Exception:
            self.tree = None
            return
        base = _address(self.buffer)
        if base is None:
            self.tree = None
            return
        self.base = base

    def value(self, ptr: str) -> Position | None:
        return self._walk(ptr, last_at_key=False)

    def key(self, ptr: str) -> Position | None:
        return self._walk(ptr, last_at_key=True)

    def _walk(self, ptr: str, last_at_key: bool) -> Position | None:
        tree = self.tree
        if tree is None:
            return None
        node, offset = tree.root_id(), 0
        parts = pointer_parts(ptr)
        for index, part in enumerate(parts):
            try:
                child = self._child(node, part)
            except LookupError:
                return None
            if child is None:
                break
            at_key = tree.is_container(child) or (last_at_key and index == len(parts) - 1)
            if tree.parent_is_seq(child):
                found = self._item(child)
            else:
                found = self._key(child) if at_key else self._scalar(child)
            if found is None:
                return None
            node, offset = child, found
        return self._position(offset)

    def _child(self, node: int, part: str) -> int | None:
        tree = self.tree
        assert tree is not None  # the helpers below run only once _walk has found a tree
        if tree.is_map(node):
            found = self._keys_of(node).get(part.encode("utf-8"))
            if found is not None and not tree.is_key_quoted(found) and _not_a_string(part):
                raise LookupError(part)  # ruamel's key is a date or number, not this text
            return found
        if tree.is_seq(node) and part.isdigit() and int(part) < tree.num_children(node):
            return tree.child(node, int(part))
        return None

    def _keys_of(self, node: int) -> dict[bytes, int]:
        """Key -> child of a mapping node, the first of equal keys, made once per node: a
        mapping of 100,000 keys each with a problem costs one pass, not 100,000."""
        keys = self._maps.get(node)
        if keys is None:
            tree = self.tree
            assert tree is not None
            keys = {}
            child = tree.first_child(node)
            while child != ryml_none():  # siblings in a chain: Tree.child(node, i) walks it from the start
                key = tree.key(child)
                if key is not None:
                    keys.setdefault(bytes(key), child)
                child = tree.next_sibling(child)
            self._maps[node] = keys
        return keys

    def _offset(self, view: memoryview | None) -> int | None:
        if view is None or not len(view):
            return None
        address = _address(view)
        if address is None or not 0 <= address - self.base < len(self.raw):
            return None
        return address - self.base

    def _key(self, node: int) -> int | None:
        tree = self.tree
        assert tree is not None
        offset = self._offset(tree.key(node))
        if offset is not None and tree.is_key_quoted(node):
            offset -= 1
            if self.raw[offset : offset + 1] not in (b'"', b"'"):
                return None
        return offset

    def _scalar(self, node: int) -> int | None:
        tree = self.tree
        assert tree is not None
        offset = self._offset(tree.val(node) if tree.has_val(node) else None)  # None for an empty value
        if offset is None:
            return None
        if tree.is_val_literal(node) or tree.is_val_folded(node):  # at the indicator, after "key:"
            start = self._key(node)
            if start is None:
                return None
            indicators = [i for i in (self.raw.find(b"|", start, offset), self.raw.find(b">", start, offset)) if i >= 0]
            return min(indicators) if indicators else None
        if tree.is_val_quoted(node):
            offset -= 1
            if self.raw[offset : offset + 1] not in (b'"', b"'"):
                return None
        return offset

    def _item(self, node: int) -> int | None:
        """Where ruamel places a list item: a scalar as a value, a block mapping at its first
        key, a flow collection at its bracket, a block list at its first dash."""
        tree = self.tree
        assert tree is not None
        if not tree.is_container(node):
            return None if tree.is_val_literal(node) or tree.is_val_folded(node) else self._scalar(node)
        if not tree.num_children(node):
            return None
        first = tree.child(node, 0)
        inside = self._key(first) if tree.is_map(node) else self._item(first)
        if inside is None:
            return None
        if not tree.is_flow(node):
            if tree.is_map(node):
                return inside
            opener = b"-"
        else:
            opener = b"{" if tree.is_map(node) else b"["
        at = self.raw.rfind(opener, 0, inside)
        return at if at >= 0 and not self.raw[at + 1 : inside].strip() else None

    def _position(self, offset: int) -> Position:
        raw = self.raw
        if self._line_ends is None:  # once per file: many pointers of a large file, one pass over it
            self._line_ends = [found.start() for found in re.finditer(b"\n", raw)]
        line = bisect.bisect_left(self._line_ends, offset)
        line_start = self._line_ends[line - 1] + 1 if line else 0
        return line + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1
