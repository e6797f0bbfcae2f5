"""Rule 11, ``contact``: e-mail addresses and phone numbers are well formed; ``mail_address`` is the
one test of "exactly one valid address" that mailing lists and invitations put in a header."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lpps_cli.model.problems import Problem, error, pointer
from lpps_cli.model.registry import Record, Registry
from lpps_cli.rules.references import Trail, walk

#: where contacts live, by kind: paths to e-mail and phone values
CONTACT_PATHS: dict[str, list[tuple[str, ...]]] = {
    "partnership": [("email",), ("coordinator", "contact")],
    "member": [("email",), ("phone",), ("contacts", "*"), ("representatives", "*")],
    "service": [("contacts", "*"), ("referral", "contact")],
}


def contact_values(record: Record) -> Iterator[tuple[Trail, str, str]]:
    """(json path, 'email'|'phone', value) of every address and number in a record."""
    for path in CONTACT_PATHS.get(record.kind, []):
        for trail, value in walk(record.data, path):
            if isinstance(value, str) and path[-1] in ("email", "phone"):
                yield trail, path[-1], value
            elif isinstance(value, dict):
                for key in ("email", "phone"):
                    if isinstance(value.get(key), str):
                        yield trail + (key,), key, value[key]


def check_contacts(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(c) for c contacts; each distinct value is parsed once (cached)."""
    for record in registry.all_records():
        region = _region(registry, record)
        for trail, kind, value in contact_values(record):
            message = email_problem(value) if kind == "email" else phone_problem(value, region)
            if message:
                yield error("contact", record.path, pointer(*trail), message)


def _region(registry: Registry, record: Record) -> str | None:
    data = record.data
    if record.kind == "service":
        provider_id = data.get("provider")  # a list or mapping in an invalid record cannot be looked up
        provider = registry.members.get(provider_id) if isinstance(provider_id, str) else None
        data = provider.data if provider else {}
    for source in (data.get("address"), data.get("registration")):
        country = source.get("country") if isinstance(source, dict) else None
        if isinstance(country, str):
            return country
    return registry.country


#: plain lower-case ASCII addresses that email-validator always accepts (a strict subset of
#: its rules: dot-atom local part of at most 64, hostname labels without '--' of at most 63,
#: an alphabetic top-level domain, at most 254 in all); anything else is asked of it. The
#: special-use top-level domains it refuses are checked apart (_special_use).
_SIMPLE_EMAIL = re.compile(
    r"(?=.{6,254}$)(?=[^@]{1,64}@)[a-z0-9]+(?:[._+-][a-z0-9]+)*"
    r"@(?!.*--)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})"
)


@lru_cache(maxsize=1)
def _special_use() -> frozenset[str]:
    import email_validator

    return frozenset(getattr(email_validator, "SPECIAL_USE_DOMAIN_NAMES", ()))


@lru_cache(maxsize=65536)
def email_problem(value: str) -> str | None:
    """Cost: a regex for a plain address, email-validator (about 100 µs) for the rest."""
    from lpps_cli.reading.yamlio import fast_enabled

    simple = _SIMPLE_EMAIL.fullmatch(value)
    if simple and simple.group(1) not in _special_use() and fast_enabled():
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return f"e-mail '{value}' is not valid: {str(exc).rstrip('.')}"
    return None


@lru_cache(maxsize=65536)
def phone_problem(value: str, region: str | None) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return f"phone '{value}' is not a phone number; write it in international form, e.g. +48 81 532 10 20"
    if not phonenumbers.is_valid_number(number):
        where = f" for {region}" if region and not value.startswith("+") else ""
        return (
            f"phone '{value}' is not a valid number{where}; check the digits and write it in "
            "international form, e.g. +48 81 532 10 20"
        )
    return None


def mail_address(value: Any) -> str | None:
    """``value`` when it is exactly one valid e-mail address (no display name, no list, no
    white space or control character), else None: a value that may go into a header."""
    if not isinstance(value, str):
        return None
    address = value.strip(" \t")  # str.strip would also take a line separator away
    if (
        not address
        or address.count("@") != 1
        or any(c.isspace() or not c.isprintable() or c in ',;<>()"\\' for c in address)
    ):
        return None
    return None if email_problem(address) else address
