"""Reading many record files at once, on two cores when there are many.

A forked worker reads, parses and checks the later part of the list while this process does
the earlier part; the worker sends back rapidyaml's JSON (which orjson turns into data here
faster than pickle would) for the files the fast path vouched for, and finished data or a
problem for the others. Any failure of the worker only means this process reads its files
itself. Results are in the order of ``paths``; each is ``("data", dict)`` or
``("problem", message, line, column)``.

Cost: O(total bytes); wall time about 0.6 of one core's on two.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from lpps_cli.yamlio import Limits, YamlProblem, as_record, decode, parse, parse_slow, read_bytes

Progress = Callable[[int, int], None]
#: fewer files than this are read in this process alone (a fork costs more than it saves)
PARALLEL_FROM = 300
#: share of the files the worker takes: this process also turns the worker's JSON into data
WORKER_SHARE = 0.6


def read_one(path: Path, limits: Limits) -> tuple:
    try:
        return ("data", as_record(parse(read_bytes(path, limits), limits)))
    except YamlProblem as exc:
        return ("problem", exc.message, exc.line, exc.column)


def _read_for_worker(path: Path, limits: Limits) -> tuple:
    """Like read_one, but leaves vouched-for data as JSON bytes for the parent to load."""
    from lpps_cli import fastyaml

    try:
        raw = read_bytes(path, limits)
        if len(raw) > limits.max_file_bytes:
            return read_one(path, limits)
        text = decode(raw)
        emitted = fastyaml.emit_json(raw)
        if emitted is not None:
            data = fastyaml.vouch(raw, emitted, fastyaml._Tools.nodes, limits.max_depth)
            if data is not fastyaml.UNDECIDED:
                as_record(data)
                return ("json", emitted)
        return ("data", as_record(parse_slow(raw, text, limits)))
    except YamlProblem as exc:
        return ("problem", exc.message, exc.line, exc.column)


def _workers() -> int:
    chosen = os.environ.get("LPPS_WORKERS")
    if chosen and chosen.isdigit():
        return max(1, int(chosen))
    try:
        return min(2, len(os.sched_getaffinity(0)))
    except AttributeError:
        return 1


def read_many(paths: Sequence[Path], limits: Limits, progress: Progress | None = None) -> list[tuple]:
    from lpps_cli import fastyaml

    total = len(paths)
    split = total
    worker = None
    if total >= PARALLEL_FROM and _workers() > 1 and sys.platform == "linux":
        split = int(total * (1 - WORKER_SHARE))
        worker = _start_worker(paths[split:], limits)
        if worker is None:
            split = total
    results: list[tuple] = []
    with fastyaml.quiet_native_stderr():
        for done, path in enumerate(paths[:split], 1):
            results.append(read_one(path, limits))
            if progress:
                progress(done, total)
        if worker is not None:
            results.extend(_collect(worker, paths[split:], limits, progress, split, total))
    return results


def _start_worker(paths: Sequence[Path], limits: Limits):
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(paths, limits, sender), daemon=True)
        process.start()
        sender.close()
        return process, receiver
    except (OSError, ValueError):
        return None


def _work(paths: Sequence[Path], limits: Limits, sender) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # rapidyaml prints parse errors; the parent reports them properly
    from lpps_cli import fastyaml

    fastyaml.QUIET = 1
    try:
        results = [_read_for_worker(path, limits) for path in paths]
        sender.send_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        sender.close()


def _collect(worker, paths: Sequence[Path], limits: Limits, progress: Progress | None,
             done: int, total: int) -> list[tuple]:
    process, receiver = worker
    try:
        results = pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        results = None
    finally:
        receiver.close()
        process.join()
    if results is None or len(results) != len(paths):  # the worker died: read its files here
        results = []
        for index, path in enumerate(paths, done + 1):
            results.append(read_one(path, limits))
            if progress:
                progress(index, total)
        return results
    import orjson

    loaded = [("data", orjson.loads(r[1])) if r[0] == "json" else r for r in results]
    if progress:
        progress(total, total)
    return loaded
