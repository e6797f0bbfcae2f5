"""The wheel carries the schemas, templates, taxonomy and example registry, so an installed
lpps works outside the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    (found,) = out.glob("lpps-*.whl")
    return found


def test_wheel_holds_the_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "lpps_cli/_data/schemas/service.schema.json" in names
    assert "lpps_cli/_data/registry/partnership.yaml" in names
    assert "lpps_cli/_data/taxonomy/target-groups.yaml" in names
    assert any(n.startswith("lpps_cli/_data/templates/") for n in names)
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_works_from_an_empty_folder(wheel, tmp_path):
    target = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "CI": "true"}
    env.pop("LPPS_REGISTRY", None)

    def lpps(*args):
        return subprocess.run(
            [sys.executable, "-m", "lpps_cli", *args], cwd=empty, env=env, capture_output=True, text=True
        )

    where = subprocess.run(
        [sys.executable, "-c", "import lpps_cli.resources as r; print(r.data_dir('schemas'))"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.strip().startswith(str(target)), where.stdout + where.stderr
    assert lpps("--version").returncode == 0
    validated = lpps("validate", "--today", "2026-11-24", "--format", "json")
    assert validated.returncode == 0, validated.stdout[-2000:] + validated.stderr
    report = json.loads(validated.stdout)
    assert report["counts"]["files"] > 100 and report["counts"]["errors"] == 0
    schema = lpps("schema", "service")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"] == "Service"
