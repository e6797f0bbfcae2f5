"""Entry point of the ``lpps`` console script and ``python -m lpps_cli``."""

import sys


def main() -> None:
    # Imported here so that ``python -m lpps_cli`` and the console script share one path.
    from lpps_cli.cli.app import run

    sys.exit(run())


if __name__ == "__main__":
    main()
