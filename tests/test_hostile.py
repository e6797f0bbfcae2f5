"""Hostile YAML in a registry: the installed ``lpps`` names the file (and line), exits 1 or 2,
never shows a traceback, stays within generous time and memory bounds (a safety property,
not a speed goal), and goes on checking the other files."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from conftest import VALID_TODAY, lpps_command

SECONDS = 20
MEMORY_BYTES = 1024**3
BILLION_LAUGHS = "id: bomb\nname: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"x{i}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)


def run_measured(*args: str, cwd: Path | None = None) -> tuple[int, str, float, int]:
    """(exit code, stdout + stderr, seconds, peak RSS in bytes) of the installed lpps.

    The peak comes from wait4 for this child alone; Linux starts it at the parent's size, so
    it is an upper bound."""
    env = {**os.environ, "NO_COLOR": "1", "CI": "true"}
    env.pop("LPPS_REGISTRY", None)
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        process = subprocess.Popen([*lpps_command(), *args], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            raise
        seconds = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return process.returncode, text, seconds, usage.ru_maxrss * 1024


def deep_block(levels: int) -> str:
    return "id: deep\n" + "".join(" " * level + f"k{level}:\n" for level in range(levels)) + " " * levels + "v\n"


#: name -> (file to plant, bytes or a callable(registry) that plants it, a fragment the output must show)
CASES = {
    "alias bomb": ("members/bomb.yaml", BILLION_LAUGHS.encode(), "aliases"),
    "python object tag": (
        "members/pyobj.yaml",
        b"id: pyobj\nname: !!python/object/apply:os.system ['echo owned']\n",
        "tag",
    ),
    "unknown tag": ("members/tagged.yaml", b"id: tagged\nname: !secret x\n", "tag"),
    "invalid utf-8": ("members/latin.yaml", b"id: latin\nname: Fundacja \xbfab\xff\n", "UTF-8"),
    "utf-16": ("members/wide.yaml", "id: wide\nname: x\n".encode("utf-16"), "UTF-16"),
    "deep flow nesting": ("members/deep.yaml", ("id: deep\nx: " + "[" * 5000 + "]" * 5000 + "\n").encode(), "nests"),
    "deep block nesting": ("members/deepblock.yaml", deep_block(600).encode(), "nests"),
    "64 MiB file": ("members/huge.yaml", None, "over the limit"),
    "a list, not a mapping": ("members/list.yaml", b"- id: list\n- name: x\n", "a list"),
    "a scalar, not a mapping": ("members/scalar.yaml", b"just some text\n", "a single value"),
    "a list where a mapping field belongs": (
        "members/field.yaml",
        b"id: field\nname: x\nsector: ngo\nkind: ngo\nstatus: active\naddress: [a, b]\n",
        "address",
    ),
    "empty file": ("members/empty.yaml", b"", "empty"),
    "two documents": ("members/two.yaml", b"id: two\n---\nid: three\n", "more than one YAML document"),
    "duplicate keys": ("members/dup.yaml", b"id: dup\nname: a\nname: b\n", "duplicate key"),
    "tab indentation": ("members/tabs.yaml", b"id: tabs\nname:\n\tpl: x\n", "tab"),
    "file name with spaces and non-ASCII": (
        "members/Fundacja Żak.yaml",
        "id: fundacja-zak\nname: Fundacja Żak\n".encode(),
        "Fundacja Żak.yaml",
    ),
    "symlink out of the registry": ("members/outside.yaml", "symlink", "outside the registry"),
    "directory named like a record": ("members/folder.yaml", "directory", "folder"),
}


def plant(registry: Path, rel: str, content) -> None:
    target = registry / rel
    if content is None:  # 64 MiB, written in pieces
        with target.open("wb") as handle:
            handle.write(b"id: huge\nname: ")
            chunk = b"a" * (1 << 20)
            for _ in range(64):
                handle.write(chunk)
            handle.write(b"\n")
    elif content == "symlink":
        outside = registry.parent / "secret.yaml"
        outside.write_text("id: outside\nname: not part of the registry\n", encoding="utf-8")
        target.symlink_to(outside)
    elif content == "directory":
        target.mkdir()
        (target / "inner.yaml").write_text("id: inner\n", encoding="utf-8")
    else:
        target.write_bytes(content)


def break_another_file(registry: Path) -> str:
    """A plain rule problem elsewhere, to show the other files are still checked."""
    path = registry / "services" / "doradztwo-test.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: active", "status: open"), encoding="utf-8")
    return "services/doradztwo-test.yaml"


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_reported_and_the_rest_is_checked(case, valid_registry):
    rel, content, fragment = CASES[case]
    plant(valid_registry, rel, content)
    other = break_another_file(valid_registry)
    code, output, seconds, peak = run_measured("validate", "--registry", str(valid_registry), "--today", VALID_TODAY)
    assert code in (1, 2), output
    assert "Traceback" not in output
    assert rel in output, output
    assert fragment.lower() in output.lower(), output
    assert other in output and "'open' is not one of" in output, output
    assert seconds < SECONDS
    assert peak < MEMORY_BYTES


def test_problems_in_files_carry_their_line(valid_registry):
    plant(valid_registry, "members/dup.yaml", b"id: dup\nname: a\nsector: ngo\nname: b\n")
    code, output, _, _ = run_measured("validate", "--registry", str(valid_registry), "--today", VALID_TODAY)
    assert code == 1
    assert "members/dup.yaml" in output and "4:1" in output, output


@pytest.fixture(scope="module")
def hostile_registry(tmp_path_factory) -> Path:
    """Every hostile file at once (the 64 MiB one aside, which the first test covers)."""
    import shutil

    from conftest import VALID

    root = tmp_path_factory.mktemp("hostile") / "registry"
    shutil.copytree(VALID, root)
    for rel, content, _ in CASES.values():
        if content is not None:
            plant(root, rel, content)
    return root


COMMANDS = [
    ["members"],
    ["services"],
    ["refer", "--target-group", "homeless"],
    ["show", "fundacja-a"],
    ["export", "json", "-o", "OUT/export.json"],
    ["export", "sqlite", "-o", "OUT/registry.db"],
    ["site", "build", "OUT/site"],
    ["report", "capacity"],
    ["mailing-list"],
]


@pytest.mark.parametrize("words", COMMANDS, ids=lambda words: " ".join(w for w in words if "OUT" not in w))
def test_other_commands_survive_a_hostile_registry(words, hostile_registry, tmp_path):
    args = [w.replace("OUT", str(tmp_path)) for w in words]
    help_code, _, _, _ = run_measured(
        *[w for w in words if "OUT" not in w and not w.startswith("-") and w not in ("homeless", "fundacja-a")][:2],
        "--help",
    )
    if help_code != 0:
        pytest.skip(f"no 'lpps {' '.join(words[:2])}' on this branch")
    code, output, seconds, peak = run_measured(*args, "--registry", str(hostile_registry), "--today", VALID_TODAY)
    assert "Traceback" not in output
    assert code in (0, 1, 2), output
    assert seconds < SECONDS and peak < MEMORY_BYTES
