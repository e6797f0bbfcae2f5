"""The one place that makes Jinja2 environments for documents people read.

API (small on purpose; the brochure, meeting documents, e-mails, the site and reports use it):

``environment(registry, lang, audience="public", fmt="html") -> SandboxedEnvironment``
    A sandboxed environment. ``fmt`` is ``html`` (autoescape on), ``md`` (``<`` in record
    text is written as ``&lt;`` so a Markdown viewer shows it literally and never runs it)
    or ``text`` (plain text, nothing to escape). Templates are looked up in the registry's
    own ``templates/`` folder first, then in the package's. Calling it makes ``lang`` the
    language of every ``gettext`` (one output language at a time, like the CLI).
``render(env, name, **context) -> str``
    Render the template ``name`` (e.g. ``"brochure/brochure.html"``).
``localize(value, lang, default) -> (text, language used)``
    A localized text (plain string or ``{lang: text}``) in ``lang``, else the default
    language, else any language there is.

In templates: ``_()``/``gettext``/``ngettext`` (new-style: ``_("%(n)d items", n=3)``,
extracted by Babel), the globals ``lang``, ``audience``, ``fmt``, and the filters
``text`` (localized text; on the internal audience a fallback says which language it fell
back to, on the public one it falls back silently), ``markdown`` (localized Markdown to
HTML with markdown-it-py, raw HTML disabled), ``date`` (Babel, ``format="long"``),
``time`` (``"10:00"`` or a datetime), ``number``, ``count(unit)`` (``3 | count("places")``
-> "3 miejsca"), ``weekdays`` (``[mo, tu]`` -> "pon., wt."), ``zone`` (an aware datetime's time zone, in words), ``term(vocabulary)`` (a taxonomy label) and ``language_name``.
Record text is always data passed in the context, never a template.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, Undefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from lpps_cli import i18n
from lpps_cli.audience import INTERNAL
from lpps_cli.i18n import gettext as _, ngettext
from lpps_cli.localize import localize_with_language
from lpps_cli.resources import data_dir

FORMATS = ("html", "md", "text")
WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


def localize(value: Any, lang: str, default: str | None = None) -> tuple[str, str | None]:
    """``value`` in ``lang``; else in ``default``; else in any language. Returns the text and
    the language it is in (``None`` for a plain string, which is in the default language)."""
    if isinstance(value, Undefined):
        return "", None
    return localize_with_language(value, lang, default)


def unit_count(number: int, unit: str) -> str:
    """'1 miejsce / 3 miejsca / 5 miejsc': a capacity with its unit, plural by Babel's rules."""
    forms = {
        "beds": ngettext("%(num)s bed", "%(num)s beds", number),
        "places": ngettext("%(num)s place", "%(num)s places", number),
        "clients": ngettext("%(num)s client", "%(num)s clients", number),
        "hours": ngettext("%(num)s hour", "%(num)s hours", number),
    }
    template = forms.get(unit, "%(num)s " + str(unit))
    return template % {"num": i18n.format_number(number)}


def _md_escape(value: Any) -> Any:
    """Markdown output: '<' of record text as an entity, so no viewer ever runs it as HTML."""
    if value is None or isinstance(value, Undefined):
        return ""
    return str(value).replace("&", "&amp;").replace("<", "&lt;") if isinstance(value, str) else value


def _blank_none(value: Any) -> Any:
    return "" if value is None else value


@functools.cache
def _markdown_parser():
    """One parser for every text (making one costs ~0.3 ms; a brochure renders thousands)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _markdown_to_html(source: str) -> Markup:
    return Markup(_markdown_parser().render(source))  # noqa: S704 - raw HTML is disabled in the parser


def environment(registry=None, lang: str = "en", audience: str = "public", fmt: str = "html") -> SandboxedEnvironment:
    """A sandboxed Jinja2 environment for ``fmt`` in ``lang`` for ``audience`` (see the module doc)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    i18n.set_language(lang)
    default = registry.default_language if registry is not None else i18n.SOURCE_LANGUAGE
    folders = [registry.root / "templates"] if registry is not None and (registry.root / "templates").is_dir() else []
    env = SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader([str(f) for f in folders]), FileSystemLoader(str(data_dir("templates")))]),
        autoescape=fmt == "html",
        finalize=_md_escape if fmt == "md" else _blank_none,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)

    def fallback_note(used: str | None) -> str:
        if audience != INTERNAL or used is None or used == lang:
            return ""
        return _("(in %(language)s: no text in %(wanted)s)") % {
            "language": i18n.language_name(used, lang), "wanted": i18n.language_name(lang, lang)}

    def text_filter(value: Any) -> Any:
        text, used = localize(value, lang, default)
        note = fallback_note(used)
        if fmt == "html":
            return escape(text) + (Markup(' <span class="fallback">%s</span>') % note if note else "")
        return text + (f" _{note}_" if note and fmt == "md" else f" {note}" if note else "")

    def markdown_filter(value: Any) -> Any:
        text, used = localize(value, lang, default)
        note = fallback_note(used)
        if fmt != "html":
            return text + (f"\n\n_{note}_" if note else "")
        html = _markdown_to_html(text)
        return html + (Markup('<p class="fallback">%s</p>') % note if note else "")

    def date_filter(value: Any, format: str = "long") -> str:
        return i18n.format_date(value, lang, format) if value else ""

    def time_filter(value: Any) -> str:
        if isinstance(value, str):
            try:
                value = dt.time.fromisoformat(value)
            except ValueError:
                return value
        return i18n.format_time(value, lang) if value else ""

    def term_filter(value: Any, vocabulary: str) -> str:
        if registry is None or not isinstance(value, str):
            return str(value or "")
        return registry.taxonomy.label(vocabulary, value, lang)

    def weekdays_filter(days: Any) -> str:
        from babel.dates import get_day_names

        names = get_day_names("abbreviated", locale=lang)
        return ", ".join(names[WEEKDAYS.index(d)] for d in days or [] if d in WEEKDAYS)

    env.filters.update({
        "weekdays": weekdays_filter, "zone": lambda value: i18n.format_timezone(value, lang),
        "text": text_filter, "markdown": markdown_filter, "date": date_filter, "time": time_filter,
        "number": lambda value: i18n.format_number(value, lang), "count": unit_count,
        "term": term_filter, "language_name": lambda code: i18n.language_name(code, lang),
    })
    env.globals.update({"lang": lang, "audience": audience, "fmt": fmt, "default_language": default})
    return env


def render(env: SandboxedEnvironment, name: str, **context: Any) -> str:
    """Render the template ``name`` with ``context``."""
    return env.get_template(name).render(**context)
