"""What every command shares: global options, finding and loading the registry, output helpers.

Global options may be given before the command (``lpps --lang pl brochure``) or after it
(``lpps brochure --lang pl``); the value after the command wins.
"""

import datetime as dt
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.errors import LppsError


def _parse_today(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD") from None
    return value


RegistryOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--registry",
        "-r",
        envvar="LPPS_REGISTRY",
        show_envvar=True,
        help="Registry folder (default: the nearest one upward, else the shipped example).",
    ),
]
LangOpt = Annotated[
    Optional[str],
    typer.Option(
        "--lang", help="Output language: cs, pl, uk or en (default: $LPPS_LANG, else the partnership's first language)."
    ),
]
TodayOpt = Annotated[
    Optional[str],
    typer.Option(
        "--today",
        callback=_parse_today,
        metavar="YYYY-MM-DD",
        envvar="LPPS_TODAY",
        show_envvar=True,
        help="Date the date-dependent rules count from (default: today).",
    ),
]


class Audience(str, Enum):
    """Who an output is for; lpps_cli.model.audience decides what each may see."""

    public = "public"
    internal = "internal"


@dataclass
class Settings:
    registry: Optional[Path] = None
    lang: Optional[str] = None
    today: Optional[str] = None
    debug: bool = False


def settings(
    ctx: typer.Context, registry: Optional[Path] = None, lang: Optional[str] = None, today: Optional[str] = None
) -> Settings:
    """Global options merged with the ones given after the command."""
    root = ctx.find_root().obj if ctx.find_root().obj else Settings()
    return Settings(
        registry=registry or root.registry,
        lang=lang or root.lang or os.environ.get("LPPS_LANG") or None,
        today=today or root.today,
        debug=root.debug,
    )


def today_of(chosen: Settings) -> dt.date:
    return dt.date.fromisoformat(chosen.today) if chosen.today else dt.date.today()


#: files a command skipped because they could not be read; the command still does its work,
#: and then exits 1 (a broken file breaks the ``yaml`` rule) — see app.run
_skipped: list = []


def skipped_files() -> list:
    return list(_skipped)


#: commands (first word of the command path) that build outputs for others — portal, brochure,
#: exports, meeting documents and invitations: they leave out every record with an error. The
#: other reading commands (lists, show, refer, reports, mailing-list) answer within a second at
#: national scale, which a full validation would break: they leave out duplicate ids only.
OUTPUT_COMMANDS = frozenset({"brochure", "site", "export", "meeting"})


def _command_words() -> list[str]:
    try:  # newer typer vendors click as typer._click
        from typer._click.globals import get_current_context
    except ImportError:
        from click import get_current_context  # type: ignore[no-redef]  # the same function, from click itself
    context = get_current_context(silent=True)
    return context.command_path.split()[1:] if context is not None else []


def load(
    chosen: Settings,
    label: str = "Reading registry",
    report_skipped: bool = True,
    to_change: bool = False,
    outputs: Optional[bool] = None,
):
    """Find and load the registry, with a progress bar on a terminal; set the output language.

    Files that cannot be read are skipped, and said so on stderr (one line each), so every
    command works on what it can read; ``validate`` reports them itself instead.

    Commands that build outputs (``outputs``; by default those of OUTPUT_COMMANDS) get the
    registry without the records that have an error (validate.without_invalid); the other
    reading commands without both files of a duplicate id. Each left-out record is named on
    stderr with its first problem, and the command then exits 1, as for a skipped file.
    Commands that change the registry (``to_change``) and ``validate`` see every record.
    """
    from lpps_cli.errors import LppsError
    from lpps_cli.i18n.translations import catalog_languages, set_language
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.reading.loader import load_registry, locate_registry

    root, example = locate_registry(chosen.registry)
    if to_change and example:  # the example lives in the installed package: never change it unasked
        raise LppsError(
            _(
                "there is no registry here to change (this folder and those above it hold no "
                "partnership.yaml); run the command in your registry's folder, give --registry, "
                "or make one with 'lpps init FOLDER'"
            )
        )
    with progress(label) as advance:
        registry = load_registry(root, progress=advance, freeze=True)
    if chosen.lang:
        known = sorted(set(catalog_languages()) | set(registry.languages))
        if chosen.lang not in known:  # a typo would otherwise quietly give English
            raise LppsError(
                _("--lang '%(lang)s' is neither a language lpps speaks nor one of the registry's; use one of %(known)s")
                % {"lang": chosen.lang, "known": ", ".join(known)}
            )
    set_language(chosen.lang or registry.default_language)
    if report_skipped:
        _skipped.extend(registry.problems)
        for problem in registry.problems:
            where = f"{problem.file}:{problem.line}" if problem.line else problem.file
            print(
                _("lpps: skipped %(file)s: %(message)s (lpps validate shows every problem)")
                % {"file": where, "message": problem.message},
                file=sys.stderr,
            )
    if report_skipped and not to_change:
        registry = _leave_out_invalid(registry, chosen, outputs)
    return registry


def _leave_out_invalid(registry, chosen: Settings, outputs: Optional[bool]):
    if outputs is None:
        words = _command_words()
        outputs = bool(words) and words[0] in OUTPUT_COMMANDS
    if not outputs and not registry.duplicates:
        return registry  # the usual query: nothing to leave out, and no import of the rules
    from lpps_cli.checking.validate import without_duplicates, without_invalid
    from lpps_cli.i18n.translations import gettext as _

    registry, left_out = without_invalid(registry, today_of(chosen)) if outputs else without_duplicates(registry)
    for problem in left_out:
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        print(_("lpps: left out %(file)s: %(message)s") % {"file": where, "message": problem.message}, file=sys.stderr)
    if left_out:
        _skipped.extend(left_out)
        print(_("lpps: records with errors were left out; run 'lpps validate' to see every problem"), file=sys.stderr)
    return registry


def interactive(stream=None) -> bool:
    """A person is watching: a terminal, and not CI."""
    stream = stream or sys.stderr
    return stream.isatty() and not os.environ.get("CI")


@contextmanager
def progress(label: str):
    """A rich progress bar on a terminal for work over many files; nothing in CI or pipes.
    Yields a callback ``advance(done, total)``."""
    if not interactive():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=_stderr_console(),
    )
    task: TaskID | None = None
    shown = False

    def advance(done: int, total: int) -> None:
        nonlocal task, shown
        if total < 500:  # a small registry loads faster than a bar can draw
            return
        if not shown:
            bar.start()
            task = bar.add_task(label, total=total)
            shown = True
        if done % 100 == 0 or done == total:
            assert task is not None  # added when the bar was shown
            bar.update(task, completed=done)

    try:
        yield advance
    finally:
        if shown:
            bar.stop()


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def stdout_console():
    """Rich console for stdout: colour only on a terminal (pipes get plain text)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich exits 1 when the reader goes away (`lpps show x | head -1`), which would
            # read as "a rule is broken"; like every other output, that is a normal end (app.run)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            self.quiet = True
            raise BrokenPipeError

    return _Console(
        no_color=not sys.stdout.isatty() or bool(os.environ.get("NO_COLOR")),
        highlight=False,
        soft_wrap=not sys.stdout.isatty(),
    )


def write_output(content: str | bytes, output: Optional[Path]) -> None:
    """Write to ``output`` atomically, or to stdout when it is None or '-'."""
    if output is None or str(output) == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    from lpps_cli.fsio import atomic_write

    try:
        atomic_write(output, content)
    except OSError as exc:
        raise LppsError(f"cannot write {output}: {exc.strerror}; choose another -o path") from None
