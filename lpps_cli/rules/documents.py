"""Rule 7, ``documents``: the required documents are adopted, by adopted decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lpps_cli.model.problems import Problem, error, pointer
from lpps_cli.model.registry import Registry
from lpps_cli.rules.common import problem, soft


def check_documents(registry: Registry, today: dt.date) -> Iterator[Problem]:
    """Cost: O(d) for d documents (one pass to index, one to check)."""
    severity = soft(registry)
    adopted_kinds: set[str] = set()
    superseded_by: dict[str, str] = {}
    for document in registry.documents.values():
        if document.get("status") == "adopted":
            kind = document.get("kind")
            if isinstance(kind, str):  # any other value is the schema's business (and may not hash)
                adopted_kinds.add(kind)
            if isinstance(document.get("supersedes"), str):
                superseded_by[document.get("supersedes")] = document.id
    required = registry.setting("required_documents")
    if registry.partnership is not None and isinstance(required, list):
        for index, kind in enumerate(required):
            if isinstance(kind, str) and kind not in adopted_kinds:
                ptr = pointer("required_documents", index) if registry.partnership.get("required_documents") else ""
                yield problem(
                    severity,
                    "documents",
                    registry.partnership,
                    ptr,
                    f"no adopted document of kind '{kind}'; adopt one (status: adopted, adopted_by: "
                    "<decision id>) or remove the kind from required_documents",
                )
    for document in registry.documents.values():
        status = document.get("status")
        if status in ("adopted", "superseded"):
            decision_id = document.get("adopted_by")
            if not isinstance(decision_id, str):
                yield problem(
                    severity,
                    "documents",
                    document,
                    "/status",
                    f"document '{document.id}' is {status} but names no decision; add adopted_by",
                )
            else:
                decision = registry.decisions.get(decision_id)
                if decision is not None and decision.get("outcome") != "adopted":
                    yield error(
                        "documents",
                        document.path,
                        "/adopted_by",
                        f"decision '{decision_id}' is {decision.get('outcome')}, not adopted",
                    )
        if status == "superseded" and document.id not in superseded_by:
            yield error(
                "documents",
                document.path,
                "/status",
                f"document '{document.id}' is superseded, but no adopted document supersedes it; "
                "add supersedes: " + document.id + " to its successor",
            )
