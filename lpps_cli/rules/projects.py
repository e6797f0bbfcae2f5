"""Rule 9, ``projects``: a joint application on the partnership's behalf has its own adopted
consortium agreement, signed by the lead and every partner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lpps_cli.model.problems import Problem, error
from lpps_cli.model.registry import Registry
from lpps_cli.rules.common import ids, quoted

NEEDS_AGREEMENT = ("submitted", "funded", "running")


def check_projects(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(p) for p projects, with one index of agreements by project."""
    used_by: dict[str, list[str]] = {}
    for project in registry.projects.values():
        agreement = project.get("consortium_agreement")
        if isinstance(agreement, str):
            used_by.setdefault(agreement, []).append(project.id)
    for project in registry.projects.values():
        if not project.get("on_behalf_of_partnership") or project.get("status") not in NEEDS_AGREEMENT:
            continue
        agreement_id = project.get("consortium_agreement")
        if not isinstance(agreement_id, str):
            yield error(
                "projects",
                project.path,
                "/on_behalf_of_partnership",
                f"project '{project.id}' is {project.get('status')} on the partnership's behalf but names "
                "no consortium agreement; add consortium_agreement: <document id>",
            )
            continue
        document = registry.documents.get(agreement_id)
        if document is None:
            continue  # reference rule
        where = "/consortium_agreement"
        if document.get("kind") != "consortium-agreement":
            yield error(
                "projects",
                project.path,
                where,
                f"document '{agreement_id}' is a {document.get('kind')}, not a consortium-agreement",
            )
        if document.get("status") != "adopted":
            yield error(
                "projects",
                project.path,
                where,
                f"consortium agreement '{agreement_id}' is {document.get('status')}, not adopted",
            )
        others = [p for p in used_by.get(agreement_id, []) if p != project.id]
        if others or (isinstance(document.get("project"), str) and document.get("project") != project.id):
            yield error(
                "projects",
                project.path,
                where,
                f"consortium agreement '{agreement_id}' belongs to another project "
                f"({', '.join(others) or document.get('project')}); every application needs its own",
            )
        signed = set(ids(document.get("signatories")))
        needed = {*ids([project.get("lead")]), *ids(project.get("partners"))}
        missing = needed - signed
        if missing:
            yield error(
                "projects",
                project.path,
                where,
                f"consortium agreement '{agreement_id}' is not signed by {quoted(missing)}; "
                "add them to its signatories",
            )
