"""What every printed document shares: the partnership heading (name, logo), the time zone,
and turning one template into Markdown, HTML or PDF."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import PurePosixPath
from typing import Any

from lpps_cli.errors import LppsError
from lpps_cli.fsio import OutsideRegistry, TooLarge, read_contained
from lpps_cli.model.audience import for_audience
from lpps_cli.model.registry import Registry

DOCUMENT_FORMATS = ("md", "html", "pdf")
LOGO_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
#: the largest logo a document embeds
LOGO_LIMIT = 1024 * 1024
#: the largest document body (documents/<id>.md) a builder reads: ~500 printed pages
BODY_LIMIT = 1024 * 1024


def timezone(registry: Registry):
    """The partnership's time zone (``timezone`` in partnership.yaml, default UTC)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = registry.partnership.get("timezone") if registry.partnership else None
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise LppsError(
            f"unknown time zone {name!r}; write an IANA name such as Europe/Warsaw",
            registry.partnership.path if registry.partnership else None,
        ) from None


def local_datetime(registry: Registry, day: str | None, time: str | None) -> dt.datetime | None:
    """A meeting's date and ``HH:MM`` as an aware datetime in the partnership's zone."""
    try:
        date = dt.date.fromisoformat(str(day))
        clock = dt.time.fromisoformat(time) if isinstance(time, str) else dt.time(0, 0)
    except ValueError:
        return None
    return dt.datetime.combine(date, clock, tzinfo=timezone(registry))


def logo_data_uri(registry: Registry) -> str | None:
    """The partnership's logo embedded as a data: URI (documents stay one self-contained file).
    A missing logo or one of another type is left out; a logo that is a link out of the registry
    or over ``LOGO_LIMIT`` is an error naming it (never read)."""
    logo = registry.partnership.get("logo") if registry.partnership else None
    if not isinstance(logo, str) or not logo:
        return None
    kind = LOGO_TYPES.get(PurePosixPath(logo).suffix.lower())
    if kind is None:
        return None
    assert registry.partnership is not None  # the logo was read from it
    try:
        data = read_contained(registry.root, logo, LOGO_LIMIT)
    except (OutsideRegistry, TooLarge) as exc:
        raise LppsError(f"logo: {exc}", registry.partnership.path) from None
    except OSError:  # missing, a folder, unreadable: the documents go without a logo
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def document_body(registry: Registry, document_id: str) -> str:
    """The Markdown body of a document from its sibling ``documents/<id>.md`` ("" when there is
    none), read through the containment rule and no further than ``BODY_LIMIT``: a body that is a
    link out of the registry or too large is an error naming the file, never read whole."""
    relative = registry.bodies.get(document_id)
    if not relative:
        return ""
    try:
        data = read_contained(registry.root, relative, BODY_LIMIT)
    except (OutsideRegistry, TooLarge) as exc:
        raise LppsError(str(exc), relative) from None
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise LppsError(f"the body cannot be read ({exc.strerror})", relative) from None
    return data.decode("utf-8", errors="replace")


def partnership_view(registry: Registry, audience: str) -> dict[str, Any]:
    data = for_audience("partnership", registry.partnership.data, audience) if registry.partnership else {}
    return {**data, "logo_uri": logo_data_uri(registry)}


def member_names(registry: Registry, lang: str) -> dict[str, str]:
    """id -> the member's name in ``lang`` (for votes, presenters, attendance)."""
    from lpps_cli.documents.render import localize

    return {
        mid: localize(m.get("name"), lang, registry.default_language)[0] or mid for mid, m in registry.members.items()
    }


def render_document(
    registry: Registry, template: str, fmt: str, lang: str, audience: str, context: dict[str, Any]
) -> str | bytes:
    """Render ``<template>.md`` or ``<template>.html`` (and that HTML to PDF for ``pdf``)."""
    from lpps_cli.documents.render import environment, render

    if fmt not in DOCUMENT_FORMATS:
        raise LppsError(f"unknown format {fmt!r}; use one of {', '.join(DOCUMENT_FORMATS)}")
    env = environment(registry, lang, audience, "md" if fmt == "md" else "html")
    text = render(
        env,
        f"{template}.{'md' if fmt == 'md' else 'html'}",
        partnership=partnership_view(registry, audience),
        **context,
    )
    if fmt != "pdf":
        return text
    from lpps_cli.documents.pdf import html_to_pdf

    return html_to_pdf(text)
