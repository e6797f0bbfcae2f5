"""lpps show ID: one record, resolved, with what refers to it."""

from __future__ import annotations

import json

import pytest
from conftest import run_lpps
from query_registry import build


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return build(tmp_path_factory.mktemp("show") / "registry")


def show(registry, record_id, *args):
    done = run_lpps("show", record_id, "-r", str(registry), "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_member_with_services_groups_projects_decisions_meetings(registry):
    member = show(registry, "caritas-test", "--lang", "pl")
    assert member["kind"] == "member" and member["name"] == "Caritas Testowa"
    services = {s["id"]: s for s in member["services"]}
    assert services["schronisko-test"]["role"] == "partner" and services["schronisko-test"]["free"] == 8
    assert [g["id"] for g in member["groups"]] == ["koalicja-test"]
    assert "admission-caritas-test" in [d["id"] for d in member["decisions"]]
    assert "2025-07-09-general" in [m["id"] for m in member["meetings"]]
    provider = show(registry, "fundacja-a")
    assert [p["id"] for p in provider["projects"]] == ["projekt-wspolny"]
    assert {s["id"]: s["role"] for s in provider["services"]} == {"schronisko-test": "provider"}


def test_service_with_provider_partners_and_referral(registry):
    done = run_lpps("show", "schronisko-test", "-r", str(registry), "--lang", "en")
    assert done.returncode == 0
    for text in (
        "Foundation A (fundacja-a)",
        "Test Caritas (caritas-test)",
        "8 free of 20 beds",
        "Referral from the welfare centre.",
        "Piotr Wiśniewski",
    ):
        assert text in done.stdout
    public = run_lpps("show", "schronisko-test", "-r", str(registry), "--audience", "public").stdout
    assert "Piotr Wiśniewski" not in public


def test_meeting_with_agenda_attendance_and_decisions(registry):
    meeting = show(registry, "2025-04-10-general")
    present = {row["member"] for row in meeting["attendance"] if row["present"]}
    assert present == set(meeting["record"]["attended"])
    assert "zawieszona" in {row["member"] for row in meeting["attendance"]}  # a member on that date, absent
    assert {d["id"] for d in meeting["decisions"]} == {"admission-caritas-test", "signature-consortium"}
    planned = show(registry, "2025-10-08-general")
    assert planned["agenda"][0]["refs"] == ["kandydat-e"]


def test_unknown_id_is_exit_2_with_did_you_mean(registry):
    done = run_lpps("show", "schronisko-tset", "-r", str(registry))
    assert done.returncode == 2 and "did you mean 'schronisko-test'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
