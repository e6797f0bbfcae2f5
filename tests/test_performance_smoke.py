"""The benchmark at a small size, as a smoke test: the generator makes a registry that
validates with no problem at all, and benchmarks/run.py prints a table with every row and
writes the performance document. No time is asserted (speed goals live in benchmarks/)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, run_lpps

sys.path.insert(0, str(ROOT / "benchmarks"))
from run import QUERIES

COLD = "lpps validate (cold: no cache, all rules)"
ROWS = [
    COLD,
    "lpps validate (cache warm)",
    "lpps validate (one file changed, cache warm)",
    "lpps validate (half a year on)",
    "check-jsonschema (schema only)",
    "floor: read the bytes",
    "floor: rapidyaml parse + emit",
    "python -c pass (start-up baseline)",
    "lpps --help",
    "lpps --version",
    "imports of lpps --help (importtime)",
    *(name for name, *_ in QUERIES),
]


def test_generated_registry_is_valid_and_deterministic(tmp_path):
    for name in ("one", "two"):
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "generate.py"),
                str(tmp_path / name),
                "--members",
                "30",
                "--services",
                "100",
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.yaml"))
    assert len(files) > 130
    assert all((tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes() for f in files)
    done = run_lpps("validate", "--registry", str(tmp_path / "one"), "--today", "2026-11-24")
    assert done.returncode == 0, done.stdout
    assert "no problems" in done.stdout
    texts = " ".join((tmp_path / "one" / f).read_text(encoding="utf-8") for f in files[:400])
    assert "Фонд" in texts or "Карітас" in texts or "Притулок" in texts  # Cyrillic
    assert "ż" in texts or "ś" in texts  # Polish letters


def test_benchmark_prints_every_row_and_writes_the_document(tmp_path):
    output = tmp_path / "performance.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--members",
            "30",
            "--services",
            "100",
            "--repeat",
            "1",
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    for row in ROWS:
        assert row in rows, (row, done.stdout)
    cells = [c.strip() for c in rows[COLD].split("|")]
    assert float(cells[2]) > 0 and float(cells[4]) > 0  # seconds, and a ratio to check-jsonschema
    assert cells[7] == "", cells  # no failure note: the generated registry validated
    later = rows["lpps validate (half a year on)"]
    assert int(later.split("|")[7].split()[0]) > 50, later  # 100 stale capacities, and more
    for name, *_, quick in QUERIES:  # every query ran, with the cache warm and off
        cells = [c.strip() for c in rows[name].split("|")]
        assert float(cells[2]) > 0 and float(cells[3]) > 0, cells
        assert cells[7].startswith("goal < 1 s: ") if quick else cells[7] == "", cells
    assert "no heavy module imported" in rows["imports of lpps --help (importtime)"], rows
    document = output.read_text(encoding="utf-8")
    assert COLD in document and "cores" in document and "LPPS_CACHE=0" in document
