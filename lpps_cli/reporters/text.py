"""Human output: problems grouped by file, coloured on a terminal, and a summary line.

File names and messages quote a member's pull request: they are written on one line with their
control characters and line breaks shown (formats.one_line), so record text can neither drive
the terminal nor start a line of the CI log (GitHub Actions runs a line starting with ``::``)."""

from __future__ import annotations

from itertools import groupby

from lpps_cli.i18n.translations import gettext as _
from lpps_cli.i18n.translations import ngettext
from lpps_cli.text.formats import one_line

_COLOURS = {
    "error": "\033[31m",
    "warning": "\033[33m",
    "dim": "\033[2m",
    "bold": "\033[1m",
    "green": "\033[32m",
    "reset": "\033[0m",
}


def text(report, prefix: str = "", color: bool = False, **_options) -> str:
    def paint(value: str, colour: str) -> str:
        return f"{_COLOURS[colour]}{value}{_COLOURS['reset']}" if color else value

    lines: list[str] = []
    for file, problems in groupby(report.problems, key=lambda p: p.file):
        lines.append(paint(one_line(prefix + file), "bold"))
        for p in problems:
            where = f"{p.line or 1}:{p.column or 1}"
            lines.append(
                f"  {paint(where.ljust(7), 'dim')} {paint(p.severity.ljust(7), p.severity)} "
                f"{paint(p.rule.ljust(10), 'dim')} {one_line(p.message)}"
            )
        lines.append("")
    errors = ngettext("%(num)d error", "%(num)d errors", report.errors) % {"num": report.errors}
    warnings = ngettext("%(num)d warning", "%(num)d warnings", report.warnings) % {"num": report.warnings}
    files = ngettext("%(num)d file", "%(num)d files", report.files) % {"num": report.files}
    if report.problems:
        summary = _("%(errors)s, %(warnings)s in %(files)s") % {"errors": errors, "warnings": warnings, "files": files}
        lines.append(paint(("✗ " if report.errors else "! ") + summary, "error" if report.errors else "warning"))
    else:
        lines.append(paint("✓ " + _("%(files)s valid, no problems") % {"files": files}, "green"))
    return "\n".join(lines)
