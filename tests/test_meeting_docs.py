"""lpps meeting agenda / minutes: times in the partnership's zone, items, attendance, quorum, votes."""

from __future__ import annotations

import re

import pytest
from conftest import run_lpps
from pypdf import PdfReader

PLANNED = "2025-10-08-general"  # agenda: one decision item about the applicant kandydat-e
HELD = "2025-04-10-general"  # minutes: two decisions, 3 of 5 members present


def _doc(root, command, meeting, *args):
    done = run_lpps("meeting", command, meeting, "-r", str(root), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_agenda_in_the_partnerships_time_zone(valid_registry):
    md = _doc(valid_registry, "agenda", PLANNED, "--format", "md", "--lang", "pl")
    assert "środa, 8 października 2025" in md
    assert "10:00–12:00 (czas środkowoeuropejski letni)" in md  # CEST in October, Europe/Warsaw
    assert "Przyjęcie kandydata" in md and "(decyzja)" in md and "członek: Kandydat E" in md
    # attendance list to sign: every active member and the applicant, one row each
    rows = [line for line in md.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == 6 and any("Kandydat E" in row for row in rows)


def test_agenda_time_zone_follows_the_partnership(valid_registry):
    path = valid_registry / "partnership.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Europe/Warsaw", "Europe/Kyiv"), encoding="utf-8")
    md = _doc(valid_registry, "agenda", PLANNED, "--format", "md", "--lang", "en")
    # Babel 2.19's CLDR names Kyiv's zone; older ones did not, and lpps then says the IANA name
    assert ("(Eastern European Summer Time)" in md or "(Europe/Kyiv, GMT+03:00)" in md) and "10:00\u202fAM" in md
    path.write_text(path.read_text(encoding="utf-8").replace("Europe/Kyiv", "America/New_York"), encoding="utf-8")
    assert "Eastern Daylight Time" in _doc(valid_registry, "agenda", PLANNED, "--format", "md", "--lang", "en")


def test_minutes_quorum_decisions_and_votes(valid_registry):
    md = _doc(valid_registry, "minutes", HELD, "--format", "md", "--lang", "pl")
    assert "Kworum osiągnięte." in md
    assert "obecni 3 członkowie" in md and "z 6 członków" in md  # caritas-test joined that day
    present = md.split("### Obecni", 1)[1].split("###", 1)[0]
    assert "Fundacja B" in present and "Caritas Testowa" not in present
    assert "Przyjęto Caritas." in md and "**za** (2): " in md and "**wstrzymali się** (1): Fundacja B" in md
    assert "**Wynik:** przyjęto" in md  # outcome


def test_minutes_without_quorum(valid_registry):
    path = valid_registry / "meetings" / f"{HELD}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "attended: [urzad-pracy, fundacja-a, fundacja-b]", "attended: [urzad-pracy]"
        ),
        encoding="utf-8",
    )
    md = _doc(valid_registry, "minutes", HELD, "--format", "md", "--lang", "en")
    assert "Quorum not reached" in md and "1 member present" in md


@pytest.mark.parametrize("command", ["agenda", "minutes"])
def test_unknown_meeting_is_one_line(valid_registry, command):
    done = run_lpps("meeting", command, "2025-10-09-general", "-r", str(valid_registry))
    assert done.returncode == 2 and "did you mean '2025-10-08-general'" in done.stderr
    assert "Traceback" not in done.stderr


def test_agenda_html_and_pdf(valid_registry, tmp_path):
    html = _doc(valid_registry, "agenda", PLANNED, "--format", "html", "--lang", "uk")
    assert '<html lang="uk">' in html and "Порядок денний" in html and "Список присутніх" in html
    out = tmp_path / "agenda.pdf"
    _doc(valid_registry, "agenda", PLANNED, "--format", "pdf", "--lang", "cs", "-o", str(out))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages)
    assert "Program" in text and "Prezenční listina" in text and "8. října 2025" in text


def test_a_zone_babel_cannot_name_is_said_with_its_iana_name_and_offset():
    import datetime as dt
    import zoneinfo

    from lpps_cli.i18n.translations import format_timezone

    when = dt.datetime(2025, 10, 8, 10, 0, tzinfo=zoneinfo.ZoneInfo("Etc/GMT-3"))
    assert format_timezone(when, "en") == "Etc/GMT-3, GMT+03:00"
    warsaw = when.replace(tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))
    assert format_timezone(warsaw, "en") == "Central European Summer Time"
