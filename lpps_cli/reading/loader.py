"""Finding a registry folder and loading it: every readable file, and a Problem for each other one."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from lpps_cli.errors import LppsError
from lpps_cli.model.problems import Problem, error
from lpps_cli.model.registry import FOLDERS, Record, Registry
from lpps_cli.model.taxonomy import Taxonomy, Vocabulary
from lpps_cli.reading.bulkread import read_many, read_one
from lpps_cli.reading.readcache import open_cache
from lpps_cli.reading.yamlio import Limits, read_record

if TYPE_CHECKING:
    from lpps_cli.reading.bulkread import ReadResult

PARTNERSHIP_FILE = "partnership.yaml"
Progress = Callable[[int, int], None]


def find_registry(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Path:
    """The registry folder: ``explicit`` (or $LPPS_REGISTRY), else the nearest folder upward
    holding partnership.yaml or a registry/ folder that does, else the shipped example."""
    return locate_registry(explicit, start)[0]


def locate_registry(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> tuple[Path, bool]:
    """find_registry's folder, and whether it is the shipped example that nothing chose (which
    commands that change a registry refuse: it lives inside the installed package)."""
    chosen = explicit or os.environ.get("LPPS_REGISTRY")
    if chosen:
        path = Path(chosen).expanduser()
        if path.is_file() and path.name == PARTNERSHIP_FILE:
            return path.parent, False
        if (path / PARTNERSHIP_FILE).is_file():
            return path, False
        if (path / "registry" / PARTNERSHIP_FILE).is_file():
            return path / "registry", False
        if not path.exists():
            raise LppsError(
                f"registry folder {str(path)!r} does not exist; give --registry the folder that holds partnership.yaml"
            )
        raise LppsError(
            f"{str(path)!r} holds no partnership.yaml; give --registry the folder that holds "
            "it, or create one with 'lpps init'"
        )
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PARTNERSHIP_FILE).is_file():
            return folder, False
        if (folder / "registry" / PARTNERSHIP_FILE).is_file():
            return folder / "registry", False
    from lpps_cli.resources import example_registry

    return example_registry(), True


def registry_files(root: Path) -> tuple[list[tuple[str, str, str]], list[Problem]]:
    """(kind, path in the registry, path on disk) of every record file, and problems with the
    layout itself. Paths are strings: at 13,000 files pathlib's objects cost a tenth of a second.

    One containment rule (fsio.contained) for the partnership file, every record folder and
    every record file: one that is, or passes through, a link resolving outside the registry is
    a problem at that path and is never read. Only links pay for the check (realpath): a plain
    entry of a folder already found inside the registry is inside too."""
    files: list[tuple[str, str, str]] = []
    problems: list[Problem] = []
    partnership = _contained_path(root, PARTNERSHIP_FILE, problems)
    if partnership is not None and partnership.is_file():
        files.append(("partnership", PARTNERSHIP_FILE, str(partnership)))
    elif partnership is not None:
        problems.append(
            error("yaml", PARTNERSHIP_FILE, "", "partnership.yaml is missing; create it (lpps init makes one)")
        )
    for kind, folder in FOLDERS.items():
        if not (root / folder).is_dir():
            continue
        directory = _contained_path(root, folder, problems)
        if directory is None:
            continue
        with os.scandir(directory) as listing:  # the kind of each entry comes with it: no stat per file
            entries = sorted(listing, key=lambda e: e.name)
        for item in entries:
            name = item.name
            rel = f"{folder}/{name}"
            if name.endswith(".yml") and len(name) > 4:
                problems.append(
                    error("id", rel, "", f"record files end in .yaml; rename it to {folder}/{name[:-4]}.yaml")
                )
                continue
            if not name.endswith(".yaml") or len(name) == 5:
                continue
            path = item.path
            if item.is_symlink():
                real = _contained_path(root, rel, problems)
                if real is None:
                    continue
                path = str(real)
            if item.is_dir():
                problems.append(
                    _at_top(error("yaml", rel, "", "this is a folder, not a record file; rename or remove it"))
                )
            elif not item.is_file():
                problems.append(
                    _at_top(
                        error(
                            "yaml",
                            rel,
                            "",
                            "this is not a regular file (a device, a pipe or "
                            "a broken link); replace it with a record file",
                        )
                    )
                )
            else:
                files.append((kind, rel, path))
    return files, problems


def _contained_path(root: Path, rel: str, problems: list[Problem]) -> Path | None:
    """fsio.contained's real path of ``rel``, or None with the refusal added to ``problems``."""
    from lpps_cli.fsio import OutsideRegistry, contained

    try:
        return contained(root, rel)
    except OutsideRegistry:
        what = "file" if rel.endswith(".yaml") else "folder"
        problems.append(
            _at_top(
                error(
                    "yaml",
                    rel,
                    "",
                    f"the {what} is a link (or passes through one) that "
                    f"points outside the registry; it is not read. Copy the {what} into "
                    "the registry instead",
                )
            )
        )
        return None


def _at_top(problem: Problem) -> Problem:
    """Placed at line 1 now, so that nothing reads the file again to place it."""
    return problem.placed(1, None)


def load_registry(root: str | os.PathLike[str], progress: Progress | None = None, freeze: bool = False) -> Registry:
    """Load every record of the registry at ``root``. Never raises for a bad file: the file
    becomes a Problem in ``registry.problems`` and the rest is loaded.

    The garbage collector is paused meanwhile: a national registry is millions of objects, none
    of them garbage yet, and each collection on the way would walk them all again. ``freeze``
    (for a command, whose registry lives as long as the process) then moves them out of the
    collector's sight for good (gc.freeze), before it runs again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_registry(root, progress)
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()


def _load_registry(root: str | os.PathLike[str], progress: Progress | None) -> Registry:
    root = Path(root)
    if not root.is_dir():
        raise LppsError(f"registry folder {str(root)!r} does not exist")
    entries, problems = registry_files(root)
    limits = Limits()
    records: dict[str, dict[str, Record]] = {kind: {} for kind in FOLDERS}
    partnership: Record | None = None
    duplicates: list[Record] = []
    files: list[str] = []
    if entries and entries[0][0] == "partnership":  # first: its limits apply to every other file
        first = read_one(entries[0][2], limits)
        if first[0] == "data":
            limits, refused = Limits.checked(first[1].get("limits"))
            problems.extend(error("yaml", PARTNERSHIP_FILE, f"/limits/{key}", message) for key, message in refused)
        results: Sequence[ReadResult] = [first, *_read_records(root, entries[1:], limits, progress)]
    else:
        results = _read_records(root, entries, limits, progress)
    for (kind, rel, _), result in zip(entries, results):
        files.append(rel)
        if result[0] == "problem":
            _, message, line, column = result
            problems.append(Problem("error", "yaml", rel, line, column, "", message))
            continue
        data = result[1]
        record_id = data["id"] if isinstance(data.get("id"), str) else rel.rsplit("/", 1)[-1][:-5]
        record = Record(kind, record_id, rel, data)
        if kind == "partnership":
            partnership = record
        elif record_id in records[kind]:
            duplicates.append(record)
        else:
            records[kind][record_id] = record
    registry = Registry(
        root=root,
        partnership=partnership,
        records=records,
        taxonomy=build_taxonomy(records["taxonomy"]),
        problems=problems,
        files=files,
        duplicates=duplicates,
    )
    registry.bodies = _bodies(root, problems)
    return registry


def _bodies(root: Path, problems: list[Problem]) -> dict[str, str]:
    """Document id -> its sibling Markdown file, unless documents/ is a link out of the registry
    (registry_files has reported that already)."""
    if not (root / "documents").is_dir() or any(p.file == "documents" for p in problems):
        return {}
    return {p.stem: f"documents/{p.name}" for p in sorted((root / "documents").glob("*.md"))}


def _read_records(
    root: Path, entries: list[tuple[str, str, str]], limits: Limits, progress: Progress | None
) -> Sequence[ReadResult]:
    """read_many, with the files that did not change since an earlier run taken from the cache."""
    cache = open_cache(root, limits)
    if cache is None:
        return read_many([path for _, _, path in entries], limits, progress)
    results: list[dict[str, Any] | ReadResult | None] = [cache.lookup(rel, path) for _, rel, path in entries]
    missing = [index for index, found in enumerate(results) if found is None]
    for index, result in zip(missing, read_many([entries[i][2] for i in missing], limits, progress, cache.digest)):
        results[index] = result
        if result[0] == "data":
            cache.store(entries[index][1], entries[index][2], result[1], result[2])
    cache.save()  # now, before any command could change the data it holds
    # (every None was replaced by read_many's result above)
    return cast("list[ReadResult]", [("data", found) if isinstance(found, dict) else found for found in results])


def build_taxonomy(records: dict[str, Record]) -> Taxonomy:
    """The registry's vocabularies; a vocabulary the registry lacks comes from the package default."""
    vocabularies: dict[str, Vocabulary] = {}
    for record in records.values():
        vocabularies[record.id] = _vocabulary(record)
    for vocab_id, record in default_taxonomy().items():
        vocabularies.setdefault(vocab_id, _vocabulary(record, packaged=True))
    return Taxonomy(vocabularies)


def _vocabulary(record: Record, packaged: bool = False) -> Vocabulary:
    terms: dict[str, Any] = {}
    for term in record.data.get("terms") or []:
        if isinstance(term, dict) and isinstance(term.get("id"), str):
            terms.setdefault(term["id"], term)
    return Vocabulary(record.id, "" if packaged else record.path, record.data.get("title"), terms)


_DEFAULT_TAXONOMY: dict[str, Record] | None = None


def default_taxonomy() -> dict[str, Record]:
    """The taxonomy that ships with the package (copied by ``lpps init``)."""
    global _DEFAULT_TAXONOMY
    if _DEFAULT_TAXONOMY is None:
        from lpps_cli.resources import data_dir

        found = {}
        for path in sorted(data_dir("taxonomy").glob("*.yaml")):
            data = read_record(path)
            found[path.stem] = Record("taxonomy", path.stem, f"taxonomy/{path.name}", data)
        _DEFAULT_TAXONOMY = found
    return _DEFAULT_TAXONOMY
