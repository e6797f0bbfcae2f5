"""Rule 8, ``decisions``: meeting decisions need a held, quorate meeting and voters who were
there; e-mail decisions only of the allowed kinds; a signature needs every member's consent."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

from lpps_cli.model.problems import Problem, error, pointer
from lpps_cli.model.registry import Record, Registry
from lpps_cli.rules.common import Membership, date, ids, mapping, quoted

VOTES = ("for", "against", "abstain")


def check_decisions(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(d + m·log n) — each decision once, each meeting's quorum by binary search;
    the consent of a signature decision is O(n) and such decisions are rare."""
    membership = Membership(registry)
    quorum = registry.setting("quorum")
    allowed = registry.setting("email_decisions")
    for decision in registry.decisions.values():
        method, kind = decision.get("method"), decision.get("kind")
        if method == "meeting":
            yield from _at_meeting(registry, decision, membership, quorum)
        elif method == "email" and isinstance(allowed, list) and kind not in allowed:
            yield error(
                "decisions",
                decision.path,
                "/kind",
                f"a {kind} decision cannot be taken by e-mail; the partnership allows e-mail "
                f"decisions of: {', '.join(map(str, allowed))} (email_decisions); decide it at a meeting",
            )
        if kind == "signature" and decision.get("outcome") == "adopted":
            day = date(decision.get("date"))
            if day:
                consent = set(ids(decision.get("consent")) or ids(mapping(decision.get("votes")).get("for")))
                missing = membership.on(day) - consent
                if missing:
                    yield error(
                        "decisions",
                        decision.path,
                        "/consent" if decision.get("consent") else "/votes",
                        f"the board signs on the partnership's behalf only with the consent of every "
                        f"member; missing: {quoted(missing)}",
                    )
    for meeting in registry.meetings.values():
        for index, decision_id in enumerate(ids(meeting.get("decisions"))):
            listed = registry.decisions.get(decision_id)
            if listed is not None and listed.get("meeting") != meeting.id:
                yield error(
                    "decisions",
                    meeting.path,
                    pointer("decisions", index),
                    f"decision '{decision_id}' is listed here but names meeting "
                    f"'{listed.get('meeting')}'; set its meeting: {meeting.id}",
                )


def _at_meeting(registry: Registry, decision: Record, membership: Membership, quorum: Any) -> Iterator[Problem]:
    meeting_id = decision.get("meeting")
    if not isinstance(meeting_id, str):
        yield error(
            "decisions",
            decision.path,
            "/method",
            "a decision taken at a meeting names the meeting; add meeting: <meeting id>",
        )
        return
    meeting = registry.meetings.get(meeting_id)
    if meeting is None:
        return  # reference rule
    if meeting.get("status") != "held" and decision.get("outcome") != "pending":
        yield error(
            "decisions",
            decision.path,
            "/meeting",
            f"meeting '{meeting_id}' is {meeting.get('status')}, not held; a decision needs a held meeting",
        )
    if decision.id not in ids(meeting.get("decisions")):
        yield error(
            "decisions",
            decision.path,
            "/meeting",
            f"meeting '{meeting_id}' does not list this decision; add it to the meeting's decisions",
        )
    attended = set(ids(meeting.get("attended")))
    day = date(meeting.get("date"))
    if (
        meeting.get("kind") == "general"
        and meeting.get("status") == "held"
        and day
        and isinstance(quorum, (int, float))
    ):
        members = membership.count(day)
        needed = math.ceil(quorum * members)
        present = len(attended & membership.on(day)) if members else 0
        if present < needed:
            yield error(
                "decisions",
                decision.path,
                "/meeting",
                f"meeting '{meeting_id}' had no quorum: {present} of {members} members present, "
                f"{needed} needed (quorum {quorum})",
            )
    votes = mapping(decision.get("votes"))
    for choice in VOTES:
        for index, voter in enumerate(ids(votes.get(choice))):
            if attended and voter not in attended:
                yield error(
                    "decisions",
                    decision.path,
                    pointer("votes", choice, index),
                    f"'{voter}' voted but did not attend meeting '{meeting_id}'; "
                    "add it to the meeting's attended or remove the vote",
                )
