"""The referral question: which services can take this client now, best first.

Filters (each optional): target group, service type, area, language, form, free places.
Only active services of active members are considered. Ranking, documented in
docs/queries.md:

1. ``score``: for the target group and the area asked for, 2 for an exact match and 1 for
   a match through the hierarchy (a service for a broader target group; a service in a
   narrower or broader area); higher first;
2. free places, more first (unknown capacity last);
3. how fresh ``capacity.as_of`` is, newer first; then the name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lpps_cli.i18n.localize import localize
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.audience import INTERNAL, for_audience, visible_contacts
from lpps_cli.model.registry import Record, Registry
from lpps_cli.model.term_match import broader_chain, narrower_or_self, resolve_term
from lpps_cli.query.queries import terms_of
from lpps_cli.query.rows import capacity_of, ids, mapping


@dataclass
class ReferQuery:
    target_group: str | None = None
    type: str | None = None
    area: str | None = None
    language: str | None = None
    form: str | None = None
    available: bool = False
    limit: int | None = None
    audience: str = INTERNAL


@dataclass
class Candidate:
    service: Record
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def _what(key: str) -> str:
    return {"target_groups": _("target group"), "areas": _("area"), "type": _("type"), "form": _("form")}[key]


class NoMatch(Exception):
    """Nothing matched; ``option`` is the filter that emptied the list, ``before`` how many it saw."""

    def __init__(self, option: str, before: int):
        super().__init__(option)
        self.option, self.before = option, before


class Referral:
    def __init__(self, registry: Registry, lang: str):
        self.registry, self.lang, self.default = registry, lang, registry.default_language
        self.taxonomy = registry.taxonomy

    def label(self, vocabulary: str, term: str) -> str:
        return self.taxonomy.label(vocabulary, term, self.lang)

    def hierarchical(self, vocabulary: str, text: str, key: str, include_narrower: bool):
        """A filter step scoring 2 for the exact term, 1 for a broader (or narrower) one."""
        term = resolve_term(self.taxonomy, vocabulary, text)
        broader = broader_chain(self.taxonomy, vocabulary, term)
        narrower = narrower_or_self(self.taxonomy, vocabulary, term) - {term} if include_narrower else set()

        def step(c: Candidate) -> bool:
            have = terms_of(c.service, key, self.registry)
            if term in have:
                c.score += 2
                c.reasons.append(f"{_what(key)}: {self.label(vocabulary, term)}")
                return True
            related = [t for t in (*broader, *sorted(narrower)) if t in have]
            if related:
                c.score += 1
                c.reasons.append(
                    _("%(what)s: %(label)s (covers %(asked)s)")
                    % {
                        "what": _what(key),
                        "label": self.label(vocabulary, related[0]),
                        "asked": self.label(vocabulary, term),
                    }
                )
            return bool(related)

        return step

    def plain(self, vocabulary: str, text: str, key: str):
        term = resolve_term(self.taxonomy, vocabulary, text)
        wanted = narrower_or_self(self.taxonomy, vocabulary, term)

        def step(c: Candidate) -> bool:
            if c.service.get(key) in wanted:
                c.reasons.append(f"{_what(key)}: {self.label(vocabulary, c.service.get(key))}")
                return True
            return False

        return step

    def language(self, code: str):
        code = code.strip().lower()

        def step(c: Candidate) -> bool:
            spoken = ids(c.service.get("languages")) or [self.default]
            if code in spoken:
                c.reasons.append(_("language: %(code)s") % {"code": code})
                return True
            return False

        return step

    def steps(self, q: ReferQuery):
        members = self.registry.members
        yield "status", lambda c: c.service.get("status") == "active"
        yield (
            "provider",
            lambda c: (
                c.service.get("provider") in members and members[c.service.get("provider")].get("status") == "active"
            ),
        )
        if q.target_group:
            yield "--target-group", self.hierarchical("target-groups", q.target_group, "target_groups", False)
        if q.type:
            yield "--type", self.plain("service-types", q.type, "type")
        if q.area:
            yield "--area", self.hierarchical("areas", q.area, "areas", True)
        if q.language:
            yield "--language", self.language(q.language)
        if q.form:
            yield "--form", self.plain("forms", q.form, "form")
        if q.available:
            yield "--available", lambda c: (capacity_of(c.service).free or 0) > 0

    def run(self, q: ReferQuery) -> list[dict[str, Any]]:
        steps = list(self.steps(q))  # resolve every term first: a typo fails before any search
        candidates = [Candidate(s, 0, []) for s in self.registry.services.values()]
        for option, keep in steps:
            before = len(candidates)
            candidates = [c for c in candidates if keep(c)]
            if not candidates:
                raise NoMatch(option, before)
        candidates.sort(key=rank)
        return [self.result(c, q.audience) for c in candidates[: q.limit or None]]

    def result(self, c: Candidate, audience: str) -> dict[str, Any]:
        service = c.service
        data = for_audience("service", service.data, audience)
        cap = capacity_of(service)
        provider = self.registry.members.get(service.get("provider"))
        if cap.free is not None:
            c.reasons.append(
                _("%(free)d free %(unit)s as of %(date)s")
                % {"free": cap.free, "unit": cap.unit or "", "date": cap.as_of or "?"}
            )
        else:
            c.reasons.append(_("no capacity data"))
        return {
            "id": service.id,
            "name": localize(service.get("name"), self.lang, self.default),
            "provider": service.get("provider"),
            "provider_name": localize(provider.get("name"), self.lang, self.default) if provider else None,
            "type": service.get("type"),
            "form": service.get("form"),
            "free": cap.free,
            "unit": cap.unit,
            "total": cap.total,
            "occupied": cap.occupied,
            "as_of": cap.as_of,
            "score": c.score,
            "reasons": c.reasons,
            "referral": localize(mapping(data.get("referral")).get("text"), self.lang, self.default) or None,
            "contact": self.contact(data, provider, audience),
            "eligibility": localize(data.get("eligibility"), self.lang, self.default) or None,
            "target_groups": ids(service.get("target_groups")),
            "areas": terms_of(service, "areas", self.registry),
            "languages": ids(service.get("languages")),
        }

    def contact(self, data: dict, provider: Record | None, audience: str) -> dict[str, Any] | None:
        """Whom to call: the referral contact, else the service's first contact, else the provider's desk."""
        chosen = mapping(data.get("referral")).get("contact") or next(
            iter(visible_contacts(data.get("contacts"), audience)), None
        )
        if isinstance(chosen, dict):
            return {
                "name": chosen.get("name"),
                "role": localize(chosen.get("role"), self.lang, self.default) or None,
                "phone": chosen.get("phone"),
                "email": chosen.get("email"),
            }
        if provider is not None:
            desk = for_audience("member", provider.data, audience)
            if desk.get("phone") or desk.get("email"):
                return {
                    "name": localize(desk.get("name"), self.lang, self.default),
                    "role": None,
                    "phone": desk.get("phone"),
                    "email": desk.get("email"),
                }
        return None


def rank(c: Candidate):
    cap = capacity_of(c.service)
    return (
        -c.score,
        cap.free is None,
        -(cap.free or 0),
        _negated_date(cap.as_of),
        localize(c.service.get("name"), "en").casefold(),
        c.service.id,
    )


def _negated_date(iso: str | None) -> int:
    """Newer first; no date last."""
    import datetime as dt

    try:
        return -dt.date.fromisoformat(iso).toordinal() if iso else 1
    except ValueError:
        return 1


def refer(registry: Registry, query: ReferQuery, lang: str) -> list[dict[str, Any]]:
    """Ranked results; raises NoMatch naming the filter that left none."""
    return Referral(registry, lang).run(query)
