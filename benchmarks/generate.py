"""Generate a deterministic, valid registry of any size, for benchmarks and tests.

    python benchmarks/generate.py OUT --members 2000 --services 10000 [--seed 1]

The registry passes ``lpps validate --today 2026-11-24`` with no problem at all: a
partnership founded in 2020 that has met every quarter since, admitted its members in
batches by decisions at those meetings, adopted its founding documents, and runs joint
projects with their own consortium agreements. Meetings, decisions, documents, projects and
groups grow in proportion to the members. Texts are in Polish, Ukrainian and English.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from texts import (
    CITIES,
    FIRST_NAMES,
    FUNDERS,
    LAST_NAMES,
    ORGANISATIONS,
    PATRONS,
    PROJECT_TITLES,
    ROLES,
    SERVICES,
    STREETS,
    TARGETS,
)
from yamlwrite import dump

TODAY = dt.date(2026, 11, 24)  # the date the registry is valid on
FOUNDED = dt.date(2020, 1, 15)
LANGS = ("pl", "uk", "en")
QUORUM = 0.1  # a national assembly decides with a tenth of the members present
AREAS = ["pl-lubelskie", "pl-mazowieckie", "pl-malopolskie", "pl-podkarpackie", "pl-slaskie", "poland"]


def text(pl: str, uk: str, en: str) -> dict:
    return dict(zip(LANGS, (pl, uk, en)))


def slug(value: str) -> str:
    from anyascii import anyascii

    words = "".join(c if c.isalnum() else " " for c in anyascii(value).lower()).split()
    return "-".join(words)[:40].strip("-")


class Generator:
    def __init__(self, members: int, services: int, seed: int):
        if members < 5:
            raise SystemExit("--members must be at least 5 (the board has 5 members)")
        self.rng = random.Random(seed)
        self.n_members, self.n_services = members, services
        self.files: dict[str, dict] = {}
        self.meetings = self._meeting_days()
        self._phones: set[str] = set()

    # -- helpers -------------------------------------------------------------------------
    def phone(self, mobile: bool) -> str:
        import phonenumbers

        while True:
            if mobile:
                digits = (
                    f"{self.rng.choice(['50', '51', '53', '60', '66', '69', '72', '79', '88'])}"
                    f"{self.rng.randrange(10_000_000):07d}"
                )
                shown = f"+48 {digits[:3]} {digits[3:6]} {digits[6:]}"
            else:
                digits = f"81{self.rng.choice('45')}{self.rng.randrange(1_000_000):06d}"
                shown = f"+48 {digits[:2]} {digits[2:5]} {digits[5:7]} {digits[7:]}"
            if shown not in self._phones and phonenumbers.is_valid_number(phonenumbers.parse(shown)):
                self._phones.add(shown)
                return shown

    def person(self, domain: str, visibility: str | None = None) -> dict:
        from anyascii import anyascii

        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        contact = {
            "name": f"{first} {last}",
            "role": text(*self.rng.choice(ROLES)),
            "email": f"{slug(anyascii(first))}.{slug(anyascii(last))}@{domain}",
            "phone": self.phone(mobile=True),
        }
        if visibility:
            contact["visibility"] = visibility
        return contact

    def address(self) -> dict:
        city, postal = self.rng.choice(CITIES)
        return {
            "street": f"{self.rng.choice(STREETS)} {self.rng.randint(1, 120)}",
            "city": city,
            "postal_code": postal,
            "country": "PL",
        }

    def add(self, folder: str, record: dict, comment: str | None = None) -> None:
        self.files[f"{folder}/{record['id']}.yaml"] = (record, comment)

    def _meeting_days(self) -> list[dt.date]:
        days, day = [], FOUNDED
        while day < TODAY:
            days.append(day)
            day = dt.date(day.year + (day.month + 3 > 12), (day.month + 2) % 12 + 1, 15)
        return days  # quarterly, all held; one more is planned after TODAY

    # -- records -------------------------------------------------------------------------
    def build(self) -> dict:
        members = self.members()
        self.partnership(members)
        projects = self.projects(members)
        self.meetings_records()
        self.services(members, projects)
        self.groups(members)
        return self.files

    def members(self) -> list[dict]:
        founders = min(20, self.n_members)
        rest = self.n_members - founders
        batches: dict[int, list[str]] = {}
        members = []
        for index in range(self.n_members):
            kind = self.rng.choice(list(ORGANISATIONS))
            org = self.rng.choice(ORGANISATIONS[kind])
            patron = self.rng.choice(PATRONS)
            city, _ = self.rng.choice(CITIES)
            member_id = f"{slug(org[0] + ' ' + patron[0])}-{index + 1:04d}"
            domain = f"{member_id}.example.org"
            record = {
                "id": member_id,
                "name": text(
                    f"{org[0]} „{patron[0]}” w {city}", f"{org[1]} «{patron[1]}»", f"{org[2]} '{patron[2]}', {city}"
                ),
                "sector": "public"
                if kind in ("labour-office", "social-welfare-centre", "education")
                else "commercial"
                if kind == "business"
                else "ngo",
                "kind": kind,
            }
            founding = index < founders
            status = "active" if founding or index % 33 else "applicant"
            if not founding and status == "active" and index % 50 == 7:
                status = "former"
            record["status"] = status
            if founding:
                record.update(founding=True, joined=FOUNDED.isoformat(), commitment_signed=FOUNDED.isoformat())
            elif status != "applicant":
                meeting = 1 + (index - founders) * (len(self.meetings) - 2) // max(rest, 1)
                day = self.meetings[meeting]
                batch = batches.setdefault(meeting, [])
                decision = f"admission-{day.isoformat()}-{len(batch) // 10 + 1}"
                batch.append(member_id)
                record.update(
                    joined=day.isoformat(),
                    admitted_by=decision,
                    commitment_signed=(day + dt.timedelta(days=3)).isoformat(),
                )
                if status == "former":
                    record["left"] = self.meetings[min(meeting + 2, len(self.meetings) - 1)].isoformat()
            record.update(
                address=self.address(),
                website=f"https://{domain}",
                email=f"biuro@{domain}",
                phone=self.phone(mobile=False),
                representatives=[self.person(domain)],
                contacts=[self.person(domain, "public")],
                profile=text(
                    f"{org[0]} działa na rzecz mieszkańców: {city} i okolice.",
                    f"{org[1]} допомагає мешканцям громади.",
                    f"{org[2]} serving the people of {city} and around.",
                ),
                target_groups=self.rng.sample(TARGETS, 2),
                areas=[self.rng.choice(AREAS)],
            )
            members.append(record)
            self.add("members", record)
        self.board = [m["id"] for m in members[:5]]
        self.admissions(batches)
        return members

    def admissions(self, batches: dict[int, list[str]]) -> None:
        self.decisions_at: dict[int, list[str]] = {0: ["adoption-founding-documents"]}
        for meeting, admitted in batches.items():
            day = self.meetings[meeting]
            for start in range(0, len(admitted), 10):
                decision_id = f"admission-{day.isoformat()}-{start // 10 + 1}"
                self.decisions_at.setdefault(meeting, []).append(decision_id)
                self.add(
                    "decisions",
                    {
                        "id": decision_id,
                        "date": day.isoformat(),
                        "method": "meeting",
                        "meeting": f"{day.isoformat()}-general",
                        "kind": "admission",
                        "subject": admitted[start : start + 10],
                        "text": text(
                            "Przyjęto nowych członków.", "Прийнято нових членів.", "New members were admitted."
                        ),
                        "outcome": "adopted",
                        "votes": {"for": self.board},
                    },
                )

    def partnership(self, members: list[dict]) -> None:
        self.add_documents()
        lead = members[0]
        self.files["partnership.yaml"] = (
            {
                "id": "national-partnership",
                "name": text(
                    "Ogólnopolskie Partnerstwo Społeczno-Publiczne",
                    "Всепольське соціально-публічне партнерство",
                    "National Social-Public Partnership",
                ),
                "short_name": "OPSP",
                "status": "active",
                "founded": FOUNDED.isoformat(),
                "area": "poland",
                "country": "PL",
                "timezone": "Europe/Warsaw",
                "languages": list(LANGS),
                "description": text(
                    "Sieć organizacji pomagających ludziom w kryzysie.",
                    "Мережа організацій, що допомагають людям у кризі.",
                    "A network of organisations helping people in crisis.",
                ),
                "website": "https://opsp.example.org",
                "email": "biuro@opsp.example.org",
                "board": {"size": 5, "members": self.board, "chair": self.board[0]},
                "coordinator": {"member": lead["id"], "contact": self.person(f"{lead['id']}.example.org", "public")},
                "meeting_interval_months": 3,
                "quorum": QUORUM,
            },
            "generated by benchmarks/generate.py",
        )
        self.members_list = members

    def add_documents(self) -> None:
        for kind in ("code-of-ethics", "membership-rules", "communication-rules", "financing-rules"):
            self.add(
                "documents",
                {
                    "id": kind,
                    "title": text(f"Dokument: {kind}", f"Документ: {kind}", f"Document: {kind}"),
                    "kind": kind,
                    "version": "1.0",
                    "status": "adopted",
                    "adopted": FOUNDED.isoformat(),
                    "adopted_by": "adoption-founding-documents",
                },
            )
        self.add(
            "decisions",
            {
                "id": "adoption-founding-documents",
                "date": FOUNDED.isoformat(),
                "method": "meeting",
                "meeting": f"{FOUNDED.isoformat()}-general",
                "kind": "adoption",
                "subject": ["code-of-ethics", "membership-rules", "communication-rules", "financing-rules"],
                "text": text(
                    "Przyjęto dokumenty założycielskie.",
                    "Ухвалено установчі документи.",
                    "The founding documents were adopted.",
                ),
                "outcome": "adopted",
                "votes": {"for": self.board},
            },
        )

    def projects(self, members: list[dict]) -> list[str]:
        eligible = [m for m in members if m["status"] == "active"]
        found = []
        for index in range(max(1, self.n_members // 10)):
            meeting = self.rng.randrange(1, len(self.meetings))
            day = self.meetings[meeting]
            people = [m["id"] for m in eligible if m["joined"] <= day.isoformat()]
            lead, *partners = self.rng.sample(people, min(len(people), 1 + self.rng.randint(1, 3)))
            title = self.rng.choice(PROJECT_TITLES)
            project_id = f"{slug(title[0])}-{index + 1:04d}"
            agreement, decision = f"umowa-{project_id}", f"project-{project_id}"
            self.decisions_at.setdefault(meeting, []).append(decision)
            self.add(
                "decisions",
                {
                    "id": decision,
                    "date": day.isoformat(),
                    "method": "meeting",
                    "meeting": f"{day.isoformat()}-general",
                    "kind": "project",
                    "subject": [project_id, agreement],
                    "text": text(
                        f"Zgoda na projekt „{title[0]}”.",
                        f"Згода на проєкт «{title[1]}».",
                        f"Consent to the project '{title[2]}'.",
                    ),
                    "outcome": "adopted",
                    "votes": {"for": self.board},
                },
            )
            self.add(
                "documents",
                {
                    "id": agreement,
                    "title": text(
                        f"Umowa konsorcjum: {title[0]}",
                        f"Угода консорціуму: {title[1]}",
                        f"Consortium agreement: {title[2]}",
                    ),
                    "kind": "consortium-agreement",
                    "status": "adopted",
                    "adopted": day.isoformat(),
                    "adopted_by": decision,
                    "project": project_id,
                    "signatories": [lead, *partners],
                },
            )
            self.add(
                "projects",
                {
                    "id": project_id,
                    "title": text(*title),
                    "description": text(
                        "Wspólny projekt partnerów.", "Спільний проєкт партнерів.", "A joint project of the partners."
                    ),
                    "status": self.rng.choice(["submitted", "funded", "running"]),
                    "lead": lead,
                    "partners": partners,
                    "funder": self.rng.choice(FUNDERS),
                    "amount": self.rng.randrange(50, 5000) * 1000,
                    "currency": "PLN",
                    "period": {"start": day.isoformat(), "end": (day + dt.timedelta(days=730)).isoformat()},
                    "target_groups": self.rng.sample(TARGETS, 2),
                    "on_behalf_of_partnership": True,
                    "consortium_agreement": agreement,
                },
            )
            found.append(project_id)
        return found

    def meetings_records(self) -> None:
        spans = [(m["id"], m.get("joined"), m.get("left")) for m in self.members_list if m["status"] != "applicant"]
        for index, day in enumerate(self.meetings):
            iso = day.isoformat()
            present = [mid for mid, joined, left in spans if joined <= iso and (left is None or left > iso)]
            others = [mid for mid in present if mid not in self.board]
            needed = math.ceil(QUORUM * len(present)) + 1
            attended = self.board + sorted(self.rng.sample(others, min(len(others), max(0, needed - 5))))
            self.add(
                "meetings",
                {
                    "id": f"{iso}-general",
                    "title": text("Zgromadzenie ogólne", "Загальні збори", "General assembly"),
                    "date": iso,
                    "start": "10:00",
                    "end": "13:30",
                    "place": {"name": text("Sala obrad", "Зала засідань", "Assembly hall"), "address": self.address()},
                    "kind": "general",
                    "status": "held",
                    "chair": self.board[0],
                    "agenda": [
                        {
                            "title": text("Sprawozdanie koordynatora", "Звіт координатора", "Coordinator's report"),
                            "kind": "info",
                            "presenter": self.board[0],
                        },
                        {"title": text("Decyzje", "Рішення", "Decisions"), "kind": "decision"},
                    ],
                    "invited": "all",
                    "attended": attended,
                    "decisions": self.decisions_at.get(index, []),
                    "minutes": "Protokół:\n- otwarcie i stwierdzenie kworum;\n- sprawozdanie koordynatora;\n- decyzje.",
                },
            )
        planned = dt.date(TODAY.year + 1, 1, 15).isoformat()
        self.add(
            "meetings",
            {
                "id": f"{planned}-general",
                "date": planned,
                "start": "10:00",
                "kind": "general",
                "status": "planned",
                "invited": "all",
            },
        )

    def services(self, members: list[dict], projects: list[str]) -> None:
        providers = [m for m in members if m["status"] != "applicant"]
        for index in range(self.n_services):
            provider = providers[index % len(providers)]
            kind = self.rng.choice(list(SERVICES))
            pl, uk, en, dpl, duk, den = SERVICES[kind]
            city = provider["address"]["city"]
            service_id = f"{slug(pl + ' ' + city)}-{index + 1:05d}"
            domain = f"{provider['id']}.example.org"
            total = self.rng.randint(5, 120)
            partners = [p["id"] for p in self.rng.sample(providers, 2) if p["id"] != provider["id"]][
                : self.rng.randint(0, 2)
            ]
            record = {
                "id": service_id,
                "name": text(f"{pl} – {city}", f"{uk} – {city}", f"{en}, {city}"),
                "provider": provider["id"],
                "partners": partners,
                "type": kind,
                "description": text(dpl if index % 7 else f"{dpl}\nZapisy: tel. lub e-mail.\n", duk, den),
                "target_groups": self.rng.sample(TARGETS, self.rng.randint(1, 3)),
                "areas": [self.rng.choice(AREAS)],
                "form": self.rng.choice(["residential", "outpatient", "field"]),
                "capacity": {
                    "unit": self.rng.choice(["beds", "places", "clients"]),
                    "total": total,
                    "occupied": self.rng.randint(0, total),
                    "as_of": (TODAY - dt.timedelta(days=self.rng.randint(0, 60))).isoformat(),
                },
                "referral": {
                    "text": text(
                        "Skierowanie z MOPR lub zgłoszenie osobiste.",
                        "Направлення від соцслужби або особисте звернення.",
                        "A referral from social services, or come in person.",
                    ),
                    "contact": self.person(domain, "internal"),
                },
                "locations": [
                    {
                        "address": self.address(),
                        "geo": {
                            "lat": round(self.rng.uniform(49.0, 54.8), 5),
                            "lon": round(self.rng.uniform(14.1, 24.1), 5),
                        },
                    }
                ],
                "schedule": [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "08:00", "closes": "16:00"}],
                "languages": ["pl", "uk"] if index % 3 else ["pl"],
                "fee": text("bezpłatnie", "безкоштовно", "free of charge"),
                "status": "ended" if provider["status"] == "former" else "active",
                "contacts": [self.person(domain, "public")],
            }
            if record["form"] == "residential" and {"victims-of-violence", "victims-of-trafficking"} & set(
                record["target_groups"]
            ):  # a shelter's address stays out of public outputs
                record["locations"][0]["address"]["confidential"] = True
            if projects and index % 9 == 0:
                record["funded_by"] = [projects[index % len(projects)]]
            if not partners:
                del record["partners"]
            self.add("services", record, "the provider keeps this record up to date" if index % 5 == 0 else None)

    def groups(self, members: list[dict]) -> None:
        active = [m["id"] for m in members if m["status"] == "active"]
        for index in range(max(1, self.n_members // 50)):
            chosen = sorted(self.rng.sample(active, min(len(active), 8)))
            self.add(
                "groups",
                {
                    "id": f"koalicja-{index + 1:03d}",
                    "name": text(f"Koalicja nr {index + 1}", f"Коаліція № {index + 1}", f"Coalition no. {index + 1}"),
                    "description": text(
                        "Grupa robocza członków.", "Робоча група членів.", "A working group of members."
                    ),
                    "focus": {"service_types": ["night-shelter"], "target_groups": ["homeless"]},
                    "members": chosen,
                    "lead": chosen[0],
                    "started": FOUNDED.isoformat(),
                },
            )


def generate(out: Path, members: int = 2000, services: int = 10000, seed: int = 1) -> int:
    """Write the registry to ``out`` (emptied first); returns the number of files."""
    files = Generator(members, services, seed).build()
    if out.exists():
        shutil.rmtree(out)
    for rel in sorted(files):
        record, comment = files[rel]
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(record, comment), encoding="utf-8")
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the registry to (replaced)")
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    count = generate(args.out, args.members, args.services, args.seed)
    print(f"wrote {count} files to {args.out} (valid on {TODAY.isoformat()})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
