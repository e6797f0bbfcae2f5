"""One record of any kind, resolved: names instead of bare ids, and what refers to it.

``show(registry, id, lang)`` returns a ``Shown``: a heading, a few facts (label, text), and
sections (tables of related records). The CLI prints it; ``as_data`` gives JSON/YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.audience import INTERNAL, for_audience
from lpps_cli.model.index import Index
from lpps_cli.model.registry import FOLDERS, Record, Registry
from lpps_cli.model.suggest import did_you_mean
from lpps_cli.query.rows import RowMaker, capacity_of, ids, mapping


@dataclass
class Section:
    key: str  # stable name in JSON
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict[str, Any]]


@dataclass
class Shown:
    kind: str
    id: str
    heading: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    record: dict[str, Any] = field(default_factory=dict)

    def fact(self, label: str, value: Any) -> None:
        if value not in (None, "", [], {}):
            self.facts.append((label, ", ".join(map(str, value)) if isinstance(value, list) else str(value)))

    def section(self, key: str, title: str, columns: list[tuple[str, str]], rows: list[dict]) -> None:
        self.sections.append(Section(key, title, columns, rows))

    def as_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.heading,
            "record": self.record,
            **{s.key: s.rows for s in self.sections},
        }


def find(registry: Registry, record_id: str) -> Record:
    record = registry.get(record_id)
    if record is None:
        if registry.partnership is not None and record_id == registry.partnership.id:
            return registry.partnership
        every = [rid for kind in FOLDERS if kind != "taxonomy" for rid in registry.of(kind)]
        raise LppsError(
            _("no record '%(id)s'%(hint)s; list records with 'lpps members', 'lpps services', ...")
            % {"id": record_id, "hint": did_you_mean(record_id, every)}
        )
    return record


class Shower:
    def __init__(self, registry: Registry, lang: str, audience: str = INTERNAL):
        self.registry, self.lang, self.audience = registry, lang, audience
        self.index = Index(registry)
        self.rows = RowMaker(registry, lang, self.index)

    def text(self, value: Any) -> str | None:
        return self.rows.text(value)

    def named(self, record_id: Any) -> str | None:
        name = self.rows.name_of(record_id)
        return f"{name} ({record_id})" if name else record_id

    def labels(self, vocabulary: str, terms: Any) -> list[str]:
        return [self.registry.taxonomy.label(vocabulary, t, self.lang) for t in ids(terms)]

    def contacts(self, contacts: Any) -> list[str]:
        out = []
        for c in contacts or []:
            if isinstance(c, dict):
                role = self.text(c.get("role"))
                out.append(
                    " ".join(
                        p for p in (c.get("name"), f"({role})" if role else None, c.get("email"), c.get("phone")) if p
                    )
                )
        return out

    def show(self, record: Record) -> Shown:
        data = for_audience(record.kind, record.data, self.audience)
        shown = Shown(
            record.kind, record.id, self.text(data.get("name") or data.get("title")) or record.id, record=data
        )
        getattr(self, record.kind, lambda *_: None)(record, data, shown)
        return shown

    # -- per kind ------------------------------------------------------------------
    def member(self, m: Record, data: dict, s: Shown) -> None:
        tax = self.registry.taxonomy
        s.fact(_("Sector"), data.get("sector"))
        s.fact(_("Kind"), tax.label("member-kinds", data["kind"], self.lang) if data.get("kind") else None)
        s.fact(_("Status"), data.get("status"))
        s.fact(_("Joined"), data.get("joined"))
        s.fact(_("Left"), data.get("left"))
        address = mapping(data.get("address"))
        s.fact(_("Address"), ", ".join(str(address[k]) for k in ("street", "postal_code", "city") if address.get(k)))
        for key, label in (("email", _("E-mail")), ("phone", _("Phone")), ("website", _("Web"))):
            s.fact(label, data.get(key))
        s.fact(_("Representatives"), self.contacts(data.get("representatives")))
        s.fact(_("Contacts"), self.contacts(data.get("contacts")))
        s.fact(_("Target groups"), self.labels("target-groups", data.get("target_groups")))
        s.fact(_("Areas"), self.labels("areas", data.get("areas")))
        s.fact(_("Offers"), self.text(data.get("offers")))
        s.fact(_("Seeks"), self.text(data.get("seeks")))
        services = [(sid, _("provider")) for sid in self.index.services_of.get(m.id, ())]
        services += [(sid, _("partner")) for sid in self.index.partner_in.get(m.id, ())]
        s.section(
            "services",
            _("Services"),
            [
                ("id", _("Id")),
                ("name", _("Name")),
                ("role", _("Role")),
                ("status", _("Status")),
                ("free", _("Free")),
                ("unit", _("Unit")),
                ("as_of", _("As of")),
            ],
            [{**self.rows.service(self.registry.services[sid]), "role": role} for sid, role in services],
        )
        s.section(
            "groups",
            _("Groups"),
            [("id", _("Id")), ("name", _("Name")), ("lead", _("Lead"))],
            [self.rows.group(self.registry.groups[g]) for g in self.index.groups_of.get(m.id, ())],
        )
        s.section(
            "projects",
            _("Projects"),
            [("id", _("Id")), ("title", _("Title")), ("status", _("Status")), ("lead", _("Lead"))],
            [self.rows.project(self.registry.projects[p]) for p in self.index.projects_of.get(m.id, ())],
        )
        self._decisions(s, self.index.decisions_about.get(m.id, ()))
        attended = sorted(self.index.attended.get(m.id, ()), key=lambda i: self.registry.meetings[i].get("date") or "")
        s.section(
            "meetings",
            _("Meetings attended"),
            [("id", _("Id")), ("date", _("Date")), ("kind", _("Kind"))],
            [self.rows.meeting(self.registry.meetings[i]) for i in attended],
        )

    def _decisions(self, s: Shown, decision_ids) -> None:
        rows = sorted(
            (self.rows.decision(self.registry.decisions[d]) for d in decision_ids if d in self.registry.decisions),
            key=lambda r: (r.get("date") or "", r["id"]),
        )
        s.section(
            "decisions",
            _("Decisions"),
            [("id", _("Id")), ("date", _("Date")), ("kind", _("Kind")), ("outcome", _("Outcome")), ("text", _("Text"))],
            rows,
        )

    def service(self, svc: Record, data: dict, s: Shown) -> None:
        tax = self.registry.taxonomy
        s.fact(_("Provider"), self.named(data.get("provider")))
        s.fact(_("Partners"), [self.named(p) for p in ids(data.get("partners"))])
        s.fact(_("Type"), tax.label("service-types", data["type"], self.lang) if data.get("type") else None)
        s.fact(_("Form"), tax.label("forms", data["form"], self.lang) if data.get("form") else None)
        s.fact(_("Status"), data.get("status"))
        cap = capacity_of(svc)
        if cap.total is not None:
            s.fact(
                _("Capacity"),
                _("%(free)s free of %(total)s %(unit)s (as of %(date)s)")
                % {
                    "free": "?" if cap.free is None else cap.free,
                    "total": cap.total,
                    "unit": cap.unit or "",
                    "date": cap.as_of or "?",
                },
            )
        s.fact(_("Target groups"), self.labels("target-groups", data.get("target_groups")))
        s.fact(_("Areas"), self.labels("areas", data.get("areas")))
        s.fact(_("Languages"), ids(data.get("languages")))
        s.fact(_("Description"), self.text(data.get("description")))
        s.fact(_("Eligibility"), self.text(data.get("eligibility")))
        s.fact(_("Fee"), self.text(data.get("fee")))
        referral = mapping(data.get("referral"))
        s.fact(_("How to refer"), self.text(referral.get("text")))
        s.fact(_("Whom to call"), self.contacts([referral.get("contact")]) if referral.get("contact") else None)
        s.fact(_("Contacts"), self.contacts(data.get("contacts")))
        for loc in data.get("locations") or []:
            address = mapping(mapping(loc).get("address"))
            s.fact(
                _("Location"), ", ".join(str(address[k]) for k in ("street", "postal_code", "city") if address.get(k))
            )
        s.fact(_("Funded by"), [self.named(p) for p in ids(data.get("funded_by"))])

    def meeting(self, mtg: Record, data: dict, s: Shown) -> None:
        s.fact(_("Date"), " ".join(str(v) for v in (data.get("date"), data.get("start"), data.get("end")) if v))
        s.fact(_("Kind"), data.get("kind"))
        s.fact(_("Status"), data.get("status"))
        s.fact(_("Place"), self.rows.meeting(mtg)["place"])
        s.fact(_("Group"), self.named(data.get("group")) if data.get("group") else None)
        s.fact(_("Chair"), self.named(data.get("chair")) if data.get("chair") else None)
        agenda = [
            {
                "number": n,
                "title": self.text(item.get("title")),
                "kind": item.get("kind"),
                "presenter": item.get("presenter"),
                "refs": ids(item.get("refs")),
            }
            for n, item in enumerate((i for i in data.get("agenda") or [] if isinstance(i, dict)), 1)
        ]
        s.section(
            "agenda",
            _("Agenda"),
            [
                ("number", "#"),
                ("title", _("Title")),
                ("kind", _("Kind")),
                ("presenter", _("Presenter")),
                ("refs", _("Concerns")),
            ],
            agenda,
        )
        attended = set(ids(data.get("attended")))
        invited = data.get("invited")
        if invited == "all":
            from lpps_cli.rules.common import Membership, date

            day = date(data.get("date"))
            invited = sorted(Membership(self.registry).on(day)) if day else sorted(self.registry.members)
        expected = list(dict.fromkeys([*ids(invited), *sorted(attended)]))
        s.section(
            "attendance",
            _("Attendance"),
            [("member", _("Member")), ("name", _("Name")), ("present", _("Present"))],
            [{"member": m, "name": self.rows.name_of(m), "present": m in attended} for m in expected],
        )
        self._decisions(s, self.index.meeting_decisions(self.registry, mtg.id))

    def decision(self, d: Record, data: dict, s: Shown) -> None:
        for key, label in (
            ("date", _("Date")),
            ("method", _("Method")),
            ("kind", _("Kind")),
            ("outcome", _("Outcome")),
        ):
            s.fact(label, data.get(key))
        s.fact(_("Meeting"), data.get("meeting"))
        s.fact(_("Text"), self.text(data.get("text")))
        s.fact(_("Concerns"), [self.named(i) for i in ids(data.get("subject"))])
        votes = mapping(data.get("votes"))
        s.section(
            "votes",
            _("Votes"),
            [("member", _("Member")), ("name", _("Name")), ("vote", _("Vote"))],
            [
                {"member": m, "name": self.rows.name_of(m), "vote": key}
                for key in ("for", "against", "abstain")
                for m in ids(votes.get(key))
            ],
        )

    def document(self, doc: Record, data: dict, s: Shown) -> None:
        for key, label in (
            ("kind", _("Kind")),
            ("version", _("Version")),
            ("status", _("Status")),
            ("adopted", _("Adopted")),
            ("adopted_by", _("Adopted by")),
            ("supersedes", _("Supersedes")),
            ("project", _("Project")),
        ):
            s.fact(label, data.get(key))
        s.fact(_("Summary"), self.text(data.get("summary")))
        s.fact(_("Body"), self.registry.bodies.get(doc.id))
        s.fact(_("Signatories"), [self.named(m) for m in ids(data.get("signatories"))])

    def project(self, p: Record, data: dict, s: Shown) -> None:
        row = self.rows.project(p)
        s.fact(_("Status"), row["status"])
        s.fact(_("Lead"), self.named(row["lead"]))
        s.fact(_("Partners"), [self.named(m) for m in row["partners"]])
        s.fact(_("Funder"), " / ".join(str(v) for v in (row["funder"], row["programme"]) if v))
        s.fact(_("Amount"), f"{row['amount']} {row['currency'] or ''}".strip() if row["amount"] is not None else None)
        s.fact(_("Period"), " – ".join(str(v) for v in (row["start"], row["end"]) if v))
        s.fact(_("Consortium agreement"), row["consortium_agreement"])
        s.section(
            "services",
            _("Services funded"),
            [("id", _("Id")), ("name", _("Name")), ("provider", _("Provider"))],
            [self.rows.service(self.registry.services[i]) for i in self.index.funded_services.get(p.id, ())],
        )
        self._decisions(s, self.index.decisions_about.get(p.id, ()))

    def group(self, g: Record, data: dict, s: Shown) -> None:
        row = self.rows.group(g)
        s.fact(_("Lead"), self.named(row["lead"]))
        s.fact(_("Description"), self.text(data.get("description")))
        s.fact(_("Started"), row["started"])
        s.fact(_("Ended"), row["ended"])
        s.fact(_("Service types"), self.labels("service-types", row["service_types"]))
        s.fact(_("Target groups"), self.labels("target-groups", row["target_groups"]))
        s.section(
            "members",
            _("Members"),
            [("id", _("Id")), ("name", _("Name")), ("status", _("Status"))],
            [self.rows.member(self.registry.members[m]) for m in row["members"] if m in self.registry.members],
        )
        s.section(
            "meetings",
            _("Meetings"),
            [("id", _("Id")), ("date", _("Date")), ("status", _("Status"))],
            [self.rows.meeting(self.registry.meetings[i]) for i in self.index.meetings_of_group.get(g.id, ())],
        )


def show(registry: Registry, record_id: str, lang: str, audience: str = INTERNAL) -> Shown:
    return Shower(registry, lang, audience).show(find(registry, record_id))
