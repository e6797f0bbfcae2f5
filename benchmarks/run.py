"""Benchmark lpps on a generated national-scale registry, and write docs/performance.md.

    python benchmarks/run.py --members 2000 --services 10000 [--registry DIR] [--repeat 3]
                             [--output docs/performance.md] [--no-check-jsonschema]

In one run, on the same files: ``lpps validate`` cold (whole registry, every rule), after one
file changed, check-jsonschema with ``lpps schema member|service`` (schema only), the parse
floor (reading the bytes; rapidyaml, the fastest parser lpps uses), ``lpps --help`` and
``--version`` (with ``python -X importtime``), and the query and render commands that exist
(missing ones are skipped with a note). Prints a table with the ratios to check-jsonschema and
to the floor and each command's peak memory, and writes it with the machine to the output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import TODAY, generate  # noqa: E402

#: modules that must not be imported for ``lpps --help`` (the brief's list of heavy ones)
HEAVY = (
    "jinja2",
    "ruamel",
    "jsonschema",
    "weasyprint",
    "sqlite_utils",
    "icalendar",
    "babel",
    "rich",
    "ryml",
    "orjson",
    "phonenumbers",
    "email_validator",
)


@dataclass
class Row:
    name: str
    seconds: float | None
    peak_mb: float | None = None
    note: str = ""
    ratios: dict = field(default_factory=dict)
    cold: float | None = None  # the same command with the cache off (LPPS_CACHE=0)


#: the cache of parsed files the benchmarked commands share (set by run); NO_CACHE turns it off
CACHE_DIR = ""
NO_CACHE = {"LPPS_CACHE": "0"}


def lpps_command() -> list[str]:
    script = Path(sys.executable).parent / "lpps"
    return [str(script)] if script.exists() else [sys.executable, "-m", "lpps_cli"]


def timed(args: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MiB of the command and its children, exit code, stderr's last line),
    measured by benchmarks/peak.py."""
    import json

    environment = {**os.environ, "CI": "true", "NO_COLOR": "1", "LPPS_CACHE_DIR": CACHE_DIR, **(env or {})}
    done = subprocess.run(
        [sys.executable, str(HERE / "peak.py"), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    return result["seconds"], result["peak_kb"] / 1024, result["code"], result["stderr"]


def best(args: list[str], repeat: int, **kwargs) -> tuple[float, float, int, str]:
    runs = [timed(args, **kwargs) for _ in range(repeat)]
    return min(runs, key=lambda r: r[0])


def parse_floor(files: list[Path]) -> tuple[float, float]:
    """(seconds to read every file's bytes, seconds for rapidyaml to parse and emit them)."""
    start = time.perf_counter()
    raws = [path.read_bytes() for path in files]
    read = time.perf_counter() - start
    try:
        import ryml
    except ImportError:
        return read, float("nan")
    tree = ryml.Tree()
    start = time.perf_counter()
    for raw in raws:
        tree.clear()
        tree.clear_arena()
        ryml.parse_in_arena(raw, tree)
        ryml.emit_json(tree)
    return read, time.perf_counter() - start


def import_time(lpps: list[str]) -> tuple[float, list[str]]:
    """Total import time of ``lpps --help`` (ms) and any heavy module it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lpps_cli", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
    )
    total, heavy = 0, set()
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        module = name.strip()
        if not name.startswith("  ") and cumulative.strip().isdigit():
            total += int(cumulative)
        top = module.split(".")[0]
        if top in HEAVY:
            heavy.add(top)
    return total / 1000, sorted(heavy)


def command_exists(lpps: list[str], *words: str) -> bool:
    done = subprocess.run([*lpps, *words, "--help"], capture_output=True, text=True, env={**os.environ, "CI": "true"})
    return done.returncode == 0


def change_one_file(registry: Path) -> Path:
    service = sorted((registry / "services").glob("*.yaml"))[0]
    text = service.read_text(encoding="utf-8")
    service.write_text(
        text.replace("occupied: ", "occupied: 1", 1) if "occupied: " in text else text + "\n", encoding="utf-8"
    )
    return service


def compile_package() -> None:
    """Byte-compile lpps as an installation does: an editable install under
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module at every start."""
    import compileall

    import lpps_cli

    compileall.compile_dir(Path(lpps_cli.__file__).parent, quiet=1)


def run(members: int, services: int, registry: Path | None, repeat: int, with_check: bool) -> tuple[list[Row], dict]:
    global CACHE_DIR
    lpps = lpps_command()
    compile_package()
    work = Path(tempfile.mkdtemp(prefix="lpps-bench-"))
    CACHE_DIR = str(work / "cache")
    try:
        if registry is None:
            registry = work / "registry"
            generate(registry, members, services)
        files = sorted(registry.rglob("*.yaml"))
        today = ["--today", TODAY.isoformat(), "--registry", str(registry)]
        rows: list[Row] = []
        seconds, peak, code, error = best([*lpps, "validate", *today], repeat, env=NO_CACHE)
        rows.append(
            Row(
                "lpps validate (cold: no cache, all rules)", seconds, peak, "" if code == 0 else f"exit {code}: {error}"
            )
        )
        seconds, peak, code, error = best([*lpps, "validate", *today], repeat + 1)  # the first fills the cache
        rows.append(Row("lpps validate (cache warm)", seconds, peak, "" if code == 0 else f"exit {code}: {error}"))
        saved = change_one_file(registry).read_bytes()
        seconds, peak, code, error = best([*lpps, "validate", *today], 1)
        rows.append(
            Row(
                "lpps validate (one file changed, cache warm)",
                seconds,
                peak,
                "" if code in (0, 1) else f"exit {code}: {error}",
            )
        )
        sorted((registry / "services").glob("*.yaml"))[0].write_bytes(saved)
        rows.append(later_validate(lpps, registry))
        check = Row("check-jsonschema (schema only)", None, note="skipped (--no-check-jsonschema)")
        if with_check:
            check = check_jsonschema(lpps, registry, work)
        rows.append(check)
        read, ryml_seconds = parse_floor(files)
        rows.append(Row("floor: read the bytes", read, note="in-process"))
        rows.append(Row("floor: rapidyaml parse + emit", ryml_seconds, note="in-process, one core"))
        seconds, peak, _, _ = best([sys.executable, "-c", "pass"], max(repeat, 3))
        rows.append(
            Row(
                "python -c pass (start-up baseline)",
                seconds,
                peak,
                "the interpreter alone, with this machine's site-packages",
            )
        )
        for flag in ("--help", "--version"):
            seconds, peak, code, _ = best([*lpps, flag], max(repeat, 3))
            rows.append(Row(f"lpps {flag}", seconds, peak, "" if code == 0 else f"exit {code}"))
        imported, heavy = import_time(lpps)
        rows.append(
            Row(
                "imports of lpps --help (importtime)",
                imported / 1000,
                None,
                f"heavy: {', '.join(heavy)}" if heavy else "no heavy module imported",
            )
        )
        rows.extend(query_rows(lpps, today, work, registry, repeat))
        floor = read + (ryml_seconds if ryml_seconds == ryml_seconds else 0)
        for row in rows:
            if row.seconds is not None:
                if check.seconds:
                    row.ratios["check"] = row.seconds / check.seconds
                row.ratios["floor"] = row.seconds / floor if floor else None
        facts = machine(len(files), sum(f.stat().st_size for f in files), members, services, repeat)
        return rows, facts
    finally:
        shutil.rmtree(work, ignore_errors=True)


def later_validate(lpps: list[str], registry: Path) -> Row:
    """validate half a year on: every capacity is stale, so thousands of warnings get a line."""
    import json

    later = ["--today", (TODAY + dt.timedelta(days=183)).isoformat(), "--registry", str(registry)]
    seconds, peak, code, error = timed([*lpps, "validate", *later])
    done = subprocess.run(
        [*lpps, "validate", "--format", "json", *later],
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true", "LPPS_CACHE_DIR": CACHE_DIR},
    )
    try:
        placed = sum(1 for p in json.loads(done.stdout)["problems"] if p.get("line"))
    except (ValueError, KeyError):
        return Row("lpps validate (half a year on)", seconds, peak, f"exit {code}: {error[:80]}")
    return Row("lpps validate (half a year on)", seconds, peak, f"{placed} problems, each placed at its line")


def check_jsonschema(lpps: list[str], registry: Path, work: Path) -> Row:
    schemas = work / "schemas"
    subprocess.run([*lpps, "schema", "-o", str(schemas)], capture_output=True, check=True)
    total, peak = 0.0, 0.0
    command = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
        "check-jsonschema"
    )
    base = [command] if command else [sys.executable, "-m", "check_jsonschema"]
    for kind, folder in (("member", "members"), ("service", "services")):
        files = [str(p) for p in sorted((registry / folder).glob("*.yaml"))]
        seconds, rss, code, error = timed([*base, "--schemafile", str(schemas / f"{kind}.schema.json"), *files])
        if code not in (0, 1):
            return Row("check-jsonschema (schema only)", None, None, f"failed: exit {code}: {error}")
        total, peak = total + seconds, max(peak, rss)
    return Row("check-jsonschema (schema only)", total, peak, "members + services, no line numbers, no rules")


#: (row name, command words, extra arguments, answers in under a second?); OUT is replaced by a
#: path in the work folder, MEMBER by the id of a member of the registry
QUERIES = [
    ("lpps refer", ["refer"], ["--target-group", "homeless"], True),
    (
        "lpps refer --available --format json",
        ["refer"],
        ["--target-group", "homeless", "--available", "--format", "json"],
        True,
    ),
    ("lpps members --format json", ["members"], ["--format", "json"], True),
    ("lpps members (table)", ["members"], [], True),
    (
        "lpps services --target-group --format csv",
        ["services"],
        ["--target-group", "homeless", "--format", "csv"],
        True,
    ),
    ("lpps meetings", ["meetings"], [], True),
    ("lpps decisions --since", ["decisions"], ["--since", "2026-01-01"], True),
    ("lpps show MEMBER", ["show"], ["MEMBER"], True),
    ("lpps mailing-list --format vcf", ["mailing-list"], ["--format", "vcf"], True),
    (
        "lpps report capacity --format html",
        ["report", "capacity"],
        ["--format", "html", "-o", "OUT/capacity.html"],
        True,
    ),
    ("lpps report members --format html", ["report", "members"], ["--format", "html", "-o", "OUT/members.html"], True),
    ("lpps brochure html", ["brochure"], ["--format", "html", "-o", "OUT/brochure.html"], False),
    ("lpps export sqlite", ["export", "sqlite"], ["OUT/registry.db"], False),
    ("lpps site build", ["site", "build"], ["OUT/site"], False),
]
#: how long the coordinator's everyday questions (issue 4) may take with the cache warm
QUERY_GOAL = 1.0


def query_rows(lpps: list[str], today: list[str], work: Path, registry: Path, repeat: int) -> list[Row]:
    member = sorted((registry / "members").glob("*.yaml"))[0].stem
    rows = []
    for name, words, extra, quick in QUERIES:
        if not command_exists(lpps, *words):
            rows.append(Row(name, None, note="not on this branch yet: skipped"))
            continue
        args = [a.replace("OUT", str(work)).replace("MEMBER", member) for a in extra]
        command = [*lpps, *words, *args, *today]
        cold, _, _, _ = timed(command, env=NO_CACHE)
        seconds, peak, code, error = best(command, repeat if quick else 1)
        note = "" if code in (0, 1) else f"exit {code}: {error[:80]}"
        if quick and not note:
            note = f"goal < {QUERY_GOAL:g} s: {'met' if seconds < QUERY_GOAL else 'NOT MET'}"
        rows.append(Row(name, seconds, peak, note, cold=cold))
    return rows


def machine(files: int, size: int, members: int, services: int, repeat: int) -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return {
        "date": dt.date.today().isoformat(),
        "cpu": cpu,
        "cores": cores,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "files": files,
        "megabytes": size / 1e6,
        "members": members,
        "services": services,
        "load": load,
        "repeat": repeat,
    }


def table(rows: list[Row]) -> str:
    lines = [
        "| what | seconds | no cache | × check-jsonschema | × floor | peak MiB | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:

        def num(value, digits=3):
            return "—" if value is None else f"{value:.{digits}f}"

        lines.append(
            f"| {row.name} | {num(row.seconds)} | {num(row.cold)} | {num(row.ratios.get('check'))} | "
            f"{num(row.ratios.get('floor'), 2)} | {num(row.peak_mb, 0)} | {row.note} |"
        )
    return "\n".join(lines)


def document(rows: list[Row], facts: dict) -> str:
    template = (HERE / "performance.md.in").read_text(encoding="utf-8")
    marker = "@@TABLE@@"
    return template.replace("{{table}}", marker).format(**facts).replace(marker, table(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--registry", type=Path, help="benchmark this registry instead of generating one")
    parser.add_argument("--repeat", type=int, default=3, help="runs of lpps validate; the best counts")
    parser.add_argument("--output", type=Path, default=HERE.parent / "docs" / "performance.md")
    parser.add_argument("--no-check-jsonschema", action="store_true", help="skip the (slow) reference run")
    args = parser.parse_args(argv)
    rows, facts = run(args.members, args.services, args.registry, args.repeat, not args.no_check_jsonschema)
    print(table(rows))
    if args.output and str(args.output) != "-":
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(document(rows, facts), encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
