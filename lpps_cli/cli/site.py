"""``lpps site build OUT`` and ``lpps site serve``: the static, multilingual web portal."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from lpps_cli.cli.common import LangOpt, RegistryOpt, TodayOpt, load, settings
from lpps_cli.cli.export import Audience, AudienceOpt
from lpps_cli.cli.groups import site_app

ORDER = 85


def register(app: typer.Typer) -> None:
    site_app.command("build")(build)
    site_app.command("serve")(serve)


def build(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help="Folder to write the site into.")],
    audience: AudienceOpt = Audience.public,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Build the portal: services with search, members, meetings (.ics), documents; one tree per language."""
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.portal.site import build_site

    reg = load(settings(ctx, registry=registry, lang=lang, today=today))
    written = build_site(reg, out, audience.value)
    typer.echo(
        _("%(count)d files written to %(folder)s; open %(index)s")
        % {"count": len(written), "folder": out, "index": out / "index.html"},
        err=True,
    )


def serve(
    ctx: typer.Context,
    out: Annotated[Optional[Path], typer.Argument(help="Folder to build into (default: a temporary one).")] = None,
    port: Annotated[int, typer.Option("--port", "-p", help="Port on 127.0.0.1.")] = 8000,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Build the portal and preview it at http://127.0.0.1:PORT/ (Ctrl+C stops)."""
    import functools
    import http.server
    import tempfile

    from lpps_cli.errors import LppsError
    from lpps_cli.i18n.translations import gettext as _
    from lpps_cli.portal.site import build_site

    reg = load(settings(ctx, registry=registry, lang=lang, today=today))
    folder = out or Path(tempfile.mkdtemp(prefix="lpps-site-"))
    build_site(reg, folder)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise LppsError(f"cannot listen on port {port}: {exc.strerror}; choose another with --port") from None
    typer.echo(
        _("Serving %(folder)s at http://127.0.0.1:%(port)d/ (Ctrl+C stops)")
        % {"folder": folder, "port": server.server_address[1]},
        err=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
