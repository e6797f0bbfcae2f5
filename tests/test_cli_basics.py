"""The command line as a whole: help for every command, version, module entry point, schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLE, run_lpps


def all_commands() -> list[list[str]]:
    from typer.main import get_command

    from lpps_cli.cli.app import app

    def walk(command, prefix):
        found = [prefix] if prefix else []
        for name, sub in getattr(command, "commands", {}).items():
            found.extend(walk(sub, [*prefix, name]))
        return found

    return walk(get_command(app), [])


def test_there_are_commands():
    names = {" ".join(c) for c in all_commands()}
    assert {"validate", "schema"} <= names


@pytest.mark.parametrize("command", all_commands(), ids=" ".join)
def test_every_command_has_help(command):
    from typer.main import get_command

    from lpps_cli.cli.app import app

    click_command = get_command(app)
    for name in command:
        click_command = click_command.commands[name]
    assert (click_command.help or "").strip(), f"lpps {' '.join(command)} has no help text"
    done = run_lpps(*command, "--help")
    assert done.returncode == 0 and "Usage" in done.stdout


def test_version():
    from lpps_cli import __version__

    done = run_lpps("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"lpps {__version__}"


def test_python_dash_m():
    done = subprocess.run([sys.executable, "-m", "lpps_cli", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "lpps" in done.stdout


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from lpps_cli.cli.app import run; run(['--help']); "
        "heavy = [m for m in ('jsonschema', 'jinja2', 'ruamel.yaml', 'weasyprint', 'sqlite_utils', "
        "'icalendar', 'babel', 'phonenumbers') if m in sys.modules]; print('HEAVY', heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in done.stdout, done.stdout[-500:]


def test_schema_is_self_contained_and_checks_example_files(tmp_path):
    done = run_lpps("schema", "service")
    schema = json.loads(done.stdout)
    assert schema["$schema"].endswith("2020-12/schema") and "$defs" in schema
    text = json.dumps(schema)
    assert "defs.schema.json" not in text  # every reference is local
    out = tmp_path / "schemas"
    assert run_lpps("schema", "-o", str(out)).returncode == 0
    assert {p.name for p in out.iterdir()} >= {"member.schema.json", "service.schema.json", "partnership.schema.json"}
    services = sorted((EXAMPLE / "services").glob("*.yaml"))[:5] or sorted(
        (EXAMPLE.parent / "tests/cases/valid/services").glob("*.yaml")
    )
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(out / "service.schema.json"),
            *map(str, services),
        ],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_schema_field_has_a_description():
    from lpps_cli.reading.schemas import SCHEMA_KINDS, bundled

    def walk(node, path):
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                assert sub.get("description"), f"{path}.{name} has no description"
                walk(sub, f"{path}.{name}")
            for key in ("items", "additionalProperties"):
                if isinstance(node.get(key), dict):
                    walk(node[key], path)
            for key in ("oneOf", "anyOf"):
                for sub in node.get(key, []):
                    walk(sub, path)

    for kind in SCHEMA_KINDS:
        schema = bundled(kind)
        assert schema.get("$id") and schema.get("title")
        walk(schema, kind)
        for name, definition in schema["$defs"].items():
            walk(definition, f"{kind}#{name}")


def test_unknown_schema_kind_is_exit_2():
    done = run_lpps("schema", "servce")
    assert done.returncode == 2 and "did you mean 'service'" in done.stderr


@pytest.mark.parametrize(
    "args, says",
    [
        (["bogus"], "No such command 'bogus'"),
        (["validate", "--format", "xml"], "'xml' is not one of"),
        (["refer", "--limit", "-1"], "--limit"),
        (["members", "--today", "2026-13-01"], "is not a date"),
    ],
)
def test_usage_errors_are_one_line_exit_2_without_traceback(args, says):
    done = run_lpps(*args)
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr and says in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("lpps: ") and "--help" in done.stderr


def test_an_output_language_lpps_does_not_know_is_an_error_not_english():
    done = run_lpps("--lang", "de", "members")
    assert done.returncode == 2 and done.stdout == "" and "'de'" in done.stderr and "cs, en, pl, uk" in done.stderr
    assert run_lpps("--lang", "uk", "members", "--format", "json").returncode == 0
