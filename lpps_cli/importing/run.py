"""One import from start to end, for the CLI and for tests: read the sheets, plan, make the
texts, check the whole registry, and write only when nothing is wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lpps_cli.importing.changes import FileText, check, texts, write
from lpps_cli.importing.plan import Plan, build
from lpps_cli.importing.rows import RowValues, read_rows
from lpps_cli.model.registry import Registry

KINDS = ("member", "service", "group", "representative")


@dataclass
class Options:
    status: str | None = None  # a new member's status when its row has none
    admitted_as_of: str | None = None  # record pre-registry members' admission as of this date
    sheet: str | None = None
    encoding: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # --map: header -> field
    terms: dict[str, str] = field(default_factory=dict)  # --map: text -> term id
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)  # --map: kind -> field -> value of new records
    today: dt.date | None = None


@dataclass
class Result:
    plan: Plan
    files: list[FileText]
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.plan.problems


def load_map(path: Path | None) -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, Any]]]:
    """``--map``: {columns: {header: field}, terms: {text: term id}, defaults: {kind: {field: value}}}."""
    if path is None:
        return {}, {}, {}
    from lpps_cli.errors import LppsError
    from lpps_cli.importing.columns import load_mapping
    from lpps_cli.reading.limits import YamlProblem
    from lpps_cli.reading.yamlio import parse

    try:
        data: Any = parse(path.read_bytes())
    except (OSError, YamlProblem) as exc:
        raise LppsError(f"{path}: {getattr(exc, 'message', exc)}") from None
    terms = data.get("terms", {}) if isinstance(data, dict) else {}
    defaults = data.get("defaults", {}) if isinstance(data, dict) else {}
    if (
        not isinstance(terms, dict)
        or not isinstance(defaults, dict)
        or not all(isinstance(v, dict) for v in defaults.values())
    ):
        raise LppsError(f"{path}: terms maps texts to term ids; defaults maps kinds to {{field: value}}")
    plain = {k: v for k, v in data.items() if k not in ("terms", "defaults")}
    return load_mapping(plain), {str(k): str(v) for k, v in terms.items()}, defaults


def sheet_rows(registry: Registry, kind: str, path: Path, options: Options) -> tuple[list[RowValues], list]:
    from lpps_cli.importing.matching import member_names
    from lpps_cli.importing.sheets import read
    from lpps_cli.importing.values import Parser

    rows: list[RowValues] = []
    problems: list = []
    names = member_names(registry)
    for sheet_kind, sheet in read(path, kind, options.sheet, options.encoding):
        parser = Parser(registry, sheet_kind, names, options.terms)
        found, _cols, trouble = read_rows(sheet, sheet_kind, parser, registry.languages, options.columns)
        rows += found
        problems += trouble
    return rows, problems


def run(
    registry: Registry,
    rows: list[RowValues],
    options: Options,
    source: str,
    do_write: bool,
    read_problems: list | None = None,
    warnings: list | None = None,
) -> Result:
    plan = build(registry, rows, options.status, options.defaults)
    plan.problems[:0] = read_problems or []
    plan.warnings += warnings or []
    if options.admitted_as_of:
        from lpps_cli.importing.admission import record_admission

        record_admission(registry, plan, options.admitted_as_of, source)
    files = texts(registry, plan)
    if not plan.problems:  # the registry check makes sense only for rows that could be read
        plan.problems += check(registry, plan, files, options.today or dt.date.today())
    result = Result(plan, files)
    if do_write and result.ok and files:
        write(registry, files)
        result.written = True
    return result
