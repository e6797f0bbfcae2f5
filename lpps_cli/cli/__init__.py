"""cli — the command line: the only part of lpps that imports typer and rich.

One thin module per command (a ``register(app)`` function), parsing options, calling the core and
printing; ``app.run`` maps every error to an exit code in one place. May import every layer.
"""
