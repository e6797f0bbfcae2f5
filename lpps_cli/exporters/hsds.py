"""Open Referral HSDS 3.0: members become organizations, services services, vocabularies taxonomies.

HSDS 3.0 has one language per data set (``lang``), UUID ids, and no capacity field: capacity,
the form of a service and registration numbers travel as ``attribute`` records that point at
terms of an ``lpps`` taxonomy (see docs/exports.md). Ids are UUID 5 under a namespace fixed by
the partnership's id, so a re-export keeps them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from lpps_cli.exporters import free_places, localize, public_records
from lpps_cli.model.audience import PUBLIC

#: HSDS object types in the order a reader needs them (referenced ones first)
HSDS_TYPES = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "organization_identifier",
    "location",
    "address",
    "service",
    "service_at_location",
    "service_area",
    "schedule",
    "language",
    "phone",
    "contact",
    "funding",
    "attribute",
)
STATUS = {"active": "active", "planned": "inactive", "suspended": "temporarily closed", "ended": "defunct"}
#: terms of the ``lpps`` taxonomy that name what HSDS 3.0 lacks
LPPS_TERMS = {
    "capacity-total": "Capacity: total places",
    "capacity-occupied": "Capacity: occupied places",
    "capacity-free": "Capacity: free places",
    "capacity-unit": "Capacity: unit (beds, places, clients, hours)",
    "capacity-as-of": "Capacity: date the numbers were true (YYYY-MM-DD)",
    "registration": "Id in a national register of social services",
}
#: vocabulary -> HSDS attribute link_type for a service or organization that uses one of its terms
LINK_TYPES = {
    "service-types": "service_type",
    "target-groups": "target_group",
    "forms": "form",
    "areas": "area",
    "member-kinds": "member_kind",
    "sectors": "sector",
}
#: fields an HSDS schema requires: kept even when empty
REQUIRED = {
    "address": ("address_1", "city", "state_province", "postal_code", "country", "address_type"),
    "organization": ("name", "description"),
    "taxonomy": ("name", "description"),
    "taxonomy_term": ("name", "description"),
    "service": ("name", "status"),
    "location": ("location_type",),
    "organization_identifier": ("identifier_type", "identifier"),
    "phone": ("number",),
}
DAYS = {"mo": "MO", "tu": "TU", "we": "WE", "th": "TH", "fr": "FR", "sa": "SA", "su": "SU"}


def namespace(partnership_id: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://lpps.example.org/partnership/{partnership_id}")


class HsdsBuilder:
    """Collects HSDS records by type while walking the registry."""

    def __init__(self, registry, lang: str, audience: str = PUBLIC):
        self.registry = registry
        self.lang = lang
        self.default = registry.default_language
        self.audience = audience
        pid = registry.partnership.id if registry.partnership else "lpps"
        self.ns = namespace(pid)
        self.out: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def uid(self, *parts: str) -> str:
        return str(uuid.uuid5(self.ns, "/".join(parts)))

    def text(self, value: Any) -> str:
        return localize(value, self.lang, self.default)

    def add(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        keep = ("id", *REQUIRED.get(kind, ()))
        self.out[kind].append({k: v for k, v in record.items() if k in keep or v not in (None, "", [])})
        return record

    # -- taxonomies ------------------------------------------------------------
    def taxonomies(self) -> None:
        from lpps_cli.i18n.translations import gettext as _

        for vocab_id, vocab in sorted(self.registry.taxonomy.vocabularies.items()):
            tax_id = self.uid("taxonomy", vocab_id)
            self.add(
                "taxonomy",
                {
                    "id": tax_id,
                    "name": self.text(vocab.title) or vocab_id,
                    "description": self.text(getattr(vocab, "description", None)) or vocab_id,
                },
            )
            for term_id, entry in vocab.terms.items():
                broader = entry.get("broader")
                self.add(
                    "taxonomy_term",
                    {
                        "id": self.term(vocab_id, term_id),
                        "code": term_id,
                        "name": vocab.label(term_id, self.lang),
                        "description": self.text(entry.get("description")) or vocab.label(term_id, self.lang),
                        "parent_id": self.term(vocab_id, broader) if broader in vocab.terms else None,
                        "taxonomy": vocab_id,
                        "taxonomy_id": tax_id,
                        "language": self.lang,
                    },
                )
        tax_id = self.uid("taxonomy", "lpps")
        self.add(
            "taxonomy",
            {
                "id": tax_id,
                "name": "lpps",
                "description": _(
                    "Facts HSDS 3.0 has no field for: capacity and registration "
                    "numbers of services (see the lpps documentation)."
                ),
            },
        )
        for code, description in LPPS_TERMS.items():
            self.add(
                "taxonomy_term",
                {
                    "id": self.term("lpps", code),
                    "code": code,
                    "name": code,
                    "description": description,
                    "taxonomy": "lpps",
                    "taxonomy_id": tax_id,
                },
            )

    def term(self, vocab_id: str, term_id: str) -> str:
        return self.uid("term", vocab_id, term_id)

    def attribute(
        self, entity: str, link_id: str, vocab_id: str, term_id: Any, value: Any = None, link_type: str | None = None
    ) -> None:
        """One attribute row; ``term_id`` is the record's value (None when absent), kept only if it is a term."""
        if vocab_id != "lpps" and term_id not in self.registry.taxonomy.terms(vocab_id):
            return  # a term the validator reports; the export keeps only what resolves
        self.add(
            "attribute",
            {
                "id": self.uid("attribute", entity, link_id, vocab_id, term_id),
                "link_id": link_id,
                "link_entity": entity,
                "link_type": link_type or LINK_TYPES.get(vocab_id, vocab_id),
                "taxonomy_term_id": self.term(vocab_id, term_id),
                "value": None if value is None else str(value),
            },
        )

    # -- organizations ---------------------------------------------------------
    def organizations(self) -> None:
        for member_id, data in public_records(self.registry, "member", self.audience):
            org_id = self.uid("member", member_id)
            self.add(
                "organization",
                {
                    "id": org_id,
                    "name": self.text(data.get("name")),
                    "alternate_name": data.get("short_name"),
                    "description": self.text(data.get("profile")) or self.text(data.get("name")),
                    "email": data.get("email"),
                    "website": data.get("website"),
                },
            )
            registration: dict[str, Any] = data["registration"] if isinstance(data.get("registration"), dict) else {}
            country = registration.get("country") or self.registry.country or ""
            for key, value in sorted(registration.items()):
                if key != "country" and isinstance(value, str):
                    self.add(
                        "organization_identifier",
                        {
                            "id": self.uid("identifier", member_id, key),
                            "organization_id": org_id,
                            "identifier_scheme": f"{country}-{key.upper()}" if country else key.upper(),
                            "identifier_type": key,
                            "identifier": value,
                        },
                    )
            if data.get("phone"):
                self.add(
                    "phone",
                    {
                        "id": self.uid("phone", member_id),
                        "organization_id": org_id,
                        "number": data["phone"],
                        "type": "voice",
                    },
                )
            self.contacts(
                [*data.get("contacts", []), *data.get("representatives", [])],
                f"member/{member_id}",
                organization_id=org_id,
            )
            if isinstance(data.get("address"), dict):
                self.location(f"member/{member_id}", org_id, {"name": data.get("name"), "address": data["address"]})
            self.attribute("organization", org_id, "member-kinds", data.get("kind"))
            self.attribute("organization", org_id, "sectors", data.get("sector"))
            for group in data.get("target_groups", []):
                self.attribute("organization", org_id, "target-groups", group)

    def location(self, key: str, org_id: str, place: dict[str, Any]) -> str:
        loc_id = self.uid("location", key)
        geo: dict[str, Any] = place["geo"] if isinstance(place.get("geo"), dict) else {}
        self.add(
            "location",
            {
                "id": loc_id,
                "location_type": "physical",
                "organization_id": org_id,
                "name": self.text(place.get("name")),
                "latitude": geo.get("lat"),
                "longitude": geo.get("lon"),
            },
        )
        address: dict[str, Any] = place["address"] if isinstance(place.get("address"), dict) else {}
        if address.get("street") and address.get("city"):  # a confidential address has no street
            self.add(
                "address",
                {
                    "id": self.uid("address", key),
                    "location_id": loc_id,
                    "address_1": address["street"],
                    "city": address["city"],
                    "region": address.get("region"),
                    "state_province": address.get("region", ""),
                    "postal_code": address.get("postal_code", ""),
                    "country": address.get("country") or self.registry.country or "",
                    "address_type": "physical",
                },
            )
        return loc_id

    def contacts(self, contacts: list[Any], key: str, **owner: str) -> None:
        for index, contact in enumerate(c for c in contacts if isinstance(c, dict)):
            contact_id = self.uid("contact", key, str(index))
            self.add(
                "contact",
                {
                    "id": contact_id,
                    **owner,
                    "name": contact.get("name"),
                    "title": self.text(contact.get("role")),
                    "email": contact.get("email"),
                },
            )
            if contact.get("phone"):
                self.add(
                    "phone",
                    {
                        "id": self.uid("phone", key, str(index)),
                        "contact_id": contact_id,
                        "number": contact["phone"],
                        "type": "voice",
                    },
                )

    # -- services --------------------------------------------------------------
    def services(self) -> None:
        projects = self.registry.projects
        for service_id, data in public_records(self.registry, "service", self.audience):
            if data.get("provider") not in self.registry.members:
                continue  # a broken reference the validator reports
            sid = self.uid("service", service_id)
            org_id = self.uid("member", data["provider"])
            referral: dict[str, Any] = data["referral"] if isinstance(data.get("referral"), dict) else {}
            self.add(
                "service",
                {
                    "id": sid,
                    "organization_id": org_id,
                    "name": self.text(data.get("name")),
                    "description": self.text(data.get("description")),
                    "status": STATUS.get(data.get("status", ""), "inactive"),
                    "eligibility_description": self.text(data.get("eligibility")),
                    "application_process": self.text(referral.get("text")),
                    "fees_description": self.text(data.get("fee")),
                },
            )
            self.contacts(data.get("contacts", []), f"service/{service_id}", service_id=sid)
            if isinstance(referral.get("contact"), dict):
                self.contacts([referral["contact"]], f"referral/{service_id}", service_id=sid)
            for index, place in enumerate(p for p in data.get("locations", []) if isinstance(p, dict)):
                loc_id = self.location(f"service/{service_id}/{index}", org_id, place)
                self.add(
                    "service_at_location",
                    {
                        "id": self.uid("service_at_location", service_id, str(index)),
                        "service_id": sid,
                        "location_id": loc_id,
                    },
                )
            for area in data.get("areas", []):
                area_id = self.uid("service_area", service_id, area)
                self.add(
                    "service_area",
                    {"id": area_id, "service_id": sid, "name": self.registry.taxonomy.label("areas", area, self.lang)},
                )
                self.attribute("service_area", area_id, "areas", area)
            self.schedules(service_id, sid, data.get("schedule"))
            for code in data.get("languages", []):
                self.add(
                    "language",
                    {
                        "id": self.uid("language", service_id, code),
                        "service_id": sid,
                        "code": code,
                        "name": language_name(code, self.lang),
                    },
                )
            for project_id in data.get("funded_by", []):
                if project_id in projects:
                    project = projects[project_id].data
                    source = " — ".join(filter(None, [self.text(project.get("title")), project.get("funder")]))
                    self.add(
                        "funding",
                        {
                            "id": self.uid("funding", service_id, project_id),
                            "service_id": sid,
                            "source": source or project_id,
                        },
                    )
            self.service_attributes(sid, data)

    def schedules(self, service_id: str, sid: str, schedule: Any) -> None:
        if isinstance(schedule, list):
            for index, slot in enumerate(s for s in schedule if isinstance(s, dict)):
                self.add(
                    "schedule",
                    {
                        "id": self.uid("schedule", service_id, str(index)),
                        "service_id": sid,
                        "freq": "WEEKLY",
                        "wkst": "MO",
                        "byday": ",".join(DAYS[d] for d in slot.get("days", []) if d in DAYS),
                        "opens_at": slot.get("opens"),
                        "closes_at": slot.get("closes"),
                    },
                )
        elif schedule:
            self.add(
                "schedule",
                {"id": self.uid("schedule", service_id, "text"), "service_id": sid, "description": self.text(schedule)},
            )

    def service_attributes(self, sid: str, data: dict[str, Any]) -> None:
        self.attribute("service", sid, "service-types", data.get("type"))
        for group in data.get("target_groups", []):
            self.attribute("service", sid, "target-groups", group)
        if data.get("form"):
            self.attribute("service", sid, "forms", data["form"])
        capacity = data.get("capacity")
        if isinstance(capacity, dict):
            values = {
                "capacity-total": capacity.get("total"),
                "capacity-occupied": capacity.get("occupied"),
                "capacity-free": free_places(capacity),
                "capacity-unit": capacity.get("unit"),
                "capacity-as-of": capacity.get("as_of"),
            }
            for code, value in values.items():
                if value is not None:
                    self.attribute("service", sid, "lpps", code, value, link_type="capacity")
        if data.get("registration"):
            self.attribute("service", sid, "lpps", "registration", data["registration"], link_type="registration")


def language_name(code: str, lang: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(lang) or code
    except (UnknownLocaleError, ValueError):
        return code


def build(registry, lang: str, audience: str = PUBLIC) -> dict[str, list[dict[str, Any]]]:
    """HSDS records by type (``organization`` -> list of objects), each list sorted by id."""
    builder = HsdsBuilder(registry, lang, audience)
    builder.taxonomies()
    builder.organizations()
    builder.services()
    return {kind: sorted(builder.out[kind], key=lambda r: r["id"]) for kind in HSDS_TYPES if builder.out.get(kind)}


def nest(tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Organizations with their services and everything under them: the shape of
    ``GET /organizations?full_service=true`` (compiled/organization.json per element)."""
    by: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for kind, rows in tables.items():
        for row in rows:
            for key in ("organization_id", "service_id", "location_id", "contact_id", "link_id"):
                if key in row:
                    by[(kind, key, row[key])].append(row)
    terms = {t["id"]: t for t in tables.get("taxonomy_term", [])}

    def children(kind: str, key: str, parent_id: str) -> list[dict]:
        return by.get((kind, key, parent_id), [])

    def attributes(link_id: str) -> list[dict]:
        return [{**a, "taxonomy_term": terms[a["taxonomy_term_id"]]} for a in children("attribute", "link_id", link_id)]

    def contacts(key: str, parent_id: str) -> list[dict]:
        return [{**c, "phones": children("phone", "contact_id", c["id"])} for c in children("contact", key, parent_id)]

    locations = {
        loc["id"]: {**loc, "addresses": children("address", "location_id", loc["id"])}
        for loc in tables.get("location", [])
    }

    def service(row: dict) -> dict:
        sid = row["id"]
        return {
            **row,
            "phones": children("phone", "service_id", sid),
            "contacts": contacts("service_id", sid),
            "schedules": children("schedule", "service_id", sid),
            "languages": children("language", "service_id", sid),
            "funding": children("funding", "service_id", sid),
            "attributes": attributes(sid),
            "service_areas": [
                {**a, "attributes": attributes(a["id"])} for a in children("service_area", "service_id", sid)
            ],
            "service_at_locations": [
                {**sal, "location": locations[sal["location_id"]]}
                for sal in children("service_at_location", "service_id", sid)
            ],
        }

    return [
        {
            **org,
            "phones": children("phone", "organization_id", org["id"]),
            "contacts": contacts("organization_id", org["id"]),
            "locations": [
                locations[loc["id"]]
                for loc in children("location", "organization_id", org["id"])
                if not any(s["location_id"] == loc["id"] for s in tables.get("service_at_location", []))
            ],
            "organization_identifiers": children("organization_identifier", "organization_id", org["id"]),
            "attributes": attributes(org["id"]),
            "services": [service(s) for s in children("service", "organization_id", org["id"])],
        }
        for org in tables.get("organization", [])
    ]


def page(organizations: list[dict[str, Any]]) -> dict[str, Any]:
    """One page of the HSDS API's paginated list, holding every organization."""
    return {
        "total_items": len(organizations),
        "total_pages": 1,
        "page_number": 1,
        "size": len(organizations),
        "first_page": True,
        "last_page": True,
        "empty": not organizations,
        "contents": organizations,
    }
