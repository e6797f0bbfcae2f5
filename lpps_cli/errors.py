"""The one exception type the CLI maps to exit code 2 with a one-line message."""

from __future__ import annotations


class LppsError(Exception):
    """Bad usage or input the command could not use. ``str()`` is the line the user sees."""

    exit_code = 2

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        self.message = message
        self.file = file
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"
