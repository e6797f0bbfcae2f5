"""HSDS tables into rows of members and services: organizations become members (status
``--status``, applicant by default), services services, with their locations, phones,
contacts, schedules, languages and taxonomy terms. The reverse of ``lpps export hsds``
(docs/exports.md), so an export imported into a fresh registry exports the same again.

Foreign data is messy: a phone number in stray quotes is cleaned, a term that matches none
of the registry's (by code, by label, or through ``--map``) is a warning and the record
comes in without it, a coordinate out of range is dropped with a warning.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from lpps_cli.i18n.translations import gettext as _
from lpps_cli.importing.rows import ImportProblem, Ref, RowValues, Where
from lpps_cli.importing.values import CellError, parse_phone
from lpps_cli.model.registry import Registry
from lpps_cli.model.taxonomy import fold

#: attribute link_type -> vocabulary (the reverse of the exporter's LINK_TYPES)
VOCABULARY = {
    "service_type": "service-types",
    "target_group": "target-groups",
    "form": "forms",
    "area": "areas",
    "member_kind": "member-kinds",
    "sector": "sectors",
}
FIELD = {
    "service-types": "type",
    "target-groups": "target_groups",
    "forms": "form",
    "member-kinds": "kind",
    "sectors": "sector",
}
LISTS = {"target_groups"}
STATUS = {"active": "active", "inactive": "planned", "temporarily closed": "suspended", "defunct": "ended"}
CAPACITY = {
    "capacity-total": "total",
    "capacity-occupied": "occupied",
    "capacity-unit": "unit",
    "capacity-as-of": "as_of",
}
DAYS = {"MO": "mo", "TU": "tu", "WE": "we", "TH": "th", "FR": "fr", "SA": "sa", "SU": "su"}


class Mapper:
    def __init__(
        self,
        registry: Registry,
        tables: dict[str, list[dict[str, Any]]],
        label: str,
        terms: dict[str, str] | None = None,
    ):
        self.registry = registry
        self.tables = tables
        self.label = label
        self.lang = registry.default_language
        self.mapped = {fold(k): v for k, v in (terms or {}).items()}
        self.warnings: list[ImportProblem] = []
        self.by: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)  # (kind, key, parent id)
        for kind, rows in tables.items():
            for row in rows:
                for key in ("organization_id", "service_id", "location_id", "contact_id", "link_id"):
                    if row.get(key):
                        self.by[(kind, key, str(row[key]))].append(row)
        self.term_rows = {str(t.get("id")): t for t in tables.get("taxonomy_term", [])}
        self.taxonomies = {str(t.get("id")): t for t in tables.get("taxonomy", [])}
        self.locations = {str(loc.get("id")): loc for loc in tables.get("location", [])}

    def children(self, kind: str, key: str, parent: Any) -> list[dict[str, Any]]:
        return self.by.get((kind, key, str(parent)), [])

    def warn(self, where: Where, message: str) -> None:
        self.warnings.append(ImportProblem(where, message, "warning"))

    # -- terms ----------------------------------------------------------------------
    def term(self, attribute: dict[str, Any], where: Where) -> tuple[str, str, Any] | None:
        """(vocabulary, term id, value) an attribute points at, or None (with a warning)."""
        term = self.term_rows.get(str(attribute.get("taxonomy_term_id")), {})
        code, name = str(term.get("code") or ""), str(term.get("name") or "")
        taxonomy = term.get("taxonomy") or self.taxonomies.get(str(term.get("taxonomy_id")), {}).get("name")
        link_type = str(attribute.get("link_type") or "")
        if taxonomy == "lpps" or link_type in ("capacity", "registration"):
            return ("lpps", code, attribute.get("value"))
        vocabularies = (
            [VOCABULARY[link_type]] if link_type in VOCABULARY else [v for v in ("service-types", "target-groups") if v]
        )
        for vocabulary in vocabularies:
            for text in (code, name):
                if not text:
                    continue
                found = self.registry.taxonomy.find(vocabulary, self.mapped.get(fold(text), text))
                if found:
                    return (vocabulary, found, attribute.get("value"))
        self.warn(
            where,
            _(
                "the term '%(term)s' (%(type)s) matches no term of %(vocabularies)s; the record comes in "
                "without it (map it with --map: terms: {'%(term)s': TERM-ID})"
            )
            % {"term": code or name, "type": link_type or "?", "vocabularies": ", ".join(vocabularies)},
        )
        return None

    def attributes(self, link_id: Any, where: Where) -> list[tuple[str, str, Any]]:
        found = [self.term(a, where) for a in self.children("attribute", "link_id", link_id)]
        return [f for f in found if f is not None]

    # -- pieces -------------------------------------------------------------------------
    def phone(self, text: Any, where: Where) -> str | None:
        if not text:
            return None
        try:
            return parse_phone(str(text), self.registry.country)
        except CellError as exc:
            self.warn(where, str(exc) + _("; left out"))
            return None

    def contacts(self, key: str, parent: Any, where: Where) -> list[dict[str, Any]]:
        out = []
        for contact in self.children("contact", key, parent):
            if key == "organization_id" and contact.get("service_id"):
                continue
            entry: dict[str, Any] = {"name": contact.get("name")}
            if contact.get("title"):
                entry["role"] = contact["title"]
            if contact.get("email"):
                entry["email"] = contact["email"]
            phones = self.children("phone", "contact_id", contact.get("id"))
            number = self.phone(phones[0].get("number"), where) if phones else None
            if number:
                entry["phone"] = number
            entry["visibility"] = "public"  # it was published
            if entry.get("name"):
                out.append(entry)
        return out

    def address(self, location_id: Any) -> dict[str, Any] | None:
        rows = self.children("address", "location_id", location_id)
        if not rows:
            return None
        row = rows[0]
        address = {
            "street": row.get("address_1"),
            "postal_code": row.get("postal_code") or None,
            "city": row.get("city"),
            "region": row.get("region") or row.get("state_province") or None,
            "country": str(row["country"]).upper() if row.get("country") else None,
        }
        return {k: v for k, v in address.items() if v}

    def geo(self, location: dict[str, Any], where: Where) -> dict[str, float] | None:
        try:
            lat, lon = float(location["latitude"]), float(location["longitude"])
        except (KeyError, TypeError, ValueError):
            return None
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return {"lat": lat, "lon": lon}
        self.warn(where, _("coordinates %(lat)s, %(lon)s are out of range; left out") % {"lat": lat, "lon": lon})
        return None

    # -- records ------------------------------------------------------------------------
    def member(self, index: int, org: dict[str, Any], status: str | None) -> RowValues:
        where = Where(f"{self.label}:organization", index + 1)
        values: dict[str, Any] = {"name": {self.lang: org.get("name")}}
        if org.get("alternate_name"):
            values["short_name"] = org["alternate_name"]
        if org.get("description") and org.get("description") != org.get("name"):
            values["profile"] = {self.lang: org["description"]}
        for key in ("email", "website"):
            if org.get(key):
                values[key] = org[key]
        phones = self.children("phone", "organization_id", org.get("id"))
        phones = [p for p in phones if not p.get("contact_id")] or phones  # the organization's own first
        number = self.phone(phones[0].get("number"), where) if phones else None
        if number:
            values["phone"] = number
        registration: dict[str, Any] = {}
        for ident in self.children("organization_identifier", "organization_id", org.get("id")):
            scheme = str(ident.get("identifier_scheme") or "")
            register = str(ident.get("identifier_type") or scheme.split("-", 1)[-1]).strip().lower()
            if len(scheme) > 3 and scheme[2] == "-" and scheme[:2].isalpha():
                registration["country"] = scheme[:2].upper()
            if register and ident.get("identifier"):
                registration["_".join("".join(c if c.isalnum() else " " for c in register).split())] = str(
                    ident["identifier"]
                )
        for key, value in registration.items():
            values[f"registration.{key}"] = value
        contacts = self.contacts("organization_id", org.get("id"), where)
        if contacts:
            values["contacts"] = contacts
        served = {str(s.get("location_id")) for s in self.tables.get("service_at_location", [])}
        for location in self.children("location", "organization_id", org.get("id")):
            if str(location.get("id")) not in served:
                address = self.address(location.get("id"))
                if address:
                    values["address"] = address
                break
        for vocabulary, term, _value in self.attributes(org.get("id"), where):
            name = FIELD.get(vocabulary)
            if name in LISTS:
                values.setdefault(name, []).append(term)
            elif name:
                values[name] = term
        if status and "status" not in values:
            values["status"] = status
        return RowValues(
            "member", where, values, {k: where for k in values}, columns=frozenset(values), ref=str(org.get("id"))
        )

    def service(self, index: int, row: dict[str, Any]) -> RowValues:
        where = Where(f"{self.label}:service", index + 1)
        sid = row.get("id")
        values: dict[str, Any] = {
            "name": {self.lang: row.get("name")},
            "provider": Ref(str(row.get("organization_id"))),
            "status": STATUS.get(str(row.get("status") or "").lower(), "active"),
        }
        for source, target in (
            ("description", "description"),
            ("eligibility_description", "eligibility"),
            ("application_process", "referral.text"),
            ("fees_description", "fee"),
        ):
            if row.get(source):
                values[target] = {self.lang: row[source]}
        contacts = self.contacts("service_id", sid, where)
        if contacts:
            values["contacts"] = contacts
        locations = []
        for link in self.children("service_at_location", "service_id", sid):
            location = self.locations.get(str(link.get("location_id")))
            if location is None:
                continue
            place: dict[str, Any] = {"name": location["name"]} if location.get("name") else {}
            address, geo = self.address(location.get("id")), self.geo(location, where)
            # a place published without address or coordinates is one whose address is kept private
            place["address"] = address or {"confidential": True}
            if geo:
                place["geo"] = geo
            locations.append(place)
        if locations:
            values["locations"] = locations
        areas = []
        for area in self.children("service_area", "service_id", sid):
            linked = self.children("attribute", "link_id", area.get("id"))
            found = [t for v, t, _x in self.attributes(area.get("id"), where) if v == "areas"]
            term = (
                found[0]
                if found
                else None
                if linked
                else self.registry.taxonomy.find("areas", str(area.get("name") or ""))
            )
            if term:
                areas.append(term)
            elif not linked:
                self.warn(
                    where,
                    _("the service area '%(name)s' matches no term of areas; left out") % {"name": area.get("name")},
                )
        if areas:
            values["areas"] = list(dict.fromkeys(areas))
        self.schedule(values, sid)
        codes = [str(lang.get("code")) for lang in self.children("language", "service_id", sid) if lang.get("code")]
        if codes:
            values["languages"] = list(dict.fromkeys(codes))
        if self.children("funding", "service_id", sid):
            self.warn(where, _("funding is not imported: lpps keeps funders as projects (lpps new project)"))
        for vocabulary, term, value in self.attributes(sid, where):
            if vocabulary == "lpps":
                if term in CAPACITY and value not in (None, ""):
                    key = CAPACITY[term]
                    values[f"capacity.{key}"] = int(float(value)) if key in ("total", "occupied") else str(value)
                elif term == "registration" and value:
                    values["registration"] = str(value)
            elif FIELD.get(vocabulary) in LISTS:
                values.setdefault(FIELD[vocabulary], []).append(term)
            elif FIELD.get(vocabulary):
                values[FIELD[vocabulary]] = term
        return RowValues(
            "service", where, values, {k: where for k in values}, columns=frozenset(values), ref=f"service/{sid}"
        )

    def schedule(self, values: dict[str, Any], sid: Any) -> None:
        slots, text = [], None
        for entry in self.children("schedule", "service_id", sid):
            days = [
                DAYS[d.strip().upper()] for d in str(entry.get("byday") or "").split(",") if d.strip().upper() in DAYS
            ]
            if days and entry.get("opens_at") and entry.get("closes_at"):
                slots.append({"days": days, "opens": str(entry["opens_at"])[:5], "closes": str(entry["closes_at"])[:5]})
            elif entry.get("description"):
                text = entry["description"]
        if slots:
            values["schedule"] = slots
        elif text:
            values["schedule"] = {self.lang: text}


def hsds_rows(
    registry: Registry,
    tables: dict[str, list[dict[str, Any]]],
    label: str,
    terms: dict[str, str] | None = None,
    status: str | None = None,
) -> tuple[list[RowValues], list]:
    """Rows for every organization, then every service; and the warnings."""
    mapper = Mapper(registry, tables, label, terms)
    rows = [mapper.member(i, org, status) for i, org in enumerate(tables.get("organization", []))]
    rows += [mapper.service(i, s) for i, s in enumerate(tables.get("service", []))]
    return rows, mapper.warnings
