"""``lpps meeting new``: scaffold the next meeting, dated within the cadence, agenda pre-filled."""

from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt, load, settings, today_of


def register(app: typer.Typer) -> None:
    from lpps_cli.cli.groups import meeting_app

    meeting_app.command("new")(meeting_new)


def meeting_new(
    ctx: typer.Context,
    board: Annotated[bool, typer.Option("--board", help="A board meeting.")] = False,
    group: Annotated[Optional[str], typer.Option("--group", metavar="ID", help="A meeting of this group.")] = None,
    date: Annotated[
        Optional[str],
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="The date (default: the last free working day the cadence allows)."
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Print the file; write nothing.")] = False,
    registry: RegistryOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> int:
    """Plan the next general meeting (or --board, --group ID) within the cadence.

    A date that keeps the cadence, the members to invite, and an agenda with what waits for
    the partnership: applicants to admit, draft documents, pending decisions, projects
    without a consortium agreement, services whose capacity data is stale.
    """
    import datetime as dt

    from lpps_cli.changes.newrecord import NewRecord, prepare, write
    from lpps_cli.changes.planning import meeting_data, plan_meeting
    from lpps_cli.errors import LppsError
    from lpps_cli.i18n.translations import gettext as _

    if board and group:
        raise LppsError(_("give --board or --group, not both"))
    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen, to_change=True)
    # agenda titles are written in the partnership's language, whatever --lang says for messages
    from lpps_cli.i18n.translations import current_language, set_language

    try:
        on = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise LppsError(_("--date '%(date)s' is not a date; write YYYY-MM-DD") % {"date": date}) from None
    output_language = current_language()
    set_language(reg.default_language)
    try:
        plan = plan_meeting(reg, today_of(chosen), "group" if group else "board" if board else "general", group, on)
        data = meeting_data(plan, reg)
    finally:  # messages (and errors) stay in the output language
        set_language(output_language)
    record: NewRecord = prepare(reg, "meeting", data, today_of(chosen))
    if dry_run:
        typer.echo(record.text, nl=False)
        return 0
    write(reg, record)
    typer.echo(
        _("wrote %(path)s: %(kind)s meeting on %(date)s, %(items)d agenda items")
        % {"path": record.rel_path, "kind": plan.kind, "date": plan.date.isoformat(), "items": len(plan.agenda)}
    )
    if plan.deadline:
        typer.echo(_("the cadence allows until %(deadline)s") % {"deadline": plan.deadline.isoformat()})
    if plan.overdue:
        assert plan.deadline is not None  # only a cadence's deadline can have passed
        typer.echo(
            _("the cadence's deadline %(deadline)s has passed: meet as soon as you can")
            % {"deadline": plan.deadline.isoformat()},
            err=True,
        )
    return 0
