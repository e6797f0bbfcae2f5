"""Helpers for tests of public outputs: the registries to export, and every internal contact."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE, EXAMPLE_TODAY, VALID, VALID_TODAY

#: (name, folder, date it is valid on); the example registry once it has landed
REGISTRIES = [("valid", VALID, VALID_TODAY)] + (
    [("example", EXAMPLE, EXAMPLE_TODAY)] if (EXAMPLE / "partnership.yaml").exists() else []
)


def internal_contacts(root: Path) -> set[str]:
    """Every e-mail address and phone number of a contact whose visibility is not public, less the
    ones the registry also publishes (a person who is a public referral contact of one service,
    an organisation's own desk number)."""
    from lpps_cli.reading.loader import load_registry

    registry = load_registry(root)
    internal: set[str] = set()
    public: set[str] = set()

    def visit(value, in_contact=False):
        if isinstance(value, dict):
            values = {str(value[k]) for k in ("email", "phone") if value.get(k)}
            if in_contact and value.get("visibility") != "public":
                internal.update(values)
            else:
                public.update(values)
            for key, item in value.items():
                visit(item, key in ("contacts", "representatives", "contact"))
        elif isinstance(value, list):
            for item in value:
                visit(item, in_contact)

    for record in registry.all_records():
        visit(record.data)
    return internal - public


def phone_variants(phone: str) -> set[str]:
    """A phone as written and with its spaces removed (an output may reformat it)."""
    return {phone, phone.replace(" ", ""), phone.replace(" ", "-")}
