"""The static web portal: one tree of pages per language, a JSON index for client-side search.

Layout of OUT: ``index.html`` (to the default language), ``static/`` (CSS, JS), ``meetings.ics``,
and per language ``<lang>/index.html``, ``services.html``, ``services/<id>.html``,
``members.html``, ``members/<id>.html``, ``meetings.html``, ``documents.html``,
``documents/<id>.html`` and ``search-index.js``. Every link is relative, so the site works
from ``file://``; the index is a script that assigns a global, because browsers block
``fetch()`` of ``file://`` URLs.

Records pass through ``for_audience`` before any template sees them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from lpps_cli.audience import PUBLIC
from lpps_cli.exporters import (EXPORT_KINDS, check_audience, free_places, localize, partnership_data,
                                public_records, safe_file_id)
from lpps_cli.fsio import atomic_write
from lpps_cli.i18n import gettext as _, set_language
from lpps_cli.labels import service_statuses
from lpps_cli.term_match import broader_chain

#: pages of each language tree: template -> output path (relative to the language folder)
PAGES = {"site/index.html": "index.html", "site/services.html": "services.html",
         "site/members.html": "members.html", "site/meetings.html": "meetings.html",
         "site/documents.html": "documents.html"}
#: record pages: kind -> (template, folder)
RECORD_PAGES = {"service": ("site/service.html", "services"), "member": ("site/member.html", "members"),
                "document": ("site/document.html", "documents")}
VISIBLE_DOCUMENTS = ("adopted", "superseded")
#: members the portal lists and gives a page: not applicants, not former (or excluded) members
LISTED_MEMBERS = ("active", "suspended")


def environment(registry):
    """A sandboxed, autoescaping Jinja2 environment: the registry's templates/ first, then ours.

    TODO: unify with lpps_cli/render.py (the brochure's environment) once it is on main.
    """
    from jinja2 import ChoiceLoader, FileSystemLoader
    from jinja2.sandbox import SandboxedEnvironment

    from lpps_cli.resources import data_dir

    loaders = [FileSystemLoader(str(registry.root / "templates")), FileSystemLoader(str(data_dir("templates")))]
    env = SandboxedEnvironment(autoescape=True, loader=ChoiceLoader(loaders), trim_blocks=True, lstrip_blocks=True)
    env.globals["_"] = lambda message, **values: _(message) % values if values else _(message)
    return env


class Site:
    """What the templates see for one language: records (public view), labels, formatting."""

    def __init__(self, registry, audience: str, lang: str):
        self.registry = registry
        self.lang = lang
        self.default = registry.default_language
        self.audience = audience
        self.partnership = partnership_data(registry, audience)
        self.records = {kind: dict(public_records(registry, kind, audience)) for kind in EXPORT_KINDS}
        self.documents = {i: d for i, d in self.records["document"].items() if d.get("status") in VISIBLE_DOCUMENTS}
        self.members = {i: m for i, m in self.records["member"].items() if m.get("status") in LISTED_MEMBERS}
        # indexes made once: every member page asks for its services and groups
        self._services_of: dict[str, list[tuple[str, dict]]] = {}
        for sid, service in self.records["service"].items():
            partners = service.get("partners") if isinstance(service.get("partners"), list) else []
            for member_id in dict.fromkeys([service.get("provider"), *partners]):
                if isinstance(member_id, str):
                    self._services_of.setdefault(member_id, []).append((sid, service))
        self._groups_of: dict[str, list[dict]] = {}
        for group in self.records["group"].values():
            for member_id in dict.fromkeys(m for m in group.get("members") or [] if isinstance(m, str)):
                self._groups_of.setdefault(member_id, []).append(group)
        self._area_matches: dict[str, set[str]] = {}

    # -- helpers the templates call ---------------------------------------------
    @property
    def name(self) -> str:
        return self.t(self.partnership.get("name")) or self.partnership.get("short_name") or "lpps"

    def t(self, value: Any) -> str:
        return localize(value, self.lang, self.default)

    def label(self, vocabulary: str, term: Any) -> str:
        return self.registry.taxonomy.label(vocabulary, term, self.lang) if isinstance(term, str) else ""

    def date(self, value: Any, format: str = "long") -> str:
        import datetime as dt

        from babel.dates import format_date

        try:
            return format_date(dt.date.fromisoformat(value), format=format, locale=self.lang)
        except (TypeError, ValueError):
            return str(value or "")

    def status(self, value: Any) -> str:
        return service_statuses().get(value, str(value or ""))

    def member_name(self, member_id: Any) -> str:
        data = self.records["member"].get(member_id)
        return self.t(data.get("name")) if data else str(member_id)

    def free(self, capacity: Any) -> int | None:
        return free_places(capacity)

    def services_of(self, member_id: str) -> list[tuple[str, dict]]:
        return self._services_of.get(member_id, [])

    def groups_of(self, member_id: str) -> list[dict]:
        return self._groups_of.get(member_id, [])

    def meetings(self, status: str) -> list[tuple[str, dict]]:
        found = [(mid, m) for mid, m in self.records["meeting"].items() if m.get("status") == status]
        return sorted(found, key=lambda item: str(item[1].get("date")), reverse=status != "planned")

    def meeting_title(self, data: dict) -> str:
        from lpps_cli.exporters.ics import meeting_title

        return meeting_title(data, self.lang, self.default, self.registry)

    def markdown(self, document_id: str, data: dict) -> str:
        """The document's body as HTML: Markdown with raw HTML disabled, so record text stays text."""
        from markdown_it import MarkdownIt
        from markupsafe import Markup

        body = self.t(data.get("body"))
        if not body and document_id in self.registry.bodies:
            path = self.registry.root / self.registry.bodies[document_id]
            body = path.read_text(encoding="utf-8") if path.is_file() else ""
        parser = MarkdownIt("commonmark", {"html": False}).enable("table")
        tokens = parser.parse(body)
        for token in tokens:  # the page title is the h1: the body's headings go one level down
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        return Markup(parser.renderer.render(tokens, parser.options, {}))

    def vocabulary_terms(self, vocabulary: str, used: set[str]) -> list[tuple[str, str]]:
        terms = [(tid, self.label(vocabulary, tid)) for tid in self.registry.taxonomy.terms(vocabulary) if tid in used]
        return sorted(terms, key=lambda item: item[1].casefold())

    def used(self, field: str) -> set[str]:
        found: set[str] = set()
        for service in self.records["service"].values():
            value = service.get(field)
            found.update(value if isinstance(value, list) else [value] if isinstance(value, str) else [])
        return found

    # -- the search index ---------------------------------------------------------
    def area_matches(self, areas: list[str]) -> list[str]:
        """Areas a filter may name to find a service of ``areas``: each, what it holds, what holds it."""
        vocab = self.registry.taxonomy.vocabularies.get("areas")
        if vocab is None:
            return list(areas)
        found: set[str] = set()
        for area in areas:
            if area not in self._area_matches:
                above = broader_chain(self.registry.taxonomy, "areas", area)
                self._area_matches[area] = vocab.narrower_or_self(area) | set(above)
            found |= self._area_matches[area]
        return sorted(found)

    def search_index(self) -> dict[str, Any]:
        services = {}
        for sid, data in self.records["service"].items():
            target_groups = data.get("target_groups", [])
            words = [self.t(data.get("name")), self.t(data.get("description")), self.member_name(data.get("provider")),
                     self.label("service-types", data.get("type")), *(self.label("target-groups", g) for g in target_groups),
                     *(self.label("areas", a) for a in data.get("areas", []))]
            services[sid] = {"type": data.get("type"), "form": data.get("form"), "target_groups": target_groups,
                             "areas": self.area_matches(data.get("areas", [])), "free": self.free(data.get("capacity")),
                             "status": data.get("status"), "text": " ".join(w for w in words if w)}
        return {"lang": self.lang, "services": services}


def build_site(registry, out: Path, audience: str = PUBLIC) -> list[Path]:
    """Render the portal into ``out``; return the files written."""
    check_audience(audience)
    from lpps_cli.i18n import current_language

    out = Path(out)
    env = environment(registry)
    written: list[Path] = []
    previous = current_language()
    try:
        for lang in registry.languages:
            set_language(lang)
            site = Site(registry, audience, lang)
            written += _language_tree(env, site, out / lang)
    finally:
        set_language(previous)
    written += _static(registry, out)
    from lpps_cli.exporters.ics import calendar

    atomic_write(out / "meetings.ics", calendar(registry, registry.default_language, audience))
    default = registry.default_language
    atomic_write(out / "index.html", env.get_template("site/redirect.html").render(target=f"{default}/index.html",
                                                                                  lang=default))
    return [*written, out / "meetings.ics", out / "index.html"]


def _language_tree(env, site: Site, folder: Path) -> list[Path]:
    written = []
    common = {"site": site, "lang": site.lang, "languages": site.registry.languages}

    def render(template: str, path: str, **context: Any) -> None:
        depth = path.count("/")
        html = env.get_template(template).render(**common, page=path, root="../" * depth,
                                                  top="../" * (depth + 1), **context)
        atomic_write(folder / path, html, durable=False)
        written.append(folder / path)

    for template, path in PAGES.items():
        render(template, path)
    for kind, (template, subfolder) in RECORD_PAGES.items():
        records = {"document": site.documents, "member": site.members}.get(kind, site.records[kind])
        for record_id, data in records.items():
            render(template, f"{subfolder}/{safe_file_id(record_id)}.html", id=record_id, record=data)
    index = json.dumps(site.search_index(), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    atomic_write(folder / "search-index.js", f"window.LPPS_INDEX = {index};\n", durable=False)
    written.append(folder / "search-index.js")
    return written


def _static(registry, out: Path) -> list[Path]:
    """Our static files, then the registry's templates/site/static/ over them."""
    from lpps_cli.resources import data_dir

    written = []
    for source in (data_dir("templates") / "site" / "static", registry.root / "templates" / "site" / "static"):
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    target = out / "static" / path.relative_to(source)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
                    written.append(target)
    return written
