"""``lpps show ID``: one record of any kind, resolved, with what refers to it."""

from enum import Enum
from typing import Annotated

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt
from lpps_cli.cli.query_options import Audience, AudienceOpt, OutputOpt

ORDER = 21


class ShowFormat(str, Enum):
    text = "text"
    json = "json"
    yaml = "yaml"


def register(app: typer.Typer) -> None:
    app.command("show")(show)


def show(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="Id of a member, service, meeting, ...")],
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.text,
    audience: AudienceOpt = Audience.internal,
    output: OutputOpt = None,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Show one record, resolved: a member with its services (and free places), groups,
    projects, decisions and meetings; a service with its provider, partners and how to
    refer; a meeting with its agenda, attendance and decisions. Unknown id: exit 2."""
    from lpps_cli.cli.common import load, settings, write_output
    from lpps_cli.query.show import show as resolve
    from lpps_cli.text.formats import to_json, to_yaml

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    shown = resolve(reg, record_id, chosen.lang or reg.default_language, audience.value)
    if format == ShowFormat.json:
        write_output(to_json(shown.as_data()), output)
    elif format == ShowFormat.yaml:
        write_output(to_yaml(shown.as_data()), output)
    else:
        _print(shown)


def _print(shown) -> None:
    from rich.table import Table
    from rich.text import Text

    from lpps_cli.cli.common import stdout_console
    from lpps_cli.cli.tables import print_table
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.model.labels import record_kinds
    from lpps_cli.text.formats import printable

    # Record text goes to rich as Text, never as markup ('[red]' in a name stays text), and
    # without control characters (rich keeps ESC: a name could retitle the terminal).
    console = stdout_console()
    kind = record_kinds().get(shown.kind, shown.kind)
    console.print(
        Text.assemble((printable(shown.heading), "bold"), "  ", (printable(f"{kind} {shown.id}"), "dim")),
        highlight=False,
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for label, value in shown.facts:
        facts.add_row(Text(printable(str(label))), Text(printable(str(value))))
    console.print(facts)
    for section in shown.sections:
        console.print()
        if section.rows:
            print_table(section.columns, section.rows, title=f"{section.title} ({len(section.rows)})")
        else:
            none = _("none")  # outside the f-string, where Babel's extractor finds it
            console.print(printable(f"{section.title}: {none}"), highlight=False, markup=False)
