"""A semantic diff phrased for people: text for a terminal, Markdown for a pull-request
comment (a short summary first, the details folded), JSON for other tools.

Every id, field and value comes from a member's pull request: each renderer quotes it for where
it goes (one line for a terminal or CI log, inert Markdown for the comment the CI bot posts).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from lpps_cli.changes.fieldpath import display
from lpps_cli.changes.semdiff import Diff, FieldChange, RecordChange
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.i18n.translations import ngettext
from lpps_cli.text.formats import markdown_code, markdown_line, markdown_text, one_line, shorten

MAX_SHOWN = 60  # characters of a long value in a sentence
MAX_SENTENCES = 30  # sentences before the Markdown summary says "and N more"
MAX_ROWS = 300  # table rows in the Markdown details (a GitHub comment holds 65536 characters)

#: how record text is quoted into a sentence: as is (JSON), one line (text), inert Markdown
Quote = Callable[[str], str]


def _as_is(text: str) -> str:
    return text


def kind_name(kind: str) -> str:
    names = {
        "partnership": _("partnership"),
        "member": _("member"),
        "service": _("service"),
        "group": _("group"),
        "document": _("document"),
        "meeting": _("meeting"),
        "decision": _("decision"),
        "project": _("project"),
        "taxonomy": _("vocabulary"),
    }
    return names.get(kind, kind)


def short(value: Any) -> str:
    return shorten(display(value), MAX_SHOWN)


def field_label(name: str) -> str:
    """``name.pl`` -> ``name (pl)``: a localized text's language said the way people say it."""
    head, _dot, last = name.rpartition(".")
    if head and len(last) in (2, 3) and last.isalpha() and last.islower():
        return f"{head} ({last})"
    return name


def field_sentence(record: RecordChange, change: FieldChange, quote: Quote = _as_is) -> str:
    def shown(value: Any) -> str:
        return quote(short(value))

    values = {"id": quote(str(record.id)), "field": quote(field_label(change.field))}
    if change.added or change.removed:
        parts = [f"+ {shown(v)}" for v in change.added] + [f"− {shown(v)}" for v in change.removed]
        return _("%(id)s: %(field)s %(items)s") % {**values, "items": ", ".join(parts)}
    if change.field in ("capacity.occupied", "capacity.total"):
        unit = (
            (record.data.get("capacity") or {}).get("unit", "") if isinstance(record.data.get("capacity"), dict) else ""
        )
        label = _("occupied") if change.field.endswith("occupied") else _("capacity")
        return (
            _("%(id)s: %(label)s %(old)s → %(new)s %(unit)s")
            % {
                **values,
                "label": label,
                "old": shown(change.old),
                "new": shown(change.new),
                "unit": quote(str(unit)) if unit else "",
            }
        ).rstrip()
    if change.old is None:
        return _("%(id)s: %(field)s set to %(new)s") % {**values, "new": shown(change.new)}
    if change.new is None:
        return _("%(id)s: %(field)s removed (was %(old)s)") % {**values, "old": shown(change.old)}
    return _("%(id)s: %(field)s %(old)s → %(new)s") % {**values, "old": shown(change.old), "new": shown(change.new)}


def record_sentence(record: RecordChange, how: str, quote: Quote = _as_is) -> str:
    values = {"kind": quote(kind_name(record.kind)), "id": quote(str(record.id))}
    if how == "added":
        status = record.data.get("status")
        if isinstance(status, str):
            return _("new %(kind)s: %(id)s (%(status)s)") % {**values, "status": quote(short(status))}
        return _("new %(kind)s: %(id)s") % values
    if how == "removed":
        return _("removed %(kind)s: %(id)s") % values
    return _("renamed %(kind)s: %(old)s → %(id)s") % {**values, "old": quote(str(record.old_id))}


def sentences(diff: Diff, quote: Quote = _as_is) -> list[str]:
    found = [record_sentence(r, "added", quote) for r in diff.added]
    found += [record_sentence(r, "removed", quote) for r in diff.removed]
    found += [record_sentence(r, "renamed", quote) for r in diff.renamed]
    for record in diff.changed:
        found += [field_sentence(record, change, quote) for change in record.fields]
    return found


def counts(diff: Diff) -> str:
    parts = []
    for number, singular, plural in (
        (len(diff.added), "%(count)d record added", "%(count)d records added"),
        (len(diff.removed), "%(count)d record removed", "%(count)d records removed"),
        (len(diff.renamed), "%(count)d record renamed", "%(count)d records renamed"),
        (len(diff.changed), "%(count)d record changed", "%(count)d records changed"),
    ):
        if number:
            parts.append(ngettext(singular, plural, number) % {"count": number})
    return ", ".join(parts) if parts else _("no record changed")


def render_text(diff: Diff) -> str:
    lines = [
        _("%(base)s → %(head)s: %(counts)s")
        % {"base": one_line(diff.base), "head": one_line(diff.head), "counts": counts(diff)}
    ]
    lines += [f"  {sentence}" for sentence in sentences(diff, one_line)]
    lines += [_("  (not readable as YAML: %(file)s)") % {"file": one_line(f)} for f in diff.unreadable]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    return markdown_text(display(value)) if value is not None else ""


def render_md(diff: Diff) -> str:
    """The pull-request comment: only lpps writes its structure; record text is inert."""
    lines = [
        _("### lpps diff: %(counts)s") % {"counts": counts(diff)},
        "",
        _("Compared %(base)s with %(head)s.") % {"base": markdown_code(diff.base), "head": markdown_code(diff.head)},
        "",
    ]
    said = sentences(diff, markdown_text)
    lines += [f"- {markdown_line(sentence)}" for sentence in said[:MAX_SENTENCES]]
    if len(said) > MAX_SENTENCES:
        lines.append("- " + _("… and %(count)d more changes (see the details)") % {"count": len(said) - MAX_SENTENCES})
    if diff.unreadable:
        lines += [
            "",
            _("Not readable as YAML: %(files)s") % {"files": ", ".join(markdown_code(f) for f in diff.unreadable)},
        ]
    if diff.empty:
        return "\n".join(lines).rstrip() + "\n"
    # the words outside the f-strings, where Babel's extractor finds them
    heads = [_("record"), _("field"), _("before"), _("after")]
    added, removed = _("added"), _("removed")
    rows = ["| " + " | ".join(heads) + " |", "| --- | --- | --- | --- |"]
    body = [f"| {markdown_code(record.path)} | | | {added} |" for record in diff.added]
    body += [f"| {markdown_code(record.path)} | | {removed} | |" for record in diff.removed]
    body += [
        f"| {markdown_code(record.path)} | id | {_cell(record.old_id)} | {_cell(record.id)} |"
        for record in diff.renamed
    ]
    for record in diff.changed:
        for change in record.fields:
            before = (
                change.old
                if not (change.added or change.removed)
                else ", ".join(f"− {display(v)}" for v in change.removed)
            )
            after = (
                change.new
                if not (change.added or change.removed)
                else ", ".join(f"+ {display(v)}" for v in change.added)
            )
            body.append(
                f"| {markdown_code(record.path)} | {markdown_code(change.field)} | {_cell(before)} | {_cell(after)} |"
            )
    rows += body[:MAX_ROWS]
    if len(body) > MAX_ROWS:
        rows.append("| " + _("… and %(count)d more rows") % {"count": len(body) - MAX_ROWS} + " | | | |")
    lines += ["", "<details><summary>" + _("Details: every field") + "</summary>", "", *rows, "", "</details>"]
    return "\n".join(lines) + "\n"


def as_json(diff: Diff) -> dict:
    def record(r: RecordChange, with_status: bool = False) -> dict:
        found = {"kind": r.kind, "id": r.id, "path": r.path}
        if with_status and isinstance(r.data.get("status"), str):
            found["status"] = r.data["status"]
        return found

    return {
        "base": diff.base,
        "head": diff.head,
        "added": [record(r, True) for r in diff.added],
        "removed": [record(r, True) for r in diff.removed],
        "renamed": [{**record(r), "old_id": r.old_id} for r in diff.renamed],
        "changed": [
            {
                **record(r),
                "fields": [c.as_dict() for c in r.fields],
                "sentences": [field_sentence(r, c) for c in r.fields],
            }
            for r in diff.changed
        ],
        "unreadable": diff.unreadable,
        "sentences": sentences(diff),
    }


def render_json(diff: Diff) -> str:
    return json.dumps(as_json(diff), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "md": render_md, "json": render_json}
