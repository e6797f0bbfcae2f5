"""The fast path for reading record files: rapidyaml (C++) parses and emits JSON, orjson
builds the Python data. It must give exactly what ruamel's safe loader gives (yamlio.parse),
so it only answers for files it can vouch for and says UNDECIDED for every other one, which
then goes the ruamel way:

- a cheap scan of the bytes sends away anything with tags, anchors, aliases, directives,
  several documents, complex keys, merge keys, reserved indicators, tabs, CR line ends, a BOM,
  control characters, or NEL/LS/PS (line breaks to ruamel);
- a parse error or JSON that orjson refuses (control characters, .inf, +1) is undecided;
- one walk over the result counts the nodes (fewer than rapidyaml's means a duplicate key,
  which rapidyaml allows and ruamel refuses), measures the depth, and finds every string that
  ruamel's YAML 1.2 resolvers would read as something else if it was written plain (``017``,
  ``True``, ``~``, ``0x1f``, timestamps). Such a string is fine only when every occurrence of
  it in the file is quoted; a valid ``YYYY-MM-DD`` date is always fine (ruamel's date becomes
  the same ISO string). A float past 2**63 may have been a longer integer: undecided too.

Cost: linear in the file size; the walk is the only Python work per node.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any, ClassVar

UNDECIDED = object()
#: > 0 while quiet_native_stderr is in force (nested uses then do nothing)
QUIET = 0

#: bytes that may start a feature the fast path does not vouch for (deleting them is the
#: fastest test of their presence); each hit is then judged by _feature_at
#: (with the C0 controls and DEL, which YAML does not allow, and the lead bytes of C1 controls
#: and U+FFFE/U+FFFF in UTF-8)
_CONTROLS = bytes(range(0, 9)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20)) + b"\x7f"
_SUSPECT = b"!&*?\t\r<%@`\xef\xc2" + _CONTROLS
_SUSPECT_AT = re.compile(b"[" + b"".join(re.escape(bytes([c])) for c in _SUSPECT) + b"]")
_BREAKS = b" \n[]{},"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: floats this large may have been integers past 64 bits, which orjson reads as floats
_BIG = 2.0**63

_RESOLVERS: dict[str, re.Pattern[str]] | None = None


def _resolvers() -> dict[str, re.Pattern[str]]:
    """First character -> one pattern of every YAML 1.2 implicit resolver of ruamel that
    makes something other than a string, taken from the installed ruamel so both agree."""
    global _RESOLVERS
    if _RESOLVERS is None:
        from ruamel.yaml.resolver import implicit_resolvers

        by_first: dict[str, list[str]] = {}
        for versions, tag, regexp, first in implicit_resolvers:
            if (1, 2) in versions and not tag.endswith(":str"):
                for char in first:
                    by_first.setdefault(char, []).append(regexp.pattern)
        _RESOLVERS = {
            char: re.compile("|".join(f"(?:{p})" for p in patterns), re.X) for char, patterns in by_first.items()
        }
    return _RESOLVERS


class _Tools:
    """rapidyaml and orjson, imported once; None when either is missing."""

    #: a ryml.Tree, reused for every file (rapidyaml has no type hints)
    tree: ClassVar[Any] = None
    buffer = bytearray(1 << 16)
    #: rapidyaml's native module and orjson, set with ``tree``
    ryml: ClassVar[Any]
    orjson: ClassVar[ModuleType]
    #: the node count of the tree emit_json parsed last
    nodes: ClassVar[int]


def _load_tools() -> bool:
    if _Tools.tree is None:
        try:
            import orjson
            import ryml
            from ryml import _ryml
        except ImportError:
            return False
        _Tools.tree, _Tools.ryml, _Tools.orjson = ryml.Tree(), _ryml, orjson
    return True


@contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """rapidyaml prints its parse errors to the C stderr before raising; send that to
    /dev/null while Python's sys.stderr (progress bars) keeps the real one."""
    import sys

    global QUIET
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        saved = None
    if QUIET or saved is None:
        if saved is not None:
            os.close(saved)
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    original = sys.stderr
    QUIET += 1
    try:
        # closed in the finally below, once dup2 has put fd 2 back
        sys.stderr = open(  # noqa: SIM115
            saved,
            "w",
            closefd=False,
            encoding=getattr(original, "encoding", None) or "utf-8",
            errors="backslashreplace",
        )
        os.dup2(devnull, 2)
        yield
    finally:
        try:
            sys.stderr.flush()
        finally:
            QUIET -= 1
            os.dup2(saved, 2)
            sys.stderr = original
            os.close(saved)
            os.close(devnull)


def has_features(raw: bytes) -> bool:
    """Whether ``raw`` may hold a tag, anchor, alias, directive, document marker, complex or
    merge key, tab, CR or BOM: YAML the fast path leaves to ruamel."""
    if b"\n---" in raw or b"\n..." in raw or raw.startswith((b"---", b"...")):
        return True
    if b"\xe2\x80\xa8" in raw or b"\xe2\x80\xa9" in raw:  # LS and PS: line breaks to ruamel
        return True
    if len(raw.translate(None, _SUSPECT)) == len(raw):
        return False
    return any(_feature_at(raw, match.start()) for match in _SUSPECT_AT.finditer(raw))


def _feature_at(raw: bytes, index: int) -> bool:
    char = raw[index : index + 1]
    before = raw[index - 1 : index] if index else b"\n"
    after = raw[index + 1 : index + 2]
    if char in (b"\t", b"\r") or char in _CONTROLS:
        return True
    if char == b"\xc2":  # U+0080..U+009F: not printable, or NEL, a line break to ruamel
        return b"\x80" <= after <= b"\x9f"
    if char in (b"!", b"&", b"*"):  # a tag, anchor or alias (or a broken one) may start here
        return before in _BREAKS
    if char == b"?":
        return before in b" \n[{," and after in (b"", b" ", b"\n")
    if char == b"<":
        return after == b"<"
    if char in (b"%", b"@", b"`"):  # a directive, or reserved indicators that cannot start a scalar
        return before in _BREAKS
    return raw[index : index + 3] in (b"\xef\xbb\xbf", b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def emit_json(raw: bytes) -> bytes | None:
    """rapidyaml's JSON for ``raw``, or None when the fast path does not vouch for the file."""
    if not _load_tools() or has_features(raw):
        return None
    tree, ryml = _Tools.tree, _Tools.ryml
    try:
        tree.clear()
        tree.clear_arena()
        ryml.parse_csubstr(raw, tree)
        failed, size = ryml.emit_json_to_substr(tree, tree.root_id(), _Tools.buffer)
        if failed:
            _Tools.buffer = bytearray(max(size, 2 * len(_Tools.buffer)))
            failed, size = ryml.emit_json_to_substr(tree, tree.root_id(), _Tools.buffer)
        if failed or not size:
            return None
        _Tools.nodes = tree.size()
        return bytes(_Tools.buffer[:size])
    except Exception:
        return None


def parse(raw: bytes, max_depth: int) -> object:
    """The data of ``raw`` as yamlio.parse would give it, or UNDECIDED.

    Raises yamlio.YamlProblem for nesting deeper than ``max_depth`` (the same problem
    yamlio.normalize reports)."""
    text = emit_json(raw)
    if text is None:
        return UNDECIDED
    return vouch(raw, text, _Tools.nodes, max_depth)


def vouch(raw: bytes, text: bytes, nodes: int, max_depth: int) -> object:
    """Check rapidyaml's JSON ``text`` of ``raw`` (``nodes`` nodes) against ruamel's reading."""
    try:
        data = _Tools.orjson.loads(text)
    except Exception:
        return UNDECIDED
    doubtful: list[str | None] = []
    if type(data) is dict or type(data) is list:
        counted = _walk(data, 0, max_depth, doubtful)
    else:
        counted = _walk([data], 0, max_depth + 1, doubtful) - 1  # a lone scalar: one node
    if counted != nodes:
        return UNDECIDED  # a duplicate key collapsed
    if doubtful and not _all_quoted(raw, doubtful):
        return UNDECIDED
    return data


def _walk(value: dict[str, Any] | list[Any], depth: int, max_depth: int, doubtful: list[str | None]) -> int:
    """Number of nodes under the container ``value``, in rapidyaml's count (a key and its
    value are one node); strings ruamel might read otherwise go to ``doubtful``.
    Scalars are handled inline: this loop is the fast path's main cost."""
    if depth >= max_depth:
        _check_depth(value, depth, max_depth)
    count = 1
    if type(value) is dict:
        for key in value:
            if not key or key in _WORDS or key[0] in _RISKY_FIRST:
                doubtful.append(key)
        items: Iterable[Any] = value.values()
    else:
        items = value
    for item in items:
        kind = type(item)
        if kind is str:
            if not item or item in _WORDS or item[0] in _RISKY_FIRST:
                doubtful.append(item)
            count += 1
        elif kind is dict or kind is list:
            count += _walk(item, depth + 1, max_depth, doubtful)
        else:
            if kind is float and not -_BIG < item < _BIG:
                doubtful.append(None)  # maybe an integer past 64 bits
            count += 1
    return count


def _check_depth(value: object, depth: int, max_depth: int) -> None:
    """yamlio.normalize's rule: any value deeper than max_depth (the root is 0) is too deep."""
    if depth > max_depth or (value and (type(value) is dict or type(value) is list)):
        from lpps_cli.reading.limits import depth_problem

        raise depth_problem(max_depth)


#: the words YAML 1.2 reads as booleans or null (ruamel accepts these three spellings)
_WORDS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"))
#: YAML indicators: a plain scalar cannot start with one, so such a string must have been
#: quoted (rapidyaml is more lenient than ruamel with some, like '}' or '%')
_INDICATORS = frozenset("[]{},#&*!|>'\"%@`?:")
#: first characters of the other non-string resolvers: numbers, '.inf', '~', timestamps, '<<', '=';
#: and the indicators
_RISKY_FIRST = frozenset("0123456789-+.~<=") | _INDICATORS


def _all_quoted(raw: bytes, doubtful: list[str | None]) -> bool:
    resolvers = _resolvers()
    counts: dict[str, int] = {}
    for value in doubtful:
        if value is None:
            return False
        if value and value[0] not in _INDICATORS:
            pattern = resolvers.get(value[0])
            if pattern is None or not pattern.fullmatch(value):
                continue  # ruamel reads it as a string too
            if _DATE.fullmatch(value) and _valid_date(value):
                continue  # ruamel's date is the same ISO string
        counts[value] = counts.get(value, 0) + 1
    for value, seen in counts.items():
        if not value:
            if raw.count(b'""') + raw.count(b"''") < seen:
                return False
            continue
        needle = value.encode("utf-8")
        quoted = raw.count(b'"' + needle + b'"') + raw.count(b"'" + needle + b"'")
        if quoted < seen or raw.count(needle) != quoted:
            return False
    return True


def _valid_date(value: str) -> bool:
    try:
        _dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False
