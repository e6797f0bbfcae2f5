"""Benchmark ``lpps import services`` from XLSX on a generated national-scale registry.

    python benchmarks/import_bench.py [--members 2000] [--services 10000] [--rows 10000]
                                      [--changed 0.1] [--new 0] [--registry DIR]

Writes a workbook of ``--rows`` service rows (the registry's own services, as a coordinator
would export, fill in and send back: id, name, provider, type, target groups, capacity),
with a share ``--changed`` of them holding a new number of occupied places and ``--new``
rows for services the registry does not have. Times the dry run and ``--write`` (on a copy
of the registry), each as the user runs it, and prints the figures for docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import TODAY, generate  # noqa: E402


def workbook(registry: Path, out: Path, rows: int, changed: float, new: int, seed: int = 1) -> int:
    """The sheet; returns how many rows change a service."""
    from openpyxl import Workbook

    sys.path.insert(0, str(HERE.parent))
    from lpps_cli.reading.loader import load_registry

    reg = load_registry(registry)
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("services")
    sheet.append(
        [
            "id",
            "name",
            "provider",
            "type",
            "target_groups",
            "capacity.unit",
            "capacity.total",
            "capacity.occupied",
            "capacity.as_of",
        ]
    )
    changes = 0
    services = sorted(reg.services.values(), key=lambda r: r.id)[:rows]
    for service in services:
        data = service.data
        name = data["name"] if isinstance(data["name"], str) else data["name"].get(reg.default_language)
        capacity = data.get("capacity") or {}
        occupied = capacity.get("occupied")
        if capacity and occupied is not None and rng.random() < changed and capacity.get("total", 0) > occupied:
            occupied += 1
            changes += 1
        sheet.append(
            [
                service.id,
                name,
                data["provider"],
                data["type"],
                "; ".join(data.get("target_groups", [])),
                capacity.get("unit"),
                capacity.get("total"),
                occupied,
                dt.date.fromisoformat(capacity["as_of"]) if capacity.get("as_of") else None,
            ]
        )
    members = sorted(i for i, m in reg.members.items() if m.get("status") == "active")
    for index in range(new):
        sheet.append(
            [
                None,
                f"Nowa usługa {index}",
                members[index % len(members)],
                "social-counselling",
                "homeless",
                None,
                None,
                None,
                None,
            ]
        )
    book.save(out)
    return changes + new


def timed(args: list[str], cwd: Path) -> tuple[float, int, str]:
    env = {**os.environ, "CI": "true", "NO_COLOR": "1", "LPPS_TODAY": TODAY.isoformat()}
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done.returncode, (done.stderr.strip().splitlines() or [""])[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--changed", type=float, default=0.1)
    parser.add_argument("--new", type=int, default=0)
    parser.add_argument("--registry", type=Path)
    args = parser.parse_args(argv)
    lpps = [sys.executable, "-m", "lpps_cli"]
    with tempfile.TemporaryDirectory(prefix="lpps-import-bench-") as tmp:
        work = Path(tmp)
        source = args.registry or work / "registry"
        if args.registry is None:
            generate(source, args.members, args.services)
        copy = work / "copy"
        shutil.copytree(source, copy)
        sheet = work / "services.xlsx"
        started = time.perf_counter()
        changes = workbook(copy, sheet, args.rows, args.changed, args.new)
        print(
            f"workbook of {args.rows + args.new} rows ({changes} change the registry) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        timed([*lpps, "validate"], copy)  # the cache warm, as in daily use
        for label, extra in (("dry run", []), ("--write", ["--write"])):
            seconds, code, last = timed([*lpps, "import", "services", str(sheet), *extra], copy)
            print(
                f"lpps import services (XLSX, {args.rows + args.new} rows) {label}: {seconds:.2f} s "
                f"(exit {code}; {last})"
            )
        seconds, code, last = timed([*lpps, "import", "services", str(sheet)], copy)
        print(f"re-import after --write (no-op): {seconds:.2f} s (exit {code}; {last})")
        seconds, code, last = timed([*lpps, "validate"], copy)
        print(f"lpps validate after the import: exit {code} ({last})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
