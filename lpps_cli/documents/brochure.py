"""The partnership brochure: who the partnership is, how it works, its founding principles,
one profile per active member with its services, and an index of services by target group
and by area. Every record passes through ``for_audience`` before it reaches a template."""

from __future__ import annotations

import math
from typing import Any

from lpps_cli.documents.bodies import member_names, render_document
from lpps_cli.documents.render import localize
from lpps_cli.errors import LppsError
from lpps_cli.model.audience import for_audience
from lpps_cli.model.registry import DEFAULTS, Record, Registry
from lpps_cli.model.suggest import did_you_mean
from lpps_cli.model.taxonomy import fold

#: services a reader can still use or soon will
LISTED_SERVICE_STATUSES = ("active", "planned")


def render_brochure(
    registry: Registry, lang: str, audience: str = "public", fmt: str = "html", member: str | None = None
) -> str | bytes:
    """The brochure as Markdown or HTML text, or PDF bytes; ``member`` limits it to one profile."""
    return render_document(
        registry, "brochure/brochure", fmt, lang, audience, brochure_context(registry, lang, audience, member)
    )


def brochure_context(registry: Registry, lang: str, audience: str, member: str | None = None) -> dict[str, Any]:
    default = registry.default_language
    if member is not None:
        record = registry.members.get(member)
        if record is None:
            raise LppsError(
                f"no member '{member}'{did_you_mean(member, registry.members)}; list them with lpps members"
            )
        chosen = [record]
    else:
        chosen = [m for m in registry.members.values() if m.get("status") == "active"]
    chosen.sort(key=lambda m: fold(localize(m.get("name"), lang, default)[0]))
    names = member_names(registry, lang)
    listed: dict[str, list[Record]] = {}  # provider -> its listed services, made once for every profile
    for service in registry.services.values():
        if service.get("status", "active") in LISTED_SERVICE_STATUSES and isinstance(service.get("provider"), str):
            listed.setdefault(service.get("provider"), []).append(service)
    profiles = [_profile(m, listed.get(m.id, []), audience, names) for m in chosen]
    return {
        "single": member is not None,
        "principles": [] if member else founding_principles(registry, audience),
        "how": [] if member else how_it_works(registry, names),
        "profiles": profiles,
        "index": {} if member else _index(registry, profiles, lang),
        "active_count": len(profiles),
    }


def founding_principles(registry: Registry, audience: str) -> list[dict[str, Any]]:
    """Adopted founding documents (the kinds in ``required_documents``), in that order."""
    kinds = registry.setting("required_documents")
    kinds = kinds if isinstance(kinds, list) else []
    found = [
        for_audience("document", d.data, audience)
        for d in registry.documents.values()
        if d.get("status") == "adopted" and d.get("kind") in kinds
    ]
    found.sort(key=lambda d: (kinds.index(d["kind"]), str(d.get("adopted", ""))))
    for document in found:
        if not document.get("summary") and isinstance(document.get("body"), (str, dict)):
            document["summary"] = _first_paragraph(document["body"])
    return found


def _first_paragraph(body: Any) -> Any:
    if isinstance(body, dict):
        return {lang: _first_paragraph(text) for lang, text in body.items() if isinstance(text, str)}
    paragraphs = [p.strip() for p in str(body).split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    return paragraphs[0] if paragraphs else ""


def how_it_works(registry: Registry, names: dict[str, str]) -> dict[str, Any]:
    """The governance facts the brochure explains in sentences (the template words them)."""
    board = registry.partnership.get("board") if registry.partnership else None
    board = board if isinstance(board, dict) else {}
    coordinator = registry.partnership.get("coordinator") if registry.partnership else None
    coordinator = coordinator if isinstance(coordinator, dict) else {}
    quorum = registry.setting("quorum")
    return {
        "interval": _count(registry.setting("meeting_interval_months"), DEFAULTS["meeting_interval_months"]),
        "quorum_percent": round(quorum * 100)
        if isinstance(quorum, (int, float)) and math.isfinite(quorum) and 0 <= quorum <= 1
        else None,
        "board_size": _count(registry.setting("board_size"), DEFAULTS["board_size"]),
        "chair": names.get(chair) if (chair := board.get("chair")) else None,
        "coordinator_member": names.get(member) if (member := coordinator.get("member")) else None,
        "founded": registry.partnership.get("founded") if registry.partnership else None,
    }


def _count(value: Any, default: int) -> int:
    """A count the brochure words in a sentence; a value validate refuses (text, a 4000-digit
    number) gives the spec's default rather than a broken sentence or a crash."""
    return value if type(value) is int and 0 < value <= 10_000 else default


def _profile(member: Record, services: list[Record], audience: str, names: dict[str, str]) -> dict[str, Any]:
    services = sorted(services, key=lambda s: s.id)
    return {
        **for_audience("member", member.data, audience),
        "services": [
            {
                **for_audience("service", s.data, audience),
                "partner_names": [names.get(p, p) for p in s.get("partners") or [] if isinstance(p, str)],
            }
            for s in services
        ],
    }


def _index(registry: Registry, profiles: list[dict[str, Any]], lang: str) -> dict[str, list]:
    """``{"target_groups": [(label, [entries])], "areas": [...]}``, entries = services with their member."""
    default = registry.default_language
    index: dict[str, list] = {}
    for field, vocabulary in (("target_groups", "target-groups"), ("areas", "areas")):
        by_term: dict[str, list[dict[str, Any]]] = {}
        for profile in profiles:
            for service in profile["services"]:
                for term in service.get(field) or []:
                    by_term.setdefault(term, []).append(
                        {
                            "id": service["id"],
                            "name": service.get("name"),
                            "member": profile.get("name"),
                            "member_id": profile["id"],
                        }
                    )
        labelled = [(registry.taxonomy.label(vocabulary, term, lang), entries) for term, entries in by_term.items()]
        for _label, entries in labelled:
            entries.sort(key=lambda e: fold(localize(e["name"], lang, default)[0]))
        index[field] = sorted(labelled, key=lambda pair: fold(pair[0]))
    return index
