"""From rows to records: which record each row is about (new or existing), and for an
existing one the fields whose value changes — only fields that have a column and a
different value, so re-importing the same sheet changes nothing.

Rows are :class:`~lpps_cli.importing.rows.RowValues`; spreadsheets and HSDS both give them.
``changes.py`` turns the plan into file texts, checks them and writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lpps_cli.i18n.translations import gettext as _
from lpps_cli.importing.matching import Index, index, normal
from lpps_cli.importing.rows import ImportProblem, Ref, RowValues, Where
from lpps_cli.model.registry import FOLDERS, Registry
from lpps_cli.model.slug import slugify

#: a new record's values when the sheet has none (members: --status, else applicant)
NEW_DEFAULTS = {"member": {"status": "applicant"}, "service": {"status": "active"}, "group": {}}
REPRESENTATIVE_FIELDS = ("name", "role", "email", "phone", "visibility")


@dataclass
class Target:
    """A record the import creates (``new``) or changes."""

    kind: str
    id: str
    rel_path: str
    new: bool
    where: Where  # the row it came from
    data: dict[str, Any]  # a new record's data; an existing record's current data
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)  # (field path, old, new)
    origin: dict[str, Where] = field(default_factory=dict)


@dataclass
class Plan:
    targets: dict[str, Target] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)


def get_path(data: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for index_, part in enumerate(parts[:-1]):
        following = parts[index_ + 1]
        if isinstance(data, list):
            while len(data) <= int(part):
                data.append({})
            data = data[int(part)]
        else:
            data = data.setdefault(part, [] if following.isdigit() else {})
    if isinstance(data, list):
        while len(data) <= int(parts[-1]):
            data.append(None)
        data[int(parts[-1])] = value
    else:
        data[parts[-1]] = value


def localized(old: Any, texts: dict[str, str], default: str) -> Any:
    """``old`` with the languages of ``texts`` replaced: a plain text stays plain while it
    is the default language only."""
    merged = {default: old} if isinstance(old, str) else dict(old) if isinstance(old, dict) else {}
    merged.update(texts)
    if set(merged) == {default} and not isinstance(old, dict):
        return merged[default]
    return merged


class Planner:
    def __init__(
        self, registry: Registry, status: str | None = None, defaults: dict[str, dict[str, Any]] | None = None
    ):
        self.registry = registry
        self.defaults = defaults or {}
        self.default = registry.default_language
        self.status = status
        self.plan = Plan()
        self.indexes: dict[str, Index] = {}
        self.claimed: dict[str, Where] = {}
        self.taken = {r.id for r in registry.all_records()}
        self.missing_reported: set[tuple[str, str]] = set()
        self.refs: dict[str, str] = {}  # RowValues.ref -> record id

    def problem(self, where: Where, message: str) -> None:
        self.plan.problems.append(ImportProblem(where, message))

    def index(self, kind: str) -> Index:
        if kind not in self.indexes:
            self.indexes[kind] = index(self.registry, kind)
        return self.indexes[kind]

    # -- rows -------------------------------------------------------------------------
    def add(self, row: RowValues) -> None:
        if row.kind == "representative":
            self._representative(row)
            return
        for name, value in list(row.values.items()):
            if isinstance(value, Ref):
                if value.key not in self.refs:
                    self.problem(row.origin.get(name, row.where), _("the record this names did not come in"))
                    return
                row.values[name] = self.refs[value.key]
        # a row with its own identity (an HSDS record's id) may have namesakes: the next one
        taken: set[str] | frozenset[str] = set(self.claimed) if row.ref else frozenset()
        found = self.index(row.kind).find(row.values, taken)
        if found is not None and found in self.claimed:
            self.problem(
                row.where,
                _("this row and row %(row)s are both about %(id)s; keep one")
                % {"row": self.claimed[found].row, "id": found},
            )
            return
        if found is None:
            found = self._new(row)
            if found is None:
                return
        elif found not in self.plan.targets:  # (else made by this import from an earlier row)
            self._update(row, found)
        self.claimed[found] = row.where
        if row.ref:
            self.refs[row.ref] = found

    def _new(self, row: RowValues) -> str | None:
        from lpps_cli.reading.schemas import bundled

        data: dict[str, Any] = {}
        for name, value in row.values.items():
            set_path(
                data,
                name,
                localized(None, value, self.default)
                if isinstance(value, dict) and name in _localized_fields()
                else value,
            )
        for key, value in self.defaults.get(row.kind, {}).items():
            if get_path(data, key) is None:
                set_path(data, key, value)
        for key, value in NEW_DEFAULTS.get(row.kind, {}).items():
            data.setdefault(key, self.status if key == "status" and self.status else value)
        if row.kind == "group" and "members" not in data and isinstance(data.get("lead"), str):
            data["members"] = [data["lead"]]
        missing = [name for name in bundled(row.kind).get("required", []) if name != "id" and name not in data]
        for name in missing:
            if name in row.columns:
                self.problem(
                    row.where, _("%(field)s is empty; a new %(kind)s needs it") % {"field": name, "kind": row.kind}
                )
            elif (row.where.file, name) not in self.missing_reported:
                self.missing_reported.add((row.where.file, name))
                self.problem(
                    Where(row.where.file, row.header_row),
                    _("there is no %(field)s column, and a new %(kind)s needs one (rows that add records: %(row)s, …)")
                    % {"field": name, "kind": row.kind, "row": row.where.row},
                )
        record_id = data.get("id") or self._new_id(data)
        if missing:
            if record_id:  # still known, so a second row for the same record is found out
                self.index(row.kind).add(record_id, data)
                self.claimed[record_id] = row.where
            return None
        if record_id is None:
            self.problem(row.where, _("the row has no name to make an id from"))
            return None
        if record_id in self.taken:
            self.problem(row.where, _("the id '%(id)s' is taken by another record") % {"id": record_id})
            return None
        data = {"id": record_id, **{k: v for k, v in data.items() if k != "id"}}
        self.taken.add(record_id)
        self.index(row.kind).add(record_id, data)
        self.plan.targets[record_id] = Target(
            row.kind, record_id, f"{FOLDERS[row.kind]}/{record_id}.yaml", True, row.where, data, origin=dict(row.origin)
        )
        return record_id

    def _new_id(self, data: dict[str, Any]) -> str | None:
        name = data.get("short_name") or data.get("name")
        text = name.get(self.default) or next(iter(name.values()), "") if isinstance(name, dict) else name
        base = slugify(text or "")[:60].rstrip("-")
        if not base:
            return None
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    def _update(self, row: RowValues, record_id: str) -> None:
        record = self.registry.of(row.kind)[record_id]
        target = Target(row.kind, record_id, record.path, False, row.where, record.data, origin=dict(row.origin))
        for name, value in row.values.items():
            if name == "id":
                continue
            old = get_path(record.data, name)
            if isinstance(value, dict) and name in _localized_fields():
                value = localized(old, value, self.default)
            if value != old:
                target.changes.append((name, old, value))
        self.plan.targets[record_id] = target

    # -- representatives (rows keyed by member) ------------------------------------------
    def _representative(self, row: RowValues) -> None:
        ref = row.values.get("member")
        if not ref or not row.values.get("name"):
            self.problem(row.where, _("a representative needs a member (id or name) and a name"))
            return
        members = self.index("member")
        member_id = ref if ref in members.ids else members.first(f"name::{normal(ref)}")
        if member_id is None:
            from lpps_cli.model.suggest import did_you_mean

            self.problem(
                row.origin.get("member", row.where),
                _("'%(value)s' is neither the id nor the name of a member%(hint)s")
                % {"value": ref, "hint": did_you_mean(ref, sorted(members.ids))},
            )
            return
        target = self.plan.targets.get(member_id)
        if target is None:
            record = self.registry.members[member_id]
            target = Target("member", member_id, record.path, False, row.where, record.data)
            self.plan.targets[member_id] = target
        entry = {k: row.values[k] for k in REPRESENTATIVE_FIELDS if k in row.values}
        if isinstance(entry.get("role"), dict):
            entry["role"] = localized(None, entry["role"], self.default)
        if target.new:
            target.data.setdefault("representatives", []).append(entry)
            return
        current = list(target.data.get("representatives") or [])
        planned = [c for c in target.changes if c[0].startswith("representatives.")]
        position = next(
            (
                i
                for i, rep in enumerate(current)
                if isinstance(rep, dict) and normal(str(rep.get("name", ""))) == normal(entry["name"])
            ),
            None,
        )
        if position is None:
            index_ = len(current) + sum(1 for c in planned if c[1] is None and c[0].count(".") == 1)
            target.changes.append((f"representatives.{index_}", None, entry))
            for key in entry:
                target.origin[f"representatives.{index_}.{key}"] = row.origin.get(key, row.where)
            return
        for key, value in entry.items():
            old = current[position].get(key)
            if key == "role":
                value = localized(old, value if isinstance(value, dict) else {self.default: value}, self.default)
            if value != old:
                target.changes.append((f"representatives.{position}.{key}", old, value))
                target.origin[f"representatives.{position}.{key}"] = row.origin.get(key, row.where)


def _localized_fields() -> set[str]:
    from lpps_cli.importing.columns import LOCALIZED

    return LOCALIZED


def build(
    registry: Registry,
    rows: list[RowValues],
    status: str | None = None,
    defaults: dict[str, dict[str, Any]] | None = None,
) -> Plan:
    """The plan for ``rows`` (kinds in the order given: members before their representatives);
    ``defaults`` fill fields a new record's row leaves empty (``--map``'s ``defaults``)."""
    planner = Planner(registry, status, defaults)
    for row in rows:
        planner.add(row)
    plan = planner.plan
    plan.targets = {k: t for k, t in plan.targets.items() if t.new or t.changes}
    return plan
