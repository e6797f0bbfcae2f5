"""Every `lpps ...` line of the README's sh blocks runs and succeeds on the example registry."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import EXAMPLE_TODAY, ROOT, run_lpps

BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def _lines(block: str) -> list[str]:
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def readme_commands() -> list[str]:
    """Every lpps line of a block that does not change folder (run alone, on the example)."""
    commands = []
    for block in BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        lines = _lines(block)
        if not any(line.startswith("cd ") for line in lines):
            commands += [line for line in lines if line.startswith("lpps ") and "--send" not in line]
    return commands


def readme_sequences() -> list[list[str]]:
    """Blocks that change folder: a session, run line after line as a new user would."""
    blocks = [_lines(block) for block in BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))]
    return [lines for lines in blocks if any(line.startswith("cd ") for line in lines)]


def test_readme_starts_with_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert blocks[0].strip() == "pip install . && lpps validate"
    assert blocks[1].strip() == "pip install -e '.[test]' && python -m pytest"


@pytest.mark.parametrize("command", readme_commands())
def test_readme_example_runs(command, example_registry: Path, tmp_path: Path):
    args = shlex.split(command)[1:]
    work = tmp_path / "work"
    work.mkdir()
    done = run_lpps(
        *args, cwd=work, env={"LPPS_REGISTRY": str(example_registry), "LPPS_TODAY": EXAMPLE_TODAY}, timeout=300
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"


@pytest.mark.parametrize("lines", readme_sequences())
def test_readme_session_runs_line_after_line(lines, tmp_path: Path):
    work = tmp_path / "work"
    work.mkdir()
    for line in lines:
        if line.startswith("cd "):
            work = work / line[3:].strip()
            assert work.is_dir(), line
            continue
        done = run_lpps(*shlex.split(line)[1:], cwd=work, env={"LPPS_TODAY": EXAMPLE_TODAY})
        assert done.returncode == 0, f"{line}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
    assert (work / "members" / "fundacja-przystan.yaml").is_file()  # changed there, not in the example
    assert "przystan.example.org" in (work / "members" / "fundacja-przystan.yaml").read_text(encoding="utf-8")


def test_commands_that_change_a_registry_refuse_the_packaged_example(tmp_path: Path):
    for args in (
        ("new", "member", "--name", "X", "--sector", "ngo", "--kind", "ngo-local"),
        ("set", "caritas-lublin", "website", "https://x.example.org"),
        ("meeting", "new"),
    ):
        done = run_lpps(*args, cwd=tmp_path)
        assert done.returncode == 2 and "no registry here to change" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_readme_sql_answers_the_referral_question(example_registry: Path, tmp_path: Path):
    import sqlite3

    database = tmp_path / "partnership.db"
    done = run_lpps("export", "sqlite", str(database), env={"LPPS_REGISTRY": str(example_registry)})
    assert done.returncode == 0, done.stderr
    (query,) = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    rows = sqlite3.connect(database).execute(query).fetchall()
    assert rows and all(free > 0 for _, _, _, free, _, _ in rows)
    frees = [row[3] for row in rows]
    assert frees == sorted(frees, reverse=True)
