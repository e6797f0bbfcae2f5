"""Findings are data: every check yields ``Problem`` values; reporters turn them into text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning"]

#: The stable rule codes (registry.md); finer detail goes in the message.
RULE_CODES = (
    "yaml",
    "schema",
    "id",
    "reference",
    "taxonomy",
    "board",
    "cadence",
    "membership",
    "documents",
    "decisions",
    "projects",
    "capacity",
    "contact",
    "language",
    "privacy",
    "secret",
)


@dataclass(frozen=True, slots=True)
class Problem:
    severity: Severity
    rule: str
    file: str
    line: int | None
    column: int | None
    pointer: str
    message: str
    #: place at the key rather than the value (unknown fields); not part of the output
    at_key: bool = field(default=False, compare=False)

    def placed(self, line: int | None, column: int | None) -> Problem:
        return replace(self, line=line, column=column)

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "severity": self.severity,
            "rule": self.rule,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "message": self.message,
        }

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line or 0, self.column or 0, self.rule, self.message)


def error(rule: str, file: str, pointer: str, message: str) -> Problem:
    return Problem("error", rule, file, None, None, pointer, message)


def warning(rule: str, file: str, pointer: str, message: str) -> Problem:
    return Problem("warning", rule, file, None, None, pointer, message)


def pointer(*parts: object) -> str:
    """JSON Pointer (RFC 6901) from path parts: pointer('capacity', 'total') == '/capacity/total'."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def pointer_parts(ptr: str) -> list[str]:
    if not ptr:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in ptr.split("/")[1:]]
