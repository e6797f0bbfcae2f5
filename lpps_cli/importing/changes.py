"""A plan made real: the new text of every file (an update through the same comment-keeping
writer as ``lpps set``, a new record as ``lpps new`` writes it), the whole registry checked
with every new text in memory, problems traced back to ``FILE:ROW:COLUMN``, and the files
written only when nothing is wrong."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, cast

from lpps_cli.changes import fieldpath
from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.importing.plan import Plan, Target
from lpps_cli.importing.rows import ImportProblem, Where
from lpps_cli.model.registry import Record, Registry

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class FileText:
    target: Target
    before: str | None
    after: str


def _dates(value: Any) -> Any:
    """ISO texts as dates, so a new file writes ``2024-03-12`` rather than a quoted string."""
    if isinstance(value, str) and _ISO.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    return value


def _parts(path: str) -> list[str | int]:
    return fieldpath.split(path)


def updated_text(text: str, changes: list[tuple[str, Any, Any]], fast: bool = True) -> str:
    """``text`` with each change made; a scalar replaced token for token, anything else
    through ruamel's round trip (comments, key order and quoting stay)."""
    from lpps_cli.changes.edit import new_text, round_trip
    from lpps_cli.importing.splice import fast_splice

    def scalar(text: str, path: str, value: Any) -> str:
        done = fast_splice(text, path, _dates(value)) if fast else None
        return done if done is not None else new_text(text, _parts(path), _dates(value))

    for path, old, new in changes:
        parts = _parts(path)
        if not isinstance(old, (dict, list)) and not isinstance(new, (dict, list)) and old is not None:
            text = scalar(text, path, new)
        elif isinstance(old, dict) and isinstance(new, dict):
            for lang, value in new.items():
                if old.get(lang) != value:
                    text = (
                        scalar(text, f"{path}.{lang}", value)
                        if lang in old
                        else round_trip(text, [*parts, lang], value)
                    )
        else:
            if old is not None:  # a list or map replaced whole: clear it first (round_trip appends to lists)
                text = round_trip(text, parts, None)
            text = round_trip(text, parts, _dates(new))
    return text


def _expected(data: dict[str, Any], changes: list[tuple[str, Any, Any]]) -> dict[str, Any]:
    import copy

    from lpps_cli.importing.plan import set_path

    wanted = copy.deepcopy(data)
    for path, _old, new in changes:
        set_path(wanted, path, new)
    return wanted


def _reads_as(text: str, wanted: dict[str, Any]) -> bool:
    from lpps_cli.reading.limits import YamlProblem
    from lpps_cli.reading.yamlio import parse

    try:
        return parse(text.encode("utf-8")) == wanted
    except YamlProblem:
        return False


def texts(registry: Registry, plan: Plan) -> list[FileText]:
    from lpps_cli.changes.newrecord import record_text

    out = []
    for target in plan.targets.values():
        if target.new:
            out.append(FileText(target, None, record_text(target.kind, _dates(target.data), root=registry.root)))
        else:
            path = registry.root / target.rel_path
            before = path.read_bytes().decode("utf-8-sig")
            after = updated_text(before, target.changes)
            if not _reads_as(after, _expected(target.data, target.changes)):
                after = updated_text(
                    before, target.changes, fast=False
                )  # the careful way, when the quick one was not exact
            out.append(FileText(target, before, after))
    return out


def with_texts(registry: Registry, files: list[FileText]) -> Registry:
    """A copy of ``registry`` (sharing unchanged records) with every file's new text."""
    from lpps_cli.reading.limits import YamlProblem
    from lpps_cli.reading.yamlio import parse

    records = {kind: dict(found) for kind, found in registry.records.items()}
    paths = list(registry.files)
    known = set(paths)
    for item in files:
        try:
            data = cast("dict[str, Any]", parse(item.after.encode("utf-8")))  # the writer's text of a record
        except YamlProblem as exc:  # the writer made something it cannot read back: a bug, said plainly
            raise LppsError(
                _("the import made text that is not valid YAML: %(why)s") % {"why": exc.message}, item.target.rel_path
            ) from None
        records.setdefault(item.target.kind, {})[item.target.id] = Record(
            item.target.kind, item.target.id, item.target.rel_path, data
        )
        if item.target.rel_path not in known:
            paths.append(item.target.rel_path)
    return Registry(
        root=registry.root,
        partnership=registry.partnership,
        records=records,
        taxonomy=registry.taxonomy,
        problems=list(registry.problems),
        files=paths,
        bodies=registry.bodies,
        duplicates=registry.duplicates,
    )


#: rules that judge each record on its own (a service also by its provider's country): run on
#: the changed records only, which at national scale saves seconds (phone numbers, secrets)
LOCAL_RULES = ("taxonomy", "capacity", "contact", "language", "privacy", "secret")


def _problems(registry: Registry, today: dt.date, changed: set[str]) -> list:
    """The registry's problems that an import of the records ``changed`` (ids) can alter."""
    from lpps_cli.checking.validate import rule_problems
    from lpps_cli.reading import schemas
    from lpps_cli.rules import RULES

    cross = [code for code in RULES if code not in LOCAL_RULES]
    found = [*registry.problems, *rule_problems(registry, today, cross)]
    records: dict[str, dict[str, Record]] = {}
    paths = set()
    for record in registry.all_records():
        if record.id in changed and record.kind != "partnership":
            records.setdefault(record.kind, {})[record.id] = record
            paths.add(record.path)
            found += schemas.check(record.kind, record.path, record.data)
    for service in list(records.get("service", {}).values()):  # a service's phones use its provider's country
        provider = registry.members.get(service.get("provider"))
        if provider is not None:
            records.setdefault("member", {}).setdefault(provider.id, provider)
    part = Registry(
        root=registry.root,
        partnership=registry.partnership,
        records=records,
        taxonomy=registry.taxonomy,
        files=sorted(paths),
    )
    found += [p for p in rule_problems(part, today, LOCAL_RULES) if p.file in paths]
    return found


def _key(problem) -> tuple:
    return (problem.severity, problem.rule, problem.file, problem.message)


def check(registry: Registry, plan: Plan, files: list[FileText], today: dt.date) -> list[ImportProblem]:
    """Errors the registry would have after the import that it does not have now, each at
    the row and column it came from."""
    if not files:
        return []
    changed = {f.target.id for f in files}
    before = {_key(p) for p in _problems(registry, today, changed)}
    after = _problems(with_texts(registry, files), today, changed)
    by_path = {f.target.rel_path: f.target for f in files}
    found = []
    for problem in after:
        if problem.severity != "error" or _key(problem) in before:
            continue
        target = by_path.get(problem.file)
        where = _where(target, problem.pointer) if target else Where(problem.file, problem.line)
        tip = (
            _(" (members from before the registry: --admitted-as-of DATE records their admission)")
            if problem.rule == "membership" and "admitted_by" in problem.message
            else ""
        )
        found.append(ImportProblem(where, f"{problem.message} [{problem.rule}]{tip}"))
    return found


def _where(target: Target, pointer: str) -> Where:
    path = ".".join(p for p in pointer.strip("/").split("/") if p)
    inside = next((w for key, w in target.origin.items() if path and key.startswith(path + ".")), None)
    if inside is not None:  # a problem of a whole object (capacity) at its first column
        return inside
    while path:
        if path in target.origin:
            return target.origin[path]
        path = path.rsplit(".", 1)[0] if "." in path else ""
    return target.where


def write(registry: Registry, files: list[FileText]) -> None:
    """Every file, or none when one changed since it was read."""
    from lpps_cli.changes.newrecord import NewRecord
    from lpps_cli.changes.newrecord import write as write_new
    from lpps_cli.fsio import atomic_write

    for item in files:
        path = registry.root / item.target.rel_path
        if item.before is None and path.exists():
            raise LppsError(
                _("%(path)s appeared while the import was prepared; run it again") % {"path": item.target.rel_path}
            )
        if item.before is not None and path.read_bytes().decode("utf-8-sig") != item.before:
            raise LppsError(_("the file changed while the import was prepared; run it again"), item.target.rel_path)
    for item in files:
        if item.before is None:
            write_new(registry, NewRecord(item.target.kind, item.target.id, item.target.rel_path, item.after))
        else:
            atomic_write(registry.root / item.target.rel_path, item.after)


def sentences(plan: Plan) -> list[str]:
    """What the import does, record by record, in the words of ``lpps diff``."""
    out = []
    for target in sorted(plan.targets.values(), key=lambda t: (not t.new, t.kind, t.id)):
        if target.new:
            out.append(_("new %(kind)s %(id)s") % {"kind": target.kind, "id": target.id})
        else:
            parts = [f"{path} {fieldpath.display(old)} → {fieldpath.display(new)}" for path, old, new in target.changes]
            out.append(f"{target.id}: " + "; ".join(parts))
    return out


def as_data(plan: Plan) -> dict[str, Any]:
    return {
        "new": [
            {"kind": t.kind, "id": t.id, "file": t.rel_path, "data": t.data} for t in plan.targets.values() if t.new
        ],
        "changed": [
            {
                "kind": t.kind,
                "id": t.id,
                "file": t.rel_path,
                "fields": [{"field": p, "old": o, "new": n} for p, o, n in t.changes],
            }
            for t in plan.targets.values()
            if not t.new
        ],
        "problems": [p.as_dict() for p in plan.problems],
        "warnings": [p.as_dict() for p in plan.warnings],
    }
