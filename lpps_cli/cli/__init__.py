"""The command line: the only part of lpps that imports typer and rich."""
