"""Referral results as text people read: one Markdown block per service (for an e-mail or a ticket)."""

from __future__ import annotations

from typing import Any

from lpps_cli.i18n.translations import gettext as _


def contact_line(contact: dict[str, Any] | None) -> str:
    if not contact:
        return ""
    parts = [contact.get("name"), contact.get("role"), contact.get("phone"), contact.get("email")]
    return ", ".join(str(p) for p in parts if p)


def _md(text: Any) -> str:
    """Record text in Markdown without letting it become markup."""
    import re

    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", str(text))


def markdown(results: list[dict[str, Any]]) -> str:
    if not results:
        return _("No service matches.") + "\n"
    lines: list[str] = []
    why, how, whom = _("Why"), _("How to refer"), _("Whom to call")  # outside the f-strings, for Babel
    for number, r in enumerate(results, 1):
        lines.append(f"{number}. **{_md(r['name'])}** — {_md(r.get('provider_name') or r.get('provider') or '')}")
        lines.append(f"   - {why}: {_md('; '.join(r['reasons']))}")
        if r.get("referral"):
            lines.append(f"   - {how}: {_md(r['referral'])}")
        if r.get("contact"):
            lines.append(f"   - {whom}: {_md(contact_line(r['contact']))}")
    return "\n".join(lines) + "\n"
