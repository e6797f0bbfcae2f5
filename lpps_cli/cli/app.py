"""The ``lpps`` Typer application, and the one place where errors become exit codes."""

import importlib
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli import __version__
from lpps_cli.cli.common import LangOpt, RegistryOpt, Settings, TodayOpt
from lpps_cli.cli.groups import GROUPS

app = typer.Typer(
    name="lpps",
    help="Run a social-services partnership from a git repository of YAML files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


#: Command modules: every module of lpps_cli.cli with a ``register(app)`` function, in the
#: order of their ``ORDER`` (help lists commands in that order). Importing them is cheap:
#: heavy libraries are imported inside the commands.
def _command_modules():
    import pkgutil

    import lpps_cli.cli as package

    modules = [importlib.import_module(f"lpps_cli.cli.{info.name}") for info in pkgutil.iter_modules(package.__path__)]
    return sorted((m for m in modules if hasattr(m, "register")), key=lambda m: (getattr(m, "ORDER", 50), m.__name__))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lpps {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    ctx: typer.Context,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """lpps: validate, query, render and export a partnership registry.

    Exit codes: 0 done, nothing wrong; 1 the registry breaks a rule; 2 bad usage or input.
    """
    ctx.obj = Settings(registry=registry, lang=lang, today=today, debug=debug)


for _module in _command_modules():
    _module.register(app)
for _name, _group in GROUPS.items():
    if _group.registered_commands:
        app.add_typer(_group, name=_name)


def run(argv: list[str] | None = None) -> int:
    """Run the app; map every failure to an exit code and one line on stderr."""
    try:  # newer typer vendors click as typer._click
        from typer._click.exceptions import ClickException
    except ImportError:
        # the same class under its older home; mypy sees two distinct types, one of which is absent
        from click import ClickException  # type: ignore[assignment]

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        result = app(args=args, prog_name="lpps", standalone_mode=False)
        code = result if isinstance(result, int) else 0
        from lpps_cli.cli.common import skipped_files

        return 1 if code == 0 and skipped_files() else code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("lpps: aborted", file=sys.stderr)
        return 130
    except ClickException as exc:
        # one line, as every other error: what is wrong, and where the command's help is
        message, context = exc.format_message(), getattr(exc, "ctx", None)
        if "\n" in message:  # `lpps` alone: the help itself
            exc.show()
            return exc.exit_code
        where = f" (see '{context.command_path} --help')" if context is not None else ""
        print(f"lpps: {message}{where}", file=sys.stderr)
        return exc.exit_code if exc.exit_code else 2
    except KeyboardInterrupt:
        print("lpps: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from lpps_cli.errors import LppsError

        if debug:
            raise
        if isinstance(exc, LppsError):
            print(f"lpps: {exc}", file=sys.stderr)
            return exc.exit_code
        print(
            f"lpps: internal error: {type(exc).__name__}: {exc} (run with --debug for details, and please report it)",
            file=sys.stderr,
        )
        return 2


def registry_label(root: Path) -> str:
    """How a registry is named in output: relative to the current folder when inside it."""
    try:
        return root.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(root)
