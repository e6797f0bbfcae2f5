"""Helpers for tests of public outputs: the registries to export, and every internal contact."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE, EXAMPLE_TODAY, VALID, VALID_TODAY

#: (name, folder, date it is valid on); the example registry once it has landed
REGISTRIES = [("valid", VALID, VALID_TODAY)] + (
    [("example", EXAMPLE, EXAMPLE_TODAY)] if (EXAMPLE / "partnership.yaml").exists() else [])


def internal_contacts(root: Path) -> set[str]:
    """Every e-mail address and phone number of a contact whose visibility is not public."""
    from lpps_cli.loader import load_registry

    registry = load_registry(root)
    found: set[str] = set()

    def visit(value, in_contact=False):
        if isinstance(value, dict):
            if ("email" in value or "phone" in value) and ("name" in value or "visibility" in value) \
                    and value.get("visibility") != "public" and in_contact:
                found.update(str(value[k]) for k in ("email", "phone") if value.get(k))
            for key, item in value.items():
                visit(item, in_contact or key in ("contacts", "representatives", "contact"))
        elif isinstance(value, list):
            for item in value:
                visit(item, in_contact)

    for record in registry.all_records():
        visit(record.data)
    return found


def phone_variants(phone: str) -> set[str]:
    """A phone as written and with its spaces removed (an output may reformat it)."""
    return {phone, phone.replace(" ", ""), phone.replace(" ", "-")}
