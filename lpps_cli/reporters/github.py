"""GitHub Actions workflow commands (annotations), and a Markdown table for the step summary,
since GitHub shows only ten annotations of each type on a pull request.

A message quotes record text from a member's pull request: it is encoded the way GitHub's
toolkit documents (``%``, CR and LF as %25, %0D, %0A; in properties also ``:`` and ``,``), so
no record text ends the command or starts a new one, and it is inert Markdown in the table.
"""

from __future__ import annotations

from lpps_cli.text.formats import markdown_code, markdown_text, one_line

MESSAGE_LIMIT = 500  # characters of one message in the step-summary table


def _escape_data(value: str) -> str:
    """Message of a workflow command (actions/toolkit ``escapeData``); the other line breaks and
    control characters a log viewer could take for a line end are written out (``\\u2028``)."""
    encoded = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(encoded)


def _escape_property(value: str) -> str:
    """A property (file=, title=) of a workflow command (actions/toolkit ``escapeProperty``)."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report, prefix: str = "", **_options) -> str:
    lines = []
    for p in report.problems:
        props = ",".join(
            [
                f"file={_escape_property(prefix + p.file)}",
                f"line={p.line or 1}",
                f"col={p.column or 1}",
                f"title={_escape_property(p.rule)}",
            ]
        )
        lines.append(f"::{p.severity} {props}::{_escape_data(p.message)}")
    lines.append(f"lpps: {report.errors} errors, {report.warnings} warnings in {report.files} files")
    return "\n".join(lines)


def github_summary(report, prefix: str = "") -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: every problem, not only the first ten."""
    head = f"### lpps validate: {report.errors} errors, {report.warnings} warnings in {report.files} files\n"
    if not report.problems:
        return head + "\nNo problems. ✅\n"
    rows = ["| severity | rule | file | line | message |", "| --- | --- | --- | --- | --- |"]
    for p in report.problems:
        rows.append(
            f"| {markdown_text(p.severity)} | {markdown_code(p.rule)} | {markdown_code(prefix + p.file)} "
            f"| {p.line or 1} | {markdown_text(p.message, MESSAGE_LIMIT)} |"
        )
    return head + "\n" + "\n".join(rows) + "\n"
