"""The static web portal: one tree of pages per language, a JSON index for client-side search.

Layout of OUT: ``index.html`` (to the default language), ``static/`` (CSS, JS), ``meetings.ics``,
and per language ``<lang>/index.html``, ``services.html``, ``services/<id>.html``,
``members.html``, ``members/<id>.html``, ``meetings.html``, ``documents.html``,
``documents/<id>.html`` and ``search-index.js``. Every link is relative, so the site works
from ``file://``; the index is a script that assigns a global, because browsers block
``fetch()`` of ``file://`` URLs.

Records pass through ``for_audience`` before any template sees them, and templates see plain
data only (``site_context``): no registry, path or record, so a registry's own template can read
no file and no internal field. ``build_site`` writes a fresh sibling folder and swaps it in at the
end (see ``outfolder``): an error or Ctrl-C leaves the old site as it was, and the pages of
removed records are gone after a rebuild.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from markupsafe import Markup

from lpps_cli.documents.bodies import document_body
from lpps_cli.exporters import free_places, localize, safe_file_id
from lpps_cli.i18n.translations import current_language, set_language
from lpps_cli.model.audience import EXPORT_KINDS, PUBLIC, check_audience, partnership_data, public_records
from lpps_cli.model.labels import service_statuses
from lpps_cli.model.term_match import broader_chain
from lpps_cli.portal.outfolder import replace_folder
from lpps_cli.text.markup import markdown_html, printable

#: pages of each language tree: template -> output path (relative to the language folder)
PAGES = {
    "site/index.html": "index.html",
    "site/services.html": "services.html",
    "site/members.html": "members.html",
    "site/meetings.html": "meetings.html",
    "site/documents.html": "documents.html",
}
#: record pages: kind -> (template, folder)
RECORD_PAGES = {
    "service": ("site/service.html", "services"),
    "member": ("site/member.html", "members"),
    "document": ("site/document.html", "documents"),
}
VISIBLE_DOCUMENTS = ("adopted", "superseded")
#: members the portal lists and gives a page: not applicants, not former (or excluded) members
LISTED_MEMBERS = ("active", "suspended")


def site_context(registry, audience: str, lang: str, bodies: dict[str, str]) -> dict[str, Any]:
    """``site`` as the templates see it for one language: plain data (records as ``audience`` may
    see them) and helper functions that close over plain data and the taxonomy in memory, never
    the registry, a path or a record. ``bodies``: document id -> its Markdown body, read once."""
    default, taxonomy = registry.default_language, registry.taxonomy
    partnership = partnership_data(registry, audience)
    records = {kind: dict(public_records(registry, kind, audience)) for kind in EXPORT_KINDS}
    documents = {i: d for i, d in records["document"].items() if d.get("status") in VISIBLE_DOCUMENTS}
    members = {i: m for i, m in records["member"].items() if m.get("status") in LISTED_MEMBERS}
    services_of: dict[str, list[tuple[str, dict]]] = {}  # made once: every member page asks
    for sid, service in records["service"].items():
        partners: list[Any] = service["partners"] if isinstance(service.get("partners"), list) else []
        for member_id in dict.fromkeys([service.get("provider"), *partners]):
            if isinstance(member_id, str):
                services_of.setdefault(member_id, []).append((sid, service))
    groups_of: dict[str, list[dict]] = {}
    for group in records["group"].values():
        for member_id in dict.fromkeys(m for m in group.get("members") or [] if isinstance(m, str)):
            groups_of.setdefault(member_id, []).append(group)
    from lpps_cli.exporters.ics import meeting_title

    titles = {mid: meeting_title(m, lang, default, registry) for mid, m in records["meeting"].items()}
    statuses = dict(service_statuses())
    names = {mid: localize(m.get("name"), lang, default) for mid, m in records["member"].items()}

    def t(value: Any) -> str:
        return localize(value, lang, default)

    def label(vocabulary: Any, term: Any) -> str:
        return taxonomy.label(vocabulary, term, lang) if isinstance(term, str) and isinstance(vocabulary, str) else ""

    def date(value: Any, format: str = "long") -> str:
        from babel.dates import format_date

        try:
            return format_date(dt.date.fromisoformat(value), format=format, locale=lang)
        except (TypeError, ValueError, AttributeError, ArithmeticError):
            return str(value or "")

    def meetings(status: Any) -> list[tuple[str, dict]]:
        found = [(mid, m) for mid, m in records["meeting"].items() if m.get("status") == status]
        return sorted(found, key=lambda item: str(item[1].get("date")), reverse=status != "planned")

    def markdown(document_id: Any, data: Any) -> Markup:
        """A document's body as HTML, one heading level down (the page title is the h1)."""
        body = t(data.get("body")) if isinstance(data, dict) else ""
        return markdown_html(body or bodies.get(document_id, ""), 1)

    def vocabulary_terms(vocabulary: Any, used: Any) -> list[tuple[str, str]]:
        if not isinstance(vocabulary, str) or vocabulary not in taxonomy:
            return []
        terms = [(tid, label(vocabulary, tid)) for tid in taxonomy.terms(vocabulary) if tid in used]
        return sorted(terms, key=lambda item: item[1].casefold())

    def used(field: Any) -> list[str]:
        found: set[str] = set()
        for service in records["service"].values():
            value = service.get(field)
            found.update(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))
        return sorted(found)

    def member_name(member_id: Any) -> str:
        return (names.get(member_id) or str(member_id)) if isinstance(member_id, str) else str(member_id or "")

    def status(value: Any) -> str:
        return statuses.get(value, str(value or "")) if isinstance(value, str) else str(value or "")

    def free(capacity: Any) -> int | None:
        return free_places(capacity)

    def services(member_id: Any) -> list[tuple[str, dict]]:
        return services_of.get(member_id, []) if isinstance(member_id, str) else []

    def groups(member_id: Any) -> list[dict]:
        return groups_of.get(member_id, []) if isinstance(member_id, str) else []

    def title(data: Any) -> str:
        return (
            titles.get(record_id, "") if isinstance(data, dict) and isinstance(record_id := data.get("id"), str) else ""
        )

    return {
        "name": t(partnership.get("name")) or partnership.get("short_name") or "lpps",
        "lang": lang,
        "default": default,
        "audience": audience,
        "partnership": partnership,
        "records": records,
        "documents": documents,
        "members": members,
        "t": t,
        "label": label,
        "date": date,
        "status": status,
        "member_name": member_name,
        "free": free,
        "services_of": services,
        "groups_of": groups,
        "meetings": meetings,
        "meeting_title": title,
        "markdown": markdown,
        "vocabulary_terms": vocabulary_terms,
        "used": used,
    }


# -- the search index ---------------------------------------------------------
def search_index(registry, site: dict[str, Any]) -> dict[str, Any]:
    """The services as the search page filters them: terms, free places and the words to find."""
    vocab = registry.taxonomy.vocabularies.get("areas")
    area_matches: dict[str, set[str]] = {}

    def matches(areas: list) -> list[str]:
        """Areas a filter may name to find a service of ``areas``: each, what it holds, what holds it."""
        areas = [a for a in areas if isinstance(a, str)]
        if vocab is None:
            return areas
        found: set[str] = set()
        for area in areas:
            if area not in area_matches:
                area_matches[area] = vocab.narrower_or_self(area) | set(broader_chain(registry.taxonomy, "areas", area))
            found |= area_matches[area]
        return sorted(found)

    services = {}
    label, t = site["label"], site["t"]
    for sid, data in site["records"]["service"].items():
        target_groups = data.get("target_groups") if isinstance(data.get("target_groups"), list) else []
        areas = data.get("areas") if isinstance(data.get("areas"), list) else []
        words = [
            t(data.get("name")),
            t(data.get("description")),
            site["member_name"](data.get("provider")),
            label("service-types", data.get("type")),
            *(label("target-groups", g) for g in target_groups),
            *(label("areas", a) for a in areas),
        ]
        services[sid] = {
            "type": data.get("type"),
            "form": data.get("form"),
            "target_groups": target_groups,
            "areas": matches(areas),
            "free": free_places(data.get("capacity")),
            "status": data.get("status"),
            "text": " ".join(w for w in words if w),
        }
    return {"lang": site["lang"], "services": services}


def build_site(registry, out: Path, audience: str = PUBLIC) -> list[Path]:
    """Render the portal into ``out`` (replaced as a whole; see ``outfolder.replace_folder``);
    return the files written."""
    check_audience(audience)
    return replace_folder(Path(out), lambda folder: _build(registry, folder, audience))


def _build(registry, out: Path, audience: str) -> list[Path]:
    from lpps_cli.documents.render import environment, get_template, plain, render_template

    bodies = {did: document_body(registry, did) for did in registry.bodies if did in registry.documents}
    written: list[Path] = []
    previous = current_language()
    try:
        for lang in registry.languages:
            env = environment(registry, lang, audience, "html")
            site = site_context(registry, audience, lang, bodies)
            common = plain({"site": site, "lang": lang, "languages": registry.languages})
            written += _language_tree(env, common, out / lang, search_index(registry, site))
        set_language(registry.default_language)
        env = environment(registry, registry.default_language, audience, "html")
        default = registry.default_language
        written += _static(registry, out)
        from lpps_cli.exporters.ics import calendar

        _write_page(out / "meetings.ics", calendar(registry, default, audience))
        index = render_template(
            get_template(env, "site/redirect.html"), plain({"target": f"{default}/index.html", "lang": default})
        )
        _write_page(out / "index.html", index)
    finally:
        set_language(previous)
    return [*written, out / "meetings.ics", out / "index.html"]


def _write_page(path: Path, text: str | bytes) -> None:
    """One file of the new site (a fresh folder nobody reads yet: no temporary file needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else printable(text).encode("utf-8"))


def _language_tree(env, common: dict[str, Any], folder: Path, index: dict[str, Any]) -> list[Path]:
    from lpps_cli.documents.render import get_template, plain, render_template

    written = []
    site = common["site"]

    def render(template: str, path: str, **context: Any) -> None:
        depth = path.count("/")
        page = {**common, "page": path, "root": "../" * depth, "top": "../" * (depth + 1), **plain(context)}
        _write_page(folder / path, render_template(get_template(env, template), page))
        written.append(folder / path)

    for template, path in PAGES.items():
        render(template, path)
    for kind, (template, subfolder) in RECORD_PAGES.items():
        records = {"document": site["documents"], "member": site["members"]}.get(kind, site["records"][kind])
        for record_id, data in records.items():
            render(template, f"{subfolder}/{safe_file_id(record_id)}.html", id=record_id, record=data)
    text = json.dumps(plain(index), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    _write_page(folder / "search-index.js", f"window.LPPS_INDEX = {text};\n")
    written.append(folder / "search-index.js")
    return written


def _static(registry, out: Path) -> list[Path]:
    """Our static files, then the registry's templates/site/static/ over them (read only from
    inside the registry, see ``outfolder.registry_static``)."""
    from lpps_cli.portal.outfolder import registry_static
    from lpps_cli.resources import data_dir

    written = []
    ours = data_dir("templates") / "site" / "static"
    for path in sorted(ours.rglob("*")):
        if path.is_file():
            target = out / "static" / path.relative_to(ours)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    for relative, data in registry_static(registry.root):
        target = out / "static" / relative
        _write_page(target, data)
        if target not in written:
            written.append(target)
    return written
