"""Entry point of the ``lpps`` console script and ``python -m lpps_cli``.

Start-up is kept short (docs/performance.md): ``lpps --version`` answers before Typer is
imported, and when stdout is not a terminal Typer formats help and usage errors with plain
Click instead of importing rich (about 150 ms); set TYPER_USE_RICH=1 to have rich anyway.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # the constant typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from typing import TextIO


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from lpps_cli import __version__

        print(f"lpps {__version__}")
        sys.exit(0)
    if "TYPER_USE_RICH" not in os.environ and not _terminal(sys.stdout):
        os.environ["TYPER_USE_RICH"] = "0"
    # Imported here so that ``python -m lpps_cli`` and the console script share one path.
    from lpps_cli.cli.app import run

    sys.exit(run())


def _terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


if __name__ == "__main__":
    main()
