"""Mailing lists of the members' representatives: plain "Name <addr>" lines, CSV, vCard 4.0.

One entry per e-mail address (a person who represents two members is one entry with both
organisations); members that give no representative address are returned separately so
the command can say so.

Every value comes from a member's record: an address that is not exactly one valid address (a
list, a line break, a display name) is left out and its member named, never written as is, and
names, organisations and roles are folded to one line, so no value adds a line, a card or a
property.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lpps_cli.i18n.localize import all_texts, localize
from lpps_cli.model.registry import Registry
from lpps_cli.model.taxonomy import fold
from lpps_cli.query.queries import Filters, Query
from lpps_cli.rules.contacts import mail_address
from lpps_cli.text.formats import single_line, text_lines, to_csv


@dataclass
class Recipient:
    name: str
    email: str
    organisations: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    role: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class MailingList:
    recipients: list[Recipient]
    missing: list[str]  # ids of members without a representative e-mail
    refused: list[str]  # ids of members with a representative e-mail that is not one valid address


def mailing_list(
    registry: Registry,
    lang: str,
    sector: str | None = None,
    kind: str | None = None,
    group: str | None = None,
    status: str | None = "active",
    role: str | None = None,
) -> MailingList:
    """The recipients of the matching members, members sorted by name."""
    filters = Filters(sector=sector, kind=kind, group=group, status=status)
    members, _ = Query(registry, "member").select(filters)
    default = registry.default_language
    members.sort(key=lambda m: (fold(localize(m.get("name"), lang, default)), m.id))
    wanted_role = fold(role) if role else None
    by_address: dict[str, Recipient] = {}
    missing: list[str] = []
    refused: list[str] = []
    for member in members:
        organisation = single_line(localize(member.get("name"), lang, default) or member.id)
        found = False
        for rep in member.get("representatives") or []:
            if not isinstance(rep, dict) or not isinstance(rep.get("email"), str) or not rep["email"].strip():
                continue
            if wanted_role and not any(wanted_role in fold(t) for t in all_texts(rep.get("role"))):
                continue
            found = True
            address = mail_address(rep["email"])
            if address is None:
                if member.id not in refused:
                    refused.append(member.id)
                continue
            entry = by_address.get(address.casefold())
            if entry is None:
                phone = rep.get("phone")
                entry = by_address[address.casefold()] = Recipient(
                    name=single_line(str(rep.get("name") or organisation)),
                    email=address,
                    role=single_line(localize(rep.get("role"), lang, default)) or None,
                    phone=single_line(str(phone)) if phone else None,
                )
            if member.id not in entry.members:
                entry.members.append(member.id)
                entry.organisations.append(organisation)
        if not found:
            missing.append(member.id)
    return MailingList(list(by_address.values()), missing, refused)


def as_txt(recipients: list[Recipient]) -> str:
    """RFC 5322 mailboxes, one a line; names quoted where needed and kept in UTF-8 (RFC 6532)."""
    return "".join(mailbox(r.name, r.email) + "\n" for r in recipients)


def mailbox(name: str, email: str) -> str:
    from email.headerregistry import Address

    try:
        return str(Address(display_name=name, addr_spec=email))
    except (ValueError, IndexError):  # an address the parser refuses: quote the name ourselves
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{quoted}" <{email}>'


CSV_COLUMNS = ["name", "email", "organisation", "member", "role", "phone"]


def as_csv(recipients: list[Recipient]) -> str:
    rows = [
        {
            "name": r.name,
            "email": r.email,
            "organisation": r.organisations,
            "member": r.members,
            "role": r.role,
            "phone": r.phone,
        }
        for r in recipients
    ]
    return to_csv(rows, CSV_COLUMNS)


def _escape(text: str) -> str:
    """A TEXT value (RFC 6350 3.4): every kind of line break becomes ``\\n``, so a value never
    starts a property line of its own."""
    return text_lines(text).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 6350 3.2: lines of at most 75 octets, continued with CRLF + space, never inside a UTF-8 character."""
    if len(line) <= 18 or len(line.encode("utf-8")) <= 75:  # most lines (a character is at most 4 octets)
        return line + "\r\n"
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out) + "\r\n"


def as_vcf(recipients: list[Recipient]) -> str:
    """vCard 4.0 (RFC 6350), one card per person, UTF-8, CRLF line ends."""
    cards = []
    for r in recipients:
        words = r.name.split()
        family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (r.name, "")
        lines = [
            "BEGIN:VCARD",
            "VERSION:4.0",
            f"FN:{_escape(r.name)}",
            f"N:{_escape(family)};{_escape(given)};;;",
            f"EMAIL;TYPE=work:{r.email}",
        ]
        lines += [f"ORG:{_escape(org)}" for org in r.organisations]
        if r.role:
            lines.append(f"ROLE:{_escape(r.role)}")
        if r.phone:
            lines.append(f"TEL;VALUE=text;TYPE=work,voice:{_escape(str(r.phone))}")
        lines.append("END:VCARD")
        cards.append("".join(_fold(line) for line in lines))
    return "".join(cards)
