"""lpps: run a social-services partnership from a git repository of YAML files.

The package is library first: everything outside ``lpps_cli.cli`` is plain Python
that never imports typer or rich, so other tools can load and check a registry.
"""

__version__ = "0.1.0"
