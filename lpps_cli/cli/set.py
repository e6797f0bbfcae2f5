"""``lpps set ID FIELD VALUE``: change one field, keeping the file's comments and layout."""

from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt, load, settings, today_of

ORDER = 62


def register(app: typer.Typer) -> None:
    app.command("set")(set_field)


def set_field(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the record (or 'partnership').")],
    field: Annotated[str, typer.Argument(help="Dotted field path: capacity.occupied, contacts.0.email, name.pl.")],
    value: Annotated[Optional[str], typer.Argument(help="The new value, typed by the schema.")] = None,
    add: Annotated[bool, typer.Option("--add", help="Add VALUE to the list FIELD.")] = False,
    remove: Annotated[bool, typer.Option("--remove", help="Remove VALUE from the list FIELD.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Show the diff; write nothing.")] = False,
    registry: RegistryOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> int:
    """Change one field of a record, keeping every comment and the file's layout.

    The value is typed by the schema; the whole registry is checked before the file is
    (atomically) written.

    Example: lpps set shelter-kladno capacity.occupied 15
    """
    from lpps_cli.edit import apply, plan

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen, to_change=True)
    change = plan(reg, record_id, field, value, add=add, remove=remove, today=today_of(chosen))
    if dry_run:
        typer.echo(change.unified_diff(), nl=False)
        typer.echo(change.sentence(), err=True)
        return 0
    apply(change)
    typer.echo(change.sentence())
    return 0
