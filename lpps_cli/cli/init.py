"""``lpps init DIR``: start a new registry, ready to push to GitHub."""

from pathlib import Path
from typing import Annotated, Optional

import typer

ORDER = 5


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder of the new registry (empty or new).")],
    name: Annotated[Optional[str], typer.Option("--name", help="Full name of the partnership.")] = None,
    short_name: Annotated[Optional[str], typer.Option("--short-name", help="Short name, e.g. LPPS.")] = None,
    record_id: Annotated[
        Optional[str], typer.Option("--id", help="Id of the partnership (default: from the short name or name).")
    ] = None,
    languages: Annotated[
        Optional[str], typer.Option("--languages", help="Languages, the default first: pl,en.")
    ] = None,
    area: Annotated[Optional[str], typer.Option("--area", help="Area term, e.g. pl-lubelskie.")] = None,
    country: Annotated[Optional[str], typer.Option("--country", help="Country code, e.g. PL.")] = None,
    timezone: Annotated[Optional[str], typer.Option("--timezone", help="Time zone, e.g. Europe/Warsaw.")] = None,
    email: Annotated[Optional[str], typer.Option("--email", help="Public e-mail address.")] = None,
    website: Annotated[Optional[str], typer.Option("--website", help="Web site.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Write into a folder that is not empty.")] = False,
    hook_repo: Annotated[
        Optional[str],
        typer.Option("--hook-repo", help="Repository of the pre-commit hook (default: the lpps project)."),
    ] = None,
    hook_rev: Annotated[
        Optional[str], typer.Option("--hook-rev", help="Tag or commit of the hook (default: this version's tag).")
    ] = None,
    install_spec: Annotated[
        Optional[str], typer.Option("--install-spec", help="What CI installs with pip (default: lpps==this version).")
    ] = None,
) -> int:
    """Start a new registry, ready to push to GitHub.

    partnership.yaml (forming), the default taxonomy, empty folders, JSON Schemas for
    editors, a GitHub workflow, a pre-commit config and CONTRIBUTING.md; git init when DIR
    is in no repository.

    On a terminal, lpps asks for what the flags left out; otherwise it uses defaults.
    """
    from lpps_cli.changes.scaffold import HOOK_REPO, init_registry
    from lpps_cli.cli.prompting import ask, can_ask
    from lpps_cli.i18n.translations import gettext as _

    answers = {
        "name": name,
        "short_name": short_name,
        "id": record_id,
        "area": area,
        "country": country,
        "timezone": timezone,
        "email": email,
        "website": website,
        "languages": _languages(languages) if languages else None,
    }
    if can_ask():
        _ask(answers, ask)
    result = init_registry(
        directory, answers, force=force, hook_repo=hook_repo or HOOK_REPO, hook_rev=hook_rev, install_spec=install_spec
    )
    typer.echo(_("new registry in %(path)s (%(count)d files)") % {"path": str(directory), "count": len(result.written)})
    for path in result.skipped:
        typer.echo(_("kept the existing %(path)s (add --force to replace it)") % {"path": str(path)}, err=True)
    if result.git_initialized:
        typer.echo(_("made it a git repository (git init)"))
    typer.echo(_("next: lpps new member, lpps new service, lpps validate; then commit and push"))
    return 0


def _languages(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _ask(answers: dict, ask) -> None:
    from lpps_cli.reading.loader import default_taxonomy

    if not answers["name"]:
        answers["name"] = ask("name")
    if not answers["short_name"]:
        answers["short_name"] = ask("short_name", optional=True) or None
    if not answers["languages"]:
        answers["languages"] = _languages(ask("languages", ["cs", "pl", "uk", "en"], default="en"))
    if not answers["area"]:
        areas = [t.get("id") for t in default_taxonomy()["areas"].data.get("terms", []) if isinstance(t, dict)]
        answers["area"] = ask("area", areas, optional=True) or None
    if not answers["country"]:
        answers["country"] = ask("country", optional=True) or None
    if not answers["timezone"]:
        answers["timezone"] = ask("timezone", ["Europe/Warsaw", "Europe/Prague", "Europe/Kyiv"], optional=True) or None
