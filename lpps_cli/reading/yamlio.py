"""Reading registry YAML safely, and placing a JSON Pointer at its line and column.

Records are parsed once with ruamel's *safe* loader (YAML 1.2, the C scanner when it is
installed, no Python objects ever constructed). Only files that have a problem are
read again with the round-trip loader, which keeps positions, to place each problem.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import TYPE_CHECKING, Any, Literal

from lpps_cli.model.problems import pointer_parts
from lpps_cli.reading.limits import FLOORS as FLOORS  # re-exported: callers import them from yamlio
from lpps_cli.reading.limits import Limits as Limits
from lpps_cli.reading.limits import YamlProblem as YamlProblem
from lpps_cli.reading.limits import depth_problem as depth_problem

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

_ALIAS = re.compile(rb"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]+", re.M)


def _safe_yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    yaml.allow_duplicate_keys = False
    return yaml


_SAFE: YAML | None = None


def decode(raw: bytes) -> str:
    """UTF-8 text of a file (a UTF-8 BOM is allowed); anything else is a YamlProblem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("the file is UTF-16; save it as UTF-8", 1, 1)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(f"the file is not valid UTF-8 (byte {exc.start}); save it as UTF-8", line, 1) from None


def fast_enabled() -> bool:
    """The fast paths are on unless LPPS_FAST=0 (the differential tests compare both)."""
    return os.environ.get("LPPS_FAST", "1") != "0"


def parse(raw: bytes, limits: Limits = Limits(), fast: bool | None = None) -> object:
    """Parse one YAML document from bytes with the safe loader, within ``limits``.

    Returns plain JSON-like data: dates and timestamps become ISO strings, so every
    parser and every command sees the same values. ``fast`` tries lpps_cli.reading.fastyaml first,
    which gives the same data for the files it vouches for; ``fast=False`` is ruamel alone.
    """
    if len(raw) > limits.max_file_bytes:
        raise YamlProblem(
            f"the file is {len(raw)} bytes, over the limit of {limits.max_file_bytes} "
            "(limits.max_file_bytes in partnership.yaml)",
            1,
            1,
        )
    text = decode(raw)
    from lpps_cli.reading.yamlscan import check_structure

    check_structure(raw, limits)  # before any parser builds a tree of it
    if fast is None:
        fast = fast_enabled()
    if fast:
        from lpps_cli.reading import fastyaml

        with fastyaml.quiet_native_stderr() if not fastyaml.QUIET else _nothing():
            data = fastyaml.parse(raw, limits.max_depth)
        if data is not fastyaml.UNDECIDED:
            return data
    return parse_slow(raw, text, limits)


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> Literal[False]:
        return False


def parse_slow(raw: bytes, text: str, limits: Limits) -> object:
    """The reference reading: ruamel's safe loader (YAML 1.2), then normalize."""
    global _SAFE
    if limits.max_aliases >= 0 and _more_aliases_than(raw, limits.max_aliases):
        _check_aliases(text, limits.max_aliases)
    if _SAFE is None:
        _SAFE = _safe_yaml()
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        try:
            data = _SAFE.load(text)
        except BaseException:
            _SAFE = None  # ruamel keeps state from a failed load: the next file gets a fresh loader
            raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(
            _yaml_message(exc), mark.line + 1 if mark else None, mark.column + 1 if mark else None
        ) from None
    except YAMLError as exc:
        raise YamlProblem(str(exc).splitlines()[0]) from None
    except RecursionError:
        raise depth_problem(limits.max_depth) from None
    except (ValueError, OverflowError) as exc:  # a date like 2025-02-30, constructed by ruamel
        line = _bad_date_line(text)
        raise YamlProblem(
            f"a value cannot be read ({exc}); write dates as real YYYY-MM-DD dates", line, 1 if line else None
        ) from None
    except TypeError as exc:  # an unhashable key such as {a: 1}: x
        raise YamlProblem(f"a key cannot be read ({exc}); keys are plain names") from None
    try:
        return normalize(data, limits.max_depth, budget=2 * len(raw) + 1000)
    except YamlProblem as exc:
        alias = _ALIAS.search(raw) if exc.line is None and "aliases" in exc.message else None
        if alias is None:
            raise
        line = raw[: alias.start()].count(b"\n") + 1 + (raw[alias.start() : alias.start() + 1] == b"\n")
        raise YamlProblem(exc.message, line, None) from None


_DATE_LIKE = re.compile(r"(?<![\w.-])([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})(?![\w.-])")


def _bad_date_line(text: str) -> int | None:
    for match in _DATE_LIKE.finditer(text):
        try:
            _dt.date(*map(int, match.group(1).split("-")))
        except ValueError:
            return text.count("\n", 0, match.start()) + 1
    return None


def _more_aliases_than(raw: bytes, limit: int) -> bool:
    """Whether ``raw`` may hold more than ``limit`` aliases: every alias starts where _ALIAS
    looks (and some text that is not one), so at most ``limit`` of those spares the event pass,
    a second full parse in pure Python."""
    return any(count > limit for count, _ in enumerate(_ALIAS.finditer(raw), start=1))


def _check_aliases(text: str, max_aliases: int) -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import AliasEvent

    count = 0
    try:
        for event in YAML(typ="safe").parse(text):
            if isinstance(event, AliasEvent):
                count += 1
                if count > max_aliases:
                    mark = event.start_mark
                    raise YamlProblem(
                        f"more than {max_aliases} YAML aliases (limits.max_aliases); "
                        "write the values out instead of using anchors",
                        mark.line + 1,
                        mark.column + 1,
                    )
    except YAMLError:
        return  # the real parse reports the syntax error with its position


def _yaml_message(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "found duplicate key" in str(exc) or "duplicate key" in problem:
        key = re.search(r'duplicate key "?([^"\n]+)"?', str(exc))
        return f"duplicate key {key.group(1)!r}; keep one" if key else "duplicate key; keep one"
    if "expected a single document" in str(exc):
        return "the file holds more than one YAML document; keep one record per file"
    if "could not determine a constructor" in problem:
        tag = re.search(r"tag '?([^'\s]+)'?", problem)
        return f"unsupported YAML tag {tag.group(1) if tag else ''}; registry files use plain YAML only".replace(
            "  ", " "
        )
    if "\t" in problem or "tab" in problem.lower():
        return f"{problem}; indent with spaces, not tabs"
    return f"YAML syntax error: {problem}"


def normalize(data: object, max_depth: int, budget: int | None = None) -> object:
    """Plain JSON types: dates to ISO strings, keys to str; raises YamlProblem past max_depth,
    past ``budget`` values (aliases make a few bytes stand for billions of values: without them
    a file holds fewer values than bytes) and for what JSON cannot hold (!!binary, !!set,
    complex keys)."""
    left = [budget if budget is not None else -1]

    def walk(value: object, depth: int) -> object:
        if depth > max_depth:
            raise depth_problem(max_depth)
        left[0] -= 1
        if left[0] == -1 and budget is not None:
            raise YamlProblem(
                f"the file's aliases expand to more than {budget} values; write the values "
                "out instead of using anchors and aliases (limits.max_aliases)"
            )
        if isinstance(value, dict):
            return {key(k): walk(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, depth + 1) for v in value]
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        if isinstance(value, bytes):
            raise YamlProblem("binary values (!!binary) are not allowed in registry files")
        if isinstance(value, (set, frozenset, tuple)):
            raise YamlProblem("sets and complex keys are not allowed in registry files; use lists and plain keys")
        return value

    def key(k: object) -> str:
        if isinstance(k, str):
            return k
        if isinstance(k, (tuple, frozenset)):
            raise YamlProblem("a key is a list or a mapping; keys are plain names")
        return str(k)

    return walk(data, 0)


def read_bytes(path: str | os.PathLike[str], limits: Limits = Limits()) -> bytes:
    """The bytes of a record file; one over limits.max_file_bytes is refused, having read at most
    one byte more than the limit. (os.read with the size from fstat: the quickest way in Python.)"""
    try:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            size = os.fstat(descriptor).st_size
            raw = os.read(descriptor, min(size, limits.max_file_bytes) + 1)
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise YamlProblem(f"cannot read the file: {exc.strerror}") from None
    if len(raw) > limits.max_file_bytes or size > limits.max_file_bytes:
        raise YamlProblem(
            f"the file is {max(size, len(raw))} bytes, over the limit of {limits.max_file_bytes} "
            "(limits.max_file_bytes in partnership.yaml)",
            1,
            1,
        )
    return raw


def as_record(data: object) -> dict[str, Any]:
    """``data`` if it is a mapping, as a record file must hold; else a YamlProblem."""
    if isinstance(data, dict):
        return data
    if data is None:
        raise YamlProblem("the file is empty; a record file holds one YAML mapping with an id", 1, 1)
    kind = "a list" if isinstance(data, list) else "a single value"
    raise YamlProblem(f"the file holds {kind}, not a mapping of fields; a record is 'field: value' lines", 1, 1)


def read_record(path: str | os.PathLike[str], limits: Limits = Limits()) -> dict[str, Any]:
    """Read one record file: a YAML mapping. Raises YamlProblem with a position."""
    return as_record(parse(read_bytes(path, limits), limits))


class Locator:
    """Places JSON Pointers in one YAML text; the round-trip parse happens once per file."""

    def __init__(self, text: str):
        from ruamel.yaml import YAML

        try:
            self.root = YAML(typ="rt").load(text)
        except Exception:  # parsed before with the safe loader; an odd file only loses its lines
            self.root = None

    def value(self, ptr: str) -> tuple[int, int]:
        """1-based (line, column) of the value at ``ptr``, or of the deepest part that exists.

        Scalars are placed at the value; mappings and lists at their key, where a person looks.
        """
        node, position = self.root, (1, 1)
        for part in pointer_parts(ptr):
            child, place = self._step(node, part, key=not _is_scalar(self._peek(node, part)))
            if place is None:
                break
            node, position = child, place
        return position

    def key(self, ptr: str) -> tuple[int, int]:
        """Position of the key named by the last part of ``ptr`` (an unknown field)."""
        parts = pointer_parts(ptr)
        node, position = self.root, (1, 1)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            child, place = self._step(node, part, key=last or not _is_scalar(self._peek(node, part)))
            if place is None:
                break
            node, position = child, place
        return position

    @staticmethod
    def _peek(node: Any, part: str) -> object:
        try:
            return node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, ValueError, IndexError, TypeError):
            return None

    @staticmethod
    def _step(node: object, part: str, key: bool) -> tuple[Any, tuple[int, int] | None]:
        lc = getattr(node, "lc", None)
        if lc is None:
            return None, None
        try:
            if isinstance(node, dict):
                if part not in node:
                    return None, None
                line, col = lc.key(part) if key else lc.value(part)
                return node[part], (line + 1, col + 1)
            if isinstance(node, list):
                index = int(part)
                line, col = lc.item(index)
                return node[index], (line + 1, col + 1)
        except (ValueError, IndexError, KeyError, TypeError):
            pass
        return None, None


def _is_scalar(value: object) -> bool:
    return not isinstance(value, (dict, list))
