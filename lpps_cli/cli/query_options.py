"""Options shared by the query commands (refer, show, mailing-list, lists, reports)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class Audience(str, Enum):
    internal = "internal"
    public = "public"


AudienceOpt = Annotated[Audience, typer.Option(
    "--audience", help="internal (default) shows internal contacts; public hides them.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file instead of stdout.")]
