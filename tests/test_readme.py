"""Every `lpps ...` line of the README's sh blocks runs and succeeds on the example registry."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import EXAMPLE_TODAY, ROOT, run_lpps

BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in BLOCK.findall(text):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("lpps ") and "--send" not in line:
                commands.append(line)
    return commands


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
    done = run_lpps(*args, cwd=work, env={"LPPS_REGISTRY": str(example_registry), "LPPS_TODAY": EXAMPLE_TODAY}, timeout=300)
    assert done.returncode == 0, f"{command}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"


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
