"""lpps refer: the right services, ranked as documented, with why, how and whom."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import EXAMPLE, EXAMPLE_TODAY, run_lpps
from query_registry import build, load_all


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return build(tmp_path_factory.mktemp("refer") / "registry")


def refer(registry, *args):
    done = run_lpps("refer", "-r", str(registry), *args)
    assert done.returncode == 0, done.stderr
    return done


def refer_json(registry, *args):
    return json.loads(refer(registry, *args, "--format", "json").stdout)


def free(service):
    cap = service.get("capacity") or {}
    if "total" in cap and "occupied" in cap:
        return cap["total"] - cap["occupied"]
    return None


def test_available_is_exactly_active_services_of_active_members_with_free_places(registry):
    members = {m["id"]: m for m in load_all(registry, "members")}
    expected = [
        s
        for s in load_all(registry, "services")
        if s["status"] == "active"
        and members[s["provider"]]["status"] == "active"
        and "homeless" in s.get("target_groups", [])
        and (free(s) or 0) > 0
    ]
    # documented rank: all match the target group exactly, so more free places first, then fresher as_of
    expected.sort(key=lambda s: (-free(s), -dt.date.fromisoformat(str(s["capacity"]["as_of"])).toordinal()))
    results = refer_json(registry, "--target-group", "homeless", "--available")
    assert [r["id"] for r in results] == [s["id"] for s in expected]
    assert {"noclegownia-wolna", "noclegownia-nowa", "schronisko-test"} <= {r["id"] for r in results}
    for result in results:
        assert {"id", "name", "provider", "free", "unit", "as_of", "score", "reasons"} <= set(result)
        assert result["free"] > 0 and result["unit"] == "beds" and result["score"] == 2
        assert any("free" in reason for reason in result["reasons"])


def test_without_available_keeps_full_and_unknown_but_never_ended_or_suspended_provider(registry):
    ids = [r["id"] for r in refer_json(registry, "--target-group", "homeless")]
    assert "noclegownia-pelna" in ids and "noclegownia-bez-danych" in ids
    assert "noclegownia-zamknieta" not in ids and "noclegownia-zawieszona" not in ids
    assert ids[-1] == "noclegownia-bez-danych"  # unknown capacity ranks last


def test_terms_by_label_in_any_language(registry):
    by_id = [r["id"] for r in refer_json(registry, "--target-group", "homeless")]
    assert [r["id"] for r in refer_json(registry, "--target-group", "bezdomni")] == by_id
    assert [r["id"] for r in refer_json(registry, "-t", "People experiencing homelessness")] == by_id


def test_broader_target_group_matches_with_a_lower_score(registry):
    results = refer_json(registry, "--target-group", "single-parents", "--language", "uk")
    assert [r["id"] for r in results] == ["dom-dla-rodzin"]
    assert results[0]["score"] == 1 and any("language" in reason for reason in results[0]["reasons"])


def test_referral_text_and_contact_internal_unless_public_audience(registry):
    internal = {r["id"]: r for r in refer_json(registry, "-t", "homeless")}["schronisko-test"]
    assert internal["referral"] and internal["contact"]["name"] == "Piotr Wiśniewski"
    public = {r["id"]: r for r in refer_json(registry, "-t", "homeless", "--audience", "public")}["schronisko-test"]
    assert public["contact"] is None or public["contact"]["name"] != "Piotr Wiśniewski"


def test_no_match_names_the_filter_that_emptied_the_list(registry):
    done = refer(registry, "--target-group", "seniors")
    assert "--target-group" in done.stderr and done.stdout.strip() == ""
    assert json.loads(refer(registry, "-t", "homeless", "--form", "field", "-f", "json").stdout) == []


def test_unknown_term_is_exit_2_with_a_hint(registry):
    done = run_lpps("refer", "-r", str(registry), "--target-group", "homelxss")
    assert done.returncode == 2 and "homeless" in done.stderr and "Traceback" not in done.stderr


def test_table_and_markdown_say_how_to_refer(registry):
    table = refer(registry, "-t", "homeless", "--limit", "2", "--lang", "pl").stdout
    assert "Usługa noclegownia-wolna" in table and "\x1b[" not in table
    md = refer(registry, "-t", "homeless", "-f", "md", "--lang", "en").stdout
    assert md.startswith("1. **Service noclegownia-wolna**") and "Referral from the welfare centre." in md


@pytest.mark.skipif(not (EXAMPLE / "services").is_dir(), reason="example registry not merged yet")
def test_example_registry_available_homeless_services_are_exact():
    members = {m["id"]: m for m in load_all(EXAMPLE, "members")}
    expected = {
        s["id"]
        for s in load_all(EXAMPLE, "services")
        if s["status"] == "active"
        and members[s["provider"]]["status"] == "active"
        and "homeless" in s.get("target_groups", [])
        and (free(s) or 0) > 0
    }
    done = run_lpps("refer", "--target-group", "bezdomni", "--available", "-f", "json", "--today", EXAMPLE_TODAY)
    results = json.loads(done.stdout)
    assert expected and {r["id"] for r in results} == expected
    keys = [(-r["score"], -r["free"], r["as_of"]) for r in results]
    assert [k[:2] for k in keys] == sorted(k[:2] for k in keys)


@pytest.mark.parametrize("text, several", [("osoby", {"homeless", "refugees"}), ("młodzież", {"children-and-youth"})])
def test_a_text_that_starts_several_labels_is_an_error_that_lists_them(text, several):
    """'osoby' starts the label of most target groups: picking the first would refer clients wrongly."""
    done = run_lpps("refer", "--target-group", text, "--today", EXAMPLE_TODAY)
    assert done.returncode == 2 and done.stdout == ""
    assert "matches several target-groups" in done.stderr and all(term in done.stderr for term in several)
    unique = run_lpps("refer", "--target-group", "dzieci", "--format", "json", "--today", EXAMPLE_TODAY)
    assert unique.returncode == 0 and json.loads(unique.stdout)
