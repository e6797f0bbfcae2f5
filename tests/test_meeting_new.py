"""lpps meeting new: the next meeting within the cadence, its agenda filled with what waits."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import EXAMPLE, EXAMPLE_TODAY, VALID_TODAY, run_lpps
from ruamel.yaml import YAML


def written(registry, stdout):
    rel = stdout.split("wrote ", 1)[1].split(":", 1)[0]
    return YAML(typ="safe").load((registry / rel).read_text(encoding="utf-8"))


def check_plan(registry, today: str):
    from lpps_cli.reading.loader import load_registry
    from lpps_cli.rules.common import add_months, date

    before = load_registry(registry)
    done = run_lpps("meeting", "new", "--today", today, "-r", str(registry))
    assert done.returncode == 0, done.stderr
    meeting = written(registry, done.stdout)
    general = [
        date(m.get("date"))
        for m in before.meetings.values()
        if m.get("kind") == "general" and m.get("status") != "cancelled"
    ]
    last = max(general)
    day = meeting["date"]
    interval = before.setting("meeting_interval_months")
    assert last < day <= max(add_months(last, interval), dt.date.fromisoformat(today) + dt.timedelta(days=7))
    assert day.weekday() < 5 and day not in general
    assert meeting["id"] == f"{day.isoformat()}-general" and meeting["status"] == "planned"
    refs = {ref for item in meeting["agenda"] for ref in item.get("refs", [])}
    applicants = {m.id for m in before.members.values() if m.get("status") == "applicant"}
    drafts = {d.id for d in before.documents.values() if d.get("status") == "draft"}
    assert applicants | drafts <= refs
    unknown = {
        s.id
        for s in before.services.values()
        if s.get("status") == "active" and not (isinstance(s.get("capacity"), dict) and s.get("capacity").get("as_of"))
    }
    assert unknown <= refs  # no capacity data at all is what most needs updating
    active = {m.id for m in before.members.values() if m.get("status") == "active"}
    assert active <= set(meeting["invited"])
    assert run_lpps("validate", "--today", today, "-r", str(registry)).returncode == 0
    return meeting, applicants, drafts


def test_next_general_meeting_on_the_valid_registry(valid_registry):
    meeting, applicants, _ = check_plan(valid_registry, "2025-10-09")
    assert applicants == {"kandydat-e"}
    assert meeting["date"] == dt.date(2026, 1, 8)  # the cadence's deadline, a free Thursday


def test_next_general_meeting_on_the_example(example_registry):
    if not (EXAMPLE / "partnership.yaml").is_file():
        pytest.skip("the example registry has not landed in this checkout")
    _, applicants, drafts = check_plan(example_registry, EXAMPLE_TODAY)
    assert applicants and drafts  # the example shows both waiting


def test_weekend_and_taken_days_are_skipped():
    from lpps_cli.changes.planning import propose_date
    from lpps_cli.model.registry import Record, Registry
    from lpps_cli.model.taxonomy import Taxonomy

    def meeting(day, status="held"):
        return Record(
            "meeting",
            f"{day}-general",
            f"meetings/{day}-general.yaml",
            {"date": day, "kind": "general", "status": status},
        )

    records = {
        "meeting": {
            m.id: m
            for m in (meeting("2025-09-13"), meeting("2025-12-12", "cancelled"), meeting("2025-12-11", "planned"))
        }
    }
    registry = Registry(root=None, partnership=None, records=records, taxonomy=Taxonomy())
    # deadline 2026-03-11 (three months after 2025-12-11), a Wednesday
    day, deadline, overdue = propose_date(registry, "general", None, dt.date(2025, 10, 1))
    assert (day, deadline, overdue) == (dt.date(2026, 3, 11), dt.date(2026, 3, 11), False)
    records["meeting"]["x"] = Record(
        "meeting", "x", "meetings/x.yaml", {"date": "2026-03-11", "kind": "board", "status": "planned"}
    )
    day, _, _ = propose_date(registry, "general", None, dt.date(2025, 10, 1))
    assert day == dt.date(2026, 3, 10)  # the deadline is taken by the board
    day, _, overdue = propose_date(registry, "general", None, dt.date(2026, 3, 13))  # Friday, past it
    assert overdue and day == dt.date(2026, 3, 16)  # the next Monday


def test_board_and_date_options(valid_registry):
    done = run_lpps(
        "meeting", "new", "--board", "--date", "2025-10-20", "--today", VALID_TODAY, "-r", str(valid_registry)
    )
    assert done.returncode == 0, done.stderr
    meeting = written(valid_registry, done.stdout)
    assert meeting["kind"] == "board" and meeting["date"] == dt.date(2025, 10, 20)
    assert set(meeting["invited"]) == {"urzad-pracy", "fundacja-a", "fundacja-b", "stowarzyszenie-c", "caritas-test"}
    again = run_lpps("meeting", "new", "--board", "--date", "2025-10-20", "-r", str(valid_registry))
    assert again.returncode == 2 and "taken" in again.stderr
