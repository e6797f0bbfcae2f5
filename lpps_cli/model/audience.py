"""The one function that decides what is public.

Every public output (brochure, portal, exports, ``refer --audience public``) passes records
through ``for_audience``. The rules, in one place:

* a contact (``contacts``, ``representatives``, ``referral.contact``, ``coordinator.contact``)
  is public only with ``visibility: public`` — internal is the default;
* an address with ``confidential: true`` shows only its city and country;
* ``minutes`` of meetings and every ``x-`` extension field are internal, at any depth (in a
  contact, an address, a location, a schedule entry ...);
* an organisation's own ``email``/``phone``/``website`` fields are its public desk and are
  public (personal addresses belong in ``contacts``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lpps_cli.errors import LppsError

if TYPE_CHECKING:
    from lpps_cli.model.registry import Registry

PUBLIC = "public"
INTERNAL = "internal"
AUDIENCES = (PUBLIC, INTERNAL)

CONTACT_LISTS = ("contacts", "representatives")
INTERNAL_FIELDS = {"meeting": ("minutes",)}
PUBLIC_ADDRESS_FIELDS = ("city", "region", "country")


def is_public(contact: Any) -> bool:
    return isinstance(contact, dict) and contact.get("visibility") == PUBLIC


def visible_contacts(contacts: Any, audience: str) -> list[dict[str, Any]]:
    contacts = [c for c in contacts if isinstance(c, dict)] if isinstance(contacts, list) else []
    return contacts if audience == INTERNAL else [c for c in contacts if is_public(c)]


def visible_address(address: Any, audience: str) -> Any:
    if audience == INTERNAL or not isinstance(address, dict) or not address.get("confidential"):
        return address
    return {k: v for k, v in address.items() if k in PUBLIC_ADDRESS_FIELDS} | {"confidential": True}


def _extension(key: Any) -> bool:
    return isinstance(key, str) and key.startswith("x-")


def without_extensions(value: Any) -> Any:
    """``value`` with every ``x-`` key removed at every depth (copied only where one was)."""
    if isinstance(value, dict):
        if not any(_extension(k) or isinstance(v, (dict, list)) for k, v in value.items()):
            return value
        return {k: without_extensions(v) for k, v in value.items() if not _extension(k)}
    if isinstance(value, list):
        if not any(isinstance(v, (dict, list)) for v in value):
            return value
        return [without_extensions(v) for v in value]
    return value


def for_audience(kind: str, data: dict[str, Any], audience: str) -> dict[str, Any]:
    """A copy of a record's data with everything ``audience`` may not see removed."""
    if audience == INTERNAL:
        return data
    if audience != PUBLIC:
        raise ValueError(f"unknown audience {audience!r}")
    out = {
        k: without_extensions(v)
        for k, v in data.items()
        if not _extension(k) and k not in INTERNAL_FIELDS.get(kind, ())
    }
    for key in CONTACT_LISTS:
        if key in out:
            out[key] = visible_contacts(out[key], audience)
    if "address" in out:
        out["address"] = visible_address(out["address"], audience)
    if isinstance(out.get("place"), dict) and "address" in out["place"]:
        out["place"] = {**out["place"], "address": visible_address(out["place"]["address"], audience)}
    if isinstance(out.get("locations"), list):
        out["locations"] = [
            {**loc, "address": visible_address(loc.get("address"), audience)}
            if isinstance(loc, dict) and "address" in loc
            else loc
            for loc in out["locations"]
        ]
        if any(
            isinstance(loc, dict) and isinstance(loc.get("address"), dict) and loc["address"].get("confidential")
            for loc in out["locations"]
        ):
            # a confidential shelter must not be found by its coordinates either
            out["locations"] = [
                {k: v for k, v in loc.items() if k != "geo"} if isinstance(loc, dict) else loc
                for loc in out["locations"]
            ]
    if isinstance(out.get("referral"), dict):
        referral = dict(out["referral"])
        if "contact" in referral and not is_public(referral["contact"]):
            del referral["contact"]
        out["referral"] = referral
    if isinstance(out.get("coordinator"), dict):
        coordinator = dict(out["coordinator"])
        if "contact" in coordinator and not is_public(coordinator["contact"]):
            del coordinator["contact"]
        out["coordinator"] = coordinator
    return out


#: record kinds in export order (partnership aside)
EXPORT_KINDS = ("member", "service", "group", "document", "meeting", "decision", "project")


def check_audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise LppsError(f"unknown audience {audience!r}; use public or internal")
    return audience


def public_records(registry: Registry, kind: str, audience: str = PUBLIC) -> list[tuple[str, dict[str, Any]]]:
    """``(id, data)`` of every record of ``kind``, sorted by id, as ``audience`` may see it."""
    return [(rid, for_audience(kind, record.data, audience)) for rid, record in sorted(registry.of(kind).items())]


def partnership_data(registry: Registry, audience: str = PUBLIC) -> dict[str, Any]:
    if registry.partnership is None:
        return {}
    return for_audience("partnership", registry.partnership.data, audience)
