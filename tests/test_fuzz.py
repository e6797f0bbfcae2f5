"""Fuzzing the loader and the validator (Hypothesis): random bytes, random YAML and
schema-shaped records. No exception but YamlProblem escapes the loader; loading and validating
a registry never raises; every finding has a known rule, a file and a line.

Examples are modest for CI; run a long session with LPPS_FUZZ_EXAMPLES=5000. The cases such a
session found are pinned with @example."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import VALID, VALID_TODAY
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from yaml_strategies import EXAMPLES, documents

from lpps_cli.model.problems import RULE_CODES
from lpps_cli.reading import yamlio

FUZZ = settings(
    max_examples=EXAMPLES or 150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(st.binary(max_size=300))
@example(b"a: no\na: [=]\n")  # ruamel kept state from the failed load before
@example(b"&")  # an anchor with no name: ruamel refuses, rapidyaml accepted
@example(b"\x85")  # NEL is a line break to ruamel
@example(b"a: 2025-02-30\n")  # ruamel raised ValueError, not a YAML error
@example(b"[a, b]: c\n")  # a list as a key
@example(b"a: !!set {x}\n")  # a Python set
def test_random_bytes_give_data_or_a_problem(raw):
    for fast in (True, False):
        try:
            data = yamlio.parse(raw, fast=fast)
        except yamlio.YamlProblem as exc:
            assert exc.message
            assert exc.line is None or exc.line >= 1
            continue
        json.dumps(data, allow_nan=True)  # plain JSON types only


@FUZZ
@given(documents())
def test_random_yaml_gives_data_or_a_problem(text):
    try:
        data = yamlio.parse(text.encode("utf-8"))
    except yamlio.YamlProblem as exc:
        assert exc.message
        return
    json.dumps(data, allow_nan=True)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "registry"
    shutil.copytree(VALID, root)
    return root


def check_report(root: Path) -> None:
    from lpps_cli.checking.validate import validate
    from lpps_cli.reading.loader import load_registry

    registry = load_registry(root)
    report = validate(registry, dt.date.fromisoformat(VALID_TODAY))
    for problem in report.problems:
        assert problem.rule in RULE_CODES, problem
        assert problem.file, problem
        assert isinstance(problem.line, int) and problem.line >= 1, problem


@FUZZ
@given(text=documents())
def test_random_yaml_in_a_registry_is_reported_with_rule_file_and_line(base, text):
    (base / "members" / "fuzzed.yaml").write_text(text, encoding="utf-8")
    try:
        check_report(base)
    finally:
        (base / "members" / "fuzzed.yaml").unlink()


@pytest.mark.parametrize(
    "kind,folder",
    [
        ("member", "members"),
        ("service", "services"),
        ("meeting", "meetings"),
        ("decision", "decisions"),
        ("project", "projects"),
    ],
)
def test_schema_shaped_records_are_reported_with_rule_file_and_line(base, kind, folder):
    from hypothesis_jsonschema import from_schema

    from lpps_cli.reading import schemas

    schema = schemas.bundled(kind)
    loose = {**schema, "additionalProperties": True, "required": []}

    @settings(max_examples=EXAMPLES or 25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(from_schema(schema), from_schema(loose)))
    def check(record):
        path = base / folder / "fuzzed.yaml"
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML 1.2
        try:
            check_report(base)
        finally:
            path.unlink()

    check()
