"""Rules 4 ``board`` and 5 ``cadence``: the board signs, the partnership meets regularly."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from lpps_cli.model.problems import Problem, pointer
from lpps_cli.model.registry import Registry
from lpps_cli.rules.common import add_months, date, ids, problem, soft


def check_board(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(b) for a board of b members."""
    record = registry.partnership
    if record is None:
        return
    severity = soft(registry)
    board = record.get("board")
    if not isinstance(board, dict):
        yield problem(
            severity,
            "board",
            record,
            "",
            "the partnership has no board; add board: {size: 5, members: [...], chair: ...}",
        )
        return
    size = registry.setting("board_size")
    members = ids(board.get("members"))
    if len(members) != size:
        yield problem(
            severity,
            "board",
            record,
            "/board/members",
            f"the board has {len(members)} members but board.size is {size}",
        )
    for index, member_id in enumerate(members):
        member = registry.members.get(member_id)
        if member is not None and member.get("status") != "active":
            yield problem(
                severity,
                "board",
                record,
                pointer("board", "members", index),
                f"board member '{member_id}' is {member.get('status')}, not active",
            )
    chair = board.get("chair")
    if not isinstance(chair, str):
        yield problem(severity, "board", record, "/board", "the board has no chair; add board.chair")
    elif chair not in members:
        yield problem(
            severity,
            "board",
            record,
            "/board/chair",
            f"chair '{chair}' is not on the board; add it to board.members or choose a board member",
        )


def check_cadence(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(m log m) for m meetings (one sort)."""
    interval = registry.setting("meeting_interval_months")
    if not isinstance(interval, int) or interval < 1:
        return
    severity = soft(registry)
    general = sorted(
        ((day, m) for m in registry.meetings.values() if m.get("kind") == "general" and (day := date(m.get("date")))),
        key=lambda pair: pair[0],
    )
    held = [(day, m) for day, m in general if m.get("status") == "held"]
    for (before, _), (after, meeting) in itertools.pairwise(held):
        if after > add_months(before, interval):
            yield problem(
                severity,
                "cadence",
                meeting,
                "/date",
                f"{(after - before).days} days passed between the general meetings of {before} and "
                f"{after}; the partnership meets at least every {interval} months "
                "(meeting_interval_months)",
            )
    planned = [m for day, m in general if m.get("status") == "planned" and day >= today]
    if planned:
        return
    if held:
        last_day, last = held[-1]
        if today > add_months(last_day, interval):
            yield problem(
                "warning",
                "cadence",
                last,
                "/date",
                f"the last general meeting was on {last_day}, more than {interval} months before "
                f"{today}, and none is planned; plan one with 'lpps meeting new'",
            )
    elif registry.partnership is not None and registry.setting("status") == "active":
        yield problem(
            "warning",
            "cadence",
            registry.partnership,
            "",
            "no general meeting is recorded or planned; plan one with 'lpps meeting new'",
        )
