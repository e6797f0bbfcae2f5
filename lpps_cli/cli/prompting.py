"""Asking a person for what the flags left out: only on a terminal (never a hang in CI or a
pipe), with the allowed choices shown and completed with Tab."""

import sys
from contextlib import contextmanager

import typer


def can_ask() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@contextmanager
def completion(options: list[str]):
    """Tab-completion of ``options`` while one question is asked (readline, when present)."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        yield
        return
    previous = readline.get_completer()

    def complete(text: str, state: int):
        found = [o for o in options if o.startswith(text)]
        return found[state] if state < len(found) else None

    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")
    try:
        yield
    finally:
        readline.set_completer(previous)


def ask(label: str, options: list[str] | None = None, default: str | None = None, optional: bool = False) -> str:
    """One answer; with ``options`` shown (up to a screenful) and completed."""
    from lpps_cli.i18n.translations import gettext as _

    options = options or []
    if options:
        shown = ", ".join(options[:40]) + (" …" if len(options) > 40 else "")
        typer.echo(_("  choices: %(choices)s") % {"choices": shown}, err=True)
    with completion(options):
        answer = typer.prompt(
            label,
            default=default if default is not None else ("" if optional else None),
            show_default=bool(default),
            err=True,
        )
    return answer.strip()
