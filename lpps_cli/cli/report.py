"""``lpps report capacity`` and ``lpps report members``: tables, CSV, and HTML with SVG charts."""

from enum import Enum
from typing import Annotated

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt
from lpps_cli.cli.groups import report_app
from lpps_cli.cli.query_options import OutputOpt


class ReportFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    html = "html"


class MembersTable(str, Enum):
    attendance = "attendance"
    sectors = "sectors"
    growth = "growth"


FormatOpt = Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")]


def register(app: typer.Typer) -> None:
    report_app.command("capacity")(capacity)
    report_app.command("members")(members)


def capacity(
    ctx: typer.Context,
    format: FormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Total, occupied and free places of active services by service type, area and target group
    (per unit). HTML: one self-contained page with bar charts."""
    from lpps_cli.cli.common import load, settings, today_of, write_output
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.query.reports import CAPACITY_COLUMNS, capacity_report, render_html
    from lpps_cli.text.formats import to_csv, to_json

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    out_lang = chosen.lang or reg.default_language
    report = capacity_report(reg, out_lang)
    if format == ReportFormat.csv:
        write_output(to_csv(report["rows"], CAPACITY_COLUMNS), output)
    elif format == ReportFormat.json:
        write_output(to_json(report), output)
    elif format == ReportFormat.html:
        write_output(render_html(reg, "capacity", report, out_lang, today_of(chosen)), output)
    else:
        from lpps_cli.cli.tables import print_table

        print_table(
            [
                ("dimension", _("By")),
                ("label", _("Term")),
                ("unit", _("Unit")),
                ("services", _("Services")),
                ("total", _("Total")),
                ("occupied", _("Occupied")),
                ("free", _("Free")),
            ],
            report["rows"],
            title=_("Capacity of active services (%(count)d without capacity data)")
            % {"count": report["without_data"]},
        )


def members(
    ctx: typer.Context,
    last: Annotated[int, typer.Option("--last", "-n", min=1, help="Attendance over the last N general meetings.")] = 4,
    table: Annotated[
        MembersTable, typer.Option("--table", help="Which table --format csv writes.")
    ] = MembersTable.attendance,
    format: FormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Members by sector and kind, growth over time (joined/left), attendance rate over the
    last N held general meetings, and members who missed the last three."""
    from lpps_cli.cli.common import load, settings, today_of, write_output
    from lpps_cli.query.reports import MEMBER_COLUMNS, members_report, render_html
    from lpps_cli.text.formats import to_csv, to_json

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    out_lang = chosen.lang or reg.default_language
    report = members_report(reg, out_lang, today_of(chosen), last)
    if format == ReportFormat.csv:
        columns = {
            "attendance": MEMBER_COLUMNS,
            "sectors": ["sector", "kind", "label", "members"],
            "growth": ["date", "members"],
        }[table.value]
        write_output(to_csv(report[table.value], columns), output)
    elif format == ReportFormat.json:
        write_output(to_json(report), output)
    elif format == ReportFormat.html:
        write_output(render_html(reg, "members", report, out_lang, today_of(chosen)), output)
    else:
        _print_members(report)


def _print_members(report: dict) -> None:
    from lpps_cli.cli.common import stdout_console
    from lpps_cli.cli.tables import print_table
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.text.formats import printable

    growth = report["growth"]
    print_table(
        [("sector", _("Sector")), ("label", _("Kind")), ("members", _("Members"))],
        report["sectors"],
        title=_("Active members by sector and kind"),
    )
    if growth:
        stdout_console().print(
            printable(
                _("Members: %(first)d on %(start)s, %(last)d on %(end)s")
                % {
                    "first": growth[0]["members"],
                    "start": growth[0]["date"],
                    "last": growth[-1]["members"],
                    "end": growth[-1]["date"],
                }
            ),
            highlight=False,
            markup=False,
        )
    rows = [
        {
            **r,
            "rate": f"{round(r['rate'] * 100)} %" if r["rate"] is not None else "",
            "missed_last_three": "✗" if r["missed_last_three"] else "",
        }
        for r in report["attendance"]
    ]
    print_table(
        [
            ("id", _("Id")),
            ("name", _("Name")),
            ("meetings", _("Meetings")),
            ("attended", _("Attended")),
            ("rate", _("Rate")),
            ("missed_last_three", _("Missed last 3")),
        ],
        rows,
        title=_("Attendance at the last %(count)d general meetings") % {"count": len(report["meetings"])},
    )
