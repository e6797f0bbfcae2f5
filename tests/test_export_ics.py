"""lpps export ics: a feed of meetings that calendar apps read, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt

import icalendar
from conftest import VALID, run_lpps


def test_feed_lists_meetings_with_stable_uids(tmp_path):
    out = tmp_path / "meetings.ics"
    done = run_lpps("export", "ics", "-r", str(VALID), "-o", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    feed = icalendar.Calendar.from_ical(out.read_bytes())
    events = {str(e["uid"]): e for e in feed.walk("VEVENT")}
    from lpps_cli.reading.loader import load_registry

    registry = load_registry(VALID)
    wanted = {mid for mid, m in registry.meetings.items() if m.get("status") in ("planned", "held")}
    assert {uid.split("@")[0] for uid in events} >= wanted
    event = events["2025-10-08-general@test-partnership.lpps"]
    start = event.decoded("dtstart")
    assert start == dt.datetime(2025, 10, 8, 10, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/Warsaw"
    assert event.decoded("dtend") > start
    assert "Admission of an applicant" in str(event["description"])
    assert str(event["status"]) == "CONFIRMED"
    assert feed.walk("VTIMEZONE")
    again = run_lpps("export", "ics", "-r", str(VALID), "--lang", "en")
    assert {str(e["uid"]) for e in icalendar.Calendar.from_ical(again.stdout.encode()).walk("VEVENT")} == set(events)


def test_cancelled_meetings_stay_as_cancelled(valid_registry):
    path = valid_registry / "meetings" / "2025-10-08-general.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: planned", "status: cancelled"), encoding="utf-8")
    done = run_lpps("export", "ics", "-r", str(valid_registry))
    assert done.returncode == 0, done.stderr
    events = {str(e["uid"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(done.stdout.encode()).walk("VEVENT")}
    assert str(events["2025-10-08-general"]["status"]) == "CANCELLED"
