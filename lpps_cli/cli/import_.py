"""``lpps import members|services|groups|representatives FILE``, ``lpps import hsds PATH``,
``lpps import template KIND -o FILE``: getting a partnership's existing data in."""

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt, load, settings, today_of
from lpps_cli.cli.groups import import_app

ORDER = 63


class Output(str, Enum):
    text = "text"
    json = "json"


WriteOpt = Annotated[bool, typer.Option("--write", help="Write the changes (default: only say what they would be).")]
FormatOpt = Annotated[Output, typer.Option("--format", "-f", help="text, or json: the same as data.")]
MapOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--map",
        metavar="MAPPING.yaml",
        help="Headers and terms lpps does not know: {columns: {header: field}, "
        "terms: {text: term id}, defaults: {member: {sector: ngo}}}.",
    ),
]
StatusOpt = Annotated[
    Optional[str], typer.Option("--status", help="Status of a new member whose row has none (default: applicant).")
]
AdmittedOpt = Annotated[
    Optional[str],
    typer.Option(
        "--admitted-as-of",
        metavar="YYYY-MM-DD",
        help="Record, in one admission decision, that active members without one were admitted as of this date.",
    ),
]


def register(app: typer.Typer) -> None:
    for kind, plural in (
        ("member", "members"),
        ("service", "services"),
        ("group", "groups"),
        ("representative", "representatives"),
    ):
        import_app.command(plural, help=f"Import {plural} from a CSV, XLSX or ODS file.")(_sheet_command(kind))
    import_app.command("hsds")(import_hsds)
    import_app.command("template")(template)


def _sheet_command(kind: str):
    def command(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV, XLSX or ODS.")],
        write: WriteOpt = False,
        output: FormatOpt = Output.text,
        sheet: Annotated[Optional[str], typer.Option("--sheet", help="The workbook's sheet to read.")] = None,
        encoding: Annotated[
            Optional[str],
            typer.Option(
                "--encoding", help="The CSV file's encoding (default: UTF-8, else cp1250/cp1251 by its letters)."
            ),
        ] = None,
        mapping: MapOpt = None,
        status: StatusOpt = None,
        admitted_as_of: AdmittedOpt = None,
        registry: RegistryOpt = None,
        today: TodayOpt = None,
        lang: LangOpt = None,
    ) -> int:
        """Import rows of FILE; without --write nothing changes and lpps says what would.

        A row updates the record it matches (by id, registration number, then name), only in
        the fields that have a column and a different value; other rows become new records.
        With --write the whole registry is checked first, and nothing is written if anything
        is wrong. Example: lpps import members members.xlsx --write
        """
        from lpps_cli.importing.run import run, sheet_rows

        chosen = settings(ctx, registry=registry, lang=lang, today=today)
        reg = load(chosen, to_change=True)
        options = _options(mapping, status, admitted_as_of, today_of(chosen), sheet=sheet, encoding=encoding)
        rows, problems = sheet_rows(reg, kind, file, options)
        result = run(reg, rows, options, file.name, write, problems)
        return _report(result, output, write)

    return command


def _options(mapping, status, admitted_as_of, today, **more):
    from lpps_cli.errors import LppsError
    from lpps_cli.importing.run import Options, load_map

    if admitted_as_of is not None:
        import datetime as dt

        try:
            dt.date.fromisoformat(admitted_as_of)
        except ValueError:
            raise LppsError(f"--admitted-as-of '{admitted_as_of}' is not a date; write YYYY-MM-DD") from None
    columns, terms, defaults = load_map(mapping)
    return Options(
        status=status,
        admitted_as_of=admitted_as_of,
        columns=columns,
        terms=terms,
        defaults=defaults,
        today=today,
        **more,
    )


def _report(result, output: Output, write: bool) -> int:
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.importing.changes import as_data, sentences

    plan = result.plan
    if output == Output.json:
        typer.echo(json.dumps({**as_data(plan), "written": result.written}, ensure_ascii=False, indent=2, default=str))
    else:
        for line in sentences(plan):
            typer.echo(line)
    for warning in plan.warnings:
        typer.echo(_("warning: %(problem)s") % {"problem": warning}, err=True)
    for problem in plan.problems:
        typer.echo(str(problem), err=True)
    if plan.problems:
        typer.echo(_("✗ %(count)d problems; nothing was written") % {"count": len(plan.problems)}, err=True)
        return 1
    if not plan.targets:
        typer.echo(_("nothing to change: the registry already holds what the file says"), err=True)
    elif result.written:
        typer.echo(
            _("✓ written: %(new)d new records, %(changed)d changed")
            % {
                "new": sum(t.new for t in plan.targets.values()),
                "changed": sum(not t.new for t in plan.targets.values()),
            },
            err=True,
        )
    else:
        typer.echo(_("dry run: nothing was written; add --write to write it"), err=True)
    return 0


def import_hsds(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="A folder of HSDS JSON tables, a JSON document of organizations, or a datapackage (folder or zip).",
        ),
    ],
    write: WriteOpt = False,
    output: FormatOpt = Output.text,
    mapping: MapOpt = None,
    status: StatusOpt = "applicant",
    admitted_as_of: AdmittedOpt = None,
    registry: RegistryOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> int:
    """Import organizations (as members) and their services from Open Referral HSDS 3.0 data.

    Terms that match none of the registry's are warnings: the record comes in without them.
    Example: lpps import hsds hsds/ --status active --admitted-as-of 2024-01-01 --write
    """
    from lpps_cli.importing.hsds_map import hsds_rows
    from lpps_cli.importing.hsds_read import read_hsds
    from lpps_cli.importing.run import run

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen, to_change=True)
    options = _options(mapping, status, admitted_as_of, today_of(chosen))
    tables = read_hsds(path)
    rows, warnings = hsds_rows(reg, tables, path.name, options.terms)
    result = run(reg, rows, options, path.name, write, warnings=warnings)
    return _report(result, output, write)


def template(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="members, services, groups or representatives.")],
    out: Annotated[Path, typer.Option("--output", "-o", help="FILE.xlsx or FILE.csv.")],
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    """Write an empty sheet to fill in: the header row in --lang, a row of hints, and (in
    XLSX) drop-down lists of taxonomy terms. Import what comes back with lpps import KIND."""
    from lpps_cli.importing.template import write_template

    chosen = settings(ctx, registry=registry, lang=lang)
    reg = load(chosen)
    write_template(reg, kind, out, chosen.lang or reg.default_language)
    typer.echo(str(out))
    return 0
