"""i18n — lpps's own texts in the user's language, and record text in the reader's language.

Owns the gettext catalogs (``locale/``, compiled on first use), Babel formatting of dates and
numbers (``translations``), catalog maintenance (``catalogs``) and the fallback order for
localized record values (``localize``).

May import: the top-level modules (``errors``, ``fsio``, ``resources``, ``formats``) only.
"""
