"""``lpps schema``: print or write the self-contained JSON Schemas."""

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

ORDER = 90


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)


def schema(
    kind: Annotated[
        Optional[str],
        typer.Argument(help="partnership, member, service, group, document, meeting, decision, project or taxonomy."),
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Folder to write every schema to, as <kind>.schema.json.")
    ] = None,
) -> int:
    """Print the JSON Schema of a record kind, or write all of them with -o DIR.

    Each schema is self-contained (shared definitions bundled into $defs), so an editor or
    check-jsonschema can use one file alone.
    """
    from lpps_cli.errors import LppsError
    from lpps_cli.fsio import atomic_write
    from lpps_cli.model.suggest import did_you_mean
    from lpps_cli.reading.schemas import SCHEMA_KINDS, bundled

    if kind is not None and kind not in SCHEMA_KINDS:
        raise LppsError(
            f"unknown kind '{kind}'{did_you_mean(kind, SCHEMA_KINDS)}; choose one of: {', '.join(SCHEMA_KINDS)}"
        )
    if output is None:
        if kind is None:
            raise LppsError("name a kind (lpps schema service) or give -o DIR to write them all")
        typer.echo(json.dumps(bundled(kind), ensure_ascii=False, indent=2))
        return 0
    if output.exists() and not output.is_dir():
        raise LppsError(f"{output} is a file; -o takes a folder")
    for name in [kind] if kind else SCHEMA_KINDS:
        atomic_write(output / f"{name}.schema.json", json.dumps(bundled(name), ensure_ascii=False, indent=2) + "\n")
    typer.echo(f"wrote {1 if kind else len(SCHEMA_KINDS)} schema(s) to {output}", err=True)
    return 0
