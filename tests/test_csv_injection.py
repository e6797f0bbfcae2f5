"""Every CSV lpps writes neutralises cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import VALID_TODAY, run_lpps

PAYLOADS = ['=HYPERLINK("http://evil.example")', "+SUM(1,1)", "-2+3", "@cmd"]


@pytest.fixture
def hostile_registry(valid_registry):
    path = valid_registry / "members" / "fundacja-a.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'name: {pl: "Fundacja A", en: "Foundation A"}',
        "name: {pl: '=HYPERLINK(\"http://evil.example\")', en: '+SUM(1,1)'}",
    )
    text = text.replace(
        "name: Jan Nowak, email: jan.nowak@fundacja-a.example.org",
        "name: '@cmd', email: jan.nowak@fundacja-a.example.org",
    )
    path.write_text(text, encoding="utf-8")
    return valid_registry


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def assert_neutral(text: str) -> None:
    found = cells(text)
    assert any("HYPERLINK" in c for c in found), "the payload should be in the output, neutralised"
    for cell in found:
        assert not cell.startswith(("=", "+", "-", "@")), cell


def test_list_csv(hostile_registry):
    done = run_lpps("members", "--format", "csv", "-r", str(hostile_registry), "--lang", "pl")
    assert done.returncode == 0, done.stderr
    assert_neutral(done.stdout)


def test_mailing_list_csv(hostile_registry):
    done = run_lpps("mailing-list", "--format", "csv", "-r", str(hostile_registry), "--lang", "pl")
    assert done.returncode == 0, done.stderr
    found = cells(done.stdout)
    assert "'@cmd" in found
    assert_neutral(done.stdout)


def test_export_csv(hostile_registry, tmp_path):
    out = tmp_path / "csv"
    done = run_lpps("export", "csv", "-o", str(out), "-r", str(hostile_registry), "--today", VALID_TODAY)
    assert done.returncode == 0, done.stderr
    assert_neutral((out / "members.csv").read_text(encoding="utf-8"))
