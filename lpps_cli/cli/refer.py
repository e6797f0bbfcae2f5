"""``lpps refer``: which services can take this client, ranked, with how to refer and whom to call."""

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt
from lpps_cli.cli.query_options import Audience, AudienceOpt, OutputOpt

ORDER = 22


class ReferFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"


def register(app: typer.Typer) -> None:
    app.command("refer")(refer)


def refer(
    ctx: typer.Context,
    target_group: Annotated[
        Optional[str],
        typer.Option("--target-group", "-t", help="Who the client is: term id or label in any language ('bezdomni')."),
    ] = None,
    type: Annotated[Optional[str], typer.Option("--type", help="Service type: term id or label.")] = None,
    area: Annotated[Optional[str], typer.Option("--area", "-a", help="Where: area id or label.")] = None,
    language: Annotated[
        Optional[str], typer.Option("--language", help="Language the client speaks (code: uk).")
    ] = None,
    form: Annotated[Optional[str], typer.Option("--form", help="residential, outpatient or field.")] = None,
    available: Annotated[
        bool, typer.Option("--available", help="Only services with free places (no capacity data: not available).")
    ] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many results.")] = None,
    audience: AudienceOpt = Audience.internal,
    format: Annotated[ReferFormat, typer.Option("--format", "-f", help="Output format.")] = ReferFormat.table,
    output: OutputOpt = None,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Which services can take a client: active services of active members, best first.

    Ranked by exact target-group and area matches, then free places, then how fresh the
    capacity is. Each result says why it matched, how to refer and whom to call.
    """
    from lpps_cli.cli.common import load, settings, write_output
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.query.refer import NoMatch, ReferQuery
    from lpps_cli.query.refer import refer as run_refer
    from lpps_cli.text.formats import to_json

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    out_lang = chosen.lang or reg.default_language
    query = ReferQuery(
        target_group=target_group,
        type=type,
        area=area,
        language=language,
        form=form,
        available=available,
        limit=limit,
        audience=audience.value,
    )
    try:
        results = run_refer(reg, query, out_lang)
    except NoMatch as nothing:
        print(
            _("no service matches: %(option)s left none of %(count)d")
            % {"option": _describe(nothing.option), "count": nothing.before},
            file=sys.stderr,
        )
        results = []
    if format == ReferFormat.json:
        write_output(to_json(results), output)
    elif format == ReferFormat.md:
        from lpps_cli.query.refer_text import markdown

        write_output(markdown(results), output)
    elif results:
        _print_results(results)


def _describe(option: str) -> str:
    from lpps_cli.i18n.translations import gettext as _

    return {
        "status": _("being active (planned, suspended and ended services are left out)"),
        "provider": _("an active provider"),
    }.get(option, option)


def _print_results(results: list[dict]) -> None:
    from lpps_cli.cli.common import stdout_console
    from lpps_cli.query.refer_text import contact_line
    from lpps_cli.text.formats import printable

    parts: list[tuple[str, str]] = []  # (text, style)
    for number, r in enumerate(results, 1):
        parts += [
            (f"{number}. {r['name']}", "bold"),
            (f"  {r['id']}", "dim"),
            (f" — {r['provider_name'] or ''}\n", ""),
            ("   " + "; ".join(r["reasons"]) + "\n", ""),
        ]
        if r["referral"]:
            parts.append((f"   → {r['referral']}\n", ""))
        if r["contact"]:
            parts.append((f"   ☎ {contact_line(r['contact'])}\n", ""))
    if not sys.stdout.isatty():
        # A pipe gets the same text without styles; written at once, since rich costs
        # ~0.3 ms a line and a national registry can match thousands of services.
        sys.stdout.write(printable("".join(text for text, _ in parts)))
        return
    from rich.text import Text

    text = Text.assemble(*((printable(part), style) for part, style in parts))
    text.rstrip()
    stdout_console().print(text)
