"""``lpps new KIND``: scaffold a member, service, document, decision, project, group or meeting."""

from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt, load, settings, today_of

ORDER = 60


def register(app: typer.Typer) -> None:
    app.command("new")(new)


def new(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="member, service, document, decision, project, group or meeting.")],
    name: Annotated[
        Optional[str], typer.Option("--name", "--title", help="Name (or title); the id is made from it.")
    ] = None,
    record_id: Annotated[Optional[str], typer.Option("--id", help="The id (default: from the name).")] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="Status (default: applicant, draft, …).")] = None,
    field_kind: Annotated[
        Optional[str],
        typer.Option("--kind", help="The record's kind field (member kind, document kind, decision kind, …)."),
    ] = None,
    sector: Annotated[Optional[str], typer.Option("--sector", help="Member: public, ngo or commercial.")] = None,
    provider: Annotated[Optional[str], typer.Option("--provider", help="Service: member id of the provider.")] = None,
    service_type: Annotated[Optional[str], typer.Option("--type", help="Service: service-types term.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Decision or meeting: YYYY-MM-DD.")] = None,
    fields: Annotated[
        Optional[list[str]],
        typer.Option(
            "--set",
            "-s",
            metavar="FIELD=VALUE",
            help="Any other field, e.g. -s capacity.total=20 -s email=a@b.pl (repeat it).",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Print the file; write nothing.")] = False,
    registry: RegistryOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> int:
    """Write a new record: valid YAML with a comment that explains each field.

    Fields come from the flags; on a terminal, lpps asks for the required ones that are
    missing (choices from the taxonomy, Tab completes). The id is made from the name,
    transliterated to ASCII ("Fundacja Przystań" -> fundacja-przystan). The record is
    checked against the whole registry before it is written, and never overwrites a file.
    """
    from lpps_cli.changes.newrecord import ASKED, NAME_FIELD, NEW_KINDS, build, prepare, required, write
    from lpps_cli.cli.prompting import can_ask
    from lpps_cli.errors import LppsError
    from lpps_cli.i18n.translations import gettext as _

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen, to_change=True)
    if kind not in NEW_KINDS:
        build(reg, kind, {})  # raises the message that lists the kinds
    values: dict[str, str] = {}
    for option, field in (
        (name, NAME_FIELD[kind]),
        (status, "status"),
        (field_kind, "kind"),
        (sector, "sector"),
        (provider, "provider"),
        (service_type, "type"),
        (date, "date"),
    ):
        if option is not None:
            values[field] = option
    for item in fields or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise LppsError(_("--set takes FIELD=VALUE, not '%(item)s'") % {"item": item})
        values[key.strip()] = value
    needed = [f for f in required(kind) if f not in values and f not in _defaults(kind)]
    if can_ask():
        _ask_missing(
            reg,
            kind,
            values,
            [f for f in ASKED[kind] if f not in values] + [f for f in needed if f not in ASKED[kind]],
            set(needed),
        )
    else:
        missing = [f for f in needed if f not in values]
        if missing:
            raise LppsError(
                _("a new %(kind)s needs %(fields)s; give them as flags (e.g. %(example)s)")
                % {"kind": kind, "fields": ", ".join(missing), "example": " ".join(f"--set {f}=…" for f in missing)}
            )
    data = build(reg, kind, values, record_id, today_of(chosen))
    record = prepare(reg, kind, data, today_of(chosen))
    if dry_run:
        typer.echo(record.text, nl=False)
        return 0
    write(reg, record)
    typer.echo(_("wrote %(path)s") % {"path": record.rel_path})
    return 0


def _defaults(kind: str) -> set[str]:
    from lpps_cli.changes.newrecord import DEFAULTS

    return (
        set(DEFAULTS[kind])
        | ({"date"} if kind in ("decision", "meeting") else set())
        | ({"members"} if kind == "group" else set())
    )


def _ask_missing(reg, kind: str, values: dict[str, str], fields: list[str], needed: set[str]) -> None:
    from lpps_cli.changes.newrecord import choices
    from lpps_cli.cli.prompting import ask

    for field in fields:
        answer = ask(field, choices(reg, kind, field), optional=field not in needed)
        if answer:
            values[field] = answer
