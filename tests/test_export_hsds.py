"""lpps export hsds: every file validates against the official HSDS 3.0 schemas, ids resolve."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_lpps
from jsonschema import Draft202012Validator, FormatChecker
from public_data import REGISTRIES
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "standards" / "hsds"
BASE = "https://hsds.test/"


@pytest.fixture(scope="module")
def schema_registry() -> Registry:
    resources = [
        (BASE + path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        for path in SCHEMAS.glob("*.json")
    ]
    return Registry().with_resources(resources)


def validator(schema_registry: Registry, name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": BASE + name}, registry=schema_registry, format_checker=FormatChecker())


@pytest.fixture(scope="module", params=REGISTRIES, ids=[r[0] for r in REGISTRIES])
def export(request, tmp_path_factory) -> tuple[Path, Path, Path]:
    _, root, today = request.param
    out = tmp_path_factory.mktemp("hsds")
    done = run_lpps(
        "export",
        "hsds",
        "-r",
        str(root),
        "--today",
        today,
        "-o",
        str(out / "dir"),
        "--single",
        str(out / "single.json"),
        env={"LPPS_LANG": ""},
    )  # the registry's language
    assert done.returncode == 0, done.stderr
    return root, out / "dir", out / "single.json"


def test_every_file_validates_against_its_official_schema(export, schema_registry):
    _, folder, _ = export
    files = sorted(folder.glob("*.json"))
    assert {"organization.json", "service.json", "taxonomy.json", "taxonomy_term.json", "attribute.json"} <= {
        f.name for f in files
    }
    for path in files:
        assert (SCHEMAS / path.name).exists(), f"{path.name} is not an HSDS object type"
        rows = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(rows, list) and rows, path.name
        check = validator(schema_registry, path.name)
        for row in rows:
            errors = [f"{path.name} {row['id']}: {e.json_path}: {e.message}" for e in check.iter_errors(row)]
            assert not errors, errors


def test_format_checking_is_on(schema_registry):
    check = validator(schema_registry, "service.json")
    assert not check.is_valid({"id": "not-a-uuid", "name": "x", "status": "active"})


def test_every_id_is_unique_and_every_reference_resolves(export):
    _, folder, _ = export
    ids: set[str] = set()
    rows = [row for path in folder.glob("*.json") for row in json.loads(path.read_text(encoding="utf-8"))]
    for row in rows:
        assert row["id"] not in ids
        ids.add(row["id"])
    references = [(key, value) for row in rows for key, value in row.items() if key.endswith("_id") and key != "tax_id"]
    assert references
    unresolved = [(key, value) for key, value in references if value not in ids]
    assert not unresolved


def test_ids_are_stable_across_exports(export, tmp_path):
    root, folder, _ = export
    done = run_lpps("export", "hsds", "-r", str(root), "-o", str(tmp_path), env={"LPPS_LANG": ""})
    assert done.returncode == 0, done.stderr
    for path in folder.glob("*.json"):
        assert (tmp_path / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_capacity_travels_as_attributes(export):
    root, folder, _ = export
    from lpps_cli.reading.loader import load_registry

    registry = load_registry(root)
    services = {s["name"]: s for s in json.loads((folder / "service.json").read_text(encoding="utf-8"))}
    terms = {t["id"]: t for t in json.loads((folder / "taxonomy_term.json").read_text(encoding="utf-8"))}
    attributes = json.loads((folder / "attribute.json").read_text(encoding="utf-8"))
    lang = registry.default_language
    checked = 0
    for record in registry.services.values():
        capacity = record.get("capacity")
        if not capacity or record.get("provider") not in registry.members:
            continue
        name = record.get("name")
        service = services[name.get(lang) if isinstance(name, dict) else name]
        values = {
            terms[a["taxonomy_term_id"]]["code"]: a["value"]
            for a in attributes
            if a["link_id"] == service["id"] and a["link_type"] == "capacity"
        }
        assert values["capacity-total"] == str(capacity["total"])
        assert values["capacity-unit"] == capacity["unit"]
        checked += 1
    assert checked


def test_single_document_nests_services_under_organizations(export, schema_registry):
    _, folder, single = export
    document = json.loads(single.read_text(encoding="utf-8"))
    organizations = document["contents"]
    assert document["total_items"] == len(organizations) == len(json.loads((folder / "organization.json").read_text()))
    org_check = validator(schema_registry, "organization.json")
    service_check = validator(schema_registry, "service.json")
    nested = 0
    for organization in organizations:
        assert not list(org_check.iter_errors(organization))
        for service in organization["services"]:
            assert service["organization_id"] == organization["id"]
            assert not list(service_check.iter_errors(service))
            nested += 1
    assert nested == len(json.loads((folder / "service.json").read_text()))


def test_no_output_named_is_bad_usage(tmp_path):
    from conftest import VALID

    done = run_lpps("export", "hsds", "-r", str(VALID))
    assert done.returncode == 2
    assert "-o DIR" in done.stderr and "Traceback" not in done.stderr
