"""Lists of records with the filters a coordinator needs, each filter O(n) over one kind.

Filters are applied one after another, so an empty result can say which filter emptied it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from lpps_cli.errors import LppsError
from lpps_cli.i18n.localize import all_texts
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.index import Index
from lpps_cli.model.registry import Record, Registry
from lpps_cli.model.suggest import did_you_mean
from lpps_cli.model.taxonomy import fold
from lpps_cli.model.term_match import narrower_or_self, resolve_term
from lpps_cli.query.rows import RowMaker, ids, mapping

#: command name -> record kind
LIST_KINDS = {
    "members": "member",
    "services": "service",
    "documents": "document",
    "meetings": "meeting",
    "decisions": "decision",
    "projects": "project",
    "groups": "group",
}


@dataclass
class Filters:
    """What the user typed; every value may list several choices separated by commas."""

    sector: str | None = None
    kind: str | None = None
    status: str | None = None
    type: str | None = None
    target_group: str | None = None
    area: str | None = None
    form: str | None = None
    member: str | None = None
    group: str | None = None
    since: str | None = None
    until: str | None = None
    search: str | None = None

    def given(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


APPLICABLE: dict[str, set[str]] = {
    "member": {"sector", "kind", "status", "target_group", "area", "group", "since", "until", "search"},
    "service": {"sector", "kind", "status", "type", "target_group", "area", "form", "member", "group", "search"},
    "document": {"kind", "status", "member", "since", "until", "search"},
    "meeting": {"kind", "status", "member", "group", "since", "until", "search"},
    "decision": {"kind", "status", "member", "since", "until", "search"},
    "project": {"status", "member", "target_group", "since", "until", "search"},
    "group": {"status", "type", "target_group", "member", "since", "until", "search"},
}
#: the date that --since/--until compare with
DATE_FIELD: dict[str, Callable[[Record], Any]] = {
    "member": lambda r: r.get("joined"),
    "document": lambda r: r.get("adopted"),
    "meeting": lambda r: r.get("date"),
    "decision": lambda r: r.get("date"),
    "project": lambda r: mapping(r.get("period")).get("start"),
    "group": lambda r: r.get("started"),
}
#: fields whose text --search looks at, in every language
SEARCH_FIELDS = (
    "name",
    "short_name",
    "title",
    "description",
    "profile",
    "text",
    "offers",
    "seeks",
    "eligibility",
    "summary",
    "funder",
    "programme",
)
STATUS_FIELD = {"decision": "outcome"}


@cache
def schema_enum(kind: str, field: str) -> tuple[str, ...]:
    from lpps_cli.resources import data_dir

    schema = json.loads((data_dir("schemas") / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return tuple(schema["properties"].get(field, {}).get("enum", ()))


def _choices(text: str) -> list[str]:
    return [part.strip() for part in str(text).split(",") if part.strip()]


def _enum_values(text: str, allowed: tuple[str, ...], option: str) -> set[str]:
    chosen = set(_choices(text))
    for value in chosen:
        if value not in allowed:
            raise LppsError(
                _("--%(option)s '%(value)s' is not one of %(allowed)s%(hint)s")
                % {
                    "option": option,
                    "value": value,
                    "allowed": ", ".join(allowed),
                    "hint": did_you_mean(value, allowed),
                }
            )
    return chosen


def _date(text: str, option: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise LppsError(
            _("--%(option)s '%(value)s' is not a date; write YYYY-MM-DD") % {"option": option, "value": text}
        ) from None


def record_id(registry: Registry, text: str, kind: str) -> str:
    """An existing record id of ``kind``, or LppsError with a 'did you mean'."""
    records = registry.of(kind)
    if text not in records:
        raise LppsError(
            _("no %(kind)s '%(id)s'%(hint)s; list them with 'lpps %(command)s'")
            % {"kind": kind, "id": text, "hint": did_you_mean(text, records), "command": kind + "s"}
        )
    return text


def search_text(record: Record) -> str:
    parts = [record.id]
    for key in SEARCH_FIELDS:
        parts.extend(all_texts(record.get(key)))
    for item in record.get("agenda") or []:
        if isinstance(item, dict):
            parts.extend(all_texts(item.get("title")))
    return fold("\n".join(parts))


def terms_of(record: Record, key: str, registry: Registry) -> list[str]:
    """Target groups or areas: a service without its own areas serves its provider's."""
    if record.kind == "group":
        return ids(mapping(record.get("focus")).get(key))
    values = ids(record.get(key))
    if not values and key == "areas" and record.kind == "service":
        provider = registry.members.get(record.get("provider"))
        values = ids(provider.get("areas")) if provider else []
    return values


class Query:
    """Compiles Filters into named predicates for one kind of record."""

    def __init__(self, registry: Registry, kind: str, index: Index | None = None):
        self.registry = registry
        self.kind = kind
        self.index = index or Index(registry)

    def predicates(self, filters: Filters) -> list[tuple[str, Callable[[Record], bool]]]:
        out = []
        for option, value in filters.given().items():
            if option not in APPLICABLE[self.kind]:
                raise LppsError(
                    _("--%(option)s does not apply to %(kind)ss; it filters %(kinds)s")
                    % {
                        "option": option.replace("_", "-"),
                        "kind": self.kind,
                        "kinds": ", ".join(k + "s" for k, opts in APPLICABLE.items() if option in opts),
                    }
                )
            out.append((option.replace("_", "-"), getattr(self, f"_{option}")(value)))
        return out

    def select(self, filters: Filters, records=None) -> tuple[list[Record], str | None]:
        """The records that pass every filter, and the first filter that left none (or None)."""
        kept = list(self.registry.of(self.kind).values() if records is None else records)
        for option, keep in self.predicates(filters):
            before = len(kept)
            kept = [r for r in kept if keep(r)]
            if before and not kept:
                return [], option
        return kept, None

    # -- one compiler per filter -------------------------------------------------
    def _provider(self, record: Record) -> Record | None:
        return self.registry.members.get(record.get("provider")) if self.kind == "service" else record

    def _sector(self, value):
        wanted = _enum_values(value, schema_enum("member", "sector"), "sector")
        return lambda r: (self._provider(r) or r).get("sector") in wanted

    def _kind(self, value):
        if self.kind in ("member", "service"):
            wanted = {resolve_term(self.registry.taxonomy, "member-kinds", v) for v in _choices(value)}
            return lambda r: (self._provider(r) or r).get("kind") in wanted
        wanted = _enum_values(value, schema_enum(self.kind, "kind"), "kind")
        return lambda r: r.get("kind") in wanted

    def _status(self, value):
        if self.kind == "group":
            wanted = _enum_values(value, ("active", "ended"), "status")
            return lambda r: ("ended" if r.get("ended") else "active") in wanted
        key = STATUS_FIELD.get(self.kind, "status")
        wanted = _enum_values(value, schema_enum(self.kind, key), "status")
        return lambda r: r.get(key) in wanted

    def _type(self, value):
        wanted = {resolve_term(self.registry.taxonomy, "service-types", v) for v in _choices(value)}
        if self.kind == "group":
            return lambda r: bool(wanted & set(ids(mapping(r.get("focus")).get("service_types"))))
        return lambda r: r.get("type") in wanted

    def _terms(self, value, vocabulary: str, key: str):
        wanted: set[str] = set()
        for text in _choices(value):
            wanted |= narrower_or_self(
                self.registry.taxonomy, vocabulary, resolve_term(self.registry.taxonomy, vocabulary, text)
            )
        return lambda r: bool(wanted.intersection(terms_of(r, key, self.registry)))

    def _target_group(self, value):
        return self._terms(value, "target-groups", "target_groups")

    def _area(self, value):
        return self._terms(value, "areas", "areas")

    def _form(self, value):
        wanted = {
            resolve_term(self.registry.taxonomy, "forms", v) if "forms" in self.registry.taxonomy else v
            for v in _choices(value)
        }
        return lambda r: r.get("form") in wanted

    def _member(self, value: Any) -> Callable[[Record], bool]:
        wanted = {record_id(self.registry, v, "member") for v in _choices(value)}
        decisions_about = {m: set(self.index.decisions_about.get(m, ())) for m in wanted}
        involved: dict[str, Callable[[Record], list]] = {
            "service": lambda r: [r.get("provider"), *ids(r.get("partners"))],
            "document": lambda r: ids(r.get("signatories")),
            "meeting": lambda r: ids(r.get("attended")),
            "decision": lambda r: [m for m in wanted if r.id in decisions_about[m]],
            "project": lambda r: [r.get("lead"), *ids(r.get("partners"))],
            "group": lambda r: ids(r.get("members")),
        }
        return lambda r: bool(wanted.intersection(involved[self.kind](r)))

    def _group(self, value):
        chosen = {record_id(self.registry, v, "group") for v in _choices(value)}
        if self.kind == "meeting":
            return lambda r: r.get("group") in chosen
        members = {m for g in chosen for m in ids(self.registry.groups[g].get("members"))}
        return lambda r: (r.get("provider") if self.kind == "service" else r.id) in members

    def _since(self, value):
        since, date_of = _date(value, "since"), DATE_FIELD[self.kind]
        return lambda r: isinstance(date_of(r), str) and date_of(r) >= since

    def _until(self, value):
        until, date_of = _date(value, "until"), DATE_FIELD[self.kind]
        return lambda r: isinstance(date_of(r), str) and date_of(r) <= until

    def _search(self, value):
        wanted = fold(value)
        return lambda r: wanted in search_text(r)


def sort_key(kind: str, row: dict[str, Any]):
    """Dated records by date, others by name (case-insensitive), then id."""
    if kind in ("meeting", "decision"):
        return (row.get("date") or "", row["id"])
    return (fold(row.get("name") or row.get("title") or row["id"]), row["id"])


def list_records(
    registry: Registry, kind: str, filters: Filters, lang: str, raw: bool = False
) -> tuple[list[dict[str, Any]], str | None]:
    """Rows of the records of ``kind`` that pass ``filters`` (original data with ``raw``),
    and the option that emptied the list, if one did."""
    index = Index(registry)
    records, emptied_by = Query(registry, kind, index).select(filters)
    maker = RowMaker(registry, lang, index)
    rows = sorted(((maker.row(r), r) for r in records), key=lambda pair: sort_key(kind, pair[0]))
    return [dict(r.data) if raw else row for row, r in rows], emptied_by


def columns(kind: str) -> list[str]:
    """The columns of ``kind``'s rows, also when there are no rows (for a CSV header)."""
    empty = Registry(root=None, partnership=None, records={}, taxonomy=None)  # type: ignore[arg-type]
    return list(RowMaker(empty, "en", Index(empty)).row(Record(kind, "", "", {})))
