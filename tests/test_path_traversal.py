"""A hostile id or language code never makes lpps write outside the folder it was given."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID_TODAY, run_lpps


def files_outside(root: Path, out: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and out not in p.parents and "registry" not in p.parts]


@pytest.fixture
def hostile(valid_registry: Path) -> Path:
    path = valid_registry / "services" / "doradztwo-test.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: doradztwo-test", "id: ../../../escaped"), encoding="utf-8"
    )
    partnership = valid_registry / "partnership.yaml"
    partnership.write_text(
        partnership.read_text(encoding="utf-8").replace("languages: [pl, en]", "languages: [pl, ../../evil]"),
        encoding="utf-8",
    )
    return valid_registry


@pytest.mark.parametrize(
    "command",
    [
        ["site", "build", "{out}"],
        ["export", "csv", "-o", "{out}"],
        ["export", "hsds", "-o", "{out}"],
        ["export", "json", "-o", "{out}/registry.json"],
    ],
)
def test_nothing_is_written_outside_the_output(hostile: Path, tmp_path: Path, command):
    out = tmp_path / "out"
    args = [a.replace("{out}", str(out)) for a in command]
    done = run_lpps(*args, "-r", str(hostile), "--today", VALID_TODAY, cwd=tmp_path)
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1, 2)
    assert files_outside(tmp_path, out) == []
    assert not (tmp_path.parent / "escaped.html").exists()
    assert not list(tmp_path.parent.glob("evil*"))
