"""lpps mailing-list: RFC 5322 lines, CSV, vCard 4.0 that a vCard parser reads back in UTF-8."""

from __future__ import annotations

import csv
import io
from email.utils import getaddresses

import pytest
import vobject
from conftest import run_lpps
from query_registry import build


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return build(tmp_path_factory.mktemp("mailing") / "registry")


def mailing(registry, *args):
    done = run_lpps("mailing-list", "-r", str(registry), *args)
    assert done.returncode == 0, done.stderr
    return done


def test_txt_is_one_mailbox_per_address_without_duplicates(registry):
    done = mailing(registry)
    lines = done.stdout.splitlines()
    parsed = getaddresses(lines)
    addresses = [addr for _, addr in parsed]
    assert len(addresses) == len(set(a.lower() for a in addresses))
    assert "zdenka@dom-nadziei.example.org" in addresses and "olena@ua.example.org" in addresses
    assert "p@zawieszona.example.org" not in addresses  # suspended members are not active
    assert "jan.nowak@kandydat-e.example.org" not in addresses  # applicants neither
    assert ("Олена Шевченко", "olena@ua.example.org") in parsed
    assert "bez-maila" in done.stderr  # reported, not silently dropped


def test_vcf_imports_with_names_organisations_and_addresses(registry):
    done = run_lpps("mailing-list", "-r", str(registry), "--format", "vcf", "--lang", "pl")
    cards = list(vobject.readComponents(done.stdout))
    by_email = {card.email.value: card for card in cards}
    assert len(cards) == len(by_email)
    zdenka = by_email["zdenka@dom-nadziei.example.org"]
    assert zdenka.version.value == "4.0" and zdenka.fn.value == "Zdeňka Nováková"
    assert zdenka.org.value == ["Dom Nadziei"] and zdenka.role.value == "prezeska"
    assert by_email["olena@ua.example.org"].fn.value == "Олена Шевченко"
    shared = by_email["jan.nowak@fundacja-b.example.org"]  # one person, two organisations
    assert sorted(org.value[0] for org in shared.contents["org"]) == ["Dom Nadziei", "Fundacja B"]


def test_csv_and_filters(registry):
    table = list(csv.DictReader(io.StringIO(mailing(registry, "--format", "csv", "--sector", "public").stdout)))
    assert [(r["email"], r["member"]) for r in table] == [("jan.nowak@urzad-pracy.example.org", "urzad-pracy")]
    by_role = mailing(registry, "--role", "president").stdout.splitlines()
    assert by_role == ["Zdeňka Nováková <zdenka@dom-nadziei.example.org>"]
    group = getaddresses(mailing(registry, "--group", "koalicja-test").stdout.splitlines())
    assert {a for _, a in group} == {"jan.nowak@fundacja-a.example.org", "jan.nowak@caritas-test.example.org"}
    suspended = mailing(registry, "--status", "suspended").stdout
    assert suspended.strip() == "Piotr Zawieszony <p@zawieszona.example.org>"
