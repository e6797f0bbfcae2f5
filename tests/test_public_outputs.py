"""No internal e-mail address or phone number reaches the portal or a public export."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_lpps
from public_data import REGISTRIES, internal_contacts, phone_variants


@pytest.fixture(scope="module", params=REGISTRIES, ids=[r[0] for r in REGISTRIES])
def outputs(request, tmp_path_factory) -> tuple[Path, Path]:
    _, root, today = request.param
    out = tmp_path_factory.mktemp("public")
    commands = [
        ("site", "build", str(out / "site")),
        ("export", "hsds", "-o", str(out / "hsds"), "--single", str(out / "hsds-single.json")),
        ("export", "sqlite", str(out / "db" / "lpps.db")),
        ("export", "json", "-o", str(out / "all.json")),
        ("export", "csv", "-o", str(out / "csv"), "--bom"),
        ("export", "ics", "-o", str(out / "meetings.ics")),
    ]
    for command in commands:
        done = run_lpps(*command, "-r", str(root), "--today", today)
        assert done.returncode == 0, (command, done.stderr)
    return root, out


def test_the_registry_has_internal_contacts_to_hide(outputs):
    root, _ = outputs
    assert internal_contacts(root)


def test_no_internal_contact_in_any_public_file(outputs):
    root, out = outputs
    secrets = set()
    for value in internal_contacts(root):
        secrets |= phone_variants(value) if value.startswith("+") or value[:1].isdigit() else {value}
    files = [path for path in out.rglob("*") if path.is_file()]
    assert len(files) > 20
    leaks = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        leaks += [(path.relative_to(out).as_posix(), secret) for secret in secrets if secret in text]
    assert not leaks


def test_the_internal_audience_does_include_them(outputs, tmp_path):
    root, _ = outputs
    done = run_lpps("export", "json", "-r", str(root), "--audience", "internal")
    assert done.returncode == 0, done.stderr
    assert all(value in done.stdout for value in internal_contacts(root))
