"""``lpps members|services|documents|meetings|decisions|projects|groups``: filtered lists.

Each command gets only the filters that apply to its kind (see lpps_cli.queries.APPLICABLE).
"""

import inspect
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt

ORDER = 20

APPLICABLE = {  # mirrors lpps_cli.queries.APPLICABLE (kept here so --help stays light)
    "member": ("sector", "kind", "status", "target_group", "area", "group", "since", "until", "search"),
    "service": ("sector", "kind", "status", "type", "target_group", "area", "form", "member", "group", "search"),
    "document": ("kind", "status", "member", "since", "until", "search"),
    "meeting": ("kind", "status", "member", "group", "since", "until", "search"),
    "decision": ("kind", "status", "member", "since", "until", "search"),
    "project": ("status", "member", "target_group", "since", "until", "search"),
    "group": ("status", "type", "target_group", "member", "since", "until", "search"),
}
HELP = {
    "sector": "Sector: public, ngo, commercial (for services: the provider's).",
    "kind": "Kind (members: member-kinds term; documents, meetings, decisions: their kind).",
    "status": "Status (decisions: outcome; groups: active or ended). Several: a,b.",
    "type": "Service type (term id or label in any language).",
    "target_group": "Target group (id or label in any language); narrower groups match too.",
    "area": "Area (id or label); narrower areas match too.",
    "form": "Form: residential, outpatient, field.",
    "member": "Member id taking part (provider/partner, signatory, attendee, subject or voter, lead/partner).",
    "group": "Group id (members of the group; meetings of the group).",
    "since": "Dated on or after YYYY-MM-DD (joined, adopted, date, start).",
    "until": "Dated on or before YYYY-MM-DD.",
    "search": "Free text in names and descriptions, any language, accents ignored.",
}
COMMAND_HELP = {
    "members": "List members of the partnership.",
    "services": "List the members' services, with capacity and free places.",
    "documents": "List documents: founding documents, agreements, declarations.",
    "meetings": "List meetings.",
    "decisions": "List decisions.",
    "projects": "List joint projects and funding applications.",
    "groups": "List coalitions and working groups.",
}


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    yaml = "yaml"


def _table_columns(kind: str) -> list[tuple[str, str]]:
    from lpps_cli.i18n.translations import gettext as _

    return {
        "member": [
            ("id", _("Id")),
            ("name", _("Name")),
            ("sector", _("Sector")),
            ("kind", _("Kind")),
            ("status", _("Status")),
            ("joined", _("Joined")),
            ("services", _("Services")),
        ],
        "service": [
            ("id", _("Id")),
            ("name", _("Name")),
            ("provider_name", _("Provider")),
            ("type", _("Type")),
            ("status", _("Status")),
            ("free", _("Free")),
            ("total", _("Total")),
            ("unit", _("Unit")),
            ("as_of", _("As of")),
        ],
        "document": [
            ("id", _("Id")),
            ("title", _("Title")),
            ("kind", _("Kind")),
            ("version", _("Version")),
            ("status", _("Status")),
            ("adopted", _("Adopted")),
        ],
        "meeting": [
            ("id", _("Id")),
            ("date", _("Date")),
            ("kind", _("Kind")),
            ("status", _("Status")),
            ("place", _("Place")),
            ("attendance", _("Attendance")),
            ("decisions", _("Decisions")),
        ],
        "decision": [
            ("id", _("Id")),
            ("date", _("Date")),
            ("method", _("Method")),
            ("kind", _("Kind")),
            ("outcome", _("Outcome")),
            ("text", _("Text")),
        ],
        "project": [
            ("id", _("Id")),
            ("title", _("Title")),
            ("status", _("Status")),
            ("lead", _("Lead")),
            ("amount", _("Amount")),
            ("currency", _("Currency")),
            ("start", _("Start")),
            ("end", _("End")),
        ],
        "group": [
            ("id", _("Id")),
            ("name", _("Name")),
            ("lead", _("Lead")),
            ("members", _("Members")),
            ("status", _("Status")),
        ],
    }[kind]


VOCABULARY_OF_COLUMN = {
    ("member", "kind"): "member-kinds",
    ("member", "sector"): "sectors",
    ("service", "type"): "service-types",
}


def _value_words() -> dict[tuple[str, str], dict[str, str]]:
    """Fixed values as words of the output language, for tables (json/csv keep the ids)."""
    from lpps_cli.model import labels

    return {
        ("member", "status"): labels.member_statuses(),
        ("service", "status"): labels.service_statuses(),
        ("meeting", "kind"): labels.meeting_kinds(),
        ("meeting", "status"): labels.meeting_statuses(),
        ("decision", "kind"): labels.decision_kinds(),
        ("decision", "outcome"): labels.outcomes(),
        ("document", "status"): labels.document_statuses(),
    }


def run_list(ctx: typer.Context, command: str, options: dict) -> None:
    from lpps_cli.cli.common import load, settings, write_output
    from lpps_cli.cli.tables import print_table
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.query.queries import LIST_KINDS, Filters, columns, list_records
    from lpps_cli.text.formats import to_csv, to_json, to_yaml

    kind = LIST_KINDS[command]
    chosen = settings(ctx, registry=options.pop("registry"), lang=options.pop("lang"), today=options.pop("today"))
    fmt, raw, output = options.pop("format"), options.pop("raw"), options.pop("output")
    registry = load(chosen)
    lang = chosen.lang or registry.default_language
    rows, emptied_by = list_records(registry, kind, Filters(**options), lang, raw=raw)
    if not rows:
        reason = (_("--%(option)s left none") % {"option": emptied_by}) if emptied_by else _("the registry has none")
        print(_("no %(records)s match: %(reason)s") % {"records": command, "reason": reason}, file=sys.stderr)
    if fmt == ListFormat.json:
        write_output(to_json(rows), output)
    elif fmt == ListFormat.yaml:
        write_output(to_yaml(rows) if rows else "[]\n", output)
    elif fmt == ListFormat.csv:
        write_output(to_csv(rows, None if raw else columns(kind)), output)
    elif rows:
        taxonomy = registry.taxonomy

        words = _value_words()

        def show(key, value):
            vocabulary = VOCABULARY_OF_COLUMN.get((kind, key))
            if vocabulary and isinstance(value, str):
                return taxonomy.label(vocabulary, value, lang)
            return words.get((kind, key), {}).get(value, value) if isinstance(value, str) else value

        table_columns = [(k, h) for k, h in _table_columns(kind)] if not raw else [(k, k) for k in ("id",)]
        print_table(table_columns, rows, show=show)


def _option(name: str, help_text: str):
    flag = "--" + name.replace("_", "-")
    return inspect.Parameter(
        name,
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[Optional[str], typer.Option(flag, help=help_text)],
    )


def _make_command(command: str, kind: str):
    def list_command(ctx: typer.Context, **options) -> None:
        run_list(ctx, command, options)

    keyword = inspect.Parameter.KEYWORD_ONLY
    params = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    params += [_option(name, HELP[name]) for name in APPLICABLE[kind]]
    params += [
        inspect.Parameter(
            "format",
            keyword,
            default=ListFormat.table,
            annotation=Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")],
        ),
        inspect.Parameter(
            "raw",
            keyword,
            default=False,
            annotation=Annotated[
                bool, typer.Option("--raw", help="The records as written (every language), not resolved rows.")
            ],
        ),
        inspect.Parameter(
            "output",
            keyword,
            default=None,
            annotation=Annotated[
                Optional[Path], typer.Option("--output", "-o", help="Write to a file instead of stdout.")
            ],
        ),
        inspect.Parameter("registry", keyword, default=None, annotation=RegistryOpt),
        inspect.Parameter("lang", keyword, default=None, annotation=LangOpt),
        inspect.Parameter("today", keyword, default=None, annotation=TodayOpt),
    ]
    # typer reads the options from __signature__, which typeshed does not declare on functions
    list_command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    list_command.__annotations__ = {p.name: p.annotation for p in params}
    list_command.__doc__ = COMMAND_HELP[command] + (
        "\n\nFormats: table (fits the terminal), json and yaml (one object per record), csv (one row per "
        "record; lists joined with ';'). Columns: docs/queries.md."
    )
    list_command.__name__ = command
    return list_command


def register(app: typer.Typer) -> None:
    for command, kind in (
        ("members", "member"),
        ("services", "service"),
        ("documents", "document"),
        ("meetings", "meeting"),
        ("decisions", "decision"),
        ("projects", "project"),
        ("groups", "group"),
    ):
        app.command(command)(_make_command(command, kind))
