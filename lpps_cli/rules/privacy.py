"""``privacy``: warnings where the registry would publish what should stay private.

Two cases the Lublin and Central Bohemian practice know: a *public* contact that is a
person's private mailbox (free-mail providers), and a shelter for victims of violence whose
street address would appear in the brochure and the portal (the Czech register marks
such addresses as confidential; lpps honours ``address.confidential: true``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lpps_cli.model.audience import is_public
from lpps_cli.model.problems import Problem, pointer, warning
from lpps_cli.model.registry import Registry
from lpps_cli.rules.common import ids
from lpps_cli.rules.references import walk

FREEMAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "aol.com",
        "wp.pl",
        "o2.pl",
        "onet.pl",
        "onet.eu",
        "interia.pl",
        "poczta.fm",
        "op.pl",
        "tlen.pl",
        "vp.pl",
        "seznam.cz",
        "email.cz",
        "centrum.cz",
        "post.cz",
        "volny.cz",
        "atlas.cz",
        "ukr.net",
        "i.ua",
        "meta.ua",
        "mail.ru",
        "yandex.ru",
        "yandex.ua",
    }
)
#: services whose address must not be published unless marked confidential
CONFIDENTIAL_TARGET_GROUPS = frozenset({"victims-of-violence", "victims-of-trafficking"})
CONFIDENTIAL_TYPES = frozenset({"domestic-violence-support-centre", "intervention-centre"})
CONTACT_FIELDS = {
    "partnership": [("coordinator", "contact")],
    "member": [("contacts", "*"), ("representatives", "*")],
    "service": [("contacts", "*"), ("referral", "contact")],
}


def check_privacy(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(c + s) over contacts and services."""
    for record in registry.all_records():
        for path in CONTACT_FIELDS.get(record.kind, []):
            for trail, contact in walk(record.data, path):
                email = contact.get("email") if is_public(contact) else None
                if isinstance(email, str) and email.rpartition("@")[2].lower() in FREEMAIL:
                    yield warning(
                        "privacy",
                        record.path,
                        pointer(*trail, "email"),
                        f"public contact e-mail '{email}' looks like a private mailbox; publish the "
                        "organisation's address instead, or set visibility: internal",
                    )
    for service in registry.services.values():
        sensitive = set(ids(service.get("target_groups"))) & CONFIDENTIAL_TARGET_GROUPS
        service_type = service.get("type")
        if not sensitive and not (isinstance(service_type, str) and service_type in CONFIDENTIAL_TYPES):
            continue
        if service.get("form") not in (None, "residential"):
            continue
        for index, location in enumerate(service.get("locations") or []):
            address = location.get("address") if isinstance(location, dict) else None
            if isinstance(address, dict) and address.get("street") and not address.get("confidential"):
                yield warning(
                    "privacy",
                    service.path,
                    pointer("locations", index, "address"),
                    f"the street address of '{service.id}', a shelter for "
                    f"{', '.join(sorted(sensitive)) or 'victims of violence'}, would be published; "
                    "add address.confidential: true",
                )
