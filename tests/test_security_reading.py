"""Reading a member's pull request: nothing is read through a link out of the registry, the
limits cannot be lifted, a hostile file is refused before a parser builds it, and the cache of
parsed files cannot be made to lie (issue 14, parts 2, 3 and 7)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import VALID, VALID_TODAY, run_lpps
from gitrepo import GIT_ENV, commit_all, git, make_repo
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_hostile import run_measured

from lpps_cli.reading import readcache
from lpps_cli.reading.loader import load_registry
from lpps_cli.reading.yamlio import Limits, YamlProblem, parse
from lpps_cli.reading.yamlscan import _Scan, check_structure

CREDENTIAL = "ghp_NotARealTokenButSecret0123456789abcd"
MiB = 1024 * 1024
#: the done-when bound of issue 14 for one hostile file within the default limits
MEMORY_BYTES = 512 * MiB


def credential_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    path = outside / "credentials.yaml"
    path.write_text(f"id: kandydat-e\ntoken: {CREDENTIAL}\n", encoding="utf-8")
    return path


def validate(registry: Path) -> tuple[int, str]:
    done = run_lpps("validate", "--registry", str(registry), "--today", VALID_TODAY)
    assert "Traceback" not in done.stdout + done.stderr
    return done.returncode, done.stdout + done.stderr


# -- part 2: one containment rule -----------------------------------------------------------
def test_a_linked_partnership_file_outside_is_a_problem_and_not_read(valid_registry, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "partnership.yaml"
    shutil.move(valid_registry / "partnership.yaml", target)
    (valid_registry / "partnership.yaml").symlink_to(target)
    registry = load_registry(valid_registry)
    assert registry.partnership is None
    [problem] = [p for p in registry.problems if p.file == "partnership.yaml"]
    assert "outside the registry" in problem.message
    code, output = validate(valid_registry)
    assert code == 1 and "partnership.yaml" in output and "outside the registry" in output


def test_a_record_folder_that_is_a_link_out_is_a_problem_and_none_of_it_is_read(valid_registry, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.move(valid_registry / "services", outside)
    (valid_registry / "services").symlink_to(outside, target_is_directory=True)
    registry = load_registry(valid_registry)
    assert not registry.services
    assert not any(f.startswith("services/") for f in registry.files)
    assert [p.message for p in registry.problems if p.file == "services"]
    code, output = validate(valid_registry)
    assert code == 1 and "services" in output and "outside the registry" in output


def test_links_at_any_depth_are_refused(valid_registry, tmp_path):
    credential = credential_file(tmp_path)
    (valid_registry / "links").mkdir()
    (valid_registry / "links" / "hop.yaml").symlink_to(credential)  # a link inside, pointing out
    (valid_registry / "members" / "chain.yaml").symlink_to(valid_registry / "links" / "hop.yaml")
    (valid_registry / "door").symlink_to(credential.parent, target_is_directory=True)
    (valid_registry / "groups" / "through.yaml").symlink_to(valid_registry / "door" / "credentials.yaml")
    inside = valid_registry / "members" / "twin.yaml"  # a link that stays inside is fine
    inside.symlink_to(valid_registry / "members" / "fundacja-a.yaml")
    registry = load_registry(valid_registry)
    refused = {p.file for p in registry.problems if "outside the registry" in p.message}
    assert refused == {"members/chain.yaml", "groups/through.yaml"}
    assert CREDENTIAL not in repr([r.data for r in registry.all_records()])
    assert "members/twin.yaml" in registry.files


def test_diff_never_reads_a_linked_record_of_the_working_tree(tmp_path):
    top = tmp_path / "repo"
    shutil.copytree(VALID, top / "registry")
    make_repo(top)
    git(top, "checkout", "-q", "-b", "change")
    credential = credential_file(tmp_path)
    (top / "registry" / "members" / "kandydat-e.yaml").unlink()
    (top / "registry" / "members" / "kandydat-e.yaml").symlink_to(credential)
    (top / "registry" / "members" / "extra.yaml").symlink_to(credential)
    for fmt in ("md", "text", "json"):
        done = run_lpps("diff", "--format", fmt, cwd=top / "registry", env=GIT_ENV)
        assert done.returncode == 0, done.stderr
        assert CREDENTIAL not in done.stdout + done.stderr
        assert "kandydat-e" in done.stdout
    commit_all(top, "the links, committed")  # history holds only the link's target path: harmless
    done = run_lpps("diff", "main", "HEAD", "--format", "md", cwd=top / "registry", env=GIT_ENV)
    assert done.returncode == 0, done.stderr
    assert CREDENTIAL not in done.stdout


# -- part 3: limits a pull request cannot lift ------------------------------------------------
def test_limits_above_their_ceiling_are_an_error_at_the_line_and_not_applied(valid_registry):
    partnership = valid_registry / "partnership.yaml"
    text = partnership.read_text(encoding="utf-8")
    partnership.write_text(
        text + "limits:\n  max_file_bytes: 104857600\n  max_depth: 100000\n  max_values: 10000000\n", encoding="utf-8"
    )
    lines = partnership.read_text(encoding="utf-8").splitlines()
    (valid_registry / "members" / "big.yaml").write_bytes(b"id: big\nname: " + b"a" * (2 * MiB) + b"\n")
    (valid_registry / "members" / "deep.yaml").write_bytes(b"id: deep\nx: " + b"[" * 40 + b"]" * 40 + b"\n")
    code, output = validate(valid_registry)
    assert code == 1
    for key in ("max_file_bytes", "max_depth", "max_values"):
        line = next(i for i, found in enumerate(lines, 1) if found.strip().startswith(key))
        assert f"{line}:" in output.split("partnership.yaml", 1)[1] and f"limits.{key}" in output, output
    assert "ceiling" in output
    assert "members/big.yaml" in output and "over the limit of 1048576" in output
    assert "members/deep.yaml" in output and "nests deeper than the limit of 32" in output


def test_a_registry_may_lower_the_limits():
    assert Limits.checked({"max_depth": 8, "max_file_bytes": 4096, "max_values": 500}) == (
        Limits(max_file_bytes=4096, max_depth=8, max_values=500),
        [],
    )
    limits, refused = Limits.checked({"max_depth": 33, "max_aliases": True, "max_values": -1, "other": 5})
    assert limits == Limits() and [key for key, _ in refused] == ["max_depth"]
    raw = b"id: x\nv: " + b"[" * 12 + b"]" * 12 + b"\n"
    with pytest.raises(YamlProblem, match="limit of 8"):
        parse(raw, Limits(max_depth=8))
    assert parse(raw, Limits())


def _hostile_files() -> dict[str, tuple[bytes, str]]:
    """name -> (a file of at most 1 MiB, a fragment of the problem it must get)."""
    chain = "id: x\na0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 99))
    return {
        "unclosed [ x 1 MiB": (b"id: x\nv: " + b"[" * (MiB - 16), "nests deeper"),
        "unclosed { x 1 MiB": (b"id: x\nv: " + b"{" * (MiB - 16), "nests deeper"),
        "{a: bomb": (b"id: x\nv: " + b"{a: " * ((MiB - 16) // 4), "nests deeper"),
        "[{a: bomb": (b"id: x\nv: " + b"[{a: " * ((MiB - 16) // 5), "nests deeper"),
        "closed deep flow": (b"id: x\nv: " + b"[" * 400_000 + b"]" * 400_000 + b"\n", "nests deeper"),
        "deep block mapping": (
            ("id: x\n" + "".join(" " * i + f"k{i}:\n" for i in range(1400))).encode(),
            "nests deeper",
        ),
        "deep block list": (
            ("id: x\nv:\n" + "".join(" " * i + "-\n" for i in range(1, 1400))).encode(),
            "nests deeper",
        ),
        "compact - - - list": (b"id: x\nv:\n  " + b"- " * ((MiB - 32) // 2) + b"x\n", ""),
        "million-item flow list": (b"id: x\nv: [" + b"1," * ((MiB - 32) // 2) + b"1]\n", "list items"),
        "million-item flow list with an anchor": (
            b"id: x\nw: &a 1\nv: [" + b"*a," * ((MiB - 48) // 3) + b"1]\n",
            "list items",
        ),
        "block list of 250,000 items": (b"id: x\nv:\n" + b"- 1\n" * ((MiB - 32) // 4), "list items"),
        "87,000 keys": (b"id: x\n" + b"".join(b"k%06d: 1\n" % i for i in range(87_000)), "list items"),
        "long alias chain": (chain.encode(), "aliases"),
    }


HOSTILE = _hostile_files()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_within_the_default_limits_is_refused_cheaply(name, valid_registry):
    raw, fragment = HOSTILE[name]
    assert len(raw) <= MiB
    (valid_registry / "members" / "hostile.yaml").write_bytes(raw)
    code, output, seconds, peak = run_measured("validate", "--registry", str(valid_registry), "--today", VALID_TODAY)
    assert code == 1 and "Traceback" not in output, output
    assert "members/hostile.yaml" in output and fragment in output, output
    assert peak < MEMORY_BYTES, f"{peak / MiB:.0f} MiB"
    assert seconds < 20  # a safety net, not a speed goal: docs/limits.md has the measured costs


def _depth(value, at: int = 0) -> int:
    """The deepest value's depth, as yamlio.normalize counts it (the root is 0)."""
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return max((_depth(child, at + 1) for child in children), default=at)


def _entries(value) -> int:
    children = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else []
    return len(children) + sum(_entries(child) for child in children)


_text = st.text(alphabet=st.sampled_from(list("ab: -[]{},#'\"&*!|>?\n")), max_size=8)
_trees = st.recursive(
    st.one_of(_text, st.integers(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_text, inner, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tree=_trees,
    style=st.sampled_from([False, True, None]),
    indent=st.sampled_from([(2, 0), (4, 2), (2, 2)]),
    width=st.sampled_from([12, 80]),
)
def test_the_scan_never_refuses_a_file_within_the_limits(tree, style, indent, width):
    """Whatever the parser reads as depth d and n entries passes the scan at max_depth d and
    max_values n: the scan only refuses what the parsers would refuse, or more than they count."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.default_flow_style = style
    yaml.width = width
    yaml.indent(mapping=indent[0], sequence=indent[0], offset=indent[1])
    out = io.StringIO()
    yaml.dump({"id": "x", "v": tree}, out)
    raw = out.getvalue().encode()
    try:
        data = parse(raw, Limits(), fast=False)
    except YamlProblem:
        assume(False)  # ruamel dumped what it cannot read back ('?>' in a flow list): not the question
    exact = Limits(max_depth=_depth(data), max_values=_entries(data))
    check_structure(raw, exact)
    _Scan(raw, exact).run()  # the full scan too, which the quick bound spares most small files


# -- part 7: a cache that cannot lie ----------------------------------------------------------
@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LPPS_CACHE_DIR", str(folder))
    monkeypatch.setenv("LPPS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("LPPS_CACHE", raising=False)
    monkeypatch.setattr(readcache, "RACY_NS", -(10**9))
    return folder


def test_a_poisoned_cache_does_not_hide_a_broken_file(valid_registry, cache):
    clean = load_registry(valid_registry)
    [cache_file] = cache.glob("records-*.json")
    broken_rel = "services/doradztwo-test.yaml"
    broken = valid_registry / broken_rel
    clean_data = clean.records["service"]["doradztwo-test"].data
    broken.write_bytes(broken.read_bytes().replace(b"status: active", b"status: [active\n"))
    stat = broken.stat()
    cached = json.loads(cache_file.read_bytes())
    entries = cached["entries"]
    raw = broken.read_bytes()
    # every key a forger could compute: the file's stat, plain hashes of its bytes, the entry as it was
    for forged_key in (
        [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns],
        hashlib.blake2b(raw, digest_size=16).hexdigest(),
        hashlib.sha256(raw).hexdigest(),
        entries[broken_rel][0],
    ):
        entries[broken_rel] = [forged_key, clean_data]
        cache_file.write_bytes(json.dumps(cached).encode())
        registry = load_registry(valid_registry)
        assert [p.file for p in registry.problems] == [broken_rel], forged_key
        assert "doradztwo-test" not in registry.services


def test_a_cache_written_with_another_secret_is_never_used(valid_registry, cache, tmp_path, monkeypatch):
    load_registry(valid_registry)
    assert readcache.open_cache(valid_registry, Limits()).old
    monkeypatch.setenv("LPPS_STATE_DIR", str(tmp_path / "another-machine"))
    opened = readcache.open_cache(valid_registry, Limits())
    assert opened.old and not any(opened.lookup(rel, valid_registry / rel) for rel in opened.old)
    assert (tmp_path / "state" / "cache.key").stat().st_mode & 0o777 == 0o600
