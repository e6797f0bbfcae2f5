"""``lpps validate``: schemas and every rule, reported as text, json, github or sarif."""

import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt, load, settings, today_of


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


ORDER = 10


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


def validate(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(help="Files or folders to report on (references are still checked against the whole registry)."),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to a file.")] = None,
    registry: RegistryOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> int:
    """Check the registry: JSON Schemas and the 12 cross-record rules.

    Every problem is reported at once, at file:line:column, with a rule code. Exit 0 when
    nothing is wrong, 1 when a rule is broken (or a warning with --strict), 2 when the
    registry cannot be read.
    """
    from lpps_cli.checking.validate import relative_paths
    from lpps_cli.checking.validate import validate as run_validation
    from lpps_cli.cli.app import registry_label
    from lpps_cli.cli.common import interactive, write_output
    from lpps_cli.reporters import REPORTERS, github_summary

    chosen = settings(ctx, registry=registry, lang=lang, today=today)
    reg = load(chosen, "Validating", report_skipped=False)
    only = relative_paths(reg.root, paths) if paths else None
    report = run_validation(reg, today_of(chosen), only)
    label = registry_label(reg.root)
    prefix = _prefix(reg.root, format)
    rendered = REPORTERS[format.value](
        report,
        prefix=prefix,
        color=format == Format.text and output is None and interactive(sys.stdout),
        registry_name=label,
        strict=strict,
    )
    write_output(rendered, output)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if format == Format.github and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(github_summary(report, prefix))
    return 1 if report.failed(strict) else 0


def _prefix(root: Path, format: Format) -> str:
    """Paths in annotations and SARIF are relative to the repository root; text output is
    relative to the current folder, so editors and terminals can open them."""
    if format in (Format.github, Format.sarif):
        top = _git_toplevel(root)
        base = Path(top) if top else Path.cwd()
    elif format == Format.json:
        return ""
    else:
        base = Path.cwd()
    try:
        rel = root.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(root.resolve()) + "/"
    return "" if rel in ("", ".") else rel + "/"


def _git_toplevel(root: Path) -> Optional[str]:
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return workspace
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None
