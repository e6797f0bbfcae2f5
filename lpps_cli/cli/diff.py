"""``lpps diff [REV] [REV]``: what changed, by record and field, phrased for people."""

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt, settings

ORDER = 64


class Format(str, Enum):
    text = "text"
    md = "md"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)


def diff(
    ctx: typer.Context,
    base: Annotated[
        Optional[str], typer.Argument(help="Old revision (default: the merge base with the default branch).")
    ] = None,
    head: Annotated[Optional[str], typer.Argument(help="New revision (default: the working tree).")] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text, md (a pull-request comment) or json.")
    ] = Format.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file.")] = None,
    registry: RegistryOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> int:
    """What changed between two git revisions, by record and field, not by line.

    Records added, removed and renamed; fields with old → new; localized texts by
    language; list items added and removed. Revisions are read from git, never checked out.
    """
    from lpps_cli.changes.diffrender import RENDERERS
    from lpps_cli.changes.semdiff import compare_revisions
    from lpps_cli.cli.common import write_output
    from lpps_cli.i18n.translations import set_language
    from lpps_cli.reading.loader import find_registry

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    root = find_registry(chosen.registry)
    set_language(chosen.lang or _default_language(root))
    result = compare_revisions(root, base, head)
    write_output(RENDERERS[format.value](result), output)
    return 0


def _default_language(root: Path) -> str:
    from lpps_cli.reading.limits import YamlProblem
    from lpps_cli.reading.yamlio import read_record

    try:
        languages = read_record(root / "partnership.yaml").get("languages")
    except YamlProblem:
        return "en"
    return languages[0] if isinstance(languages, list) and languages and isinstance(languages[0], str) else "en"
