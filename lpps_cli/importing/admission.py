"""Members who were members before the registry: one admission decision, made with the
import, records that they were admitted (and had signed the declaration of commitment) as
of a date, so the membership rule stays meaningful for everyone admitted later."""

from __future__ import annotations

from typing import Any

from lpps_cli.i18n.translations import gettext as _
from lpps_cli.importing.plan import Plan, Target
from lpps_cli.importing.rows import Where
from lpps_cli.model.registry import Registry


def _needs_decision(data: dict[str, Any]) -> bool:
    return data.get("status") in ("active", "suspended") and not data.get("founding") and not data.get("admitted_by")


def record_admission(registry: Registry, plan: Plan, as_of: str, source: str) -> str | None:
    """Add the decision and point the plan's admitted members at it; its id, or None when no
    member needs it. ``joined`` and ``commitment_signed`` default to ``as_of``."""
    members = [t for t in plan.targets.values() if t.kind == "member"]
    wanted = []
    for target in members:
        current = dict(target.data)
        for path, _old, new in target.changes:
            if "." not in path:
                current[path] = new
        if _needs_decision(current):
            wanted.append((target, current))
    if not wanted:
        return None
    base = f"{as_of}-admission-imported-members"
    decision_id, number = base, 2
    while registry.get(decision_id) is not None or decision_id in plan.targets:
        decision_id, number = f"{base}-{number}", number + 1
    for target, current in wanted:
        defaults = {
            "admitted_by": decision_id,
            "joined": current.get("joined") or as_of,
            "commitment_signed": current.get("commitment_signed") or as_of,
        }
        for key, value in defaults.items():
            if current.get(key) == value:
                continue
            if target.new:
                target.data[key] = value
            else:
                target.changes.append((key, current.get(key), value))
    default = registry.default_language
    text = _(
        "Members of the partnership before its registry was kept, recorded by the import of %(source)s: "
        "they count as admitted, and as having signed the declaration of commitment, as of %(date)s."
    ) % {"source": source, "date": as_of}
    plan.targets[decision_id] = Target(
        "decision",
        decision_id,
        f"decisions/{decision_id}.yaml",
        True,
        Where(source),
        {
            "id": decision_id,
            "date": as_of,
            "method": "board",
            "kind": "admission",
            "subject": sorted(t.id for t, _c in wanted),
            "text": {default: text},
            "outcome": "adopted",
        },
    )
    return decision_id
