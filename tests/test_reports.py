"""lpps report capacity|members: the numbers add up; the HTML opens in Chromium with a visible chart."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
from conftest import EXAMPLE, EXAMPLE_TODAY, VALID_TODAY, run_lpps
from query_registry import build, load_all


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return build(tmp_path_factory.mktemp("reports") / "registry")


def report(registry, *args):
    done = run_lpps("report", *args, "-r", str(registry), "--today", VALID_TODAY)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_capacity_csv_sums_active_services_by_type_area_and_target_group(registry):
    rows = list(csv.DictReader(io.StringIO(report(registry, "capacity", "--format", "csv"))))
    active = [
        s for s in load_all(registry, "services") if s["status"] == "active" and "occupied" in s.get("capacity", {})
    ]
    beds = [s for s in active if s["type"] == "asylum-housing" and s["capacity"]["unit"] == "beds"]
    row = next(r for r in rows if (r["dimension"], r["term"], r["unit"]) == ("type", "asylum-housing", "beds"))
    assert int(row["services"]) == len(beds)
    assert int(row["total"]) == sum(s["capacity"]["total"] for s in beds)
    assert int(row["free"]) == sum(s["capacity"]["total"] - s["capacity"]["occupied"] for s in beds)
    homeless = next(r for r in rows if (r["dimension"], r["term"]) == ("target_group", "homeless"))
    assert int(homeless["occupied"]) == sum(s["capacity"]["occupied"] for s in beds if "homeless" in s["target_groups"])
    assert "noclegownia-zamknieta" not in report(registry, "capacity", "--format", "json")


def _in_partnership(member, day):
    return (
        member["status"] in ("active", "suspended", "former")
        and str(member.get("joined", "0000")) <= day
        and ("left" not in member or str(member["left"]) > day)
    )


def test_members_report_growth_attendance_and_missed_meetings(registry):
    data = json.loads(report(registry, "members", "--format", "json", "--last", "3"))
    members = load_all(registry, "members")
    assert data["growth"][0] == {
        "date": "2025-01-15",
        "members": sum(_in_partnership(m, "2025-01-15") for m in members),
    }
    assert data["growth"][-1]["members"] == sum(_in_partnership(m, VALID_TODAY) for m in members)
    meetings = sorted(
        (m for m in load_all(registry, "meetings") if m["status"] == "held" and m["kind"] == "general"),
        key=lambda m: str(m["date"]),
    )[-3:]
    missed = sorted(
        m["id"]
        for m in members
        if m["status"] == "active"
        and all(_in_partnership(m, str(mt["date"])) and m["id"] not in mt.get("attended", []) for mt in meetings)
    )
    assert sorted(data["missed_last_three"]) == missed
    rates = {r["id"]: r for r in data["attendance"]}
    attended_a = sum("fundacja-a" in mt.get("attended", []) for mt in meetings)
    assert rates["fundacja-a"]["attended"] == attended_a and rates["fundacja-a"]["meetings"] == 3
    growth_csv = list(csv.DictReader(io.StringIO(report(registry, "members", "-f", "csv", "--table", "growth"))))
    assert [int(r["members"]) for r in growth_csv] == [p["members"] for p in data["growth"]]


@pytest.fixture(scope="module")
def html_pages(registry, tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    for name in ("capacity", "members"):
        report(registry, name, "--format", "html", "-o", str(out / f"{name}.html"))
    return out


def test_html_is_self_contained(html_pages):
    for name in ("capacity", "members"):
        page = (html_pages / f"{name}.html").read_text(encoding="utf-8")
        assert "<svg" in page and "<script" not in page and "<link" not in page and " src=" not in page


@pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian chromium")
@pytest.mark.parametrize("name", ["capacity", "members"])
def test_chart_is_visible_in_headless_chromium(html_pages, tmp_path, name):
    from PIL import Image

    png = tmp_path / f"{name}.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={png}",
            "--window-size=1000,900",
            (html_pages / f"{name}.html").as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    image = Image.open(png).convert("RGB")
    bar = (0x1F, 0x4E, 0x79)  # the chart's dark colour (occupied places; the growth line)
    painted = sum(
        1
        for pixel in (image.get_flattened_data() if hasattr(image, "get_flattened_data") else image.getdata())
        if all(abs(a - b) < 12 for a, b in zip(pixel, bar))
    )
    assert painted > 2000, f"chart not visible in {png}"


@pytest.mark.skipif(not (EXAMPLE / "members").is_dir(), reason="example registry not merged yet")
def test_example_registry_reports():
    for args in (("capacity", "-f", "csv"), ("members", "-f", "json")):
        done = run_lpps("report", *args, "--today", EXAMPLE_TODAY)
        assert done.returncode == 0 and done.stdout.strip(), done.stderr
