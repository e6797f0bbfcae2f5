"""``lpps brochure``: the partnership brochure in Markdown, HTML or PDF."""

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import (
    Audience,
    LangOpt,
    RegistryOpt,
    TodayOpt,
    load,
    settings,
)

ORDER = 60


class DocFormat(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"


FormatOpt = Annotated[DocFormat, typer.Option("--format", "-f", help="md, html (one self-contained file) or pdf.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (default: stdout).")]


def register(app: typer.Typer) -> None:
    app.command("brochure")(brochure)


def brochure(
    ctx: typer.Context,
    format: FormatOpt = DocFormat.html,
    audience: Annotated[
        Audience, typer.Option("--audience", help="public: only public contacts; internal: everything, for members.")
    ] = Audience.public,
    output: OutputOpt = None,
    member: Annotated[Optional[str], typer.Option("--member", help="Only this member's profile.")] = None,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> int:
    """The partnership brochure: who it is, its founding principles, one profile per active
    member with its services, and an index of services by target group and area."""
    from lpps_cli.documents.brochure import render_brochure

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen, "Reading registry")
    lang_used = chosen.lang or reg.default_language
    write_document(render_brochure(reg, lang_used, audience.value, format.value, member), output)
    return 0


def write_document(content: str | bytes, output: Optional[Path]) -> None:
    """Write a rendered document; a PDF goes to a file or a pipe, never to a terminal."""
    import sys

    from lpps_cli.cli.common import write_output
    from lpps_cli.errors import LppsError

    if isinstance(content, bytes) and (output is None or str(output) == "-") and sys.stdout.isatty():
        raise LppsError("a PDF cannot be shown on the terminal; write it to a file with -o FILE.pdf")
    write_output(content, output)
