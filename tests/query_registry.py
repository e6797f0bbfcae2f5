"""A registry the query tests build: the small valid registry plus services and members that
exercise every filter (full, ended, no capacity data, suspended provider, diacritics, Cyrillic)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from conftest import VALID
from ruamel.yaml import YAML

EXTRA_MEMBERS = [
    {
        "id": "dom-nadziei",
        "name": {"pl": "Dom Nadziei", "cs": "Dům naděje"},
        "sector": "ngo",
        "kind": "ngo-local",
        "status": "active",
        "joined": "2025-07-09",
        "areas": ["pl-lubelskie"],
        "target_groups": ["homeless"],
        "representatives": [
            {
                "name": "Zdeňka Nováková",
                "email": "zdenka@dom-nadziei.example.org",
                "role": {"pl": "prezeska", "en": "president"},
            },
            {"name": "Łukasz Żółkiewski", "email": "jan.nowak@fundacja-b.example.org"},
        ],
    },
    {
        "id": "ukrainska-fundacja",
        "name": {"pl": "Fundacja Ukraińska", "uk": "Українська фундація"},
        "sector": "ngo",
        "kind": "ngo-local",
        "status": "active",
        "joined": "2025-07-09",
        "representatives": [{"name": "Олена Шевченко", "email": "olena@ua.example.org", "phone": "+48 601 000 111"}],
    },
    {
        "id": "bez-maila",
        "name": "Stowarzyszenie Bez Maila",
        "sector": "ngo",
        "kind": "ngo-local",
        "status": "active",
        "joined": "2025-07-09",
        "representatives": [{"name": "Anna Bez", "phone": "+48 601 000 222"}],
    },
    {
        "id": "zawieszona",
        "name": "Fundacja Zawieszona",
        "sector": "ngo",
        "kind": "ngo-local",
        "status": "suspended",
        "joined": "2025-01-15",
        "representatives": [{"name": "Piotr Zawieszony", "email": "p@zawieszona.example.org"}],
    },
]


def _service(
    sid, provider, total=None, occupied=None, as_of="2025-09-20", status="active", target_groups=("homeless",), **extra
):
    data = {
        "id": sid,
        "name": {"pl": f"Usługa {sid}", "en": f"Service {sid}"},
        "provider": provider,
        "type": "asylum-housing",
        "target_groups": list(target_groups),
        "areas": ["pl-lubelskie"],
        "form": "residential",
        "status": status,
        **extra,
    }
    if total is not None:
        data["capacity"] = {"unit": "beds", "total": total, "occupied": occupied, "as_of": as_of}
    return data


EXTRA_SERVICES = [
    _service("noclegownia-wolna", "dom-nadziei", 30, 10, "2025-09-01"),  # 20 free
    _service("noclegownia-nowa", "fundacja-b", 10, 2, "2025-09-25"),  # 8 free, fresher than schronisko-test
    _service("noclegownia-pelna", "fundacja-b", 15, 15),  # no free places
    _service("noclegownia-bez-danych", "fundacja-b"),  # no capacity data
    _service("noclegownia-zamknieta", "fundacja-b", 10, 0, status="ended"),
    _service("noclegownia-zawieszona", "zawieszona", 10, 0),  # provider suspended
    _service(
        "dom-dla-rodzin", "stowarzyszenie-c", 12, 4, target_groups=("families-with-children",), languages=["pl", "uk"]
    ),
]


def dump(data) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def build(target: Path) -> Path:
    shutil.copytree(VALID, target)
    for folder, records in (("members", EXTRA_MEMBERS), ("services", EXTRA_SERVICES)):
        for record in records:
            (target / folder / f"{record['id']}.yaml").write_text(dump(record), encoding="utf-8")
    return target


def load_all(root: Path, folder: str) -> list[dict]:
    """Every record of a folder, read with a YAML parser (the tests' independent view)."""
    yaml = YAML(typ="safe", pure=True)
    return [yaml.load(path.read_text(encoding="utf-8")) for path in sorted((root / folder).glob("*.yaml"))]
