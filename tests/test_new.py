"""lpps new: ids by transliteration, commented fields, checked before written, never overwrites."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import VALID_TODAY, run_lpps


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Fundacja Przystań", "fundacja-przystan"),
        ("Charita Česká republika – Kladno", "charita-ceska-republika-kladno"),
        ("Благодійний фонд «Надія»", "blagodiyniy-fond-nadiya"),
    ],
)
def test_slugify(name, expected):
    from lpps_cli.model.slug import slugify

    assert slugify(name) == expected


def test_new_member_file_has_comments_and_validates(valid_registry):
    done = run_lpps(
        "new",
        "member",
        "--name",
        "Fundacja Przystań",
        "--sector",
        "ngo",
        "--kind",
        "Organizacja pozarządowa",
        "-s",
        "name.en=Haven Foundation",
        "-s",
        "target_groups=homeless",
        "--today",
        VALID_TODAY,
        "-r",
        str(valid_registry),
        input="",
    )
    assert done.returncode == 0, done.stderr
    text = (valid_registry / "members/fundacja-przystan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# applicant, active, suspended or former.\nstatus: applicant\n" in text
    assert "kind: ngo\n" in text  # a label in any language finds its term
    assert "name: {pl: Fundacja Przystań, en: Haven Foundation}" in text
    assert run_lpps("validate", "--today", VALID_TODAY, "-r", str(valid_registry)).returncode == 0


def test_new_never_overwrites_and_checks_first(valid_registry):
    path = valid_registry / "members/fundacja-a.yaml"
    original = path.read_bytes()
    taken = run_lpps(
        "new",
        "member",
        "--id",
        "fundacja-a",
        "--name",
        "X",
        "--sector",
        "ngo",
        "--kind",
        "ngo",
        "-r",
        str(valid_registry),
        input="",
    )
    assert taken.returncode == 2 and "taken" in taken.stderr and path.read_bytes() == original
    bad = run_lpps(
        "new",
        "service",
        "--name",
        "Nowa",
        "--provider",
        "nikt",
        "--type",
        "asylum-housing",
        "-r",
        str(valid_registry),
        input="",
    )
    assert bad.returncode == 2 and "[reference]" in bad.stderr
    assert not (valid_registry / "services/nowa.yaml").exists()


def test_new_without_terminal_names_what_is_missing(valid_registry):
    done = run_lpps("new", "member", "--name", "X", "-r", str(valid_registry), input="")
    assert done.returncode == 2
    assert "sector" in done.stderr and "kind" in done.stderr


def test_new_decision_and_meeting_ids(valid_registry):
    from lpps_cli.changes.newrecord import build, prepare
    from lpps_cli.reading.loader import load_registry

    registry = load_registry(valid_registry)
    today = dt.date.fromisoformat(VALID_TODAY)
    data = build(registry, "meeting", {"date": "2025-12-10"}, today=today)
    assert data["id"] == "2025-12-10-general"
    record = prepare(registry, "meeting", data, today)
    assert record.rel_path == "meetings/2025-12-10-general.yaml"
    decision = build(registry, "decision", {"kind": "statement", "text": "Apel o schronienie zimą"}, today=today)
    assert decision["id"] == "statement-apel-o-schronienie-zima"
