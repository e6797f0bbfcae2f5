"""Rule 6, ``membership``: members are admitted by decision and sign the commitment; former
members have left and their services ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lpps_cli.model.problems import Problem, error
from lpps_cli.model.registry import Record, Registry
from lpps_cli.rules.common import date


def check_membership(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(n + s) for n members and s services (one pass each, dict lookups)."""
    for member in registry.members.values():
        status = member.get("status")
        if status in ("active", "suspended") and not member.get("founding"):
            yield from _admission(registry, member)
        if status == "former":
            if not member.get("left"):
                yield error(
                    "membership",
                    member.path,
                    "/status",
                    f"former member '{member.id}' has no 'left' date; add left: YYYY-MM-DD",
                )
        joined, left = date(member.get("joined")), date(member.get("left"))
        if joined and left and left < joined:
            yield error("membership", member.path, "/left", f"left {left} is before joined {joined}")
    for service in registry.services.values():
        provider_id = service.get("provider")  # a list or mapping in an invalid record cannot be looked up
        provider = registry.members.get(provider_id) if isinstance(provider_id, str) else None
        if provider is not None and provider.get("status") == "former" and service.get("status") != "ended":
            yield error(
                "membership",
                service.path,
                "/status",
                f"service '{service.id}' is {service.get('status')} but its provider "
                f"'{provider.id}' is a former member; set status: ended",
            )


def _admission(registry: Registry, member: Record) -> Iterator[Problem]:
    joined = date(member.get("joined"))
    if member.get("joined") is None:
        yield error(
            "membership",
            member.path,
            "/status",
            f"member '{member.id}' is {member.get('status')} but has no 'joined' date; add joined: YYYY-MM-DD",
        )
    if not member.get("commitment_signed"):
        yield error(
            "membership",
            member.path,
            "/status",
            f"member '{member.id}' has not signed the declaration of commitment; add commitment_signed: YYYY-MM-DD",
        )
    decision_id = member.get("admitted_by")
    if not isinstance(decision_id, str):
        yield error(
            "membership",
            member.path,
            "/status",
            f"member '{member.id}' is {member.get('status')} without an admission decision; "
            "add admitted_by: <decision id>",
        )
        return
    decision = registry.decisions.get(decision_id)
    if decision is None:
        return  # the reference rule reports it
    if decision.get("kind") != "admission":
        yield error(
            "membership",
            member.path,
            "/admitted_by",
            f"decision '{decision_id}' is a {decision.get('kind')} decision, not an admission",
        )
    if decision.get("outcome") != "adopted":
        yield error(
            "membership",
            member.path,
            "/admitted_by",
            f"admission decision '{decision_id}' is {decision.get('outcome')}, not adopted",
        )
    decided = date(decision.get("date"))
    if decided and joined and decided > joined:
        yield error(
            "membership",
            member.path,
            "/joined",
            f"joined {joined} is before the admission decision '{decision_id}' of {decided}",
        )
    subject = decision.get("subject")
    if isinstance(subject, list) and member.id not in subject:
        yield error(
            "membership",
            member.path,
            "/admitted_by",
            f"admission decision '{decision_id}' does not name '{member.id}' in its subject",
        )
