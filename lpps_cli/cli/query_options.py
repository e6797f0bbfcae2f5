"""Options shared by the query commands (refer, show, mailing-list, lists, reports)."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import Audience

AudienceOpt = Annotated[
    Audience, typer.Option("--audience", help="internal (default) shows internal contacts; public hides them.")
]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file instead of stdout.")]
