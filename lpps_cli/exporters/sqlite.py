"""One SQLite database for Datasette: a table per kind and per vocabulary, link tables for
lists of ids, full-text search, a ``free_capacity`` view and a ``metadata.json``."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from lpps_cli.exporters import EXPORT_KINDS, check_audience, localize, partnership_data, public_records
from lpps_cli.exporters.tabular import PLURAL, flatten
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.audience import PUBLIC

#: (kind, list field) -> (link table, owner column, other column, referenced table)
LINKS = {
    ("service", "target_groups"): ("service_target_groups", "service_id", "target_group_id", "target_groups"),
    ("service", "areas"): ("service_areas", "service_id", "area_id", "areas"),
    ("service", "partners"): ("service_partners", "service_id", "member_id", "members"),
    ("service", "funded_by"): ("service_funders", "service_id", "project_id", "projects"),
    ("member", "target_groups"): ("member_target_groups", "member_id", "target_group_id", "target_groups"),
    ("member", "areas"): ("member_areas", "member_id", "area_id", "areas"),
    ("group", "members"): ("group_members", "group_id", "member_id", "members"),
    ("meeting", "attended"): ("meeting_attendance", "meeting_id", "member_id", "members"),
    ("meeting", "decisions"): ("meeting_decisions", "meeting_id", "decision_id", "decisions"),
    ("document", "signatories"): ("document_signatories", "document_id", "member_id", "members"),
    ("project", "partners"): ("project_partners", "project_id", "member_id", "members"),
    ("project", "target_groups"): ("project_target_groups", "project_id", "target_group_id", "target_groups"),
}
#: (table, column) -> referenced table, for single references
REFERENCES = {
    ("members", "kind"): "member_kinds",
    ("members", "sector"): "sectors",
    ("members", "admitted_by"): "decisions",
    ("services", "provider"): "members",
    ("services", "type"): "service_types",
    ("services", "form"): "forms",
    ("groups", "lead"): "members",
    ("documents", "adopted_by"): "decisions",
    ("documents", "project"): "projects",
    ("documents", "supersedes"): "documents",
    ("meetings", "group"): "groups",
    ("meetings", "chair"): "members",
    ("decisions", "meeting"): "meetings",
    ("projects", "lead"): "members",
    ("projects", "consortium_agreement"): "documents",
    ("areas", "broader"): "areas",
}
FACETS = {
    "members": ["sector", "kind", "status"],
    "services": ["type", "form", "status", "provider"],
    "meetings": ["kind", "status"],
    "decisions": ["kind", "method", "outcome"],
    "documents": ["kind", "status"],
    "projects": ["status", "funder"],
}

#: services with free places for a target group in an area (the area, one inside it, or one containing it)
FREE_PLACES_QUERY = """\
SELECT f.service_id, f.name, f.provider_name, f.free, f.unit, f.as_of
FROM free_capacity AS f
WHERE f.free > 0
  AND f.service_id IN (SELECT service_id FROM service_target_groups WHERE target_group_id = :target_group)
  AND f.service_id IN (
    SELECT sa.service_id FROM service_areas AS sa JOIN area_ancestors AS aa
      ON (aa.area_id = :area AND aa.ancestor_id = sa.area_id)
      OR (aa.area_id = sa.area_id AND aa.ancestor_id = :area))
ORDER BY f.free DESC, f.service_id"""


def table_name(vocabulary: str) -> str:
    return vocabulary.replace("-", "_")


def write_database(registry, file: Path, audience: str = PUBLIC) -> Path:
    """Write the database (atomically: a temporary file, then a rename) and metadata.json beside it."""
    check_audience(audience)
    file = Path(file)
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    os.close(fd)
    try:
        fill(registry, Path(tmp), audience)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    from lpps_cli.fsio import atomic_write

    metadata = datasette_metadata(registry, file.stem)
    atomic_write(file.parent / "metadata.json", json.dumps(metadata, ensure_ascii=False, indent=2) + "\n")
    return file


def fill(registry, path: Path, audience: str) -> None:
    import sqlite_utils

    path.unlink(missing_ok=True)
    db = sqlite_utils.Database(path)
    languages = registry.languages
    _vocabularies(db, registry, languages)
    partnership = partnership_data(registry, audience)
    if partnership:
        db.table("partnership").insert(flatten("partnership", partnership, languages), pk="id", alter=True)
    for kind in EXPORT_KINDS:
        rows: list[dict[str, Any]] = []
        links: dict[str, list[dict[str, Any]]] = {}
        for record_id, data in public_records(registry, kind, audience):
            rows.append(flatten(kind, data, languages, keep_lists=False))
            for (link_kind, field), (table, owner, other, _target) in LINKS.items():
                if link_kind == kind and isinstance(data.get(field), list):
                    links.setdefault(table, []).extend(
                        {owner: record_id, other: item} for item in data[field] if isinstance(item, str)
                    )
        if rows:
            db.table(PLURAL[kind]).insert_all(rows, pk="id", alter=True)
        else:
            db.table(PLURAL[kind]).create({"id": str}, pk="id")
        for table, link_rows in links.items():
            if link_rows:
                db.table(table).insert_all(link_rows, pk=tuple(link_rows[0]), ignore=True)
    _link_tables(db)
    _votes(db, registry, audience)
    _foreign_keys(db)
    _search(db, languages)
    _free_capacity(db, languages)
    db.index_foreign_keys()
    db.conn.commit()
    db.close()


def _vocabularies(db, registry, languages: list[str]) -> None:
    from lpps_cli.model.taxonomy import Vocabulary

    vocab: Vocabulary
    for vocab_id, vocab in sorted(registry.taxonomy.vocabularies.items()):
        rows = [
            {
                "id": term_id,
                **{f"label_{lang}": vocab.label(term_id, lang) for lang in languages},
                "notation": entry.get("notation"),
                "broader": entry.get("broader"),
            }
            for term_id, entry in vocab.terms.items()
        ]
        db[table_name(vocab_id)].insert_all(rows, pk="id", alter=True, columns={"notation": str, "broader": str})
    areas = registry.taxonomy.vocabularies.get("areas")
    pairs = []
    for term_id in areas.terms if areas else []:
        ancestor, seen = term_id, set()
        while ancestor and ancestor not in seen:  # the area itself, its region, its country
            pairs.append({"area_id": term_id, "ancestor_id": ancestor})
            seen.add(ancestor)
            ancestor = areas.terms.get(ancestor, {}).get("broader")
    db["area_ancestors"].insert_all(
        pairs, pk=("area_id", "ancestor_id"), ignore=True, columns={"area_id": str, "ancestor_id": str}
    )


def _link_tables(db) -> None:
    """Every link table exists, even when empty, so queries never fail on a small registry."""
    for table, owner, other, _target in LINKS.values():
        if not db[table].exists():
            db[table].create({owner: str, other: str}, pk=(owner, other))


def _votes(db, registry, audience: str) -> None:
    rows = [
        {"decision_id": decision_id, "member_id": member, "vote": vote}
        for decision_id, data in public_records(registry, "decision", audience)
        if isinstance(data.get("votes"), dict)
        for vote, members in data["votes"].items()
        if isinstance(members, list)
        for member in members
        if isinstance(member, str)
    ]
    db["decision_votes"].insert_all(
        rows, pk=("decision_id", "member_id"), ignore=True, columns={"decision_id": str, "member_id": str, "vote": str}
    )


def _foreign_keys(db) -> None:
    keys = [
        (table, column, target, "id")
        for (table, column), target in REFERENCES.items()
        if db[table].exists() and column in db[table].columns_dict and db[target].exists()
    ]
    for table, owner, other, target in LINKS.values():
        owner_table = PLURAL[owner.removesuffix("_id")]
        keys += [(table, owner, owner_table, "id"), (table, other, target, "id")]
    keys += [
        ("area_ancestors", "area_id", "areas", "id"),
        ("area_ancestors", "ancestor_id", "areas", "id"),
        ("decision_votes", "decision_id", "decisions", "id"),
        ("decision_votes", "member_id", "members", "id"),
    ]
    db.add_foreign_keys([key for key in keys if db[key[2]].exists() and db[key[0]].exists()])


def _search(db, languages: list[str]) -> None:
    for table, fields in (
        ("services", ("name", "description")),
        ("members", ("name", "profile")),
        ("documents", ("title", "summary")),
    ):
        present = [
            f"{field}_{lang}" for field in fields for lang in languages if f"{field}_{lang}" in db[table].columns_dict
        ]
        if present:
            db[table].enable_fts(present, create_triggers=True, tokenize="unicode61 remove_diacritics 2")


def _free_capacity(db, languages: list[str]) -> None:
    services = db["services"].columns_dict
    if "capacity_total" not in services:
        return
    lang = languages[0]
    name = f"s.name_{lang}" if f"name_{lang}" in services else "s.id"
    provider = f"m.name_{lang}" if f"name_{lang}" in db["members"].columns_dict else "m.id"
    occupied = "COALESCE(s.capacity_occupied, 0)" if "capacity_occupied" in services else "0"
    unit = "s.capacity_unit" if "capacity_unit" in services else "NULL"
    as_of = "s.capacity_as_of" if "capacity_as_of" in services else "NULL"
    db.create_view(
        "free_capacity",
        f"""
        SELECT s.id AS service_id, {name} AS name, s.provider AS provider, {provider} AS provider_name,
               s.type AS type, s.form AS form, {unit} AS unit, s.capacity_total AS total,
               {occupied} AS occupied, MAX(s.capacity_total - {occupied}, 0) AS free, {as_of} AS as_of
        FROM services AS s LEFT JOIN members AS m ON m.id = s.provider
        WHERE s.status = 'active' AND s.capacity_total IS NOT NULL""",
        replace=True,
    )


def datasette_metadata(registry, database: str) -> dict[str, Any]:
    """Titles, descriptions, facets and a canned query for ``datasette serve --metadata``."""
    lang, default = registry.default_language, registry.default_language
    partnership = registry.partnership.data if registry.partnership else {}
    label = f"name_{lang}"
    tables: dict[str, Any] = {
        "services": {
            "title": _("Services"),
            "description": _("Services of the members, with capacity."),
            "label_column": label,
        },
        "members": {"title": _("Members"), "description": _("Member organisations."), "label_column": label},
        "groups": {"title": _("Groups"), "label_column": label},
        "documents": {"title": _("Documents"), "label_column": f"title_{lang}"},
        "meetings": {"title": _("Meetings")},
        "decisions": {"title": _("Decisions")},
        "projects": {"title": _("Projects"), "label_column": f"title_{lang}"},
        "free_capacity": {
            "title": _("Free capacity"),
            "description": _("Active services with capacity: total, occupied and free places."),
        },
    }
    for table, facets in FACETS.items():
        tables.setdefault(table, {})["facets"] = facets
    for vocab_id, vocab in registry.taxonomy.vocabularies.items():
        tables[table_name(vocab_id)] = {
            "title": localize(vocab.title, lang, default) or vocab_id,
            "label_column": f"label_{lang}",
        }
    return {
        "title": localize(partnership.get("name"), lang, default) or "lpps",
        "description": localize(partnership.get("description"), lang, default),
        "source": "lpps",
        "databases": {
            database: {
                "tables": tables,
                "queries": {
                    "free_places": {
                        "title": _("Services with free places for a target group in an area"),
                        "sql": FREE_PLACES_QUERY,
                    }
                },
            }
        },
    }
