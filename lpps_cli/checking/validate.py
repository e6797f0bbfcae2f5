"""``validate``: schemas and every rule over a whole registry, problems placed at their lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lpps_cli.model.problems import Problem
from lpps_cli.model.registry import Registry
from lpps_cli.rules import RULES


@dataclass
class Report:
    registry: Registry
    problems: list[Problem]
    files: int
    today: dt.date
    checked_files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def schema_problems(registry: Registry) -> list[Problem]:
    """The schemas, and the characters and numbers no output can carry (lpps_cli.rules.characters),
    which are part of the ``schema`` rule: values a record's types alone cannot refuse."""
    from lpps_cli.reading import schemas
    from lpps_cli.rules.characters import check_record

    problems: list[Problem] = []
    for record in registry.all_records():
        problems.extend(schemas.check(record.kind, record.path, record.data))
        problems.extend(check_record(record.kind, record.path, record.data))
    return problems


def rule_problems(registry: Registry, today: dt.date, rules: Iterable[str] = RULES) -> list[Problem]:
    problems: list[Problem] = []
    for code in rules:
        problems.extend(RULES[code](registry, today))
    return problems


#: rules slow enough per record (phone numbers, e-mail addresses) to run on the other core
#: while this one checks the schemas and the other rules
BACKGROUND_RULES = ("contact",)
#: registries smaller than this are checked on one core (a fork costs ~10 ms)
PARALLEL_FROM = 300


def validate(registry: Registry, today: dt.date | None = None, only: Iterable[str] | None = None) -> Report:
    """Every problem of ``registry``; ``only`` (registry-relative files or folders) narrows the
    report, while references are still checked against the whole registry."""
    from lpps_cli.reading import parallel

    today = today or dt.date.today()
    large = len(registry.files) >= PARALLEL_FROM
    from lpps_cli.rules.common import shared_json
    from lpps_cli.rules.secrets import check_secret_comments

    background = parallel.start(
        lambda: [*rule_problems(registry, today, BACKGROUND_RULES), *check_secret_comments(registry)], worth_it=large
    )
    # (the secret rule's comments read every file's bytes: beside the contact rule, on the other core)
    foreground = [code for code in RULES if code not in BACKGROUND_RULES]
    with shared_json():  # the character check and the secret rule screen the same JSON of each record
        problems = [
            *registry.problems,
            *schema_problems(registry),
            *rule_problems(registry, today, foreground),
            *background.result(),
        ]
    files = registry.files
    if only is not None:
        wanted = [w.rstrip("/") for w in only]

        def keep(path: str) -> bool:
            return any(w in ("", ".") or path == w or path.startswith(w + "/") for w in wanted)

        problems = [p for p in problems if keep(p.file)]
        files = [f for f in files if keep(f)]
    problems = sorted(set(place(registry.root, problems)), key=Problem.sort_key)
    return Report(registry, problems, len(files), today, files)


def place(root: Path, problems: list[Problem]) -> list[Problem]:
    """Give every problem without a line the line and column of its pointer, reading each
    such file once with the round-trip loader (on two cores when there are many files)."""
    from lpps_cli.reading import parallel

    by_file: dict[str, list[Problem]] = {}
    placed: list[Problem] = []
    for problem in problems:
        if problem.line is None:
            by_file.setdefault(problem.file, []).append(problem)
        else:
            placed.append(problem)
    groups = list(by_file.items())
    for batch in parallel.split_map(
        lambda part: [_place_file(root, f, p) for f, p in part], groups, worth_it=len(groups) >= 20
    ):
        placed.extend(batch)
    return placed


def _place_file(root: Path, file: str, pending: list[Problem]) -> list[Problem]:
    """Cost: a rapidyaml parse of the file (microseconds) and a walk per pointer; the pointers
    rapidyaml cannot answer exactly (lpps_cli.reading.fastlocate) get a round-trip parse with ruamel
    (pure Python: ~10-50 ms)."""
    from lpps_cli.fsio import read_contained
    from lpps_cli.reading.fastlocate import FastLocator
    from lpps_cli.reading.limits import Limits
    from lpps_cli.reading.yamlio import Locator, decode, fast_enabled

    try:  # the loader's containment rule and size limit: nothing is read to place a problem
        raw = read_contained(root, file, Limits().max_file_bytes)
        text = decode(raw)
    except Exception:  # unreadable now: keep the problem, at the top of the file
        return [p.placed(1, 1) for p in pending]
    fast = FastLocator(raw) if fast_enabled() else None
    slow = None
    placed = []
    for problem in pending:
        where = (fast.key(problem.pointer) if problem.at_key else fast.value(problem.pointer)) if fast else None
        if where is None:
            slow = slow or Locator(text)
            where = slow.key(problem.pointer) if problem.at_key else slow.value(problem.pointer)
        placed.append(problem.placed(*where))
    return placed


def relative_paths(registry_root: Path, paths: Iterable[str]) -> list[str]:
    """Registry-relative forms of user-given paths: relative to the current folder, else to the
    registry. A path that does not exist is an error (exit 2): a typo in a CI recipe must not
    make it pass on nothing."""
    from lpps_cli.errors import LppsError

    root = registry_root.resolve()
    found = []
    for raw in paths:
        path = Path(raw)
        existing = [c for c in (path.resolve(), (registry_root / path).resolve()) if c.exists()]
        if not existing:
            raise LppsError(
                f"{raw!r} does not exist, here or in the registry {str(registry_root)!r}; "
                "give files or folders of the registry (services/, members/x.yaml)"
            )
        for candidate in existing:
            try:
                found.append(candidate.relative_to(root).as_posix())
                break
            except ValueError:
                continue
        else:
            raise LppsError(f"{raw!r} is not inside the registry {str(registry_root)!r}")
    return found


#: the rules whose errors leave a record out of the outputs: a value no output can carry or
#: may publish, an id or a reference that does not hold, an address mail cannot reach. The
#: governance rules (board, cadence, membership, documents, decisions, projects, capacity,
#: language) describe the partnership's state, not a broken record: a decision taken without
#: quorum still belongs in that meeting's minutes, and CI's validate fails on it anyway.
LEAVE_OUT_RULES = frozenset({"yaml", "schema", "id", "reference", "taxonomy", "contact", "privacy", "secret"})


def without_invalid(registry: Registry, today: dt.date) -> tuple[Registry, list[Problem]]:
    """The registry without every record that has an error of LEAVE_OUT_RULES, for the commands
    that build outputs: a record validate refuses never reaches a portal, an export or an
    invitation. Both files of a duplicate id are left out (never silently one of them).

    Returns the smaller registry and, per left-out file, its first problem. partnership.yaml is
    never left out (every output needs it): its rule errors describe the partnership's state,
    not a value an output cannot carry; a schema error in it stops the command (LppsError).
    Cost: one ``validate`` (about two seconds at national scale)."""
    from dataclasses import replace

    from lpps_cli.errors import LppsError
    from lpps_cli.reading.loader import PARTNERSHIP_FILE, build_taxonomy

    report = validate(registry, today)
    first: dict[str, Problem] = {}
    for problem in report.problems:
        if problem.severity != "error" or problem.rule not in LEAVE_OUT_RULES:
            continue
        if problem.file != PARTNERSHIP_FILE:
            first.setdefault(problem.file, problem)
        elif problem.rule in ("schema", "yaml", "secret"):
            raise LppsError(
                f"{PARTNERSHIP_FILE}:{problem.line or 1}: {problem.message} — outputs are built only "
                "from a valid partnership file; run 'lpps validate' and fix it"
            )
    for duplicate in registry.duplicates:
        kept = registry.of(duplicate.kind).get(duplicate.id)
        for record in (kept, duplicate):
            if record is not None and record.path not in first:
                first[record.path] = Problem(
                    "error", "id", record.path, None, None, "", f"id '{record.id}' is used by another file too"
                )
    left_out = {file for file in first}
    if not left_out:
        return registry, []
    records = {
        kind: {rid: r for rid, r in by_id.items() if r.path not in left_out} for kind, by_id in registry.records.items()
    }
    smaller = replace(
        registry,
        records=records,
        duplicates=[],
        taxonomy=build_taxonomy(records.get("taxonomy", {}))
        if any(f.startswith("taxonomy/") for f in left_out)
        else registry.taxonomy,
    )
    return smaller, sorted(first.values(), key=Problem.sort_key)


def without_duplicates(registry: Registry) -> tuple[Registry, list[Problem]]:
    """The registry without both files of every duplicate id: the part of ``without_invalid``
    that costs nothing, for the query commands that must answer within a second."""
    from dataclasses import replace

    if not registry.duplicates:
        return registry, []
    left: dict[str, Problem] = {}
    for duplicate in registry.duplicates:
        for record in (registry.of(duplicate.kind).get(duplicate.id), duplicate):
            if record is not None:
                left.setdefault(
                    record.path,
                    Problem(
                        "error", "id", record.path, None, None, "", f"id '{record.id}' is used by another file too"
                    ),
                )
    records = {
        kind: {rid: r for rid, r in by_id.items() if r.path not in left} for kind, by_id in registry.records.items()
    }
    return replace(registry, records=records, duplicates=[]), sorted(left.values(), key=Problem.sort_key)
