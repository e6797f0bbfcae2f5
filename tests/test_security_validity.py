"""Issue 14: what validate accepts every output can carry; internal at every depth; outputs only
from valid records. Hostile values are written into a copy of the valid registry and the real
commands are run on it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import VALID, VALID_TODAY, run_lpps
from ruamel.yaml import YAML
from test_privacy_planted import public_texts

yaml = YAML()


def copy_valid(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(VALID, root)
    return root


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit(root: Path, rel: str, change) -> None:
    path = root / rel
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def validate_json(root: Path) -> dict:
    done = run_lpps("validate", "-r", str(root), "--today", VALID_TODAY, "--format", "json")
    return json.loads(done.stdout)


# -- characters and numbers no output can carry ---------------------------------------------


@pytest.mark.parametrize(
    "escape, code",
    [
        ("\\ud800", "U+D800"),
        ("\\u2029", "U+2029"),
        ("\\u2028", "U+2028"),
        ("\\uFFFF", "U+FFFF"),
        ("\\uFDD0", "U+FDD0"),
        ("\\x1b", "U+001B"),
        ("\\x85", "U+0085"),
        ("\\n", "U+000A"),
        ("\\r", "U+000D"),
    ],
)
def test_validate_names_the_character_the_field_and_the_line(tmp_path, escape, code):
    root = copy_valid(tmp_path)
    append(root, "members/fundacja-a.yaml", f'short_name: "FA{escape}X"\n')
    report = validate_json(root)
    found = [p for p in report["problems"] if p["file"] == "members/fundacja-a.yaml" and p["rule"] == "schema"]
    assert len(found) == 1, report["problems"]
    problem = found[0]
    assert code in problem["message"] and "short_name" in problem["message"]
    assert problem["line"] == len((root / "members/fundacja-a.yaml").read_text().splitlines())
    assert problem["column"] is not None


def test_a_surrogate_in_a_title_does_not_stop_the_outputs(tmp_path):
    """The record that holds it is left out and named; every output is still made, and valid UTF-8."""
    root = copy_valid(tmp_path)
    append(root, "services/schronisko-test.yaml", 'x-note: "bad \\ud800 text"\n')
    out = tmp_path / "out"
    for command in (
        ["export", "json", "-o", f"{out}/registry.json"],
        ["export", "csv", "-o", f"{out}/csv"],
        ["export", "sqlite", f"{out}/registry.db"],
        ["export", "hsds", "-o", f"{out}/hsds"],
        ["brochure", "--format", "md", "-o", f"{out}/brochure.md"],
    ):
        done = run_lpps(*command, "-r", str(root), "--today", VALID_TODAY)
        assert done.returncode == 1, (command, done.stderr)
        assert "internal error" not in done.stderr
        assert "left out services/schronisko-test.yaml" in done.stderr and "U+D800" in done.stderr
        assert "lpps validate" in done.stderr
    document = json.loads((out / "registry.json").read_text(encoding="utf-8"))
    assert "schronisko-test" not in {s["id"] for s in document["services"]}
    assert "doradztwo-test" in {s["id"] for s in document["services"]}


def test_a_huge_integer_is_a_schema_error_and_never_reaches_sqlite(tmp_path):
    root = copy_valid(tmp_path)
    (root / "services/doradztwo-test.yaml").write_text(
        (root / "services/doradztwo-test.yaml").read_text().replace("total: 40", f"total: {2**70}")
    )
    append(root, "members/fundacja-b.yaml", f"x-budget: {2**70}\n")
    report = validate_json(root)
    files = {p["file"] for p in report["problems"] if p["rule"] == "schema"}
    assert {"services/doradztwo-test.yaml", "members/fundacja-b.yaml"} <= files
    for audience in ("public", "internal"):
        db = tmp_path / f"{audience}.db"
        done = run_lpps("export", "sqlite", str(db), "--audience", audience, "-r", str(root), "--today", VALID_TODAY)
        assert done.returncode == 1 and "internal error" not in done.stderr, done.stderr
        ids = {row[0] for row in sqlite3.connect(db).execute("select id from services")}
        assert "doradztwo-test" not in ids and "schronisko-test" in ids


def test_every_integer_in_the_schemas_is_bounded():
    from lpps_cli.reading.schemas import SCHEMA_KINDS, bundled

    unbounded = []

    def visit(node, where):
        if isinstance(node, dict):
            if node.get("type") in ("integer", "number") and "maximum" not in node:
                unbounded.append(where)
            for key, value in node.items():
                visit(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                visit(value, f"{where}/{index}")

    for kind in SCHEMA_KINDS:
        visit(bundled(kind), kind)
    assert not unbounded


# -- internal means internal at every depth -----------------------------------------------


def plant_extensions(root: Path) -> list[str]:
    planted = []

    def value() -> str:
        planted.append(f"xplanted{len(planted) + 1:03d}zz")
        return planted[-1]

    def member(d):
        d["address"]["x-door-code"] = value()
        d["contacts"][0]["x-private-mobile"] = value()
        d["contacts"][0]["role"] = {"pl": "sekretariat", "en": "office"}
        d["x-deep"] = {"a": [{"b": value()}]}

    def service(d):
        d["locations"] = [
            {
                "name": "Public desk",
                "x-key-holder": value(),
                "address": {"city": "Lublin", "country": "PL", "x-entrance": value()},
            }
        ]
        d["contacts"] = [{"name": "Desk", "visibility": "public", "x-home-phone": value()}]
        d["capacity"]["x-waiting-list"] = value()

    def partnership(d):
        d["coordinator"]["contact"]["x-pesel"] = value()

    edit(root, "members/fundacja-a.yaml", member)
    edit(root, "services/doradztwo-test.yaml", service)
    edit(root, "partnership.yaml", partnership)
    return planted


def test_nested_extension_fields_reach_no_public_output(tmp_path):
    root = copy_valid(tmp_path)
    planted = plant_extensions(root)
    assert validate_json(root)["problems"] == []
    out = tmp_path / "out"
    for command in (
        ["export", "json", "-o", f"{out}/registry.json"],
        ["export", "csv", "-o", f"{out}/csv"],
        ["export", "sqlite", f"{out}/registry.db"],
        ["export", "hsds", "-o", f"{out}/hsds", "--single", f"{out}/single.json"],
        ["brochure", "--format", "md", "-o", f"{out}/brochure.md"],
        ["brochure", "--format", "html", "-o", f"{out}/brochure.html"],
    ):
        done = run_lpps(*command, "-r", str(root), "--today", VALID_TODAY)
        assert done.returncode == 0, (command, done.stderr)
    leaks = [(path.name, value) for path, text in public_texts(out) for value in planted if value in text]
    assert not leaks
    internal = run_lpps("export", "json", "--audience", "internal", "-r", str(root), "--today", VALID_TODAY)
    assert all(value in internal.stdout for value in planted)  # the planting itself worked


def test_for_audience_drops_extensions_at_any_depth():
    from lpps_cli.model.audience import PUBLIC, for_audience

    data = {
        "id": "a",
        "x-top": 1,
        "contacts": [{"name": "n", "visibility": "public", "x-c": 2}],
        "locations": [{"address": {"city": "c", "x-a": 3}, "x-l": [4]}],
        "deep": [[{"x-d": 5, "k": 6}]],
    }
    public = for_audience("service", data, PUBLIC)
    assert "x-" not in json.dumps(public)
    assert public["deep"] == [[{"k": 6}]] and public["contacts"] == [{"name": "n", "visibility": "public"}]
    assert data["contacts"][0]["x-c"] == 2  # the record itself is untouched


# -- outputs only from valid records --------------------------------------------------------


def test_both_files_of_a_duplicate_id_are_left_out_of_outputs_and_queries(tmp_path):
    root = copy_valid(tmp_path)
    text = (root / "members/fundacja-b.yaml").read_text(encoding="utf-8")
    (root / "members/fundacja-b-copy.yaml").write_text(text.replace('"Fundacja B"', '"Impostor B"'), encoding="utf-8")
    done = run_lpps("export", "json", "-r", str(root), "--today", VALID_TODAY)
    assert done.returncode == 1
    assert "left out members/fundacja-b.yaml" in done.stderr
    assert "left out members/fundacja-b-copy.yaml" in done.stderr
    document = json.loads(done.stdout)
    assert "fundacja-b" not in {m["id"] for m in document["members"]}
    assert "Impostor" not in done.stdout
    listed = run_lpps("members", "--format", "json", "-r", str(root), "--today", VALID_TODAY)
    assert listed.returncode == 1 and "fundacja-b" not in listed.stdout and "left out" in listed.stderr


def test_a_rule_error_leaves_the_record_out_of_outputs_but_not_out_of_validate(tmp_path):
    root = copy_valid(tmp_path)
    text = (root / "services/doradztwo-test.yaml").read_text(encoding="utf-8")
    (root / "services/doradztwo-test.yaml").write_text(
        text.replace("provider: urzad-pracy", "provider: nobody"), encoding="utf-8"
    )
    done = run_lpps("export", "json", "-r", str(root), "--today", VALID_TODAY)
    assert done.returncode == 1
    assert "left out services/doradztwo-test.yaml:3:" in done.stderr
    assert "doradztwo-test" not in {s["id"] for s in json.loads(done.stdout)["services"]}
    check = run_lpps("validate", "-r", str(root), "--today", VALID_TODAY)
    assert "left out" not in check.stderr and "services/doradztwo-test.yaml" in check.stdout


def test_a_valid_registry_leaves_nothing_out(tmp_path):
    root = copy_valid(tmp_path)
    done = run_lpps("export", "json", "-r", str(root), "--today", VALID_TODAY)
    assert done.returncode == 0 and done.stderr == ""


# -- secrets --------------------------------------------------------------------------------


def test_iban_checksum():
    from lpps_cli.rules.secret_shapes import find_iban, valid_iban

    assert valid_iban("PL61 1090 1014 0000 0712 1981 2874")
    assert valid_iban("CZ6508000000192000145399")
    assert valid_iban("GB82WEST12345698765432")
    assert not valid_iban("PL62 1090 1014 0000 0712 1981 2874")
    assert find_iban("send to GB82 WEST 1234 5698 7654 32, thanks") == "GB82 WEST 1234 5698 7654 32"
    assert find_iban("KRS 0000123456, phone +48 81 532 10 20") is None


def test_secret_key_names_in_four_languages():
    from lpps_cli.rules.secret_shapes import is_secret_key

    for key in (
        "password",
        "x-smtp-password",
        "hasło",
        "x-haslo",
        "heslo",
        "пароль",
        "x-api-key",
        "klucz_api",
        "token",
        "x-pin",
        "client_secret",
        "private-key",
        "x-api-tokens",
    ):
        assert is_secret_key(key), key
    for key in ("name", "pinned", "x-key-areas", "tokenism", "keys", "passport", "spin", "description"):
        assert not is_secret_key(key), key
