"""Meeting documents: the agenda (with an attendance list to sign) and the minutes (who came,
quorum, each decision with its outcome and votes). ``meeting_context`` is shared with the
invitations, which carry the agenda."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from lpps_cli.documents.bodies import local_datetime, member_names, render_document
from lpps_cli.documents.render import localize
from lpps_cli.errors import LppsError
from lpps_cli.model import labels
from lpps_cli.model.audience import for_audience
from lpps_cli.model.registry import Record, Registry
from lpps_cli.model.suggest import did_you_mean
from lpps_cli.model.taxonomy import fold
from lpps_cli.rules.common import Membership

DEFAULT_LENGTH = dt.timedelta(hours=2)


def find_meeting(registry: Registry, meeting_id: str) -> Record:
    meeting = registry.meetings.get(meeting_id)
    if meeting is None:
        raise LppsError(
            f"no meeting '{meeting_id}'{did_you_mean(meeting_id, registry.meetings)}; list them with lpps meetings"
        )
    return meeting


def render_agenda(
    registry: Registry, meeting_id: str, lang: str, audience: str = "internal", fmt: str = "html"
) -> str | bytes:
    return render_document(
        registry,
        "meeting/agenda",
        fmt,
        lang,
        audience,
        meeting_context(registry, find_meeting(registry, meeting_id), lang, audience),
    )


def render_minutes(
    registry: Registry, meeting_id: str, lang: str, audience: str = "internal", fmt: str = "html"
) -> str | bytes:
    meeting = find_meeting(registry, meeting_id)
    context = meeting_context(registry, meeting, lang, audience)
    context.update(minutes_context(registry, meeting, lang, audience))
    return render_document(registry, "meeting/minutes", fmt, lang, audience, context)


def meeting_times(registry: Registry, meeting: Record) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Start and end as aware datetimes in the partnership's zone (end: 2 hours after start
    when the meeting names none)."""
    start = local_datetime(registry, meeting.get("date"), meeting.get("start"))
    end = local_datetime(registry, meeting.get("date"), meeting.get("end")) if meeting.get("end") else None
    if start is not None and (end is None or end <= start):
        end = start + DEFAULT_LENGTH
    return start, end


def meeting_title(registry: Registry, meeting: Record, lang: str) -> str:
    if meeting.get("title"):
        return localize(meeting.get("title"), lang, registry.default_language)[0]
    kind = meeting.get("kind", "general")
    if kind == "group" and meeting.get("group") in registry.groups:
        group = registry.groups[meeting.get("group")]
        return localize(group.get("name"), lang, registry.default_language)[0]
    return labels.meeting_kinds().get(kind, kind)


def invited_members(registry: Registry, meeting: Record) -> list[Record]:
    """The members a meeting invites: ``invited: all`` means every active member (and the
    applicants, who come to be admitted)."""
    invited = meeting.get("invited", "all")
    if invited == "all":
        chosen = [m for m in registry.members.values() if m.get("status") in ("active", "applicant")]
    else:
        chosen = [registry.members[i] for i in invited or [] if isinstance(i, str) and i in registry.members]
    return chosen


def meeting_context(registry: Registry, meeting: Record, lang: str, audience: str) -> dict[str, Any]:
    names = member_names(registry, lang)
    start, end = meeting_times(registry, meeting)
    members = sorted(invited_members(registry, meeting), key=lambda m: fold(names.get(m.id, m.id)))
    return {
        "meeting": for_audience("meeting", meeting.data, audience),
        "title": meeting_title(registry, meeting, lang),
        "start": start,
        "end": end,
        "status_label": labels.meeting_statuses().get(meeting.get("status"), meeting.get("status")),
        "chair": names.get(meeting.get("chair")),
        "items": [_item(registry, item, lang, names) for item in meeting.get("agenda") or [] if isinstance(item, dict)],
        "attendance": [
            {
                "id": m.id,
                "name": names[m.id],
                "representatives": for_audience("member", m.data, audience).get("representatives", []),
            }
            for m in members
        ],
    }


def _item(registry: Registry, item: dict, lang: str, names: dict[str, str]) -> dict[str, Any]:
    return {
        "title": item.get("title"),
        # a missing value looks up "", which no table holds, and passes through as None
        "kind": labels.item_kinds().get(item.get("kind", ""), item.get("kind")),
        "presenter": names.get(item.get("presenter", ""), item.get("presenter")),
        "refs": [describe_ref(registry, ref, lang, names) for ref in item.get("refs") or [] if isinstance(ref, str)],
    }


def describe_ref(registry: Registry, ref: str, lang: str, names: dict[str, str]) -> dict[str, Any]:
    """What an agenda item refers to, in words: kind, title, and state."""
    record = registry.get(ref)
    if record is None:
        return {"id": ref, "kind": "", "label": ref, "state": ""}
    default = registry.default_language
    label = {
        "member": lambda: names.get(ref, ref),
        "decision": lambda: localize(record.get("text"), lang, default)[0],
    }.get(record.kind, lambda: localize(record.get("title") or record.get("name"), lang, default)[0])()
    state = ""
    if record.kind == "decision":
        state = labels.outcomes().get(record.get("outcome"), "")
    elif record.kind == "document":
        status = labels.document_statuses().get(record.get("status"), record.get("status"))
        state = " ".join(filter(None, [str(record.get("version") or ""), str(status or "")]))
    return {
        "id": ref,
        "kind": labels.record_kinds().get(record.kind, record.kind),
        "label": label or ref,
        "state": state,
    }


def minutes_context(registry: Registry, meeting: Record, lang: str, audience: str) -> dict[str, Any]:
    names = member_names(registry, lang)
    attended = [a for a in meeting.get("attended") or [] if isinstance(a, str)]
    present, members, needed = quorum(registry, meeting)
    decision_ids = [d for d in meeting.get("decisions") or [] if isinstance(d, str)]
    decision_ids += [
        d.id for d in registry.decisions.values() if d.get("meeting") == meeting.id and d.id not in decision_ids
    ]
    decisions = []
    for decision_id in decision_ids:
        record = registry.decisions.get(decision_id)
        if record is None:
            continue
        votes = record.get("votes") if isinstance(record.get("votes"), dict) else {}
        decisions.append(
            {
                "id": record.id,
                "text": record.get("text"),
                "kind": labels.decision_kinds().get(record.get("kind"), record.get("kind")),
                "outcome": labels.outcomes().get(record.get("outcome"), record.get("outcome")),
                "subjects": [
                    describe_ref(registry, s, lang, names)["label"]
                    for s in record.get("subject") or []
                    if isinstance(s, str)
                ],
                "votes": [
                    (labels.votes()[choice], [names.get(v, v) for v in votes.get(choice) or []])
                    for choice in ("for", "against", "abstain")
                ],
            }
        )
    invited = {m.id for m in invited_members(registry, meeting)}
    return {
        "attended": sorted((names.get(a, a) for a in attended), key=fold),
        "absent": sorted(
            (names.get(a, a) for a in invited - set(attended) if registry.members[a].get("status") == "active"),
            key=fold,
        ),
        "present": present,
        "members_count": members,
        "needed": needed,
        "quorum_reached": present >= needed if members else None,
        "decisions": decisions,
    }


def quorum(registry: Registry, meeting: Record) -> tuple[int, int, int]:
    """(members present, members who count, members needed): the partnership's quorum of the
    members on the meeting's date (a board meeting: of the board)."""
    attended = {a for a in meeting.get("attended") or [] if isinstance(a, str)}
    share = registry.setting("quorum")
    # a share validate refuses (text, infinity, 10**4000) counts as the spec's half, never a crash
    share = share if isinstance(share, (int, float)) and math.isfinite(share) and 0 <= share <= 1 else 0.5
    if meeting.get("kind") == "board":
        board = registry.partnership.get("board") if registry.partnership else None
        counted = set(board.get("members") or []) if isinstance(board, dict) else set()
    else:
        try:
            day = dt.date.fromisoformat(str(meeting.get("date")))
        except ValueError:
            return len(attended), 0, 0
        counted = Membership(registry).on(day)
    return len(attended & counted), len(counted), math.ceil(share * len(counted))
