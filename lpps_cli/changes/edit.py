"""``lpps set``: change one field of one record, keeping the file as its author wrote it.

The change is spliced into the text (lpps_cli.changes.yamlsplice): a scalar replaced token for token,
a list item added or removed as one line (or one ``, item`` of a flow list), a new key as a
line after its map's last key, all in the file's own style, so every other line, comment,
quote and blank line stays byte for byte and a change is a diff of the field's lines only.
The rare shape the splicer does not take on goes through ruamel's round-trip dumper with the
file's own indentation. Either way the registry is checked with the new text in memory, and
the file is written atomically only when no new error appears.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lpps_cli.changes import fieldpath
from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.registry import Registry

CONFLICT = re.compile(r"^(<{7}|>{7})( |$)", re.M)


@dataclass
class Change:
    record_id: str
    field: str
    path: Path
    rel_path: str
    old: Any
    new: Any
    before: str
    after: str

    def sentence(self) -> str:
        return _("%(field)s of %(id)s: %(old)s → %(new)s") % {
            "field": self.field,
            "id": self.record_id,
            "old": fieldpath.display(self.old),
            "new": fieldpath.display(self.new),
        }

    def unified_diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(True), self.after.splitlines(True), f"a/{self.rel_path}", f"b/{self.rel_path}"
            )
        )


def find_record(registry: Registry, record_id: str):
    if registry.partnership is not None and record_id in (registry.partnership.id, "partnership"):
        return registry.partnership
    record = registry.get(record_id)
    if record is None:
        from lpps_cli.model.suggest import did_you_mean

        known = [r.id for r in registry.all_records() if r.kind != "taxonomy"]
        raise LppsError(
            _("no record has the id '%(id)s'%(hint)s; list them with 'lpps members', 'lpps services', …")
            % {"id": record_id, "hint": did_you_mean(record_id, known)}
        )
    return record


def plan(
    registry: Registry,
    record_id: str,
    field: str,
    value: str | None,
    *,
    add: bool = False,
    remove: bool = False,
    today: dt.date | None = None,
) -> Change:
    """Work out the change and check it against the whole registry; writes nothing."""
    if add and remove:
        raise LppsError(_("give --add or --remove, not both"))
    _refuse_unreadable(registry, record_id)
    record = find_record(registry, record_id)
    try:
        return _plan(registry, record, field, value, add, remove, today)
    except LppsError as exc:
        if exc.file is None:
            raise LppsError(exc.message, record.path) from None
        raise


def _refuse_unreadable(registry: Registry, record_id: str) -> None:
    """A record file that did not load: say why, rather than that the id is unknown."""
    for problem in registry.problems:
        if problem.file.rsplit("/", 1)[-1] == f"{record_id}.yaml":
            text = (registry.root / problem.file).read_bytes().decode("utf-8", "replace")
            if CONFLICT.search(text):
                raise LppsError(
                    _("the file has unresolved merge-conflict markers (<<<<<<<); resolve the conflict first"),
                    problem.file,
                )
            raise LppsError(
                _("the file cannot be read (%(why)s); fix it first") % {"why": problem.message},
                problem.file,
                problem.line,
            )


def _plan(registry, record, field, value, add, remove, today) -> Change:
    from lpps_cli.checking.precheck import new_errors, refuse

    path = registry.root / record.path
    before = path.read_bytes().decode("utf-8-sig")
    if CONFLICT.search(before):
        raise LppsError(
            _("the file has unresolved merge-conflict markers (<<<<<<<); resolve the conflict first"), record.path
        )
    parts = fieldpath.split(field)
    if parts[0] == "id":
        raise LppsError(_("the id is the file's name; rename the file instead of setting the id"), record.path)
    node = fieldpath.schema_at(record.kind, parts)
    vocabulary = fieldpath.vocabulary_for(record.kind, parts)
    old = _get(record.data, parts)
    item_plain, position = None, None
    if add or remove:
        if "array" not in fieldpath.types_of(node):
            raise LppsError(_("%(field)s is not a list; --add and --remove change lists") % {"field": field})
        items_node = fieldpath.resolve(_bundled(record.kind), node.get("items") or {})
        item = fieldpath.coerce(record.kind, field, items_node, value or "", registry.taxonomy, vocabulary)
        current = list(old) if isinstance(old, list) else []
        plain = _plain(item)
        if add:
            if plain in current:
                raise LppsError(
                    _("%(field)s of %(id)s already holds %(value)s")
                    % {"field": field, "id": record.id, "value": fieldpath.display(item)}
                )
            new = [*current, item]
        else:
            if plain not in current:
                raise LppsError(
                    _("%(field)s of %(id)s does not hold %(value)s")
                    % {"field": field, "id": record.id, "value": fieldpath.display(item)}
                )
            new = [v for v in current if v != plain]
            position = current.index(plain)
        item_plain = plain
    else:
        if value is None:
            raise LppsError(_("give the new value: lpps set ID FIELD VALUE"))
        new = fieldpath.coerce(record.kind, field, node, value, registry.taxonomy, vocabulary)
    if _plain(new) == old:
        raise LppsError(
            _("%(field)s of %(id)s is already %(value)s; nothing to change")
            % {"field": field, "id": record.id, "value": fieldpath.display(new)}
        )
    after = new_text(
        before, parts, new, added=item if add else None, removed=item_plain if remove else None, position=position
    )
    problems = new_errors(registry, record.kind, record.path, after, today or dt.date.today())
    if problems:
        refuse(problems, _("the change"))
    return Change(record.id, field, path, record.path, old, _plain(new), before, after)


def apply(change: Change) -> None:
    """Write the planned change, atomically; refuses when the file changed since it was read."""
    from lpps_cli.fsio import atomic_write

    if change.path.read_bytes().decode("utf-8-sig") != change.before:
        raise LppsError(_("the file changed while the change was prepared; run the command again"), change.rel_path)
    atomic_write(change.path, change.after)


# -- reading values -------------------------------------------------------------------
def _get(data: Any, parts: list) -> Any:
    for part in parts:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _plain(value: Any) -> Any:
    """The form the safe loader gives (dates as ISO strings), to compare with loaded data."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _bundled(kind: str) -> dict:
    from lpps_cli.reading.schemas import bundled

    return bundled(kind)


# -- writing: the field's own lines, spliced --------------------------------------------
def new_text(
    text: str, parts: list, value: Any, *, added: Any = None, removed: Any = None, position: int | None = None
) -> str:
    """``text`` with the field at ``parts`` holding ``value``: ``added`` appended to its list,
    the item ``removed`` (at ``position``) taken out of it, or the whole value set. Only the
    field's lines change (see yamlsplice); what the splicer does not take on, or a splice that
    would not read back as meant, goes through the round-trip dumper instead."""
    from lpps_cli.changes import yamlsplice

    if "\r\n" in text:  # a file saved with Windows line ends keeps them, new lines included
        return new_text(
            text.replace("\r\n", "\n"), parts, value, added=added, removed=removed, position=position
        ).replace("\n", "\r\n")
    if added is not None:
        spliced = yamlsplice.add_item(text, parts, added)
    elif removed is not None and position is not None:
        spliced = yamlsplice.remove_item(text, parts, position)
    else:
        spliced = yamlsplice.set_value(text, parts, value)
    if spliced is not None and _reads_as(spliced, text, parts, value):
        return spliced
    return round_trip(text, parts, value, remove_item=removed)


def _reads_as(spliced: str, text: str, parts: list, value: Any) -> bool:
    """The spliced text reads back as the old data with exactly this field changed."""
    import copy

    from lpps_cli.reading.limits import YamlProblem
    from lpps_cli.reading.yamlio import parse

    try:
        after, before = parse(spliced.encode("utf-8")), parse(text.encode("utf-8"))
    except YamlProblem:
        return False
    expected = copy.deepcopy(before)
    node = expected
    for part in parts[:-1]:
        if isinstance(node, dict) and isinstance(part, str):
            if not isinstance(node.get(part), (dict, list)):
                node[part] = {}
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return False
    last = parts[-1]
    # two branches, not one `or`, so that the type checker pairs a dict with a str key and a list with an int
    if isinstance(node, dict) and isinstance(last, str):  # noqa: SIM114
        node[last] = _plain(value)
    elif isinstance(node, list) and isinstance(last, int) and last < len(node):
        node[last] = _plain(value)
    else:
        return False
    return after == expected


# -- writing: through the round-trip dumper ---------------------------------------------
def round_trip(text: str, parts: list, value: Any, remove_item: Any = None) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from lpps_cli.changes.yamlsplice import compose, style_of

    style = style_of(compose(text), text)  # the file's own indentation, not a guess from its deepest line
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(
        mapping=style.mapping_indent, sequence=style.dash_offset + 1 + style.after_dash, offset=style.dash_offset
    )
    data = yaml.load(text)
    parent = data
    for index, part in enumerate(parts[:-1]):
        following = parts[index + 1]
        if isinstance(parent, dict):
            if not isinstance(parent.get(part), (dict, list)):
                if parent.get(part) is not None and isinstance(following, str):
                    # a plain localized text becoming a map of languages keeps its text
                    raise LppsError(
                        _("%(field)s is a single value; set it whole, or write it as a map first")
                        % {"field": ".".join(str(p) for p in parts[: index + 1])}
                    )
                parent[part] = CommentedSeq() if isinstance(following, int) else CommentedMap()
            parent = parent[part]
        elif isinstance(parent, list) and isinstance(part, int) and part < len(parent):
            parent = parent[part]
        else:
            raise LppsError(_("%(field)s does not exist") % {"field": ".".join(str(p) for p in parts[: index + 1])})
    last = parts[-1]
    current = parent.get(last) if isinstance(parent, dict) else None
    if isinstance(current, list) and isinstance(value, list):
        if remove_item is not None:
            for position, item in enumerate(list(current)):
                if _plain(item) == remove_item:
                    del current[position]
                    break
        else:
            for item in value[len(current) :]:
                current.append(item)
    elif isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list) and isinstance(last, int):
        if last < len(parent):
            parent[last] = value
        elif last == len(parent):
            parent.append(value)
        else:
            raise LppsError(
                _("the list has %(count)d items; index %(index)d is past its end")
                % {"count": len(parent), "index": last}
            )
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
