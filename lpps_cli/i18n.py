"""Translations of the tool's own texts (gettext catalogs built with Babel).

``gettext``/``ngettext`` return the English source until ``set_language`` installs a
catalog; catalogs live in ``lpps_cli/locale/<lang>/LC_MESSAGES/lpps.po`` and are compiled
in memory on first use, so no build step is needed.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "lpps"
_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(lang: str | None) -> None:
    """Use the catalog of ``lang`` for every later message (English when there is none)."""
    global _translations, _language
    _language = lang or "en"
    _translations = _load(_language)


def current_language() -> str:
    return _language


def _load(lang: str) -> _gettext.NullTranslations:
    po_file = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_file.is_file():
        return _gettext.NullTranslations()
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po_file, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def gettext(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


_ = gettext
