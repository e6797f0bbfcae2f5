"""``lpps mailing-list``: the representatives' addresses, filtered, as txt, csv or vcf."""

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt
from lpps_cli.cli.query_options import OutputOpt

ORDER = 24


class MailingFormat(str, Enum):
    txt = "txt"
    csv = "csv"
    vcf = "vcf"


def register(app: typer.Typer) -> None:
    app.command("mailing-list")(mailing_list)


def mailing_list(
    ctx: typer.Context,
    sector: Annotated[Optional[str], typer.Option("--sector", help="public, ngo, commercial.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="Member kind (term id or label).")] = None,
    group: Annotated[Optional[str], typer.Option("--group", help="Only members of this group (id).")] = None,
    status: Annotated[str, typer.Option("--status", help="Member status; several: active,applicant.")] = "active",
    role: Annotated[
        Optional[str], typer.Option("--role", help="Only representatives whose role contains this text (any language).")
    ] = None,
    format: Annotated[MailingFormat, typer.Option("--format", "-f", help="Output format.")] = MailingFormat.txt,
    output: OutputOpt = None,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Addresses of the members' representatives, one per person, no duplicates.

    txt: RFC 5322 "Name <address>" lines; csv: name, email, organisation, member, role, phone;
    vcf: vCard 4.0, one card per person with the organisation. Members without a
    representative e-mail are listed on stderr.
    """
    from lpps_cli.cli.common import load, settings, write_output
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.i18n.translations import ngettext
    from lpps_cli.query.mailing import as_csv, as_txt, as_vcf
    from lpps_cli.query.mailing import mailing_list as build
    from lpps_cli.text.formats import one_line

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    found = build(
        reg, chosen.lang or reg.default_language, sector=sector, kind=kind, group=group, status=status, role=role
    )
    recipients, missing = found.recipients, found.missing
    render = {MailingFormat.txt: as_txt, MailingFormat.csv: as_csv, MailingFormat.vcf: as_vcf}[format]
    content = render(recipients)
    if format == MailingFormat.vcf:
        write_output(content.encode("utf-8"), output)  # keep the CRLF line ends vCard needs
    elif content or format == MailingFormat.csv:
        write_output(content, output)
    if missing:
        print(
            ngettext(
                "%(count)d member has no representative e-mail: %(ids)s",
                "%(count)d members have no representative e-mail: %(ids)s",
                len(missing),
            )
            % {"count": len(missing), "ids": ", ".join(map(one_line, missing))},
            file=sys.stderr,
        )
    if found.refused:
        print(
            ngettext(
                "%(count)d member has a representative e-mail that is not one valid address, "
                "left out: %(ids)s; write one address per representative",
                "%(count)d members have a representative e-mail that is not one valid address, "
                "left out: %(ids)s; write one address per representative",
                len(found.refused),
            )
            % {"count": len(found.refused), "ids": ", ".join(map(one_line, found.refused))},
            file=sys.stderr,
        )
    if not recipients:
        print(_("no addresses match these filters"), file=sys.stderr)
