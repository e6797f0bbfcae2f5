"""Checking a record before it is written: the whole registry's schemas and rules, with
the new text of one file in memory, so a write never makes the registry worse."""

from __future__ import annotations

import datetime as dt

from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.problems import Problem
from lpps_cli.model.registry import Record, Registry


def _key(problem: Problem) -> tuple:
    return (problem.severity, problem.rule, problem.file, problem.message)


def problems_of(registry: Registry, today: dt.date) -> list[Problem]:
    from lpps_cli.checking.validate import rule_problems, schema_problems

    return [*registry.problems, *schema_problems(registry), *rule_problems(registry, today)]


def with_record(registry: Registry, kind: str, rel_path: str, text: str) -> Registry:
    """A copy of ``registry`` (sharing the unchanged records) where ``rel_path`` holds ``text``."""
    from lpps_cli.reading.limits import YamlProblem
    from lpps_cli.reading.yamlio import parse

    try:
        data = parse(text.encode("utf-8"))
    except YamlProblem as exc:
        raise LppsError(
            _("the new text is not valid YAML: %(why)s") % {"why": exc.message}, rel_path, exc.line
        ) from None
    if not isinstance(data, dict):
        raise LppsError(_("the new text is not a mapping of fields"), rel_path)
    record_id: str = data["id"] if isinstance(data.get("id"), str) else rel_path.rsplit("/", 1)[-1][:-5]
    record = Record(kind, record_id, rel_path, data)
    records = {k: dict(v) for k, v in registry.records.items()}
    partnership = registry.partnership
    if kind == "partnership":
        partnership = record
    else:
        for existing_id, existing in list(records[kind].items()):
            if existing.path == rel_path:
                del records[kind][existing_id]
        records[kind][record_id] = record
    files = registry.files if rel_path in registry.files else [*registry.files, rel_path]
    return Registry(
        root=registry.root,
        partnership=partnership,
        records=records,
        taxonomy=registry.taxonomy,
        problems=[p for p in registry.problems if p.file != rel_path],
        files=files,
        bodies=registry.bodies,
        duplicates=registry.duplicates,
    )


def new_errors(
    registry: Registry, kind: str, rel_path: str, text: str, today: dt.date, before: list[Problem] | None = None
) -> list[Problem]:
    """Errors the registry would have with ``text`` at ``rel_path`` that it does not have now,
    placed at their line in the new text when they are in that file."""
    from lpps_cli.reading.yamlio import Locator

    before_keys = {_key(p) for p in (before if before is not None else problems_of(registry, today))}
    changed = with_record(registry, kind, rel_path, text)
    fresh = [p for p in problems_of(changed, today) if p.severity == "error" and _key(p) not in before_keys]
    if not fresh:
        return []
    locator = Locator(text)
    placed = []
    for problem in fresh:
        if problem.file == rel_path and problem.line is None:
            line, column = locator.key(problem.pointer) if problem.at_key else locator.value(problem.pointer)
            problem = problem.placed(line, column)
        placed.append(problem)
    return placed


def refuse(problems: list[Problem], what: str) -> None:
    """Raise the refusal: the first problem on the error line, the rest counted."""
    first = problems[0]
    more = len(problems) - 1
    tail = (_(" (and %(count)d more problems)") % {"count": more}) if more else ""
    raise LppsError(
        _("%(what)s refused, nothing was written: %(message)s [%(rule)s]%(tail)s")
        % {"what": what, "message": first.message, "rule": first.rule, "tail": tail},
        first.file,
        first.line,
    )
