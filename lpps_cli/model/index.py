"""Reverse links between records, built once in O(n): what concerns a member, a meeting, a project.

Queries, ``show`` and reports look things up here instead of scanning every record for
every record.
"""

from __future__ import annotations

from collections import defaultdict

from lpps_cli.model.registry import Registry


def _ids(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


class Index:
    def __init__(self, registry: Registry):
        self.services_of: dict[str, list[str]] = defaultdict(list)  # member -> services it provides
        self.partner_in: dict[str, list[str]] = defaultdict(list)  # member -> services it takes part in
        self.groups_of: dict[str, list[str]] = defaultdict(list)
        self.projects_of: dict[str, list[str]] = defaultdict(list)  # lead or partner
        self.decisions_about: dict[str, list[str]] = defaultdict(list)  # any id -> decisions naming it
        self.attended: dict[str, list[str]] = defaultdict(list)  # member -> meetings
        self.meetings_of_group: dict[str, list[str]] = defaultdict(list)
        self.decisions_of_meeting: dict[str, list[str]] = defaultdict(list)
        self.documents_signed: dict[str, list[str]] = defaultdict(list)
        self.funded_services: dict[str, list[str]] = defaultdict(list)  # project -> services
        self.agenda_refs: dict[str, list[str]] = defaultdict(list)  # any id -> meetings whose agenda names it
        for service in registry.services.values():
            provider = service.get("provider")
            if isinstance(provider, str):
                self.services_of[provider].append(service.id)
            for partner in _ids(service.get("partners")):
                self.partner_in[partner].append(service.id)
            for project_id in _ids(service.get("funded_by")):
                self.funded_services[project_id].append(service.id)
        for group in registry.groups.values():
            for member in _ids(group.get("members")):
                self.groups_of[member].append(group.id)
        for project in registry.projects.values():
            for member in dict.fromkeys([project.get("lead"), *_ids(project.get("partners"))]):
                if isinstance(member, str):
                    self.projects_of[member].append(project.id)
        for decision in registry.decisions.values():
            votes = decision.get("votes") if isinstance(decision.get("votes"), dict) else {}
            named = [
                *_ids(decision.get("subject")),
                *(v for key in ("for", "against", "abstain") for v in _ids(votes.get(key))),
            ]
            for record_id in dict.fromkeys(named):
                self.decisions_about[record_id].append(decision.id)
            if isinstance(decision.get("meeting"), str):
                self.decisions_of_meeting[decision.get("meeting")].append(decision.id)
        for meeting in registry.meetings.values():
            for member in _ids(meeting.get("attended")):
                self.attended[member].append(meeting.id)
            if isinstance(meeting.get("group"), str):
                self.meetings_of_group[meeting.get("group")].append(meeting.id)
            agenda = meeting.get("agenda") if isinstance(meeting.get("agenda"), list) else []
            for ref in dict.fromkeys(r for item in agenda if isinstance(item, dict) for r in _ids(item.get("refs"))):
                self.agenda_refs[ref].append(meeting.id)
        for document in registry.documents.values():
            for member in _ids(document.get("signatories")):
                self.documents_signed[member].append(document.id)

    def meeting_decisions(self, registry: Registry, meeting_id: str) -> list[str]:
        """Decisions of a meeting: those naming it, and those it lists."""
        meeting = registry.meetings.get(meeting_id)
        listed = _ids(meeting.get("decisions")) if meeting else []
        return list(dict.fromkeys([*listed, *self.decisions_of_meeting.get(meeting_id, [])]))
