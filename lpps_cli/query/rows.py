"""One flat row per record for lists and exports: localized text resolved to one language.

The columns of each kind are documented in docs/queries.md; keep them stable (add, never
rename). Lists stay lists (joined with ';' in CSV); missing values are None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lpps_cli.i18n.localize import localize
from lpps_cli.model.capacity import free_places
from lpps_cli.model.index import Index
from lpps_cli.model.registry import Record, Registry


def ids(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Capacity:
    unit: str | None
    total: int | None
    occupied: int | None
    as_of: str | None

    @property
    def free(self) -> int | None:
        """Free places: total - occupied when both are known (never below zero)."""
        return free_places({"total": self.total, "occupied": self.occupied})


def capacity_of(service: Record) -> Capacity:
    cap = mapping(service.get("capacity"))
    number = lambda key: cap.get(key) if isinstance(cap.get(key), int) and not isinstance(cap.get(key), bool) else None  # noqa: E731
    return Capacity(
        cap.get("unit") if isinstance(cap.get("unit"), str) else None,
        number("total"),
        number("occupied"),
        cap.get("as_of") if isinstance(cap.get("as_of"), str) else None,
    )


class RowMaker:
    """Builds rows for one registry, language and index."""

    def __init__(self, registry: Registry, lang: str, index: Index | None = None):
        self.registry = registry
        self.lang = lang
        self.default = registry.default_language
        self.index = index or Index(registry)

    def text(self, value: Any) -> str | None:
        return localize(value, self.lang, self.default) or None

    def name_of(self, record_id: Any) -> str | None:
        record = self.registry.get(record_id) if isinstance(record_id, str) else None
        if record is None:
            return None
        return self.text(record.get("name") or record.get("title")) or record.id

    def row(self, record: Record) -> dict[str, Any]:
        return ROW_BUILDERS[record.kind](self, record)

    # -- one builder per kind ------------------------------------------------
    def member(self, m: Record) -> dict[str, Any]:
        address = mapping(m.get("address"))
        return {
            "id": m.id,
            "name": self.text(m.get("name")),
            "short_name": m.get("short_name"),
            "sector": m.get("sector"),
            "kind": m.get("kind"),
            "status": m.get("status"),
            "founding": bool(m.get("founding", False)),
            "joined": m.get("joined"),
            "left": m.get("left"),
            "city": address.get("city"),
            "email": m.get("email"),
            "phone": m.get("phone"),
            "website": m.get("website"),
            "target_groups": ids(m.get("target_groups")),
            "areas": ids(m.get("areas")),
            "services": len(self.index.services_of.get(m.id, ())),
            "groups": list(self.index.groups_of.get(m.id, ())),
        }

    def service(self, s: Record) -> dict[str, Any]:
        cap = capacity_of(s)
        locations = [loc for loc in s.get("locations") or [] if isinstance(loc, dict)]
        city = mapping(locations[0].get("address")).get("city") if locations else None
        return {
            "id": s.id,
            "name": self.text(s.get("name")),
            "provider": s.get("provider"),
            "provider_name": self.name_of(s.get("provider")),
            "partners": ids(s.get("partners")),
            "type": s.get("type"),
            "form": s.get("form"),
            "status": s.get("status"),
            "target_groups": ids(s.get("target_groups")),
            "areas": ids(s.get("areas")),
            "unit": cap.unit,
            "total": cap.total,
            "occupied": cap.occupied,
            "free": cap.free,
            "as_of": cap.as_of,
            "languages": ids(s.get("languages")),
            "city": city,
            "description": self.text(s.get("description")),
        }

    def document(self, d: Record) -> dict[str, Any]:
        return {
            "id": d.id,
            "title": self.text(d.get("title")),
            "kind": d.get("kind"),
            "version": d.get("version"),
            "status": d.get("status"),
            "adopted": d.get("adopted"),
            "adopted_by": d.get("adopted_by"),
            "supersedes": d.get("supersedes"),
            "signatories": ids(d.get("signatories")),
            "project": d.get("project"),
        }

    def meeting(self, m: Record) -> dict[str, Any]:
        place = m.get("place")
        place_text = (
            self.text(place.get("name") or place.get("address", {}).get("city") or place.get("url"))
            if isinstance(place, dict)
            else self.text(place)
        )
        attended = ids(m.get("attended"))
        return {
            "id": m.id,
            "date": m.get("date"),
            "start": m.get("start"),
            "end": m.get("end"),
            "title": self.text(m.get("title")),
            "kind": m.get("kind"),
            "group": m.get("group"),
            "status": m.get("status"),
            "place": place_text,
            "attended": attended,
            "attendance": len(attended),
            "decisions": self.index.meeting_decisions(self.registry, m.id),
        }

    def decision(self, d: Record) -> dict[str, Any]:
        votes = mapping(d.get("votes"))
        return {
            "id": d.id,
            "date": d.get("date"),
            "method": d.get("method"),
            "meeting": d.get("meeting"),
            "kind": d.get("kind"),
            "outcome": d.get("outcome"),
            "subject": ids(d.get("subject")),
            "text": self.text(d.get("text")),
            "for": ids(votes.get("for")),
            "against": ids(votes.get("against")),
            "abstain": ids(votes.get("abstain")),
        }

    def project(self, p: Record) -> dict[str, Any]:
        period = mapping(p.get("period"))
        return {
            "id": p.id,
            "title": self.text(p.get("title")),
            "status": p.get("status"),
            "lead": p.get("lead"),
            "partners": ids(p.get("partners")),
            "funder": p.get("funder"),
            "programme": p.get("programme"),
            "amount": p.get("amount"),
            "currency": p.get("currency"),
            "start": period.get("start"),
            "end": period.get("end"),
            "target_groups": ids(p.get("target_groups")),
            "on_behalf_of_partnership": bool(p.get("on_behalf_of_partnership", False)),
            "consortium_agreement": p.get("consortium_agreement"),
        }

    def group(self, g: Record) -> dict[str, Any]:
        focus = mapping(g.get("focus"))
        return {
            "id": g.id,
            "name": self.text(g.get("name")),
            "lead": g.get("lead"),
            "members": ids(g.get("members")),
            "started": g.get("started"),
            "ended": g.get("ended"),
            "status": "ended" if g.get("ended") else "active",
            "service_types": ids(focus.get("service_types")),
            "target_groups": ids(focus.get("target_groups")),
        }


ROW_BUILDERS: dict[str, Callable[[RowMaker, Record], dict[str, Any]]] = {
    "member": RowMaker.member,
    "service": RowMaker.service,
    "document": RowMaker.document,
    "meeting": RowMaker.meeting,
    "decision": RowMaker.decision,
    "project": RowMaker.project,
    "group": RowMaker.group,
}
