"""``lpps diff``: what changed between two states of a registry, by record and field.

A state is a git revision (read with ``git ls-tree`` and ``git cat-file``, never checked
out) or the working tree. Records are matched by kind and id; a removed record whose
content reappears under a new id is a rename. Field changes are found by walking both
records: maps by key (a localized text by language), lists of plain values by item
(added, removed), other lists by position.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lpps_cli.model.registry import FOLDERS, KIND_OF_FOLDER

WORKTREE = "working tree"


@dataclass
class Snapshot:
    label: str
    records: dict[tuple[str, str], dict[str, Any]]  # (kind, id) -> data
    paths: dict[tuple[str, str], str]
    unreadable: list[str] = field(default_factory=list)


@dataclass
class FieldChange:
    field: str
    old: Any = None
    new: Any = None
    # dataclasses.field: in this class body the name ``field`` is the attribute above
    added: list[Any] = dataclasses.field(default_factory=list)
    removed: list[Any] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"field": self.field}
        if self.added or self.removed:
            found.update(added=self.added, removed=self.removed)
        else:
            found.update(old=self.old, new=self.new)
        return found


@dataclass
class RecordChange:
    kind: str
    id: str
    path: str
    data: dict[str, Any]  # the record as it is now (as it was, for a removed one)
    fields: list[FieldChange] = field(default_factory=list)
    old_id: str | None = None  # for a rename


@dataclass
class Diff:
    base: str
    head: str
    added: list[RecordChange] = field(default_factory=list)
    removed: list[RecordChange] = field(default_factory=list)
    renamed: list[RecordChange] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.changed)


# -- reading both states ------------------------------------------------------------------
def kind_of(rel_path: str) -> str | None:
    if rel_path == "partnership.yaml":
        return "partnership"
    folder, _slash, name = rel_path.partition("/")
    return KIND_OF_FOLDER.get(folder) if name and "/" not in name else None


def snapshot(label: str, files: dict[str, bytes | None]) -> Snapshot:
    """The records of ``files`` (path -> bytes; None for a file that was refused unread)."""
    from lpps_cli.reading.limits import YamlProblem
    from lpps_cli.reading.yamlio import parse

    records: dict[tuple[str, str], dict[str, Any]] = {}
    paths: dict[tuple[str, str], str] = {}
    unreadable: list[str] = []
    for rel, raw in sorted(files.items()):
        kind = kind_of(rel)
        if kind is None:
            continue
        try:
            data = parse(raw) if raw is not None else None
        except YamlProblem:
            data = None
        if not isinstance(data, dict):
            unreadable.append(f"{label}:{rel}")
            continue
        record_id: str = data["id"] if isinstance(data.get("id"), str) else Path(rel).stem
        records[(kind, record_id)] = data
        paths[(kind, record_id)] = rel
    return Snapshot(label, records, paths, unreadable)


def worktree_files(root: Path) -> dict[str, bytes | None]:
    """Path -> bytes of every record file in the working tree, read under the loader's rule
    (fsio.read_contained): a file that is or passes through a link out of the registry, or is
    over the size limit, maps to None and is never read, so a linked credential file cannot
    reach a pull-request comment."""
    from lpps_cli.fsio import OutsideRegistry, TooLarge, read_contained
    from lpps_cli.reading.limits import Limits

    names = ["partnership.yaml"] if (root / "partnership.yaml").is_file() else []
    for folder in FOLDERS.values():
        if (root / folder).is_dir():
            names += [f"{folder}/{path.name}" for path in sorted((root / folder).glob("*.yaml")) if path.is_file()]
    found: dict[str, bytes | None] = {}
    for rel in names:
        try:
            found[rel] = read_contained(root, rel, Limits().max_file_bytes)
        except (OutsideRegistry, TooLarge, OSError):
            found[rel] = None
    return found


def read_state(root: Path, rev: str | None, folder_prefix: str) -> Snapshot:
    from lpps_cli.changes import gitio

    if rev is None:
        return snapshot(WORKTREE, worktree_files(root))
    commit = gitio.verify(root, rev)
    return snapshot(rev, gitio.files_at(root, commit, folder_prefix))


def compare_revisions(root: Path, base: str | None = None, head: str | None = None) -> Diff:
    """``base`` defaults to the merge base of HEAD with the default branch, ``head`` to the
    working tree."""
    from lpps_cli.changes import gitio

    folder_prefix = gitio.prefix(root)
    if base is None:
        branch = gitio.default_branch(root)
        base = gitio.merge_base(root, branch)
        base_label = f"{branch} (merge base {base[:7]})" if base != branch else branch
    else:
        base_label = base
    old = read_state(root, base, folder_prefix)
    old.label = base_label
    new = read_state(root, head, folder_prefix)
    return compare(old, new)


# -- comparing ----------------------------------------------------------------------------
def compare(old: Snapshot, new: Snapshot) -> Diff:
    diff = Diff(old.label, new.label, unreadable=[*old.unreadable, *new.unreadable])
    gone = [key for key in old.records if key not in new.records]
    came = [key for key in new.records if key not in old.records]
    for key in gone:
        match = next(
            (k for k in came if k[0] == key[0] and _without_id(new.records[k]) == _without_id(old.records[key])), None
        )
        if match is not None:
            came.remove(match)
            diff.renamed.append(RecordChange(match[0], match[1], new.paths[match], new.records[match], old_id=key[1]))
        else:
            diff.removed.append(RecordChange(key[0], key[1], old.paths[key], old.records[key]))
    for key in came:
        diff.added.append(RecordChange(key[0], key[1], new.paths[key], new.records[key]))
    for key, data in new.records.items():
        if key in old.records and old.records[key] != data:
            changes = list(field_changes(old.records[key], data))
            if changes:
                diff.changed.append(RecordChange(key[0], key[1], new.paths[key], data, changes))
    order = {kind: i for i, kind in enumerate(("partnership", *FOLDERS))}
    for bucket in (diff.added, diff.removed, diff.renamed, diff.changed):
        bucket.sort(key=lambda c: (order.get(c.kind, 99), c.id))
    return diff


def _without_id(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "id"}


def field_changes(old: Any, new: Any, path: str = ""):
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if old.get(key) != new.get(key):
                yield from field_changes(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
        return
    if isinstance(old, list) and isinstance(new, list):
        if all(_hashable(v) for v in [*old, *new]):
            added = [v for v in new if v not in old]
            removed = [v for v in old if v not in new]
            if added or removed:
                yield FieldChange(path, added=added, removed=removed)
            elif old != new:
                yield FieldChange(path, old, new)  # the same items in a new order
            return
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else None
            after = new[index] if index < len(new) else None
            if before != after:
                yield from field_changes(before, after, f"{path}.{index}")
        return
    yield FieldChange(path, old, new)


def _hashable(value: Any) -> bool:
    return not isinstance(value, (dict, list))
