"""lpps export sqlite: a database a user can query with sqlite3, ready for Datasette."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import run_lpps
from public_data import REGISTRIES


@pytest.fixture(scope="module", params=REGISTRIES, ids=[r[0] for r in REGISTRIES])
def database(request, tmp_path_factory):
    _, root, today = request.param
    out = tmp_path_factory.mktemp("sqlite") / "lpps.db"
    done = run_lpps("export", "sqlite", str(out), "-r", str(root), "--today", today)
    assert done.returncode == 0, done.stderr
    from lpps_cli.reading.loader import load_registry

    connection = sqlite3.connect(out)
    connection.row_factory = sqlite3.Row
    yield connection, load_registry(root), out
    connection.close()


def expected_free_places(registry, target_group: str, area: str) -> set[str]:
    """The answer computed from the registry in Python, to compare with the SQL one."""
    areas = registry.taxonomy.vocabularies["areas"]
    inside = areas.narrower_or_self(area)
    around = {a for a in areas.terms if area in areas.narrower_or_self(a)}
    found = set()
    for sid, record in registry.services.items():
        capacity = record.get("capacity") or {}
        free = capacity.get("total", 0) - capacity.get("occupied", 0) if "total" in capacity else 0
        if (
            record.get("status") == "active"
            and free > 0
            and target_group in record.get("target_groups", [])
            and set(record.get("areas", [])) & (inside | around)
        ):
            found.add(sid)
    return found


def test_the_free_places_query_from_the_docs_answers_the_referral_question(database):
    connection, registry, _ = database
    from lpps_cli.exporters.sqlite import FREE_PLACES_QUERY

    docs = (Path(__file__).parent.parent / "docs" / "exports.md").read_text(encoding="utf-8")
    assert FREE_PLACES_QUERY in docs
    asked = 0
    for area in ("pl-lubelskie", "poland", "pl-mazowieckie"):
        rows = connection.execute(FREE_PLACES_QUERY, {"target_group": "homeless", "area": area}).fetchall()
        assert {row["service_id"] for row in rows} == expected_free_places(registry, "homeless", area)
        assert all(row["free"] > 0 for row in rows)
        asked += len(rows)
    assert asked


def test_tables_have_primary_and_foreign_keys(database):
    connection, registry, _ = database
    services = {row["name"]: row for row in connection.execute("PRAGMA table_info(services)")}
    assert services["id"]["pk"] == 1
    keys = {(row["from"], row["table"]) for row in connection.execute("PRAGMA foreign_key_list(services)")}
    assert {("provider", "members"), ("type", "service_types")} <= keys
    links = {(row["from"], row["table"]) for row in connection.execute("PRAGMA foreign_key_list(group_members)")}
    assert links == {("group_id", "groups"), ("member_id", "members")}
    count = connection.execute("SELECT count(*) FROM services").fetchone()[0]
    assert count == len(registry.services)


def test_many_to_many_tables_join(database):
    connection, registry, _ = database
    for group_id, record in registry.groups.items():
        members = {
            row[0]
            for row in connection.execute(
                "SELECT m.id FROM members m JOIN group_members gm ON gm.member_id = m.id WHERE gm.group_id = ?",
                (group_id,),
            )
        }
        assert members == set(record.get("members", []))
    for meeting_id, record in registry.meetings.items():
        attended = {
            row[0]
            for row in connection.execute(
                "SELECT member_id FROM meeting_attendance WHERE meeting_id = ?", (meeting_id,)
            )
        }
        assert attended == set(record.get("attended", []))


def test_localized_texts_have_a_column_per_language(database):
    connection, registry, _ = database
    columns = {row["name"] for row in connection.execute("PRAGMA table_info(services)")}
    assert {f"name_{lang}" for lang in registry.languages} <= columns
    for sid, record in registry.services.items():
        name = record.get("name")
        if isinstance(name, dict):
            for lang, text in name.items():
                if lang in registry.languages:
                    assert (
                        connection.execute(f"SELECT name_{lang} FROM services WHERE id = ?", (sid,)).fetchone()[0]
                        == text
                    )


def test_full_text_search_finds_services(database):
    connection, registry, _ = database
    lang = registry.default_language
    sid, record = next((sid, r) for sid, r in sorted(registry.services.items()) if isinstance(r.get("name"), dict))
    word = max(record.get("name")[lang].split(), key=len)
    found = [
        row[0]
        for row in connection.execute(
            "SELECT s.id FROM services s JOIN services_fts f ON f.rowid = s.rowid WHERE services_fts MATCH ?",
            (f'"{word}"',),
        )
    ]
    assert sid in found


def test_free_capacity_view(database):
    connection, registry, _ = database
    rows = {row["service_id"]: row for row in connection.execute("SELECT * FROM free_capacity")}
    for sid, record in registry.services.items():
        capacity = record.get("capacity")
        if record.get("status") == "active" and capacity:
            assert rows[sid]["free"] == capacity["total"] - capacity.get("occupied", 0)
        else:
            assert sid not in rows


def test_metadata_for_datasette(database):
    _, _, path = database
    metadata = json.loads((path.parent / "metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"][path.stem]["tables"]
    assert "type" in tables["services"]["facets"]
    assert metadata["databases"][path.stem]["queries"]["free_places"]["sql"]
