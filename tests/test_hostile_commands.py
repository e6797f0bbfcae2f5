"""Every command, not only validate, survives hostile files: it works on what it can read,
names each file it skipped on stderr, exits 1, and never shows a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import VALID_TODAY, run_lpps

HOSTILE = {
    "members/bomb.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    ),
    "services/python-tag.yaml": "id: python-tag\nname: !!python/object/apply:os.system ['echo pwned']\n",
    "groups/two-docs.yaml": "id: two-docs\nname: A\n---\nid: two-docs\nname: B\n",
    "projects/deep.yaml": "id: deep\nx-deep: " + "[" * 5000 + "]" * 5000 + "\n",
}
BINARY = {"documents/latin2.yaml": "id: latin2\ntitle: Za\u017c\u00f3\u0142\u0107\n".encode("iso-8859-2")}
COMMANDS = [
    ["members"],
    ["services", "--format", "json"],
    ["show", "fundacja-a"],
    ["refer", "--target-group", "homeless"],
    ["mailing-list"],
    ["report", "capacity"],
    ["export", "json", "-o", "{tmp}/registry.json"],
    ["site", "build", "{tmp}/site"],
    ["brochure", "--format", "md", "-o", "{tmp}/brochure.md"],
]


@pytest.fixture(scope="module")
def hostile_registry(tmp_path_factory) -> Path:
    import shutil

    from conftest import VALID

    root = tmp_path_factory.mktemp("hostile") / "registry"
    shutil.copytree(VALID, root)
    for name, text in HOSTILE.items():
        (root / name).write_text(text, encoding="utf-8")
    for name, data in BINARY.items():
        (root / name).write_bytes(data)
    return root


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_command_skips_hostile_files_and_says_so(hostile_registry: Path, tmp_path: Path, command):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    started = time.monotonic()
    done = run_lpps(*args, "-r", str(hostile_registry), "--today", VALID_TODAY, "--lang", "en", timeout=60)
    assert time.monotonic() - started < 60
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 1, done.stderr
    for name in [*HOSTILE, *BINARY]:
        assert name in done.stderr, f"{name} not named in:\n{done.stderr}"
    assert "pwned" not in done.stdout + done.stderr


def test_validate_reports_each_hostile_file(hostile_registry: Path):
    done = run_lpps("validate", "-r", str(hostile_registry), "--today", VALID_TODAY, "--format", "json")
    assert done.returncode == 1
    import json

    files = {p["file"] for p in json.loads(done.stdout)["problems"] if p["rule"] == "yaml"}
    assert files >= set(HOSTILE) | set(BINARY)
