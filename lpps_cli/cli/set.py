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
    from lpps_cli.changes.edit import apply, plan

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen, to_change=True)
    change = plan(reg, record_id, field, value, add=add, remove=remove, today=today_of(chosen))
    if dry_run:
        typer.echo(change.unified_diff(), nl=False)
        typer.echo(change.sentence(), err=True)
        return 0
    apply(change)
    typer.echo(change.sentence())
    _remind_capacity_date(reg, record_id, field, today_of(chosen))
    return 0


def _remind_capacity_date(reg, record_id: str, field: str, today) -> None:
    """New capacity numbers under an old date would be ranked by `refer` as stale: say so."""
    if field not in ("capacity.total", "capacity.occupied"):
        return
    from lpps_cli.i18n.translations import gettext as _

    record = reg.get(record_id)
    capacity = record.get("capacity") if record is not None else None
    as_of = capacity.get("as_of") if isinstance(capacity, dict) else None
    if as_of != today.isoformat():
        typer.echo(
            _(
                "capacity.as_of is still %(date)s; if the numbers are today's, run: lpps set %(id)s "
                "capacity.as_of %(today)s"
            )
            % {"date": as_of or "—", "id": record_id, "today": today.isoformat()},
            err=True,
        )
