"""lpps export json|csv: the whole registry as one document, one CSV per kind."""

from __future__ import annotations

import csv
import json

from conftest import VALID, VALID_TODAY, run_lpps


def test_json_holds_every_record(tmp_path):
    done = run_lpps("export", "json", "-r", str(VALID), "--today", VALID_TODAY)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    from lpps_cli.reading.loader import load_registry

    registry = load_registry(VALID)
    assert [m["id"] for m in document["members"]] == sorted(registry.members)
    assert [s["id"] for s in document["services"]] == sorted(registry.services)
    assert document["audience"] == "public"
    assert "target-groups" in document["taxonomy"]


def test_internal_audience_keeps_internal_contacts():
    public = run_lpps("export", "json", "-r", str(VALID))
    internal = run_lpps("export", "json", "-r", str(VALID), "--audience", "internal")
    assert internal.returncode == public.returncode == 0
    assert "jan.nowak@fundacja-a.example.org" in internal.stdout
    assert "jan.nowak@fundacja-a.example.org" not in public.stdout


def test_csv_one_file_per_kind_with_language_columns(tmp_path):
    done = run_lpps("export", "csv", "-r", str(VALID), "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert {"members.csv", "services.csv", "meetings.csv"} <= {p.name for p in tmp_path.iterdir()}
    with open(tmp_path / "services.csv", encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["schronisko-test"]["name_en"] == "Shelter for homeless people"
    assert rows["schronisko-test"]["capacity_free"] == "8"
    assert not (tmp_path / "services.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_bom_for_spreadsheets(tmp_path):
    done = run_lpps("export", "csv", "-r", str(VALID), "-o", str(tmp_path), "--bom")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "members.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_cells_cannot_be_formulas(valid_registry, tmp_path):
    service = valid_registry / "services" / "stara-usluga.yaml"
    service.write_text(
        service.read_text(encoding="utf-8").replace("Paczki żywnościowe.", '"=HYPERLINK(\\"http://evil.example\\")"'),
        encoding="utf-8",
    )
    done = run_lpps("export", "csv", "-r", str(valid_registry), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "out" / "services.csv", encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert '\'=HYPERLINK("http://evil.example")' in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_csv_needs_a_folder():
    done = run_lpps("export", "csv", "-r", str(VALID))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
