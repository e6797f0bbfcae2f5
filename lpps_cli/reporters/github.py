"""GitHub Actions workflow commands (annotations), and a Markdown table for the step summary,
since GitHub shows only ten annotations of each type on a pull request."""

from __future__ import annotations

from lpps_cli.formats import visible


def _escape_data(value: str) -> str:
    return visible(value).replace("%", "%25").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report, prefix: str = "", **_options) -> str:
    lines = []
    for p in report.problems:
        props = ",".join([
            f"file={_escape_property(prefix + p.file)}",
            f"line={p.line or 1}",
            f"col={p.column or 1}",
            f"title={_escape_property(p.rule)}",
        ])
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
        # record text quoted in a message stays text: no table breaks, no HTML, no control characters
        message = visible(p.message).replace("|", "\\|").replace("<", "&lt;")
        rows.append(f"| {p.severity} | `{p.rule}` | `{prefix}{p.file}` | {p.line or 1} | {message} |")
    return head + "\n" + "\n".join(rows) + "\n"
