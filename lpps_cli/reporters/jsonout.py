"""The machine contract of cli.md: ``{ok, registry, counts, problems}``."""

from __future__ import annotations

import json


def as_json(report, registry_name: str = "registry", strict: bool = False, **_options) -> str:
    document = {
        "ok": not report.failed(strict),
        "registry": registry_name,
        "counts": {"files": report.files, "errors": report.errors, "warnings": report.warnings},
        "problems": [p.as_dict() for p in report.problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
