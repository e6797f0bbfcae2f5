"""reporters — ``lpps validate``'s output formats: a validation Report into text, chosen by name
(text, json, github, sarif). Findings are data; a reporter only formats them.

May import: ``checking``, ``model``, ``i18n``, ``text`` and the top-level modules; never
``documents``, ``exporters``, ``changes`` or ``portal``.
"""

from __future__ import annotations

from collections.abc import Callable

from lpps_cli.reporters.github import github, github_summary
from lpps_cli.reporters.jsonout import as_json
from lpps_cli.reporters.sarif import sarif
from lpps_cli.reporters.text import text

#: name -> reporter(report, prefix=..., color=...) -> str
REPORTERS: dict[str, Callable[..., str]] = {"text": text, "json": as_json, "github": github, "sarif": sarif}

__all__ = ["REPORTERS", "github_summary"]
