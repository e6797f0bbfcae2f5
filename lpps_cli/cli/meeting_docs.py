"""``lpps meeting agenda|invite|minutes``: the documents of one meeting, and its invitations."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.cli.brochure import Audience, DocFormat, FormatOpt, OutputOpt, write_document
from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt, load, settings
from lpps_cli.cli.groups import meeting_app

MeetingArg = Annotated[str, typer.Argument(help="Meeting id, e.g. 2027-01-15-general.", show_default=False)]
AudienceOpt = Annotated[
    Audience,
    typer.Option("--audience", help="internal (default): for members; public: no internal contacts or minutes text."),
]


def register(app: typer.Typer) -> None:
    meeting_app.command("agenda")(agenda)
    meeting_app.command("invite")(invite)
    meeting_app.command("minutes")(minutes)


def agenda(
    ctx: typer.Context,
    meeting: MeetingArg,
    format: FormatOpt = DocFormat.html,
    audience: AudienceOpt = Audience.internal,
    output: OutputOpt = None,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> int:
    """The agenda: date, time and place in the partnership's time zone, the items with their
    kind, presenter and what they refer to, and an attendance list to sign."""
    from lpps_cli.documents.meetings_docs import render_agenda

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    write_document(
        render_agenda(reg, meeting, chosen.lang or reg.default_language, audience.value, format.value), output
    )
    return 0


def minutes(
    ctx: typer.Context,
    meeting: MeetingArg,
    format: FormatOpt = DocFormat.html,
    audience: AudienceOpt = Audience.internal,
    output: OutputOpt = None,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> int:
    """The minutes: who attended, whether the quorum was reached, each decision with its
    outcome and votes."""
    from lpps_cli.documents.meetings_docs import render_minutes

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    write_document(
        render_minutes(reg, meeting, chosen.lang or reg.default_language, audience.value, format.value), output
    )
    return 0


def invite(
    ctx: typer.Context,
    meeting: MeetingArg,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Folder for the .eml files (default: invitations/<meeting id>)."),
    ] = None,
    send: Annotated[bool, typer.Option("--send", help="Deliver over SMTP instead of writing files.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list the recipients.")] = False,
    smtp_host: Annotated[str, typer.Option("--smtp-host", help="SMTP server.")] = "localhost",
    smtp_port: Annotated[
        Optional[int],
        typer.Option("--smtp-port", help="SMTP port (default: 465 with ssl, 587 with starttls, 25 with none)."),
    ] = None,
    smtp_user: Annotated[
        Optional[str],
        typer.Option("--smtp-user", help="SMTP login; the password is read from LPPS_SMTP_PASSWORD only."),
    ] = None,
    smtp_security: Annotated[
        str, typer.Option("--smtp-security", help="starttls (default), ssl, or none (only for a relay you trust).")
    ] = "starttls",
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> int:
    """One invitation e-mail per representative of the invited members: text and HTML with the
    agenda, and an .ics event (a re-sent invitation updates the same event)."""
    import os
    import sys

    from lpps_cli.documents.invitations import (
        SmtpSettings,
        build_invitations,
        file_part,
        send_invitations,
        write_invitations,
    )
    from lpps_cli.errors import LppsError
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.text.formats import one_line

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen)
    built = build_invitations(reg, meeting, chosen.lang or reg.default_language)
    invitations = built.sent
    for skipped in built.skipped:  # one bad value skips one person, named, and the others still go
        print(
            "lpps: "
            + _("not invited: %(person)s of %(member)s: %(reason)s; correct the representative in the member's file")
            % {
                "person": one_line(skipped.person),
                "member": one_line(skipped.member),
                "reason": one_line(skipped.reason),
            },
            file=sys.stderr,
        )
    partial = 1 if built.skipped else 0
    if not invitations:
        if built.skipped:
            return partial
        raise LppsError(
            f"meeting '{meeting}' invites no representative with an e-mail address; "
            "add representatives to the invited members"
        )
    if dry_run:
        for item in invitations:
            typer.echo(f"{item.recipient}\t{one_line(item.member)}")
        return partial
    if not send:
        folder = output or Path("invitations") / file_part(meeting)
        for path in write_invitations(invitations, folder):
            typer.echo(one_line(str(path)))
        return partial
    if smtp_security not in ("starttls", "ssl", "none"):
        raise LppsError(f"unknown --smtp-security {smtp_security!r}; use starttls, ssl or none")
    smtp = SmtpSettings(
        host=smtp_host,
        port=smtp_port,
        user=smtp_user,
        security=smtp_security,
        password=os.environ.get("LPPS_SMTP_PASSWORD"),
    )
    failures = send_invitations(invitations, smtp)
    for item in invitations:
        if item.recipient not in failures:
            typer.echo(_("sent to %(address)s") % {"address": item.recipient})
    for recipient, reason in failures.items():
        print(
            "lpps: " + _("not sent to %(address)s: %(reason)s") % {"address": recipient, "reason": reason},
            file=sys.stderr,
        )
    return 2 if failures else partial
