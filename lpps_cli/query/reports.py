"""Reports for the board and funders: capacity, and members (growth, attendance).

The data functions return plain rows (tables, CSV); ``render_html`` turns a report into one
self-contained HTML page with SVG charts (no scripts, no network).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from lpps_cli.i18n.localize import localize
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.registry import Record, Registry
from lpps_cli.query.queries import terms_of
from lpps_cli.query.rows import capacity_of, ids
from lpps_cli.rules.common import Membership, date

DIMENSIONS = (("type", "service-types"), ("area", "areas"), ("target_group", "target-groups"))
CAPACITY_COLUMNS = ["dimension", "term", "label", "unit", "services", "total", "occupied", "free"]


def capacity_report(registry: Registry, lang: str) -> dict[str, Any]:
    """Total, occupied and free places of the active services, by type, area and target
    group, per unit (beds and hours never add up). A service with several target groups
    counts in each of them. Services without capacity data are only counted."""
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    without_data = 0
    for service in registry.services.values():
        if service.get("status") != "active":
            continue
        cap = capacity_of(service)
        if cap.free is None or cap.total is None or cap.occupied is None:  # free is known when both are
            without_data += 1
            continue
        unit = cap.unit or "places"
        keys = [("type", service.get("type"))]
        keys += [("area", a) for a in terms_of(service, "areas", registry)]
        keys += [("target_group", t) for t in ids(service.get("target_groups"))]
        for dimension, term in keys:
            if isinstance(term, str):
                entry = sums[(dimension, term, unit)]
                entry[0] += 1
                entry[1] += cap.total
                entry[2] += cap.occupied
                entry[3] += cap.free
    vocab = dict(DIMENSIONS)
    rows: list[dict[str, Any]] = [
        {
            "dimension": d,
            "term": t,
            "label": registry.taxonomy.label(vocab[d], t, lang),
            "unit": u,
            "services": s,
            "total": total,
            "occupied": occupied,
            "free": free,
        }
        for (d, t, u), (s, total, occupied, free) in sums.items()
    ]
    order = {d: i for i, (d, _) in enumerate(DIMENSIONS)}
    rows.sort(key=lambda r: (order[r["dimension"]], r["unit"], -r["total"], r["label"]))
    return {"rows": rows, "without_data": without_data}


def _held_general_meetings(registry: Registry, today: dt.date) -> list[Record]:
    meetings = [
        m
        for m in registry.meetings.values()
        if m.get("kind") == "general"
        and m.get("status") == "held"
        and (held := date(m.get("date"))) is not None
        and held <= today
    ]
    return sorted(meetings, key=lambda m: (m.get("date"), m.id))


def members_report(registry: Registry, lang: str, today: dt.date, last: int = 4) -> dict[str, Any]:
    """Members by sector and kind; growth over time; attendance over the last ``last`` held
    general meetings; active members absent from each of the last three."""
    default = registry.default_language
    membership = Membership(registry)
    active = [m for m in registry.members.values() if m.get("status") == "active"]
    by_kind: dict[tuple[str, str], int] = defaultdict(int)
    for member in active:
        by_kind[(str(member.get("sector")), str(member.get("kind")))] += 1
    sectors = [
        {"sector": s, "kind": k, "label": registry.taxonomy.label("member-kinds", k, lang), "members": n}
        for (s, k), n in sorted(by_kind.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    ]
    events = sorted(
        {d for m in registry.members.values() for d in (date(m.get("joined")), date(m.get("left"))) if d} | {today}
    )
    growth = [{"date": d.isoformat(), "members": membership.count(d)} for d in events if d <= today]
    meetings = _held_general_meetings(registry, today)
    expected: dict[str, set[str]] = {}  # meeting -> members expected (invited and in the partnership)
    for meeting in meetings[-max(last, 3) :]:
        invited = meeting.get("invited")
        held = date(meeting.get("date"))
        assert held is not None  # _held_general_meetings keeps dated meetings only
        members = membership.on(held)
        expected[meeting.id] = members if invited in (None, "all") else members & set(ids(invited))
    counted = [m.id for m in meetings[-last:]] if last > 0 else []
    last_three = [m.id for m in meetings[-3:]]
    attended = {m.id: set(ids(m.get("attended"))) for m in meetings[-max(last, 3) :]}
    rows = []
    for member in sorted(active, key=lambda m: localize(m.get("name"), lang, default).casefold()):
        invited_to = [mid for mid in counted if member.id in expected[mid]]
        present = [mid for mid in invited_to if member.id in attended[mid]]
        missed_three = len(last_three) == 3 and all(
            member.id in expected[mid] and member.id not in attended[mid] for mid in last_three
        )
        rows.append(
            {
                "id": member.id,
                "name": localize(member.get("name"), lang, default),
                "sector": member.get("sector"),
                "kind": member.get("kind"),
                "joined": member.get("joined"),
                "meetings": len(invited_to),
                "attended": len(present),
                "rate": round(len(present) / len(invited_to), 2) if invited_to else None,
                "missed_last_three": missed_three,
            }
        )
    return {
        "sectors": sectors,
        "growth": growth,
        "attendance": rows,
        "meetings": counted,
        "missed_last_three": [r["id"] for r in rows if r["missed_last_three"]],
        "last": last,
    }


MEMBER_COLUMNS = ["id", "name", "sector", "kind", "joined", "meetings", "attended", "rate", "missed_last_three"]


def _environment(registry: Registry):
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from lpps_cli.documents.render import template_loader  # registry templates read only from inside the registry

    env = ImmutableSandboxedEnvironment(
        autoescape=True, loader=template_loader(registry), trim_blocks=True, lstrip_blocks=True
    )
    env.globals["_"] = _
    return env


def render_html(registry: Registry, name: str, report: dict[str, Any], lang: str, today: dt.date) -> str:
    """One self-contained page: ``name`` is capacity or members."""
    from lpps_cli.documents.charts import bar_chart, step_chart

    charts = []
    if name == "capacity":
        for dimension, title in (
            ("type", _("Places by service type")),
            ("target_group", _("Places by target group")),
            ("area", _("Places by area")),
        ):
            for unit in sorted({r["unit"] for r in report["rows"] if r["dimension"] == dimension}):
                rows = [
                    (r["label"], [r["occupied"], r["free"]])
                    for r in report["rows"]
                    if r["dimension"] == dimension and r["unit"] == unit
                ]
                charts.append(bar_chart(f"{title} ({unit})", rows, [_("occupied"), _("free")]))
    else:
        charts.append(step_chart(_("Members over time"), [(p["date"], p["members"]) for p in report["growth"]]))
        by_size = sorted(report["sectors"], key=lambda r: -r["members"])
        charts.append(
            bar_chart(_("Active members by kind"), [(r["label"], [r["members"]]) for r in by_size], [_("members")])
        )
    partnership = registry.partnership.data if registry.partnership else {}
    return (
        _environment(registry)
        .get_template(f"reports/{name}.html.j2")
        .render(
            report=report,
            charts=charts,
            lang=lang,
            today=today.isoformat(),
            partnership=localize(partnership.get("name"), lang, registry.default_language),
        )
    )
