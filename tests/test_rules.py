"""Every rule and schema concern, positive and negative, from the cases in tests/cases/.

A case folder holds ``expect.yaml``: how to change a copy of the valid registry
(``replace`` text, add ``files``, ``rename``), the date to validate on, and the exact
errors (and optionally warnings) ``lpps validate`` must report — rule, file, line,
column and a piece of the message. Any other error fails the case, so no valid record
may be flagged.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import CASES, VALID, VALID_TODAY
from ruamel.yaml import YAML

from lpps_cli.checking.validate import validate
from lpps_cli.reading.loader import load_registry

CASE_FILES = sorted(CASES.glob("*/*/expect.yaml"))


def build_case(spec: dict, target: Path) -> Path:
    shutil.copytree(VALID, target)
    for change in spec.get("replace", []):
        path = target / change["file"]
        text = path.read_text(encoding="utf-8")
        assert change["old"] in text, f"case out of date: {change['old']!r} not in {change['file']}"
        path.write_text(text.replace(change["old"], change["new"]), encoding="utf-8")
    for name, content in (spec.get("files") or {}).items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(content, encoding="utf-8")
    for old, new in spec.get("rename", []):
        (target / old).rename(target / new)
    return target


def matches(problem, expected: dict) -> bool:
    return (
        problem.rule == expected["rule"]
        and problem.file == expected["file"]
        and ("line" not in expected or problem.line == expected["line"])
        and ("column" not in expected or problem.column == expected["column"])
        and expected.get("message", "") in problem.message
    )


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_case(case: Path, tmp_path: Path):
    spec = YAML(typ="safe").load(case.read_text(encoding="utf-8"))
    root = build_case(spec, tmp_path / "registry")
    today = dt.date.fromisoformat(str(spec.get("today", VALID_TODAY)))
    report = validate(load_registry(root), today)
    errors = [p for p in report.problems if p.severity == "error"]
    for expected in spec["problems"]:
        assert any(matches(p, expected) for p in errors), f"expected {expected}\nreported: {errors}"
    unexpected = [p for p in errors if not any(matches(p, e) for e in spec["problems"])]
    assert not unexpected, f"errors not in the case: {unexpected}"
    if "warnings" in spec:
        warnings = [p for p in report.problems if p.severity == "warning"]
        for expected in spec["warnings"]:
            if not expected.get("optional"):
                assert any(matches(p, expected) for p in warnings), f"expected warning {expected}\n{warnings}"
        extra = [p for p in warnings if not any(matches(p, e) for e in spec["warnings"])]
        assert not extra, f"warnings not in the case: {extra}"


def test_valid_registry_has_no_problems():
    report = validate(load_registry(VALID), dt.date.fromisoformat(VALID_TODAY))
    assert report.problems == []
    assert report.files >= 20


def test_every_rule_has_a_negative_case():
    from lpps_cli.rules import RULES

    covered = set()
    for case in CASE_FILES:
        spec = YAML(typ="safe").load(case.read_text(encoding="utf-8"))
        covered |= {p["rule"] for p in spec["problems"]} | {p["rule"] for p in spec.get("warnings", [])}
    assert set(RULES) | {"schema", "yaml"} <= covered
