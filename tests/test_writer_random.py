"""Random edits of the example registry's files: every `git diff` stays within the lines of the
edited field, and every file stays clean for the project's .yamllint, however many edits follow."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, EXAMPLE_TODAY, ROOT
from gitrepo import commit_all, git, make_repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", re.M)
#: the list fields edited, by folder: flow lists ([a, b]) in services and members, block lists
#: (one "  - id" a line) in meetings and groups
LIST_FIELDS = {
    "services": ["target_groups", "areas", "languages", "partners", "funded_by"],
    "members": ["target_groups", "areas"],
    "meetings": ["attended", "decisions"],
    "groups": ["members"],
    "projects": ["partners", "target_groups"],
}


def lint_config():
    from yamllint.config import YamlLintConfig

    return YamlLintConfig((ROOT / ".yamllint").read_text(encoding="utf-8"))


def lint(text: str, config) -> list:
    from yamllint import linter

    return [f"{p.line}:{p.column} {p.message}" for p in linter.run(text, config)]


def field_lines(text: str, root, parts: list) -> set[int]:
    """The 1-based numbers of the lines that hold ``parts`` (its key and its whole value)."""
    from lpps_cli.changes.yamlsplice import _after_node, find

    found = find(root, parts)
    assert found.depth == len(parts)
    start = (found.key or found.node).start_mark.line + 1
    end = text.count("\n", 0, _after_node(text, found.node))
    return set(range(start, max(end, start) + 1))


def assert_diff_within(repo: Path, rel: str, before: str, after: str, parts: list) -> None:
    """`git diff` of the edit touches only the field's lines: in the old text where the field was
    there, in the new text where it is now (a new key: inserted lines only, unless it went into a
    flow map, whose one line then changes)."""
    from lpps_cli.changes.yamlsplice import compose, find

    diff = git(repo, "diff", "-U0", "--", rel)
    hunks = [tuple(int(n) if n is not None else 1 for n in m.groups()) for m in HUNK.finditer(diff)]
    assert hunks, "the edit changed nothing"
    old_root, new_root = compose(before), compose(after)
    found = find(old_root, parts)
    if found.depth == len(parts):
        old_allowed, new_allowed = field_lines(before, old_root, parts), field_lines(after, new_root, parts)
    elif found.depth and getattr(found.node, "flow_style", False):
        anchor = parts[: found.depth]
        old_allowed, new_allowed = field_lines(before, old_root, anchor), field_lines(after, new_root, anchor)
    else:
        old_allowed, new_allowed = set(), field_lines(after, new_root, parts[: found.depth + 1])
    for old_start, old_count, new_start, new_count in hunks:
        old = set(range(old_start, old_start + old_count))
        new = set(range(new_start, new_start + new_count))
        assert old <= old_allowed and new <= new_allowed, (parts, diff)


def example_repo(tmp_path: Path) -> Path:
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE, target)
    return make_repo(target)


def record_files(repo: Path) -> list[str]:
    return sorted(str(p.relative_to(repo)) for folder in LIST_FIELDS for p in (repo / folder).glob("*.yaml"))


def list_edit(rng: random.Random, data: dict, folder: str, pool: dict[str, list[str]]):
    """A random --add or --remove on one of the record's lists (a list it lacks gets made)."""
    field = rng.choice(LIST_FIELDS[folder])
    current = data.get(field) if isinstance(data.get(field), list) else []
    if current and rng.random() < 0.4:
        return field, "remove", rng.choice(current)
    fresh = [v for v in pool[field] if v not in current]
    return (field, "add", rng.choice(fresh)) if fresh else (field, "remove", current[0])


def value_pool(repo: Path) -> dict[str, list[str]]:
    from lpps_cli.reading.loader import load_registry

    registry = load_registry(repo)
    members = sorted(registry.members)
    return {
        "target_groups": sorted(registry.taxonomy.terms("target-groups")),
        "areas": sorted(registry.taxonomy.terms("areas")),
        "languages": ["pl", "en", "uk", "cs", "de", "ru"],
        "partners": members,
        "members": members,
        "attended": members,
        "funded_by": sorted(registry.of("project")),
        "decisions": sorted(registry.of("decision")),
    }


def test_the_example_registry_passes_the_shipped_yamllint():
    config = lint_config()
    files = sorted(EXAMPLE.rglob("*.yaml"))
    assert len(files) > 100
    for path in files:
        assert lint(path.read_text(encoding="utf-8"), config) == [], path
    # one set of rules: the project's own is the one lpps init gives every new registry
    assert (ROOT / ".yamllint").read_text(encoding="utf-8") == (ROOT / "templates/init/yamllint.yaml").read_text(
        encoding="utf-8"
    )


def test_a_hundred_random_list_edits_keep_every_diff_to_the_list(tmp_path):
    """Through the writer's library API (no validation: the shape of the text is what is tested)."""
    from lpps_cli.changes import fieldpath
    from lpps_cli.changes.edit import new_text
    from lpps_cli.reading.yamlio import parse

    repo = example_repo(tmp_path)
    pool, config, rng = value_pool(repo), lint_config(), random.Random(19)
    files = record_files(repo)
    for _ in range(100):
        rel = rng.choice(files)
        path = repo / rel
        before = path.read_text(encoding="utf-8")
        data = parse(before.encode("utf-8"))
        field, op, value = list_edit(rng, data, rel.split("/")[0], pool)
        current = list(data.get(field) or [])
        new = [*current, value] if op == "add" else [v for v in current if v != value]
        after = new_text(
            before,
            fieldpath.split(field),
            new,
            added=value if op == "add" else None,
            removed=value if op == "remove" else None,
            position=current.index(value) if op == "remove" else None,
        )
        assert parse(after.encode("utf-8"))[field] == new
        path.write_text(after, encoding="utf-8")
        assert_diff_within(repo, rel, before, after, [field])
        assert lint(after, config) == [], (rel, field, op, value, after)
        commit_all(repo, f"{op} {value} {field} of {rel}")


# -- through `lpps set`'s plan and apply, with the registry checked before each write --------------
SCALAR_FIELDS = {
    "services": ["name.en", "name.uk", "eligibility.en", "capacity.occupied"],
    "members": ["name.en", "name.cs", "short_name"],
    "meetings": ["title.en", "location"],
    "groups": ["name.en"],
    "projects": ["title.en"],
}
TEXT = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s)


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory):
    repo = example_repo(tmp_path_factory.mktemp("writer"))
    return repo, git(repo, "rev-parse", "HEAD").strip(), value_pool(repo)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(["scalar", "list", "list"]), st.randoms(use_true_random=False), TEXT),
        min_size=1,
        max_size=5,
    )
)
def test_random_set_sequences_keep_git_diff_to_the_field_and_yamllint_clean(shared_repo, steps):
    from lpps_cli.changes import fieldpath
    from lpps_cli.changes.edit import apply, plan
    from lpps_cli.errors import LppsError
    from lpps_cli.reading.loader import load_registry
    from lpps_cli.reading.yamlio import parse

    repo, base, pool = shared_repo
    git(repo, "reset", "-q", "--hard", base)
    config, today = lint_config(), dt.date.fromisoformat(EXAMPLE_TODAY)
    files = record_files(repo)
    for kind, rng, text in steps:
        rel = rng.choice(files)
        folder, path = rel.split("/")[0], repo / rel
        before = path.read_text(encoding="utf-8")
        data = parse(before.encode("utf-8"))
        if kind == "scalar":
            field = rng.choice(SCALAR_FIELDS[folder])
            value = str(rng.randint(0, 10)) if field == "capacity.occupied" else text
            args: dict = {}
        else:
            field, op, value = list_edit(rng, data, folder, pool)
            args = {op: True}
        try:
            change = plan(load_registry(repo), data["id"], field, value, today=today, **args)
        except LppsError:
            assert path.read_text(encoding="utf-8") == before  # refused: nothing written
            continue
        apply(change)
        after = path.read_text(encoding="utf-8")
        assert_diff_within(repo, rel, before, after, fieldpath.split(field))
        assert lint(after, config) == [], (rel, field, value, after)
        commit_all(repo, f"set {field} of {rel}")
