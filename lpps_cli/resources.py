"""Where the package's data lives: schemas, templates, the example registry, the taxonomy.

In a wheel they are under ``lpps_cli/_data/``; in a source checkout (editable install,
tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder ``name`` (schemas, templates, registry, taxonomy) of the package data."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"package data folder {name!r} is missing; reinstall lpps")


def example_registry() -> Path:
    """The example registry that ships with the package."""
    return data_dir("registry")
