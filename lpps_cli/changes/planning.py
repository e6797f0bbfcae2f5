"""``lpps meeting new``: the next meeting, dated within the cadence, its agenda pre-filled
with what waits for the partnership."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.registry import Registry
from lpps_cli.rules.common import add_months, date

ACTIVE_PROJECT = ("applying", "submitted", "funded", "running")
BOARD_NOTICE_DAYS = 7  # a board or group meeting without a cadence: a week's notice


@dataclass
class Plan:
    date: dt.date
    kind: str
    group: str | None
    deadline: dt.date | None
    invited: list[str]
    agenda: list[dict[str, Any]] = field(default_factory=list)
    overdue: bool = False


def working_day(day: dt.date) -> bool:
    return day.weekday() < 5


def meetings_on(registry: Registry) -> set[dt.date]:
    return {d for m in registry.meetings.values() if m.get("status") != "cancelled" and (d := date(m.get("date")))}


def _last(registry: Registry, kind: str, group: str | None) -> dt.date | None:
    days = [
        d
        for m in registry.meetings.values()
        if m.get("kind") == kind
        and m.get("status") != "cancelled"
        and (group is None or m.get("group") == group)
        and (d := date(m.get("date")))
    ]
    return max(days) if days else None


def propose_date(
    registry: Registry, kind: str, group: str | None, today: dt.date
) -> tuple[dt.date, dt.date | None, bool]:
    """(date, deadline, overdue). A general meeting: the last working day on or before the
    cadence's deadline that has no other meeting (so no gap is longer than the interval),
    or the first free working day from tomorrow when the deadline has passed. Other
    meetings: the first free working day a week from today."""
    taken = meetings_on(registry)
    tomorrow = today + dt.timedelta(days=1)
    last = _last(registry, kind, group)
    deadline = None
    if kind == "general" and last is not None:
        deadline = add_months(last, int(registry.setting("meeting_interval_months") or 3))
        day = deadline
        while day > max(last, today) and (not working_day(day) or day in taken):
            day -= dt.timedelta(days=1)
        if day > max(last, today):
            return day, deadline, False
        start, overdue = tomorrow, deadline < tomorrow
    else:
        start, overdue = (tomorrow if kind == "general" else today + dt.timedelta(days=BOARD_NOTICE_DAYS)), False
    day = start
    while not working_day(day) or day in taken:
        day += dt.timedelta(days=1)
    return day, deadline, overdue


def invited_members(registry: Registry, kind: str, group: str | None) -> list[str]:
    if kind == "board":
        board = registry.partnership.get("board") if registry.partnership else None
        return [m for m in (board.get("members") or [])] if isinstance(board, dict) else []
    if kind == "group":
        found = registry.groups.get(group) if group is not None else None
        return list(found.get("members") or []) if found else []
    return sorted(m.id for m in registry.members.values() if m.get("status") in ("active", "suspended"))


def name_of(registry: Registry, record_id: str) -> str:
    record = registry.get(record_id)
    if record is None:
        return record_id
    value = record.get("name") or record.get("title") or record_id
    if isinstance(value, dict):
        value = value.get(registry.default_language) or next(iter(value.values()), record_id)
    return str(value)


def waiting_items(registry: Registry, today: dt.date) -> list[dict[str, Any]]:
    """What waits for the partnership: applicants, drafts, pending decisions, projects
    without an adopted consortium agreement, services whose capacity data is stale."""
    items: list[dict[str, Any]] = []
    for member in sorted(registry.members.values(), key=lambda r: r.id):
        if member.get("status") == "applicant":
            items.append(
                {
                    "title": _("Admission of %(name)s") % {"name": name_of(registry, member.id)},
                    "kind": "decision",
                    "refs": [member.id],
                }
            )
    for document in sorted(registry.documents.values(), key=lambda r: r.id):
        if document.get("status") == "draft":
            items.append(
                {
                    "title": _("Adoption of %(title)s") % {"title": name_of(registry, document.id)},
                    "kind": "decision",
                    "refs": [document.id],
                }
            )
    for decision in sorted(registry.decisions.values(), key=lambda r: r.id):
        if decision.get("outcome") == "pending":
            items.append(
                {
                    "title": _("Pending decision: %(id)s") % {"id": decision.id},
                    "kind": "decision",
                    "refs": [decision.id],
                }
            )
    for project in sorted(registry.projects.values(), key=lambda r: r.id):
        if project.get("on_behalf_of_partnership") and project.get("status") in ACTIVE_PROJECT:
            agreement = registry.documents.get(project.get("consortium_agreement") or "")
            if agreement is None or agreement.get("status") != "adopted":
                items.append(
                    {
                        "title": _("Consortium agreement for %(title)s") % {"title": name_of(registry, project.id)},
                        "kind": "decision",
                        "refs": [project.id],
                    }
                )
    max_age = int(registry.setting("capacity_max_age_days") or 90)
    stale = []
    for service in sorted(registry.services.values(), key=lambda r: r.id):
        if service.get("status") != "active":
            continue
        capacity = service.get("capacity")
        as_of = date(capacity.get("as_of")) if isinstance(capacity, dict) else None
        if as_of is None or (today - as_of).days > max_age:  # missing counts: nobody can refer to it
            stale.append(service.id)
    if stale:
        items.append(
            {
                "title": _("Capacity data missing or older than %(days)d days") % {"days": max_age},
                "kind": "info",
                "refs": stale,
            }
        )
    return items


def plan_meeting(
    registry: Registry, today: dt.date, kind: str = "general", group: str | None = None, on: dt.date | None = None
) -> Plan:
    if kind == "group" and group not in registry.groups:
        from lpps_cli.model.suggest import did_you_mean

        raise LppsError(
            _("no group has the id '%(id)s'%(hint)s")
            % {"id": group, "hint": did_you_mean(group or "", list(registry.groups))}
        )
    chosen, deadline, overdue = propose_date(registry, kind, group, today)
    if on is not None:
        chosen = on
    agenda = [{"title": _("Opening, quorum and adoption of the agenda"), "kind": "info"}]
    if kind == "general":
        agenda += waiting_items(registry, today)
    agenda.append({"title": _("Any other business"), "kind": "discussion"})
    return Plan(chosen, kind, group, deadline, invited_members(registry, kind, group), agenda, overdue)


def meeting_data(plan: Plan, registry: Registry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"{plan.date.isoformat()}-{plan.group or plan.kind}",
        "date": plan.date,
        "start": _quoted("10:00"),  # quoted: YAML 1.1 tools read 10:00 as a number
        "kind": plan.kind,
    }
    if plan.group:
        data["group"] = plan.group
    data["status"] = "planned"
    chair = (
        (registry.partnership.get("board") or {}).get("chair")
        if registry.partnership and isinstance(registry.partnership.get("board"), dict)
        else None
    )
    if isinstance(chair, str) and plan.kind != "group":
        data["chair"] = chair
    data["invited"] = plan.invited
    data["agenda"] = plan.agenda
    return data


def _quoted(text: str):
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)
