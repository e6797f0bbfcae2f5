"""HSDS 3.0 data in the shapes the specification publishes, read into one shape: tables
(``{"organization": [rows], "service": [rows], …}``) with the foreign keys the tabular form
has. Accepted: a folder of JSON files, one array per table (as ``lpps export hsds``
writes); a JSON document of organizations with nested services (one organization, a list,
or the API's page of them); the tabular datapackage (``datapackage.json`` with its CSV
tables, as a folder or zipped). Missing optional tables are simply empty.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _

MAX_BYTES = 256 * 1024 * 1024
TABLES = (
    "organization",
    "organization_identifier",
    "service",
    "location",
    "address",
    "service_at_location",
    "service_area",
    "schedule",
    "language",
    "phone",
    "contact",
    "funding",
    "attribute",
    "taxonomy",
    "taxonomy_term",
)
#: nested list key of a parent object -> (table, foreign key the child gets)
NESTED = {
    "services": "service",
    "locations": "location",
    "addresses": "address",
    "phones": "phone",
    "contacts": "contact",
    "schedules": "schedule",
    "languages": "language",
    "funding": "funding",
    "attributes": "attribute",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "organization_identifiers": "organization_identifier",
}
PARENT_KEY = {
    "organization": "organization_id",
    "service": "service_id",
    "location": "location_id",
    "contact": "contact_id",
    "service_at_location": "service_at_location_id",
}
PLURAL = {
    "addresses": "address",
    "taxonomies": "taxonomy",
    "funding": "funding",
    "service_at_location": "service_at_location",
    "accessibility": "accessibility",
    "metadata": "metadata",
}

Tables = dict[str, list[dict[str, Any]]]


def _json(raw: bytes, label: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise LppsError(_("%(file)s is not JSON: %(why)s") % {"file": label, "why": exc}) from None


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LppsError(_("%(file)s is too large to import") % {"file": path.name})
        return path.read_bytes()
    except OSError as exc:
        raise LppsError(_("cannot read %(file)s: %(why)s") % {"file": path, "why": exc.strerror}) from None


def table_name(stem: str) -> str:
    return PLURAL.get(stem) or (stem[:-1] if stem.endswith("s") and stem[:-1] in TABLES else stem)


def flatten(organizations: list[Any]) -> Tables:
    """Nested organizations (with services, locations, phones …) as tables."""
    tables: Tables = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    first: dict[tuple[str, str], dict[str, Any]] = {}

    def walk(kind: str, obj: Any, parent: tuple[str, str] | None) -> None:
        if not isinstance(obj, dict):
            return
        row = {k: v for k, v in obj.items() if not isinstance(v, (list, dict)) or k in ("taxonomy_term",)}
        if parent and PARENT_KEY.get(parent[0]) and PARENT_KEY[parent[0]] not in row:
            row[PARENT_KEY[parent[0]]] = parent[1]
        if kind == "attribute" and parent and "link_id" not in row:
            row["link_id"], row["link_entity"] = parent[1], parent[0]
        term = obj.get("taxonomy_term")
        if kind == "attribute" and isinstance(term, dict):
            row["taxonomy_term_id"] = row.get("taxonomy_term_id") or term.get("id")
            walk("taxonomy_term", term, None)
            del row["taxonomy_term"]
        if kind == "service_at_location" and isinstance(obj.get("location"), dict):
            row["location_id"] = row.get("location_id") or obj["location"].get("id")
            walk("location", obj["location"], None)
        key = (kind, str(row.get("id")))
        if row.get("id") is None or key not in seen:
            seen.add(key)
            first[key] = row
            tables[kind].append(row)
        else:  # the same object nested in several places (the published examples do it): one row, every parent
            for name, value in row.items():
                first[key].setdefault(name, value)
        for name, children in obj.items():
            if name in NESTED and isinstance(children, list):
                for child in children:
                    walk(NESTED[name], child, (kind, str(obj.get("id"))))
            elif name == "organization" and isinstance(children, dict) and kind == "service":
                walk("organization", children, None)

    for organization in organizations:
        walk("organization", organization, None)
    return dict(tables)


def _document(data: Any) -> Tables:
    if isinstance(data, dict) and isinstance(data.get("contents"), list):  # the API's page
        data = data["contents"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise LppsError(_("the JSON document holds neither organizations nor a page of them"))
    return flatten(data)


def _csv_rows(raw: bytes) -> list[dict[str, Any]]:
    text = raw.decode("utf-8-sig", "replace")
    return [{k: v for k, v in row.items() if k and v not in (None, "")} for row in csv.DictReader(io.StringIO(text))]


def _datapackage(descriptor: dict[str, Any], read: Any) -> Tables:
    tables: Tables = {}
    for resource in descriptor.get("resources", []) if isinstance(descriptor.get("resources"), list) else []:
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            continue
        name = resource.get("name") or Path(resource["path"]).stem
        raw = read(resource["path"])
        if raw is not None:
            tables[table_name(str(name))] = _csv_rows(raw)
    return tables


def read_hsds(path: Path) -> Tables:
    """The tables of the HSDS data at ``path`` (see the module's docstring)."""
    from lpps_cli.fsio import contained

    if path.is_dir():
        if (path / "datapackage.json").is_file():

            def read_file(relative: str) -> bytes | None:
                try:
                    target = contained(path, relative)
                except Exception:
                    return None
                return _read(target) if target.is_file() else None

            return _datapackage(_json(_read(path / "datapackage.json"), "datapackage.json"), read_file)
        tables: Tables = {}
        for file in sorted(path.glob("*.json")):
            rows = _json(_read(file), file.name)
            if isinstance(rows, list):
                tables[table_name(file.stem)] = [r for r in rows if isinstance(r, dict)]
        for file in sorted(path.glob("*.csv")):
            tables.setdefault(table_name(file.stem), _csv_rows(_read(file)))
        if not tables:
            raise LppsError(_("%(path)s holds no HSDS tables (*.json or a datapackage.json)") % {"path": path})
        return tables
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = {n.rsplit("/", 1)[-1]: n for n in archive.namelist()}
            if "datapackage.json" not in names:
                raise LppsError(_("%(file)s holds no datapackage.json") % {"file": path.name})

            def read_member(relative: str) -> bytes | None:
                name = names.get(relative.rsplit("/", 1)[-1])
                if name is None or archive.getinfo(name).file_size > MAX_BYTES:
                    return None
                return archive.read(name)

            return _datapackage(_json(archive.read(names["datapackage.json"]), "datapackage.json"), read_member)
    return _document(_json(_read(path), path.name))
