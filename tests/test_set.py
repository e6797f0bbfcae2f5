"""lpps set: one field changed, the file's comments and layout kept, the registry checked first."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from conftest import VALID_TODAY, run_lpps
from gitrepo import GIT_ENV, commit_all, make_repo

SERVICE = "services/schronisko-test.yaml"


@pytest.fixture
def repo(valid_registry):
    path = valid_registry / SERVICE
    path.write_text(
        "# Shelter of fundacja-a: keep the numbers fresh.\n"
        + path.read_text(encoding="utf-8").replace("  total: 20\n", "  total: 20   # beds in both buildings\n\n"),
        encoding="utf-8",
    )
    return make_repo(valid_registry)


def lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_set_changes_one_line_and_diff_names_it(repo):
    before = lines(repo / SERVICE)
    done = run_lpps("set", "schronisko-test", "capacity.occupied", "15", "--today", VALID_TODAY, cwd=repo)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "capacity.occupied of schronisko-test: 12 → 15"
    after = lines(repo / SERVICE)
    assert len(after) == len(before)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert changed == [("  occupied: 12", "  occupied: 15")]
    comments = [line for line in before if "#" in line]
    assert comments and all(line in after for line in comments)

    commit_all(repo, "occupancy update")
    diff = run_lpps("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo, env=GIT_ENV)
    assert diff.returncode == 0, diff.stderr
    data = json.loads(diff.stdout)
    [record] = data["changed"]
    assert record["id"] == "schronisko-test" and record["kind"] == "service"
    [field] = record["fields"]
    assert (field["field"], field["old"], field["new"]) == ("capacity.occupied", 12, 15)
    md = run_lpps("diff", "HEAD~1", "HEAD", "--format", "md", cwd=repo, env=GIT_ENV)
    assert "schronisko-test: occupied 12 → 15 beds" in md.stdout


@pytest.mark.parametrize(
    "field,value,rule",
    [
        ("capacity.occupied", "25", "capacity"),
        ("target_groups", "no-such-group", "taxonomy"),
        ("capacity.total", "many", None),
    ],
)
def test_set_refuses_a_value_that_breaks_a_rule(valid_registry, field, value, rule):
    path = valid_registry / SERVICE
    original = path.read_bytes()
    args = ["set", "schronisko-test", field, value, "--today", VALID_TODAY, "-r", str(valid_registry)]
    if field == "target_groups":
        args.insert(3, "--add")
    done = run_lpps(*args)
    assert done.returncode == 2
    assert path.read_bytes() == original
    line = done.stderr.strip()
    assert "Traceback" not in done.stderr and len(line.splitlines()) == 1
    assert SERVICE in line
    if rule:
        assert f"[{rule}]" in line and "nothing was written" in line


def test_set_types_values_by_schema_and_edits_lists(valid_registry):
    from lpps_cli.changes.edit import plan
    from lpps_cli.reading.loader import load_registry

    registry = load_registry(valid_registry)
    today = dt.date.fromisoformat(VALID_TODAY)
    change = plan(registry, "schronisko-test", "capacity.as_of", "2025-09-20", today=today)
    assert change.new == "2025-09-20" and "as_of: 2025-09-20\n" in change.after
    change = plan(registry, "schronisko-test", "target_groups", "refugees", add=True, today=today)
    assert "target_groups: [homeless, refugees]\n" in change.after
    change = plan(registry, "fundacja-a", "contacts.0.email", "biuro@a.example.org", today=today)
    assert change.old == "sekretariat@fundacja-a.example.org"
    change = plan(registry, "fundacja-a", "name.pl", "Fundacja Ą", today=today)
    assert 'name: {pl: "Fundacja Ą", en: "Foundation A"}' in change.after  # the author's quotes kept
    change = plan(registry, "schronisko-test", "partners", "caritas-test", remove=True, today=today)
    assert change.new == []
    change = plan(registry, "test-partnership", "meeting_interval_months", "4", today=today)
    assert change.new == 4 and "meeting_interval_months: 4\n" in change.after


def test_set_refuses_conflict_markers(valid_registry):
    path = valid_registry / SERVICE
    path.write_text(path.read_text(encoding="utf-8") + "<<<<<<< HEAD\n", encoding="utf-8")
    done = run_lpps("set", "schronisko-test", "capacity.occupied", "13", "-r", str(valid_registry))
    assert done.returncode == 2 and "merge-conflict" in done.stderr


def test_interrupted_write_leaves_the_original(valid_registry, monkeypatch):
    from lpps_cli.changes.edit import apply, plan
    from lpps_cli.reading.loader import load_registry

    path = valid_registry / SERVICE
    original = path.read_bytes()
    change = plan(
        load_registry(valid_registry),
        "schronisko-test",
        "capacity.occupied",
        "13",
        today=dt.date.fromisoformat(VALID_TODAY),
    )

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        apply(change)
    assert path.read_bytes() == original
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_new_capacity_numbers_under_an_old_date_get_a_reminder(valid_registry):
    done = run_lpps(
        "set", "doradztwo-test", "capacity.occupied", "39", "-r", str(valid_registry), "--today", "2025-10-01"
    )
    assert done.returncode == 0, done.stderr
    assert "capacity.as_of is still 2025-09-10" in done.stderr and "capacity.as_of 2025-10-01" in done.stderr
    dated = run_lpps(
        "set", "doradztwo-test", "capacity.as_of", "2025-10-01", "-r", str(valid_registry), "--today", "2025-10-01"
    )
    assert dated.returncode == 0 and "still" not in dated.stderr
    again = run_lpps(
        "set", "doradztwo-test", "capacity.occupied", "38", "-r", str(valid_registry), "--today", "2025-10-01"
    )
    assert again.returncode == 0 and "still" not in again.stderr
