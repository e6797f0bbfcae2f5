"""The one place that makes Jinja2 environments for documents people read.

API (small on purpose; the brochure, meeting documents, e-mails, the site and reports use it):

``environment(registry, lang, audience="public", fmt="html") -> ImmutableSandboxedEnvironment``
    A sandboxed environment. ``fmt`` is ``html`` (autoescape on), ``md`` (``<`` in record
    text is written as ``&lt;`` so a Markdown viewer shows it literally and never runs it)
    or ``text`` (plain text, nothing to escape). Templates are looked up in the registry's
    own ``templates/`` folder first (read only from inside the registry, see
    ``RegistryTemplates``), then in the package's. Calling it makes ``lang`` the
    language of every ``gettext`` (one output language at a time, like the CLI).
``render(env, name, **context) -> str``
    Render the template ``name`` (e.g. ``"brochure/brochure.html"``) with ``plain(context)``:
    a template sees plain data only (dicts, lists, text, numbers, dates), never the registry,
    a path or a record, so a registry's template can read no file and no internal field.
``localize(value, lang, default) -> (text, language used)``
    A localized text (plain string or ``{lang: text}``) in ``lang``, else the default
    language, else any language there is.

In templates: ``_()``/``gettext``/``ngettext`` (new-style: ``_("%(n)d items", n=3)``,
extracted by Babel), the globals ``lang``, ``audience``, ``fmt``, and the filters
``text`` (localized text; on the internal audience a fallback says which language it fell
back to, on the public one it falls back silently), ``markdown`` (localized Markdown to
HTML with markdown-it-py, raw HTML disabled), ``date`` (Babel, ``format="long"``),
``time`` (``"10:00"`` or a datetime), ``number``, ``count(unit)`` (``3 | count("places")``
-> "3 miejsca"), ``weekdays`` (``[mo, tu]`` -> "pon., wt."), ``zone`` (an aware datetime's
time zone, in words), ``term(vocabulary)`` (a taxonomy label), ``language_name`` and
``link(scheme=None)`` (an http/https/mailto/tel link, else the value as text).
Every filter takes any record value without failing (a 4000-digit number, text where a
date was meant).
Record text is always data passed in the context, never a template.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import types
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, TemplateError, TemplateNotFound, Undefined, pass_context
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from lpps_cli.errors import LppsError
from lpps_cli.fsio import OutsideRegistry, TooLarge, contained, read_contained
from lpps_cli.i18n import translations as i18n
from lpps_cli.i18n.localize import localize_with_language
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.i18n.translations import ngettext
from lpps_cli.model.audience import INTERNAL
from lpps_cli.resources import data_dir
from lpps_cli.text.markup import link, markdown_html, printable

FORMATS = ("html", "md", "text")
WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
#: the largest template a registry may bring (ours are ~10 KiB)
TEMPLATE_LIMIT = 256 * 1024
#: values a template may see: plain data (``dict``/``list``/``tuple`` of these, keys included),
#: dates and times (immutable values whose methods compute and never read a file), Markup,
#: and functions we write (a template cannot reach what a function closes over: the sandbox
#: refuses every ``_``-attribute, so ``__closure__`` and ``__globals__`` are out of reach)
_PLAIN_SCALARS = (bool, int, float, type(None), dt.date, dt.datetime, dt.time)


def plain(value: Any) -> Any:
    """A copy of ``value`` that is plain data (see ``_PLAIN_SCALARS``): what every template gets.
    Anything else (a Registry, a Path, a Record) is a TypeError, so no object with methods that
    read or write files ever reaches a template. Lone surrogates in text become U+FFFD."""
    kind = type(value)
    if kind is Markup:
        return value
    if kind is str:
        return printable(value)
    if kind in _PLAIN_SCALARS:
        return value
    if kind is dict:
        return {plain(key): plain(item) for key, item in value.items()}
    if kind is list:
        return [plain(item) for item in value]
    if kind is tuple:
        return tuple(plain(item) for item in value)
    if kind is types.FunctionType:
        return value
    raise TypeError(f"{kind.__name__} is not plain data; a template gets only dicts, lists, text and numbers")


class RegistryTemplates(BaseLoader):
    """The registry's ``templates/`` folder, read through the one containment rule: a template
    that is (or passes through) a link out of the registry, or is over ``TEMPLATE_LIMIT``, is
    refused with an error naming it; a missing one falls through to the package's templates."""

    def __init__(self, root):
        self.root = root

    def get_source(self, environment, template: str):
        relative = "/".join(["templates", *split_template_path(template)])
        try:
            found = contained(self.root, relative).is_file()
            source = read_contained(self.root, relative, TEMPLATE_LIMIT).decode("utf-8") if found else None
        except (OutsideRegistry, TooLarge) as exc:
            raise LppsError(f"{exc}; lpps does not use this template", relative) from None
        except UnicodeDecodeError:
            raise LppsError("this template is not UTF-8 text; save it as UTF-8", relative) from None
        except OSError as exc:
            raise LppsError(f"this template cannot be read ({exc.strerror})", relative) from None
        if source is None:
            raise TemplateNotFound(template)
        return source, relative, lambda: True


def template_loader(registry=None) -> BaseLoader:
    """The registry's templates (contained, see ``RegistryTemplates``) first, then the package's."""
    ours = FileSystemLoader(str(data_dir("templates")))
    if registry is None or getattr(registry, "root", None) is None:
        return ours
    return ChoiceLoader([RegistryTemplates(registry.root), ours])


def localize(value: Any, lang: str, default: str | None = None) -> tuple[str, str | None]:
    """``value`` in ``lang``; else in ``default``; else in any language. Returns the text and
    the language it is in (``None`` for a plain string, which is in the default language)."""
    if isinstance(value, Undefined):
        return "", None
    return localize_with_language(value, lang, default)


def format_number(value: Any, lang: str | None = None) -> str:
    """A number as the language writes it; a value Babel cannot format (a 4000-digit integer,
    infinity, text) is written as it is, never an error."""
    try:
        return i18n.format_number(value, lang)
    except (ArithmeticError, ValueError, TypeError):
        try:
            return str(value)
        except ValueError:  # an integer over Python's digit limit
            return "…"


def unit_count(number: int, unit: str) -> str:
    """'1 miejsce / 3 miejsca / 5 miejsc': a capacity with its unit, plural by Babel's rules."""
    count = _plural_count(number)
    forms = {
        "beds": ngettext("%(num)s bed", "%(num)s beds", count),
        "places": ngettext("%(num)s place", "%(num)s places", count),
        "clients": ngettext("%(num)s client", "%(num)s clients", count),
        "hours": ngettext("%(num)s hour", "%(num)s hours", count),
    }
    template = forms.get(unit, "%(num)s " + str(unit))
    return template % {"num": format_number(number)}


def _plural_count(num: Any) -> int:
    """The number a plural form is chosen by: gettext takes only a whole number."""
    if type(num) is int:
        return num
    if isinstance(num, float) and math.isfinite(num):
        return int(num)
    return 0


_FORMAT_SPEC = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]")


class _Blank(dict):
    def __missing__(self, key):
        return ""


def _format_message(context, message: str, variables: dict) -> str:
    """Jinja's new-style gettext formatting, that never fails on record values: a value a
    ``%d`` cannot take (infinity, text) is written as text, a message that does not format is
    shown as it is."""
    wrap = Markup if context.eval_ctx.autoescape else str
    try:
        return wrap(message) % variables
    except (TypeError, ValueError, OverflowError, KeyError):
        pass
    texts = _Blank(
        {key: format_number(value) if isinstance(value, (int, float)) else value for key, value in variables.items()}
    )
    try:
        return wrap(_FORMAT_SPEC.sub(r"%(\1)s", message)) % texts
    except (TypeError, ValueError, KeyError):
        return wrap(message)


@pass_context
def _template_gettext(context, message: str, **variables: Any) -> str:
    return _format_message(context, i18n.gettext(message), variables)


@pass_context
def _template_ngettext(context, singular: str, plural: str, num: Any, **variables: Any) -> str:
    variables.setdefault("num", num)
    return _format_message(context, i18n.ngettext(singular, plural, _plural_count(num)), variables)


def _md_escape(value: Any) -> Any:
    """Markdown output: '<' of record text as an entity, so no viewer ever runs it as HTML."""
    if value is None or isinstance(value, Undefined):
        return ""
    return str(value).replace("&", "&amp;").replace("<", "&lt;") if isinstance(value, str) else value


def _blank_none(value: Any) -> Any:
    return "" if value is None else value


def _markdown_to_html(source: str) -> Markup:
    return markdown_html(source)


def environment(
    registry=None, lang: str = "en", audience: str = "public", fmt: str = "html"
) -> ImmutableSandboxedEnvironment:
    """A sandboxed Jinja2 environment for ``fmt`` in ``lang`` for ``audience`` (see the module doc).

    Immutable sandbox: a template cannot change the data it is given (no ``list.append``), nor
    reach an ``_``-attribute. Its loader reads registry templates only from inside the registry.
    The filters close over the language and the taxonomy in memory, never the registry or a path."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    i18n.set_language(lang)
    default = registry.default_language if registry is not None else i18n.SOURCE_LANGUAGE
    taxonomy_label = registry.taxonomy.label if registry is not None else None
    env = ImmutableSandboxedEnvironment(
        loader=template_loader(registry),
        autoescape=fmt == "html",
        finalize=_md_escape if fmt == "md" else _blank_none,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # _("%(n)d items", n=3); our callables never fail on a record value. The attribute is added at run time by
    # the i18n extension (Environment.extend), so the stubs do not know it.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(gettext=_template_gettext, ngettext=_template_ngettext)

    def fallback_note(used: str | None) -> str:
        if audience != INTERNAL or used is None or used == lang:
            return ""
        return _("(in %(language)s: no text in %(wanted)s)") % {
            "language": i18n.language_name(used, lang),
            "wanted": i18n.language_name(lang, lang),
        }

    def text_filter(value: Any) -> Any:
        text, used = localize(value, lang, default)
        note = fallback_note(used)
        if fmt == "html":
            return escape(text) + (Markup(' <span class="fallback">%s</span>') % note if note else "")
        return text + (f" _{note}_" if note and fmt == "md" else f" {note}" if note else "")

    def markdown_filter(value: Any, shift: int = 0) -> Any:
        text, used = localize(value, lang, default)
        note = fallback_note(used)
        if fmt != "html":
            return text + (f"\n\n_{note}_" if note else "")
        html = markdown_html(text, shift if type(shift) is int and 0 <= shift <= 5 else 0)
        return html + (Markup('<p class="fallback">%s</p>') % note if note else "")

    def date_filter(value: Any, format: str = "long") -> str:
        try:
            return i18n.format_date(value, lang, format) if value else ""
        except (ValueError, TypeError, ArithmeticError, AttributeError):  # a bad pattern in a template
            return str(value)

    def time_filter(value: Any) -> str:
        if isinstance(value, str):
            try:
                value = dt.time.fromisoformat(value)
            except ValueError:
                return value
        if not isinstance(value, (dt.time, dt.datetime)):
            return "" if value is None else str(value)
        return i18n.format_time(value, lang)

    def zone_filter(value: Any) -> str:
        return i18n.format_timezone(value, lang) if isinstance(value, dt.datetime) and value.tzinfo else ""

    def term_filter(value: Any, vocabulary: str) -> str:
        if taxonomy_label is None or not isinstance(value, str):
            return str(value or "")
        return taxonomy_label(vocabulary, value, lang)

    def weekdays_filter(days: Any) -> str:
        from babel.dates import get_day_names

        names = get_day_names("abbreviated", locale=lang)
        days = days if isinstance(days, list) else []
        return ", ".join(names[WEEKDAYS.index(d)] for d in days if isinstance(d, str) and d in WEEKDAYS)

    env.filters.update(
        {
            "weekdays": weekdays_filter,
            "zone": zone_filter,
            "text": text_filter,
            "markdown": markdown_filter,
            "date": date_filter,
            "time": time_filter,
            "number": lambda value: format_number(value, lang),
            "count": unit_count,
            "link": link if fmt == "html" else lambda value, *args, **kwargs: "" if value is None else str(value),
            "term": term_filter,
            "language_name": lambda code: i18n.language_name(str(code), lang),
        }
    )
    env.globals.update({"lang": lang, "audience": audience, "fmt": fmt, "default_language": default})
    return env


def get_template(env: ImmutableSandboxedEnvironment, name: str):
    """``env.get_template(name)``; a registry template that does not parse is an error naming it."""
    try:
        return env.get_template(name)
    except TemplateNotFound as exc:
        raise LppsError(
            f"no template {exc.name!r}; a registry template may only include the templates "
            "lpps ships or ones in the registry's templates/ folder"
        ) from None
    except TemplateError as exc:
        raise template_error(exc, name) from None


def template_error(exc: BaseException, name: str) -> LppsError:
    """A template that failed (does not parse, does what the sandbox refuses, divides by zero)
    as one clear error naming the template and, where known, its line."""
    where, line = getattr(exc, "filename", None) or getattr(exc, "name", None) or name, getattr(exc, "lineno", None)
    frame = exc.__traceback__
    while frame is not None:  # Jinja maps a runtime error to the template's own file and line
        if not frame.tb_frame.f_code.co_filename.endswith(".py"):
            where, line = frame.tb_frame.f_code.co_filename, frame.tb_lineno
        frame = frame.tb_next
    message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
    return LppsError(
        f"template {where}{f', line {line}' if line else ''}: {message}; "
        "fix it in the registry's templates/ folder (or remove it to use lpps's own)"
    )


def render_template(template, context: dict[str, Any]) -> str:
    """``template.render`` of plain data (already made plain by the caller); a template that
    fails is an LppsError naming it, and the text can be written to any UTF-8 file."""
    try:
        return printable(template.render(context))
    except LppsError:
        raise
    except Exception as exc:
        raise template_error(exc, template.name) from None


def render(env: ImmutableSandboxedEnvironment, name: str, **context: Any) -> str:
    """Render the template ``name`` with ``context`` (made plain data first, see ``plain``)."""
    return render_template(get_template(env, name), plain(context))
