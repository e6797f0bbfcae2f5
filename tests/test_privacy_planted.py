"""A unique internal e-mail and phone planted in every field that can hold a contact (and a
confidential street address) never reaches any public output."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import VALID, VALID_TODAY, run_lpps
from ruamel.yaml import YAML

yaml = YAML()  # round-trip: the planted files stay readable YAML


def secret(n: int) -> tuple[str, str]:
    return f"planted{n}@secret-{n}.example.org", f"+48 81 555 {10 + n:02d} {20 + n:02d}"


def plant(root: Path) -> tuple[list[str], list[str]]:
    emails, phones, counter = [], [], iter(range(1, 1000))

    def contact(**extra):
        email, phone = secret(next(counter))
        emails.append(email)
        phones.append(phone)
        return {"name": "Planted Person", "email": email, "phone": phone, "visibility": "internal", **extra}

    def edit(rel: str, change) -> None:
        path = root / rel
        data = yaml.load(path.read_text(encoding="utf-8"))
        change(data)
        with open(path, "w", encoding="utf-8") as handle:
            yaml.dump(data, handle)

    edit("partnership.yaml", lambda d: d["coordinator"].__setitem__("contact", contact()))
    for member in sorted((root / "members").glob("*.yaml")):

        def change(d):
            d["contacts"] = [*d.get("contacts", []), contact()]
            d["representatives"] = [*d.get("representatives", []), contact(role="director")]
            d["x-notes"] = "call " + secret(next(counter))[0]
            emails.append(d["x-notes"].split()[-1])

        edit(f"members/{member.name}", change)
    for service in sorted((root / "services").glob("*.yaml")):

        def change(d):
            d["contacts"] = [contact()]
            d.setdefault("referral", {})["contact"] = contact()
            d["locations"] = [
                {
                    "name": "Hidden house",
                    "address": {"street": "ul. Ukryta 13", "city": "Lublin", "country": "PL", "confidential": True},
                    "geo": {"lat": 51.2468, "lon": 22.5684},
                }
            ]

        edit(f"services/{service.name}", change)
    for meeting in sorted((root / "meetings").glob("*.yaml")):
        edit(f"meetings/{meeting.name}", lambda d: d.__setitem__("minutes", "Minutes: " + contact()["email"]))
    return emails, phones


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    base = tmp_path_factory.mktemp("privacy")
    root = base / "registry"
    shutil.copytree(VALID, root)
    emails, phones = plant(root)
    check = run_lpps("validate", "-r", str(root), "--today", VALID_TODAY, "--format", "json")
    assert '"errors": 0' in check.stdout, check.stdout[-3000:]
    out = base / "out"
    commands = [
        ["brochure", "--format", "md", "-o", f"{out}/brochure.md"],
        ["brochure", "--format", "html", "-o", f"{out}/brochure.html"],
        ["brochure", "--format", "pdf", "-o", f"{out}/brochure.pdf"],
        ["site", "build", f"{out}/site"],
        ["export", "hsds", "-o", f"{out}/hsds", "--single", f"{out}/hsds-single.json"],
        ["export", "json", "-o", f"{out}/registry.json"],
        ["export", "csv", "-o", f"{out}/csv"],
        ["export", "sqlite", f"{out}/registry.db"],
        ["export", "ics", "-o", f"{out}/meetings.ics"],
    ]
    for command in commands:
        done = run_lpps(*command, "-r", str(root), "--today", VALID_TODAY, timeout=300)
        assert done.returncode == 0, f"{command}: {done.stderr}"
    for name, command in {
        "refer.txt": ["refer", "--target-group", "homeless", "--audience", "public"],
        "refer.json": ["refer", "--target-group", "homeless", "--audience", "public", "--format", "json"],
    }.items():
        done = run_lpps(*command, "-r", str(root), "--today", VALID_TODAY)
        assert done.returncode == 0, done.stderr
        (out / name).write_text(done.stdout, encoding="utf-8")
    return out, emails, phones


def public_texts(out: Path):
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            from pypdf import PdfReader

            yield path, "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        elif path.suffix == ".db":
            connection = sqlite3.connect(path)
            tables = [r[0] for r in connection.execute("select name from sqlite_master where type='table'")]
            yield path, "\n".join(str(row) for t in tables for row in connection.execute(f'select * from "{t}"'))
            connection.close()
        else:
            yield path, path.read_bytes().decode("utf-8", errors="replace")


def test_every_public_output_was_made(planted):
    out, _, _ = planted
    made = {p.name for p in out.iterdir()}
    assert {
        "brochure.md",
        "brochure.html",
        "brochure.pdf",
        "site",
        "hsds",
        "registry.json",
        "csv",
        "registry.db",
        "meetings.ics",
        "refer.txt",
        "refer.json",
    } <= made


def test_no_planted_contact_in_any_public_output(planted):
    out, emails, phones = planted
    digits = {"".join(ch for ch in phone if ch.isdigit()) for phone in phones}
    leaks = []
    for path, text in public_texts(out):
        squeezed = "".join(ch for ch in text if ch.isdigit())
        leaks += [(path.name, e) for e in emails if e in text]
        leaks += [(path.name, d) for d in digits if d in squeezed]
        if "Ukryta" in text:
            leaks.append((path.name, "confidential street"))
        if "51.2468" in text:
            leaks.append((path.name, "confidential coordinates"))
    assert not leaks, leaks[:20]


def test_the_internal_audience_does_show_them(planted, tmp_path):
    out, emails, _ = planted
    root = out.parent / "registry"
    done = run_lpps("brochure", "--format", "md", "--audience", "internal", "-r", str(root), "--today", VALID_TODAY)
    assert done.returncode == 0
    assert any(e in done.stdout for e in emails)
