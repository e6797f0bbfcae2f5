"""Meeting invitations: one RFC 5322 message per representative of the invited members (text
and HTML with the agenda, and an iCalendar REQUEST), written as .eml files or sent over SMTP.

The event's UID depends only on the partnership and the meeting, so a re-sent invitation
updates the event people already have; SEQUENCE grows with time (minutes since 2020), so the
newest invitation always wins. A cancelled meeting sends METHOD:CANCEL.

Names, titles and addresses come from members' records. Headers are built from
email.headerregistry.Address and one-line texts, so no value adds a header; a representative
whose e-mail is not exactly one valid address, or whose message cannot be made, is skipped and
named (Skipped) while the others are still invited; file names are made from ids as one safe
name inside the output folder, never as a path.
"""

from __future__ import annotations

import datetime as dt
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, make_msgid
from pathlib import Path

from lpps_cli.documents.meetings_docs import find_meeting, invited_members, meeting_context
from lpps_cli.documents.render import environment, localize, render
from lpps_cli.errors import LppsError
from lpps_cli.fsio import atomic_write
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.audience import INTERNAL
from lpps_cli.model.registry import Record, Registry
from lpps_cli.rules.contacts import mail_address
from lpps_cli.text.formats import single_line, web_address

SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


@dataclass
class Invitation:
    recipient: str  # e-mail address
    name: str
    member: str  # member id
    message: EmailMessage


@dataclass(frozen=True)
class Skipped:
    """A representative who gets no invitation, and why."""

    member: str  # member id
    person: str  # the representative's name, or the e-mail value as written
    reason: str


@dataclass(frozen=True)
class Invitations:
    """The invitations of one meeting, and the representatives skipped for a bad value."""

    sent: list[Invitation]
    skipped: list[Skipped]


@dataclass
class SmtpSettings:
    host: str = "localhost"
    port: int | None = None
    user: str | None = None
    password: str | None = None  # from LPPS_SMTP_PASSWORD, never from the command line
    security: str = "starttls"  # starttls, ssl or none


def organizer(registry: Registry) -> tuple[str, str]:
    """(name, address) of the coordinator, who organizes every meeting."""
    data = registry.partnership.data if registry.partnership else {}
    contact = (data.get("coordinator") or {}).get("contact") or {}
    where = registry.partnership.path if registry.partnership else "partnership.yaml"
    written = contact.get("email") or data.get("email")
    if not written:
        raise LppsError("the partnership names no coordinator e-mail; add coordinator.contact.email", where)
    address = mail_address(written)
    if address is None:
        raise LppsError(
            "the coordinator e-mail is not one valid address; write one address in coordinator.contact.email", where
        )
    name = contact.get("name") or localize(data.get("name"), registry.default_language)[0]
    return single_line(str(name)), address


def event_uid(registry: Registry, meeting: Record, domain: str) -> str:
    partnership = registry.partnership.id if registry.partnership else "lpps"
    return f"{partnership}-{meeting.id}@{domain}"


def build_invitations(registry: Registry, meeting_id: str, lang: str, now: dt.datetime | None = None) -> Invitations:
    meeting = find_meeting(registry, meeting_id)
    now = now or dt.datetime.now(dt.UTC)
    context = meeting_context(registry, meeting, lang, INTERNAL)
    if context["start"] is None:
        raise LppsError(
            f"meeting '{meeting_id}' has no valid date and start time; add date and start (HH:MM)", meeting.path
        )
    org_name, org_address = organizer(registry)
    domain = org_address.rpartition("@")[2] or "lpps.invalid"
    text_env, html_env = (environment(registry, lang, INTERNAL, fmt) for fmt in ("text", "html"))
    from lpps_cli.documents.bodies import partnership_view

    context["partnership"] = partnership_view(registry, INTERNAL)
    subject = single_line(
        (
            _("Cancelled: %(title)s, %(date)s")
            if meeting.get("status") == "cancelled"
            else _("Invitation: %(title)s, %(date)s")
        )
        % {"title": context["title"], "date": text_env.filters["date"](context["start"].date())}
    )
    headers = {
        "Subject": subject,
        "From": Address(display_name=org_name, addr_spec=org_address),
        "Date": formatdate(now.timestamp(), localtime=False),
    }
    invitations, skipped = [], []
    for member in invited_members(registry, meeting):
        for rep in member.get("representatives") or []:
            if not isinstance(rep, dict) or not rep.get("email"):
                continue
            name = single_line(str(rep.get("name") or ""))
            address = mail_address(rep["email"])
            if address is None:
                skipped.append(Skipped(member.id, name or str(rep["email"]), _("the e-mail is not one valid address")))
                continue
            person = {"name": name, "email": address}
            values = {
                **context,
                "recipient": person,
                "member_name": localize(member.get("name"), lang, registry.default_language)[0],
                "organizer_name": org_name,
                "organizer_email": org_address,
            }
            try:
                message = EmailMessage()
                for header, value in headers.items():
                    message[header] = value
                message["To"] = Address(display_name=name, addr_spec=address)
                message["Message-ID"] = make_msgid(idstring=meeting.id, domain=domain)
                message.set_content(render(text_env, "email/invitation.txt", **values))
                message.add_alternative(render(html_env, "email/invitation.html", **values), subtype="html")
                ics = calendar_event(registry, meeting, context, (org_name, org_address), person, domain, now)
                message.add_attachment(
                    ics,
                    maintype="text",
                    subtype="calendar",
                    filename=f"{file_part(meeting.id)}.ics",
                    params={"method": _method(meeting)},
                )
                message.as_bytes(policy=SMTP_POLICY)  # what cannot be sent fails here, for this person only
            except (ValueError, TypeError, MessageError) as exc:
                skipped.append(Skipped(member.id, name or address, str(exc)))
                continue
            invitations.append(Invitation(address, name, member.id, message))
    return Invitations(invitations, skipped)


def _method(meeting: Record) -> str:
    return "CANCEL" if meeting.get("status") == "cancelled" else "REQUEST"


def calendar_event(
    registry: Registry,
    meeting: Record,
    context: dict,
    org: tuple[str, str],
    person: dict,
    domain: str,
    now: dt.datetime,
) -> bytes:
    """The iCalendar REQUEST (or CANCEL) for one attendee, with its VTIMEZONE."""
    from icalendar import Calendar, Event, vCalAddress, vText

    calendar = Calendar()
    calendar.add("prodid", "-//lpps//meeting invitations//EN")
    calendar.add("version", "2.0")
    calendar.add("method", _method(meeting))
    event = Event()
    event.add("uid", event_uid(registry, meeting, domain))
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("sequence", int((now - SEQUENCE_EPOCH).total_seconds() // 60))
    event.add("dtstart", context["start"])
    event.add("dtend", context["end"])
    event.add("summary", single_line(context["title"]))
    place = context["meeting"].get("place") or {}
    where = [localize(place.get("name"), registry.default_language)[0] if place.get("name") else ""]
    address = place.get("address") or {}
    where += [address.get("street") or "", " ".join(filter(None, [address.get("postal_code"), address.get("city")]))]
    where += [place.get("online") or ""]
    if any(where):
        event.add("location", single_line(", ".join(str(w) for w in where if w)))
    if web_address(place.get("online")):
        event.add("url", web_address(place.get("online")))
    event.add("status", "CANCELLED" if meeting.get("status") == "cancelled" else "CONFIRMED")
    organizer_address = vCalAddress(f"mailto:{org[1]}")
    organizer_address.params["cn"] = vText(org[0])
    event["organizer"] = organizer_address
    attendee = vCalAddress(f"mailto:{person['email']}")
    attendee.params.update(
        {
            "cn": vText(person["name"] or person["email"]),
            "role": vText("REQ-PARTICIPANT"),
            "partstat": vText("NEEDS-ACTION"),
            "rsvp": vText("TRUE"),
        }
    )
    event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def file_part(text: str) -> str:
    """A piece of a file name from an id or an address: ASCII letters, digits, ``._-``, never
    starting with a dot, so it is one name inside the folder (``../../x`` -> ``_.._x``), never a
    path; the schema's id pattern is not relied on."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).lstrip(".")[:100] or "_"


def eml_name(invitation: Invitation) -> str:
    return f"{file_part(invitation.member)}--{file_part(invitation.recipient)}.eml"


def write_invitations(invitations: list[Invitation], folder: Path) -> list[Path]:
    paths = []
    used: set[str] = set()
    for invitation in invitations:
        name = eml_name(invitation)
        stem, number = name.removesuffix(".eml"), 1
        while name.casefold() in used:  # two ids that make the same name: neither overwrites the other
            number += 1
            name = f"{stem}-{number}.eml"
        used.add(name.casefold())
        path = Path(folder) / name
        try:
            atomic_write(path, invitation.message.as_bytes(policy=SMTP_POLICY))
        except OSError as exc:
            raise LppsError(f"cannot write {path}: {exc.strerror}; choose another -o folder") from None
        paths.append(path)
    return paths


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    port = settings.port or DEFAULT_PORTS[settings.security]
    context = ssl.create_default_context()
    try:
        if settings.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, port, context=context, timeout=60)
        else:
            server = smtplib.SMTP(settings.host, port, timeout=60)
            if settings.security == "starttls":
                server.starttls(context=context)
        if settings.user:
            if not settings.password:
                server.quit()
                raise LppsError("--smtp-user needs the password in the environment variable LPPS_SMTP_PASSWORD")
            server.login(settings.user, settings.password)
    except (OSError, smtplib.SMTPException) as exc:
        raise LppsError(
            f"cannot use the SMTP server {settings.host}:{port}: {exc}; "
            "check --smtp-host, --smtp-port, --smtp-security and the login"
        ) from None
    return server


def send_invitations(invitations: list[Invitation], settings: SmtpSettings) -> dict[str, str]:
    """Send each invitation; returns recipient -> reason for those that failed (the others
    still go)."""
    failures: dict[str, str] = {}
    server = _connect(settings)
    try:
        for invitation in invitations:
            for attempt in (1, 2):
                try:
                    server.send_message(invitation.message, to_addrs=[invitation.recipient])
                    break
                except smtplib.SMTPServerDisconnected as exc:
                    if attempt == 2:
                        failures[invitation.recipient] = str(exc) or "the server closed the connection"
                    else:
                        server = _connect(settings)
                except smtplib.SMTPRecipientsRefused as exc:
                    code, reason = next(iter(exc.recipients.values()))
                    failures[invitation.recipient] = f"{code} {reason.decode(errors='replace')}"
                    break
                except (smtplib.SMTPException, OSError) as exc:
                    failures[invitation.recipient] = str(exc)
                    break
    finally:
        try:
            server.quit()
        except (smtplib.SMTPException, OSError):
            pass
    return failures
