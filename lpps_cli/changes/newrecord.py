"""``lpps new KIND``: a new record file with comments that explain each field, checked
against the whole registry before it is written, never over an existing file."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lpps_cli.changes import fieldpath
from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.registry import FOLDERS, Registry
from lpps_cli.model.slug import slugify

#: the folder of a registry where lpps init puts the schemas its files' modelines name
SCHEMA_FOLDER = "schemas"

NEW_KINDS = ("member", "service", "document", "decision", "project", "group", "meeting")
#: the field a record's name is in (its id is made from it)
NAME_FIELD = {
    "member": "name",
    "service": "name",
    "group": "name",
    "document": "title",
    "project": "title",
    "decision": "text",
    "meeting": "title",
}
#: what a new record starts as, when not told otherwise
DEFAULTS: dict[str, dict[str, Any]] = {
    "member": {"status": "applicant"},
    "service": {"status": "active"},
    "document": {"status": "draft"},
    "decision": {"method": "meeting", "outcome": "pending"},
    "project": {"status": "idea"},
    "group": {},
    "meeting": {"kind": "general", "status": "planned"},
}
#: fields asked for on a terminal (the schema's required ones, in a sensible order)
ASKED = {
    "member": ["name", "sector", "kind", "email"],
    "service": ["name", "provider", "type", "target_groups", "areas"],
    "document": ["title", "kind"],
    "decision": ["text", "kind", "date"],
    "project": ["title", "lead"],
    "group": ["name", "lead"],
    "meeting": ["date", "kind"],
}


@dataclass
class NewRecord:
    kind: str
    id: str
    rel_path: str
    text: str


def required(kind: str) -> list[str]:
    from lpps_cli.reading.schemas import bundled

    return [name for name in bundled(kind).get("required", []) if name != "id"]


def choices(registry: Registry, kind: str, name: str) -> list[str]:
    """What a field may hold, for prompts and completion: enum values, taxonomy terms, member ids."""
    node = fieldpath.schema_at(kind, [name])
    vocabulary = fieldpath.vocabulary_for(kind, [name])
    if vocabulary:
        return sorted(registry.taxonomy.terms(vocabulary))
    items: dict[str, Any] = node["items"] if isinstance(node.get("items"), dict) else node
    if isinstance(items.get("enum"), list):
        return [str(v) for v in items["enum"]]
    if name in ("provider", "lead", "partners", "members", "presenter", "chair"):
        return sorted(registry.members)
    if name == "group":
        return sorted(registry.groups)
    return []


def set_path(data: dict, parts: list, value: Any, default_language: str = "en") -> None:
    for index, part in enumerate(parts[:-1]):
        following = parts[index + 1]
        if isinstance(data, dict):
            if isinstance(data.get(part), str) and isinstance(following, str):
                data[part] = {default_language: data[part]}  # a plain text becomes a map of languages
            data = data.setdefault(part, [] if isinstance(following, int) else {})
        else:
            while len(data) <= part:
                data.append({})
            data = data[part]
    if isinstance(data, list):
        while len(data) <= parts[-1]:
            data.append(None)
    data[parts[-1]] = value


def build(
    registry: Registry, kind: str, values: dict[str, str], record_id: str | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The record's data from field paths and the texts given for them, typed by the schema."""
    if kind not in NEW_KINDS:
        from lpps_cli.model.suggest import did_you_mean

        raise LppsError(
            _("lpps new makes a %(kinds)s, not a '%(kind)s'%(hint)s")
            % {"kinds": ", ".join(NEW_KINDS), "kind": kind, "hint": did_you_mean(kind, NEW_KINDS)}
        )
    data: dict[str, Any] = {"id": None}
    for path, text in sorted(values.items(), key=lambda item: item[0].count(".")):  # whole fields first
        parts = fieldpath.split(path)
        node = fieldpath.schema_at(kind, parts)
        set_path(
            data,
            parts,
            fieldpath.coerce(kind, path, node, text, registry.taxonomy, fieldpath.vocabulary_for(kind, parts)),
            registry.default_language,
        )
    for key, value in DEFAULTS[kind].items():
        data.setdefault(key, value)
    today = today or dt.date.today()
    if kind in ("decision", "meeting"):
        data.setdefault("date", today)
    if kind == "group" and "members" not in data:
        data["members"] = [data["lead"]] if isinstance(data.get("lead"), str) else []
    data["id"] = record_id or derive_id(registry, kind, data)
    return data


def derive_id(registry: Registry, kind: str, data: dict[str, Any]) -> str:
    if kind == "meeting":
        base = f"{fieldpath.display(data.get('date'))}-{data.get('group') or data.get('kind') or 'meeting'}"
    elif kind == "decision":
        base = f"{data.get('kind') or 'decision'}-{slugify(_text(data.get('text')))}"
    else:
        base = slugify(_text(data.get(NAME_FIELD[kind])))
    base = slugify(base)[:60].rstrip("-")
    if not base:
        raise LppsError(_("give a name (--name) or an id (--id) for the new %(kind)s") % {"kind": kind})
    taken = {r.id for r in registry.all_records()}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return next((v for v in value.values() if isinstance(v, str)), "")
    return value if isinstance(value, str) else ""


def modeline(kind: str, depth: int, root: Path | None = None) -> str:
    """The editor modeline of a record file ``depth`` folders below the registry root: the
    registry's own copy of the schema (lpps init writes one), else the schema's published id."""
    if root is None or (root / SCHEMA_FOLDER / f"{kind}.schema.json").is_file():
        return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{kind}.schema.json\n"
    from lpps_cli.reading.schemas import raw_schema

    return f"# yaml-language-server: $schema={raw_schema(kind)['$id']}\n"


def record_text(kind: str, data: dict[str, Any], depth: int = 1, header: str = "", root=None) -> str:
    """YAML of one record: the editor modeline, a comment above each field from the schema's
    description, and the fields it could also have, commented out."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    from lpps_cli.reading.schemas import bundled

    yaml = YAML(typ="rt")
    yaml.default_flow_style = None
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    properties = bundled(kind).get("properties", {})
    out = [modeline(kind, depth, root)]
    out += [f"# {line}".rstrip() + "\n" for line in header.splitlines()] if header else []
    order = {key: index for index, key in enumerate(properties)}
    record = CommentedMap(
        sorted(((k, v) for k, v in data.items() if v is not None), key=lambda item: order.get(item[0], len(order)))
    )
    record.fa.set_block_style()
    for key in record:
        description = properties.get(key, {}).get("description")
        if description:
            record.yaml_set_comment_before_after_key(key, before=description, indent=0)
    buffer = io.StringIO()
    yaml.dump(record, buffer)
    out.append(buffer.getvalue())
    more = [(k, p.get("description", "")) for k, p in properties.items() if k not in data]
    if more:
        out.append("\n# " + _("More fields this record can have (see 'lpps schema %(kind)s'):") % {"kind": kind} + "\n")
        out += [f"#   {k}: {d}\n" for k, d in more]
    return "".join(out)


def prepare(registry: Registry, kind: str, data: dict[str, Any], today: dt.date | None = None) -> NewRecord:
    """The file for ``data``, checked: a taken id or an existing file is refused, and so is a
    record that would add an error to the registry."""
    from lpps_cli.checking.precheck import new_errors, refuse

    record_id = data["id"]
    rel_path = f"{FOLDERS[kind]}/{record_id}.yaml"
    existing = registry.get(record_id)
    if existing is not None or (registry.root / rel_path).exists():
        raise LppsError(
            _("the id '%(id)s' is taken (%(path)s); choose another with --id")
            % {"id": record_id, "path": existing.path if existing else rel_path},
            rel_path,
        )
    text = record_text(kind, data, root=registry.root)
    problems = new_errors(registry, kind, rel_path, text, today or dt.date.today())
    if problems:
        refuse(problems, _("the new %(kind)s") % {"kind": kind})
    return NewRecord(kind, record_id, rel_path, text)


def write(registry: Registry, record: NewRecord) -> None:
    """Write the new file whole or not at all, and never over a file that appeared meanwhile:
    a complete temporary file is hard-linked to the name, which fails if the name exists."""
    import os
    import tempfile

    path = registry.root / record.rel_path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(record.text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.link(tmp, path)
    except FileExistsError:
        raise LppsError(_("%(path)s exists; lpps new never overwrites a file") % {"path": record.rel_path}) from None
    finally:
        os.unlink(tmp)
