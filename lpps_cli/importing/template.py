"""``lpps import template KIND -o FILE``: an empty sheet for members to fill in — the
header row in one language, a row of hints (starting with '#', so the import skips it) and,
in XLSX, drop-down lists of taxonomy terms and fixed values. What comes back is imported
with ``lpps import KIND``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lpps_cli.changes import fieldpath
from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.importing.columns import LABELS, LOCALIZED, label
from lpps_cli.importing.values import EXTRA_VOCABULARIES, MEMBER_FIELDS
from lpps_cli.model.registry import Registry

KINDS = {"members": "member", "services": "service", "groups": "group", "representatives": "representative"}


def headers(registry: Registry, kind: str, lang: str) -> list[tuple[str, str, list[str]]]:
    """(header, hint, choices) per column."""
    out = []
    others = [x for x in registry.languages[1:]]
    for field in LABELS[kind]:
        if field.startswith(("locations.", "contacts.")) or field == "admitted_by":
            continue
        head = label(kind, field, lang)
        hint, choices = _hint(registry, kind, field, lang)
        out.append((head, hint, choices))
        if field in LOCALIZED and kind != "representative":
            out += [(f"{head} ({other})", _("the same in %(lang)s") % {"lang": other}, []) for other in others]
    return out


def _hint(registry: Registry, kind: str, field: str, lang: str) -> tuple[str, list[str]]:
    if field == "id":
        return _("empty for a new record"), []
    if field in MEMBER_FIELDS:
        return _("member id or name; several separated by ;"), sorted(registry.members)
    schema_kind, path = ("member", f"representatives.0.{field}") if kind == "representative" else (kind, field)
    node = fieldpath.schema_at(schema_kind, fieldpath.split(path))
    vocabulary = EXTRA_VOCABULARIES.get(field) or fieldpath.vocabulary_for(schema_kind, fieldpath.split(path))
    many = "array" in fieldpath.types_of(node) and "string" not in fieldpath.types_of(node)
    if vocabulary:
        terms = registry.taxonomy.terms(vocabulary)
        labels = [registry.taxonomy.label(vocabulary, t, lang) for t in terms]
        return (_("choose from the list; several separated by ;") if many else _("choose from the list")), labels
    if isinstance(node.get("enum"), list):
        return _("one of: %(values)s") % {"values": ", ".join(map(str, node["enum"]))}, [str(v) for v in node["enum"]]
    if node.get("format") == "date":
        return _("a date: 12.03.2024 or 2024-03-12"), []
    if field.endswith("phone"):
        return _("+48 81 532 15 05 (the country code may be left out)"), []
    if "boolean" in fieldpath.types_of(node):
        return _("yes or no"), []
    if many:
        return _("several separated by ;"), []
    return str(node.get("description", "")), []


def write_template(registry: Registry, kind_name: str, out: Path, lang: str) -> None:
    from lpps_cli.fsio import atomic_write

    kind = KINDS.get(kind_name) or (kind_name if kind_name in KINDS.values() else None)
    if kind is None:
        raise LppsError(
            _("a template is for %(kinds)s, not '%(kind)s'") % {"kinds": ", ".join(KINDS), "kind": kind_name}
        )
    columns = headers(registry, kind, lang)
    if out.suffix.lower() == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([c[0] for c in columns])
        writer.writerow(["# " + columns[0][1], *(c[1] for c in columns[1:])])
        atomic_write(out, "\ufeff" + buffer.getvalue())
        return
    if out.suffix.lower() != ".xlsx":
        raise LppsError(_("write the template as FILE.xlsx or FILE.csv"))
    atomic_write(out, _xlsx(kind, columns))


def _xlsx(kind: str, columns: list[tuple[str, str, list[str]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = {"member": "members", "service": "services", "group": "groups"}.get(kind, "representatives")
    lists = book.create_sheet("lists")
    lists.sheet_state = "hidden"
    for index, (head, hint, choices) in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=index, value=head)
        cell.font = Font(bold=True)
        hint_cell = sheet.cell(row=2, column=index, value=("# " + hint) if index == 1 else hint)
        hint_cell.data_type = "s"  # a hint is text, whatever it starts with
        hint_cell.font = Font(italic=True, color="808080")
        sheet.column_dimensions[get_column_letter(index)].width = max(14, min(40, len(head) + 4))
        if choices:
            letter = get_column_letter(index)
            for row, choice in enumerate(choices, 1):
                lists.cell(row=row, column=index, value=choice).data_type = "s"
            rule = DataValidation(
                type="list",
                formula1=f"=lists!${letter}$1:${letter}${len(choices)}",
                allow_blank=True,
                showErrorMessage=False,
            )  # several terms may be typed with ;
            sheet.add_data_validation(rule)
            rule.add(f"{letter}3:{letter}1000")
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
