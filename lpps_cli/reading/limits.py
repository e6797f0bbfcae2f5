"""The hostile-input limits of reading (hard ceilings a registry may only lower) and the
problem a file that breaks them, or cannot be read as YAML, becomes. Shared by the safe
(``yamlio``), fast (``fastyaml``) and scanning (``yamlscan``) paths, so none imports another
for them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Hostile-input limits. The defaults are hard ceilings: ``limits:`` in partnership.yaml
    may only lower them (a pull request must not be able to switch them off), never below
    ``FLOORS`` (a registry that cannot read its own records helps no one)."""

    max_file_bytes: int = 1024 * 1024
    max_depth: int = 32
    max_aliases: int = 100
    #: list items and mapping entries in one file, counted before a parser builds them
    max_values: int = 50_000

    @classmethod
    def from_config(cls, config: object) -> Limits:
        return cls.checked(config)[0]

    @classmethod
    def checked(cls, config: object) -> tuple[Limits, list[tuple[str, str]]]:
        """The limits ``config`` (the ``limits:`` mapping) asks for, and (key, message) for each
        value refused. A value above its ceiling is refused here; other bad values (not an
        integer, below the floor, unknown keys) are the schema's to report: none is applied."""
        if not isinstance(config, dict):
            return cls(), []
        ceilings = cls()
        chosen: dict[str, int] = {}
        refused: list[tuple[str, str]] = []
        for key, value in config.items():
            if key not in cls.__dataclass_fields__ or type(value) is not int or value < FLOORS[key]:
                continue
            ceiling = getattr(ceilings, key)
            if value > ceiling:
                refused.append(
                    (
                        key,
                        f"limits.{key} is {value}, above its ceiling of {ceiling}; a registry may "
                        f"only lower the limits (remove it or give at most {ceiling})",
                    )
                )
                continue
            chosen[key] = value
        return cls(**chosen), refused


#: the lowest value of each limit a registry may set (the schema says the same)
FLOORS = {"max_file_bytes": 1024, "max_depth": 4, "max_aliases": 0, "max_values": 100}


class YamlProblem(Exception):
    """A file that cannot be read as one YAML mapping. ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def depth_problem(max_depth: int) -> YamlProblem:
    return YamlProblem(f"the file nests deeper than the limit of {max_depth} levels (limits.max_depth)")
