"""``lpps validate`` as users run it: the installed console script, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import VALID_TODAY, run_lpps

STANDARDS = Path(__file__).resolve().parent / "standards"


def break_provider(registry: Path) -> None:
    path = registry / "services" / "schronisko-test.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("provider: fundacja-a", "provider: fundacja-aa"), encoding="utf-8"
    )


def test_valid_registry_exits_0(valid_registry):
    done = run_lpps("validate", "-r", str(valid_registry), "--today", VALID_TODAY, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "no problems" in done.stdout


def test_text_report_names_file_line_and_rule(valid_registry):
    break_provider(valid_registry)
    done = run_lpps("validate", "--today", VALID_TODAY, "--lang", "en", cwd=valid_registry)
    assert done.returncode == 1
    assert "services/schronisko-test.yaml" in done.stdout
    assert "3:11" in done.stdout and "reference" in done.stdout
    assert "did you mean 'fundacja-a'?" in done.stdout
    assert "1 error" in done.stdout
    assert "\033[" not in done.stdout  # pipes get no colour


def test_json_matches_the_contract(valid_registry):
    break_provider(valid_registry)
    done = run_lpps("validate", "-r", str(valid_registry), "--today", VALID_TODAY, "--format", "json")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert set(document) == {"ok", "registry", "counts", "problems"}
    assert document["ok"] is False
    assert document["counts"] == {"files": document["counts"]["files"], "errors": 1, "warnings": 0}
    assert document["counts"]["files"] >= 20
    (problem,) = document["problems"]
    assert problem == {
        "severity": "error",
        "rule": "reference",
        "file": "services/schronisko-test.yaml",
        "line": 3,
        "column": 11,
        "pointer": "/provider",
        "message": "provider 'fundacja-aa' is not a member (did you mean 'fundacja-a'?)",
    }


def test_ok_true_exactly_when_exit_0(valid_registry):
    done = run_lpps("validate", "-r", str(valid_registry), "--today", "2026-10-01", "--format", "json")
    document = json.loads(done.stdout)
    assert document["counts"]["warnings"] > 0 and document["counts"]["errors"] == 0
    assert done.returncode == 0 and document["ok"] is True
    strict = run_lpps("validate", "-r", str(valid_registry), "--today", "2026-10-01", "--format", "json", "--strict")
    assert strict.returncode == 1 and json.loads(strict.stdout)["ok"] is False


def test_sarif_is_valid_sarif_2_1_0(valid_registry):
    break_provider(valid_registry)
    done = run_lpps("validate", "-r", str(valid_registry), "--today", VALID_TODAY, "--format", "sarif")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    schema = json.loads((STANDARDS / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    (result,) = document["runs"][0]["results"]
    assert result["ruleId"] == "reference" and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 11}


def test_github_annotations_and_step_summary(valid_registry, tmp_path):
    break_provider(valid_registry)
    summary = tmp_path / "summary.md"
    done = run_lpps(
        "validate",
        "--today",
        VALID_TODAY,
        "--format",
        "github",
        cwd=valid_registry.parent,
        env={
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_WORKSPACE": str(valid_registry.parent),
            "LPPS_REGISTRY": str(valid_registry),
        },
    )
    assert done.returncode == 1
    assert (
        "::error file=registry/services/schronisko-test.yaml,line=3,col=11,title=reference::"
        "provider 'fundacja-aa' is not a member (did you mean 'fundacja-a'?)"
    ) in done.stdout
    table = summary.read_text(encoding="utf-8")
    assert "| error | `reference` | `registry/services/schronisko-test.yaml` | 3 |" in table


def test_paths_narrow_the_report_but_references_use_the_whole_registry(valid_registry):
    break_provider(valid_registry)
    other = run_lpps("validate", "members", "--today", VALID_TODAY, cwd=valid_registry)
    assert other.returncode == 0, other.stdout
    same = run_lpps(
        "validate", "services/schronisko-test.yaml", "--today", VALID_TODAY, "-f", "json", cwd=valid_registry
    )
    assert same.returncode == 1
    assert json.loads(same.stdout)["counts"]["files"] == 1


def test_broken_yaml_still_reports_the_other_files(valid_registry):
    (valid_registry / "members" / "fundacja-b.yaml").write_text("id: fundacja-b\nname: [unclosed\n", encoding="utf-8")
    break_provider(valid_registry)
    done = run_lpps("validate", "-r", str(valid_registry), "--today", VALID_TODAY, "-f", "json")
    rules = {(p["rule"], p["file"]) for p in json.loads(done.stdout)["problems"]}
    assert ("yaml", "members/fundacja-b.yaml") in rules
    assert ("reference", "services/schronisko-test.yaml") in rules


def test_missing_registry_is_exit_2_with_one_line(tmp_path):
    done = run_lpps("validate", "-r", str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "nowhere" in done.stderr


def test_bad_today_is_a_usage_error(valid_registry):
    done = run_lpps("validate", "-r", str(valid_registry), "--today", "yesterday")
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_before_or_after_the_command(valid_registry, where):
    options = ["-r", str(valid_registry), "--today", VALID_TODAY]
    args = [*options, "validate"] if where == "before" else ["validate", *options]
    assert run_lpps(*args).returncode == 0


def test_shipped_example_validates_from_an_empty_folder(tmp_path):
    done = run_lpps("validate", "--today", "2026-11-24", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no problems" in done.stdout or "warning" in done.stdout


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_in_record_text_are_shown_not_sent(valid_registry, fmt):
    """A member's pull request must not drive the coordinator's terminal or the CI log."""
    path = valid_registry / "members" / "fundacja-a.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nsector: ngo\n" in text
    path.write_text(text.replace("\nsector: ngo\n", '\nsector: "ngo\\e]0;pwned\\a"\n'), encoding="utf-8")
    done = run_lpps("validate", "-r", str(valid_registry), "--today", "2025-10-01", "--format", fmt)
    assert done.returncode == 1
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "ngo\\x1b]0;pwned\\x07" in done.stdout  # the reader sees what is there


def test_a_path_that_does_not_exist_is_an_error_not_a_pass(valid_registry):
    """A typo in a CI recipe ('lpps validate service/') must not pass on zero files."""
    done = run_lpps("validate", "nosuch/", "-r", str(valid_registry), "--today", VALID_TODAY)
    assert done.returncode == 2 and "'nosuch/' does not exist" in done.stderr and "Traceback" not in done.stderr
    fine = run_lpps("validate", "services/", "-r", str(valid_registry), "--today", VALID_TODAY)
    assert fine.returncode == 0, fine.stdout
