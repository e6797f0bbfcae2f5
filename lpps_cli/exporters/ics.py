"""An iCalendar feed of the partnership's meetings, for calendar apps to subscribe to.

Planned and held meetings are confirmed events; a cancelled one stays in the feed with
STATUS:CANCELLED so subscribed calendars drop it. UIDs come from meeting ids, so an app
updates an event instead of duplicating it.

Texts come from members' records: icalendar escapes ``\\ ; ,`` and LF (RFC 5545 3.3.11); every
other line break (CR, U+2028, …) is made an LF first and control characters are dropped
(formats.text_lines), and a URL is used only when it is one http(s) address, so no value adds
a property or an event. A lone surrogate (which UTF-8 cannot hold) becomes U+FFFD, so one odd
value never stops the whole feed (``_line``/``_lines``).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from lpps_cli.exporters import check_audience, localize, partnership_data, public_records
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.audience import PUBLIC
from lpps_cli.text.formats import single_line, text_lines, web_address
from lpps_cli.text.markup import printable as encodable

STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}
DEFAULT_HOURS = 2


def meeting_title(data: dict[str, Any], lang: str, default: str, registry=None) -> str:
    if data.get("title"):
        return localize(data["title"], lang, default)
    if data.get("kind") == "group" and registry is not None and data.get("group") in registry.groups:
        group = localize(registry.groups[data["group"]].get("name"), lang, default)
        return _("Meeting of %(group)s") % {"group": group}
    titles = {"general": _("General meeting"), "board": _("Board meeting"), "group": _("Group meeting")}
    return titles.get(data.get("kind", ""), _("Meeting"))  # "" (no kind) is no key, as None was


def place_text(place: Any, lang: str, default: str) -> str:
    if not isinstance(place, dict):
        return ""
    address: dict[str, Any] = place["address"] if isinstance(place.get("address"), dict) else {}
    parts = [
        localize(place.get("name"), lang, default),
        address.get("street"),
        " ".join(filter(None, [address.get("postal_code"), address.get("city")])),
        place.get("online"),
    ]
    return ", ".join(p for p in parts if p)


def _line(text: str) -> str:
    """One content-line value the feed can write: see the module docstring."""
    return encodable(single_line(text))


def _lines(text: str) -> str:
    """A multi-line value (icalendar escapes the LFs) the feed can write."""
    return encodable(text_lines(text))


def _stamp() -> dt.datetime:
    """Creation time of the feed; SOURCE_DATE_EPOCH makes builds reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _times(data: dict[str, Any], zone) -> tuple[Any, Any]:
    day = dt.date.fromisoformat(data["date"])
    if not data.get("start"):
        return day, day + dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time.fromisoformat(data["start"]), zone)
    end = (
        dt.datetime.combine(day, dt.time.fromisoformat(data["end"]), zone)
        if data.get("end")
        else start + dt.timedelta(hours=DEFAULT_HOURS)
    )
    return start, max(end, start)


def calendar(registry, lang: str, audience: str = PUBLIC) -> bytes:
    """The feed as iCalendar bytes (RFC 5545)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from icalendar import Calendar, Event

    check_audience(audience)
    default = registry.default_language
    partnership = partnership_data(registry, audience)
    pid = partnership.get("id", "lpps")
    try:
        zone = ZoneInfo(partnership.get("timezone") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    name = localize(partnership.get("name"), lang, default) or pid
    feed = Calendar()
    feed.add("prodid", "-//lpps//meetings//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", _line(_("%(partnership)s: meetings") % {"partnership": name}))
    feed.add("x-wr-timezone", str(zone))
    stamp = _stamp()
    for meeting_id, data in public_records(registry, "meeting", audience):
        if data.get("status") not in STATUS or not isinstance(data.get("date"), str):
            continue
        event = Event()
        event.add("uid", _line(f"{meeting_id}@{pid}.lpps"))
        event.add("dtstamp", stamp)
        start, end = _times(data, zone)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", _line(meeting_title(data, lang, default, registry)))
        event.add("status", STATUS[data["status"]])
        location = _line(place_text(data.get("place"), lang, default))
        if location:
            event.add("location", location)
        url = web_address(data["place"].get("online")) if isinstance(data.get("place"), dict) else None
        if url:
            event.add("url", url)
        agenda = [
            _line(localize(item.get("title"), lang, default))
            for item in data.get("agenda", [])
            if isinstance(item, dict)
        ]
        if agenda:
            event.add(
                "description", _lines(_("Agenda:") + "\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(agenda, 1)))
            )
        event.add("categories", [_line(str(data.get("kind", "meeting")))])
        feed.add_component(event)
    feed.add_missing_timezones()
    return feed.to_ical()
