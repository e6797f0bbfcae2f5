"""Command groups that several modules add commands to (``lpps meeting agenda`` and
``lpps meeting new`` live in different modules)."""

import typer

_SETTINGS = {"help_option_names": ["-h", "--help"]}

meeting_app = typer.Typer(
    help="Meetings: plan the next one, render agendas and minutes, send invitations.",
    no_args_is_help=True,
    context_settings=_SETTINGS,
)
export_app = typer.Typer(
    help="Export the registry: HSDS 3.0, JSON, CSV, SQLite, iCalendar.",
    no_args_is_help=True,
    context_settings=_SETTINGS,
)
report_app = typer.Typer(
    help="Reports for the board and funders: capacity, members.", no_args_is_help=True, context_settings=_SETTINGS
)
site_app = typer.Typer(
    help="The static web portal: build it, preview it.", no_args_is_help=True, context_settings=_SETTINGS
)
import_app = typer.Typer(
    help="Import members, services, groups and representatives from spreadsheets, or a directory's HSDS data.",
    no_args_is_help=True,
    context_settings=_SETTINGS,
)

#: name -> sub-application; registered by app.py when at least one command was added
GROUPS = {"meeting": meeting_app, "export": export_app, "report": report_app, "site": site_app, "import": import_app}
