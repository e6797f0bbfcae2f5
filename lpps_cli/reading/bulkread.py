"""Reading many record files at once, on two cores when there are many.

A forked child (lpps_cli.reading.parallel) reads, parses and checks the later part of the list while this process does
the earlier part; the worker sends back rapidyaml's JSON (which orjson turns into data here
faster than pickle would) for the files the fast path vouched for, and finished data or a
problem for the others. Any failure of the child only means this process reads its files
itself. Results are in the order of ``paths``; each is ``("data", dict)`` or
``("problem", message, line, column)``.

Cost: O(total bytes); wall time about 0.6 of one core's on two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from os import PathLike
from typing import Any, Literal, overload

from lpps_cli.reading.yamlio import Limits, YamlProblem, as_record, decode, fast_enabled, parse, parse_slow, read_bytes
from lpps_cli.reading.yamlscan import check_structure

Progress = Callable[[int, int], None]
#: fewer files than this are read in this process alone (a fork costs more than it saves)
PARALLEL_FROM = 300
#: share of the files the worker takes: this process also turns the worker's JSON into data
WORKER_SHARE = 0.6


Digest = Callable[[bytes], str]
#: a file that cannot be read: ("problem", message, line, column)
Unread = tuple[Literal["problem"], str, int | None, int | None]
#: a file read without a digest: ("data", record), or its problem
Read = tuple[Literal["data"], dict[str, Any]] | Unread
#: a file read with the digest of its bytes: ("data", record, digest), or its problem
DigestedRead = tuple[Literal["data"], dict[str, Any], str] | Unread
ReadResult = Read | DigestedRead
#: the worker's reading: rapidyaml's JSON of a record the fast path vouched for, else a ReadResult
_WorkerResult = ReadResult | tuple[Literal["json"], bytes] | tuple[Literal["json"], bytes, str]


@overload
def read_one(path: str | PathLike[str], limits: Limits, digest: None = None) -> Read: ...
@overload
def read_one(path: str | PathLike[str], limits: Limits, digest: Digest) -> DigestedRead: ...
def read_one(path: str | PathLike[str], limits: Limits, digest: Digest | None = None) -> ReadResult:
    """``("data", dict)`` (``("data", dict, digest(bytes))`` when ``digest`` is given: the hash of
    the very bytes parsed, for the cache) or ``("problem", message, line, column)``."""
    try:
        raw = read_bytes(path, limits)
        data = as_record(parse(raw, limits))
        return ("data", data, digest(raw)) if digest else ("data", data)
    except YamlProblem as exc:
        return ("problem", exc.message, exc.line, exc.column)


def _read_for_worker(path: str | PathLike[str], limits: Limits, digest: Digest | None) -> _WorkerResult:
    """Like read_one, but leaves vouched-for data as JSON bytes for the parent to load."""
    from lpps_cli.reading import fastyaml

    try:
        raw = read_bytes(path, limits)
        hashed = (digest(raw),) if digest else ()
        text = decode(raw)
        check_structure(raw, limits)
        emitted = fastyaml.emit_json(raw) if fast_enabled() else None
        if emitted is not None:
            data = fastyaml.vouch(raw, emitted, fastyaml._Tools.nodes, limits.max_depth)
            if data is not fastyaml.UNDECIDED:
                as_record(data)
                return ("json", emitted, *hashed)
        return ("data", as_record(parse_slow(raw, text, limits)), *hashed)
    except YamlProblem as exc:
        return ("problem", exc.message, exc.line, exc.column)


@overload
def read_many(
    paths: Sequence[str | PathLike[str]], limits: Limits, progress: Progress | None = None, digest: None = None
) -> list[Read]: ...
@overload
def read_many(
    paths: Sequence[str | PathLike[str]], limits: Limits, progress: Progress | None, digest: Digest
) -> list[DigestedRead]: ...
def read_many(
    paths: Sequence[str | PathLike[str]], limits: Limits, progress: Progress | None = None, digest: Digest | None = None
) -> list[Any]:  # list[Read] or list[DigestedRead], as the overloads say (a list is invariant)
    from lpps_cli.reading import fastyaml, parallel

    total = len(paths)
    split = int(total * (1 - WORKER_SHARE)) if total >= PARALLEL_FROM and parallel.workers() > 1 else total
    rest = paths[split:]
    child = parallel.start(lambda: [_read_for_worker(path, limits, digest) for path in rest], worth_it=bool(rest))
    results: list[ReadResult] = []
    with fastyaml.quiet_native_stderr():
        for done, path in enumerate(paths[:split], 1):
            results.append(read_one(path, limits, digest))
            if progress:
                progress(done, total)
        if rest:
            import orjson

            results.extend(("data", orjson.loads(r[1]), *r[2:]) if r[0] == "json" else r for r in child.result())
            if progress:
                progress(total, total)
    return results
