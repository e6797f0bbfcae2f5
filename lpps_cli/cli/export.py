"""``lpps export hsds|json|csv|sqlite|ics``: the registry for other tools. Public by default."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import (
    Audience,
    LangOpt,
    RegistryOpt,
    TodayOpt,
    load,
    settings,
)
from lpps_cli.cli.groups import export_app

ORDER = 80


AudienceOpt = Annotated[
    Audience,
    typer.Option("--audience", help="public (default): only what may be published; internal: every contact too."),
]
OutFileOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (default: stdout).")]


def register(app: typer.Typer) -> None:
    export_app.command("hsds")(export_hsds)
    export_app.command("json")(export_json)
    export_app.command("csv")(export_csv)
    export_app.command("sqlite")(export_sqlite)
    export_app.command("ics")(export_ics)


def _language(chosen, registry) -> str:
    return chosen.lang or registry.default_language


def export_hsds(
    ctx: typer.Context,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Folder for one JSON file per HSDS object type.")
    ] = None,
    single: Annotated[
        Optional[Path],
        typer.Option("--single", help="Also write one JSON document: organizations with nested services."),
    ] = None,
    audience: AudienceOpt = Audience.public,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Open Referral HSDS 3.0 JSON, in the language of --lang."""
    from lpps_cli.errors import LppsError
    from lpps_cli.exporters import hsds
    from lpps_cli.fsio import atomic_write
    from lpps_cli.text.formats import to_json

    if output is None and single is None:
        raise LppsError("say where to write: -o DIR (one file per HSDS type) and/or --single FILE")
    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    tables = hsds.build(reg, _language(chosen, reg), audience.value)
    if output is not None:
        for kind, rows in tables.items():
            atomic_write(output / f"{kind}.json", to_json(rows))
    if single is not None:
        atomic_write(single, to_json(hsds.page(hsds.nest(tables))))


def export_json(
    ctx: typer.Context,
    output: OutFileOpt = None,
    audience: AudienceOpt = Audience.public,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """The whole registry as one JSON document (localized texts keep every language)."""
    from lpps_cli.cli.common import write_output
    from lpps_cli.exporters.flat import registry_document
    from lpps_cli.text.formats import to_json

    reg = load(settings(ctx, registry=registry, lang=lang, today=today))
    write_output(to_json(registry_document(reg, audience.value)), output)


def export_csv(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for one CSV file per kind.")],
    bom: Annotated[
        bool,
        typer.Option(
            "--bom", help="Start each file with a UTF-8 byte order mark (spreadsheets then read the accents right)."
        ),
    ] = False,
    audience: AudienceOpt = Audience.public,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """One CSV file per kind (members.csv, services.csv, ...), one column per language."""
    from lpps_cli.exporters.flat import write_csv

    reg = load(settings(ctx, registry=registry, lang=lang, today=today))
    write_csv(reg, output, audience.value, bom=bom)


def export_sqlite(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="SQLite database to write (replaced if it exists).")],
    audience: AudienceOpt = Audience.public,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """One SQLite database for Datasette, with metadata.json next to it."""
    from lpps_cli.exporters.sqlite import write_database

    reg = load(settings(ctx, registry=registry, lang=lang, today=today))
    write_database(reg, file, audience.value)


def export_ics(
    ctx: typer.Context,
    output: OutFileOpt = None,
    audience: AudienceOpt = Audience.public,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """An iCalendar feed of the meetings (planned and held) for calendar apps."""
    from lpps_cli.cli.common import write_output
    from lpps_cli.exporters.ics import calendar

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    write_output(calendar(reg, _language(chosen, reg), audience.value), output)
