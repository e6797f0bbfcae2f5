"""Shared fixtures: the installed console script, copies of registries in tmp dirs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
VALID = CASES / "valid"
EXAMPLE = ROOT / "registry"
#: the date the test registries are valid on (capacity fresh, next meeting planned)
VALID_TODAY = "2025-10-01"
EXAMPLE_TODAY = "2026-11-24"


def lpps_command() -> list[str]:
    """The installed console script next to this interpreter (tests run what users run)."""
    script = Path(sys.executable).parent / "lpps"
    if script.exists():
        return [str(script)]
    found = shutil.which("lpps")
    return [found] if found else [sys.executable, "-m", "lpps_cli"]


def run_lpps(
    *args: str, cwd: Path | str | None = None, env: dict | None = None, input: str | None = None, timeout: int = 120
) -> subprocess.CompletedProcess:
    # English unless a test asks for a language (--lang, or LPPS_LANG in env; "" = the registry's)
    # a developer's own LPPS_REGISTRY must not leak into a test; a test passes its own in env
    inherited = {k: v for k, v in os.environ.items() if k != "LPPS_REGISTRY"}
    environment = {**inherited, "NO_COLOR": "1", "CI": "true", "LPPS_LANG": "en", **(env or {})}
    return subprocess.run(
        [*lpps_command(), *args], cwd=cwd, env=environment, input=input, capture_output=True, text=True, timeout=timeout
    )


def left_out(done: subprocess.CompletedProcess) -> set[str]:
    """The files an output command left out (named on stderr, ``lpps: left out FILE:…``), after
    checking it did so the way every output command must: exit 1, no internal error."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return set(re.findall(r"^lpps: left out ([^:\s]+)", done.stderr, re.MULTILINE))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Commands run by the tests keep their cache of parsed files (and its key) in tmp dirs, not in ~."""
    os.environ["LPPS_CACHE_DIR"] = str(tmp_path_factory.mktemp("lpps-cache"))
    # the cache's secret key lives in the state folder: keep the user's own out of the tests
    os.environ["LPPS_STATE_DIR"] = str(tmp_path_factory.mktemp("lpps-state"))


@pytest.fixture
def lpps():
    return run_lpps


@pytest.fixture
def valid_registry(tmp_path: Path) -> Path:
    """A fresh copy of the small valid test registry."""
    target = tmp_path / "registry"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture
def example_registry(tmp_path: Path) -> Path:
    """A fresh copy of the shipped example registry."""
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE, target)
    return target


# -- the quick suite ----------------------------------------------------------------------
#: modules whose tests are end-to-end: Chromium, WeasyPrint PDFs, SMTP, git histories, the README
#: run line by line, national-scale and fuzz runs, hostile files. `pytest -m "not slow"` leaves
#: them out for a quick answer (under a minute on two cores); CI runs everything. A new test that
#: takes over a second, or needs a browser, belongs here (or gets @pytest.mark.slow).
SLOW_MODULES = {
    "test_brochure",
    "test_differential",
    "test_fuzz",
    "test_hostile",
    "test_hostile_commands",
    "test_import_hsds",
    "test_import_sheets",
    "test_init",
    "test_invitations",
    "test_meeting_docs",
    "test_package",
    "test_performance_smoke",
    "test_privacy_planted",
    "test_public_outputs",
    "test_readme",
    "test_render_property",
    "test_security_builders",
    "test_security_reading",
    "test_security_templates",
    "test_security_validity",
    "test_site",
    "test_writer_random",
    "test_writer_styles",
}
#: single slow tests in otherwise quick modules (by function name, every parameter)
SLOW_TESTS = {
    "test_chart_is_visible_in_headless_chromium",
    "test_commands_answer_the_same_from_the_cache",
    "test_workflow_annotates_problems_and_summarises_the_change",
    "test_documents_are_fully_translated",
    "test_shipped_example_validates_from_an_empty_folder",
    "test_next_general_meeting_on_the_example",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module.__name__.rpartition(".")[2] in SLOW_MODULES or item.originalname in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
