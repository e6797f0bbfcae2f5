"""Translations of the tool's own texts (gettext catalogs built with Babel), and Babel
formatting of dates, times and numbers.

``gettext``/``ngettext`` return the English source until ``set_language`` installs a
catalog; catalogs live in ``lpps_cli/locale/<lang>/LC_MESSAGES/lpps.po`` and are compiled
on first use (and kept in the user's cache folder), so no build step is needed. English is the source language.
Maintaining the catalogs: ``python -m lpps_cli.i18n.catalogs`` (see docs/i18n.md).
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "lpps"
SOURCE_LANGUAGE = "en"
_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def set_language(lang: str | None) -> None:
    """Use the catalog of ``lang`` for every later message (English when there is none)."""
    global _translations, _language
    _language = lang or SOURCE_LANGUAGE
    _translations = translations(_language)


def current_language() -> str:
    return _language


def catalog_languages() -> list[str]:
    """Languages that have a catalog, plus the source language."""
    found = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted(found | {SOURCE_LANGUAGE})


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (a NullTranslations, i.e. English, when there is none).

    Compiling a .po file with Babel takes ~0.1 s, so the compiled catalog is kept in the user's
    cache folder under the hash of the .po file's bytes: a changed catalog is compiled again."""
    import hashlib
    import struct

    po_file = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        source = po_file.read_bytes()
    except OSError:
        return _gettext.NullTranslations()
    from io import BytesIO

    from lpps_cli.fsio import cache_dir, write_private
    from lpps_cli.fsio import cache_enabled as enabled

    compiled = cache_dir() / "catalogs" / f"{lang}-{hashlib.blake2b(source, digest_size=12).hexdigest()}.mo"
    try:
        return _gettext.GNUTranslations(BytesIO(compiled.read_bytes()))
    except (OSError, ValueError, LookupError, struct.error):  # none yet, or a broken one: compile again
        pass
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(source), locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    if enabled() and write_private(compiled, buffer.getvalue()):
        for older in compiled.parent.glob(f"{lang}-*.mo"):  # compiled from earlier versions of the .po
            if older != compiled:
                older.unlink(missing_ok=True)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def gettext(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` as meant in ``context``: 'active' is 'aktywny' for a member, 'aktywna' for a service."""
    return _translations.pgettext(context, message)


_ = gettext


# -- Babel formatting ---------------------------------------------------------------------
def _locale(lang: str | None) -> str:
    return lang or _language


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def format_date(value, lang: str | None = None, format: str = "long") -> str:
    """``2027-01-15`` -> '15 stycznia 2027' (pl); a value that is not a date is returned as is."""
    from babel.dates import format_date as babel_format_date

    day = _as_date(value)
    return babel_format_date(day, format=format, locale=_locale(lang)) if day else str(value or "")


def format_time(value: dt.datetime | dt.time, lang: str | None = None, format: str = "short") -> str:
    from babel.dates import format_time as babel_format_time

    return babel_format_time(value, format=format, locale=_locale(lang))


def format_timezone(value: dt.datetime, lang: str | None = None) -> str:
    """The zone of an aware datetime as people say it: 'czas środkowoeuropejski standardowy'."""
    from babel.dates import get_timezone_name

    name = get_timezone_name(value, width="long", locale=_locale(lang))
    key = getattr(value.tzinfo, "key", None)
    # Babel names only the zones CLDR knows; for the others say the IANA name and the offset
    return f"{key}, {name}" if key and name.startswith(("GMT", "UTC")) and key not in ("UTC", "GMT") else name


def format_number(value, lang: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(lang))


def language_name(code: str, lang: str | None = None) -> str:
    """'pl' -> 'polski' (in pl), 'Polish' (in en); the code itself when Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(_locale(lang)) or code
    except (UnknownLocaleError, ValueError):
        return code
