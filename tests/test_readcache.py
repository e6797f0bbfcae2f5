"""The cache of parsed record files: same data as reading the files, never stale, never in the way."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

import pytest
from conftest import EXAMPLE, EXAMPLE_TODAY, run_lpps

from lpps_cli.reading import readcache
from lpps_cli.reading.loader import load_registry
from lpps_cli.reading.yamlio import Limits


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of this test's own, which trusts files written a moment ago
    (the tests write their files just before reading them)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("LPPS_CACHE_DIR", str(folder))
    monkeypatch.setenv("LPPS_STATE_DIR", str(tmp_path / "state"))  # the cache's secret, kept apart
    monkeypatch.delenv("LPPS_CACHE", raising=False)
    monkeypatch.setattr(readcache, "RACY_NS", -(10**9))  # a file written up to 1 s *after* reading began
    return folder


def snapshot(registry) -> tuple:
    records = {(kind, rid): record.data for kind, found in registry.records.items() for rid, record in found.items()}
    return records, registry.partnership.data, sorted(map(repr, registry.problems)), registry.files


def hits(root: Path) -> int:
    entries = readcache.open_cache(root, Limits())
    return sum(entries.lookup(f"{p.parent.name}/{p.name}", p) is not None for p in sorted(root.glob("*/*.yaml")))


def test_a_second_load_comes_from_the_cache_and_equals_the_files(example_registry, cache, monkeypatch):
    first = snapshot(load_registry(example_registry))
    assert list(cache.glob("records-*.json")), "the first load writes the cache"
    assert hits(example_registry) == len(list(example_registry.glob("*/*.yaml")))
    second = snapshot(load_registry(example_registry))
    monkeypatch.setenv("LPPS_CACHE", "0")
    uncached = snapshot(load_registry(example_registry))
    assert first == second == uncached


def test_a_changed_file_is_read_again_even_with_its_old_size_and_mtime(valid_registry, cache):
    """Entries are matched by the bytes (a keyed hash), so no stat field decides."""
    load_registry(valid_registry)
    path = valid_registry / "services" / "doradztwo-test.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace("occupied: 40", "occupied: 39", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` would
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size
    registry = load_registry(valid_registry)
    assert registry.records["service"]["doradztwo-test"].data["capacity"]["occupied"] == 39


def test_files_written_just_now_are_not_trusted(valid_registry, tmp_path, monkeypatch):
    monkeypatch.setenv("LPPS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LPPS_CACHE", raising=False)
    load_registry(valid_registry)  # every file was copied less than RACY_NS ago
    assert hits(valid_registry) == 0


@pytest.mark.parametrize(
    "data",
    [
        {"capacity": {"total": math.nan}},
        {"n": 2**70},
        {"map": {1: "one"}},
        {"when": __import__("datetime").date(2026, 1, 1)},
    ],
)
def test_data_json_cannot_keep_exactly_is_not_stored(data, cache, tmp_path):
    path = tmp_path / "services" / "x.yaml"
    path.parent.mkdir()
    path.write_text("id: x\n", encoding="utf-8")
    entries = readcache.open_cache(tmp_path, Limits())
    entries.store("services/x.yaml", path, data)
    entries.store("services/y.yaml", path, {"id": "x"})
    assert list(entries.entries) == ["services/y.yaml"]


def test_files_that_cannot_be_read_are_reported_every_time(valid_registry, cache):
    broken = valid_registry / "services" / "broken.yaml"
    broken.write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    first = load_registry(valid_registry).problems
    second = load_registry(valid_registry).problems
    assert [p.file for p in first] == [p.file for p in second] == ["services/broken.yaml"]
    assert hits(valid_registry) == len(list(valid_registry.glob("*/*.yaml"))) - 1


def test_a_broken_or_foreign_cache_is_ignored_and_replaced(valid_registry, cache):
    expected = snapshot(load_registry(valid_registry))
    [written] = cache.glob("records-*.json")
    for junk in (b"{not json", b"[1, 2]", b'{"fingerprint": [0], "entries": {}}', b""):
        written.write_bytes(junk)
        assert snapshot(load_registry(valid_registry)) == expected
        assert written.read_bytes().startswith(b'{"fingerprint"') and len(written.read_bytes()) > 100


def test_other_limits_discard_the_cache(valid_registry, cache):
    load_registry(valid_registry)
    assert readcache.open_cache(valid_registry, Limits()).old
    assert not readcache.open_cache(valid_registry, Limits(max_depth=5)).old


def test_no_cache_folder_no_problem(valid_registry, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LPPS_CACHE_DIR", str(blocker / "cache"))
    assert load_registry(valid_registry).records["member"]
    monkeypatch.setenv("LPPS_CACHE_DIR", str(tmp_path / "off"))
    monkeypatch.setenv("LPPS_CACHE", "0")
    assert load_registry(valid_registry).records["member"]
    assert not (tmp_path / "off").exists()


def test_the_cache_is_private_and_old_ones_are_pruned(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(readcache, "KEEP", 2)
    for number in range(4):
        root = tmp_path / f"registry{number}"
        (root / "members").mkdir(parents=True)
        (root / "partnership.yaml").write_text("id: p\n", encoding="utf-8")
        (root / "members" / "m.yaml").write_text(f"id: m\nname: M{number}\n", encoding="utf-8")
        load_registry(root)
    kept = list(cache.glob("records-*.json"))
    assert len(kept) == 2
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in kept)


def test_a_read_only_registry_is_cached_in_the_users_folder(tmp_path, cache):
    import shutil

    root = tmp_path / "read-only"
    shutil.copytree(EXAMPLE, root)
    for path in [root, *root.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        load_registry(root)
        assert hits(root) > 50
        assert not list(root.rglob("*.tmp")) and not list(root.rglob("records-*"))
    finally:
        for path in [root, *root.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)


def test_commands_answer_the_same_from_the_cache(tmp_path):
    env = {"LPPS_CACHE_DIR": str(tmp_path / "cache"), "LPPS_TODAY": EXAMPLE_TODAY}
    args = ("refer", "--target-group", "homeless", "--format", "json", "--registry", str(EXAMPLE))
    cold = run_lpps(*args, env=env)
    warm = run_lpps(*args, env=env)
    off = run_lpps(*args, env={**env, "LPPS_CACHE": "0"})
    assert cold.returncode == warm.returncode == off.returncode == 0, cold.stderr
    assert list((tmp_path / "cache").glob("records-*.json"))
    assert cold.stdout == warm.stdout == off.stdout and '"id"' in cold.stdout
