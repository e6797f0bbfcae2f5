"""rules — the cross-record rules of registry.md. Each is a small function ``(registry, today) -> Problems``.

May import: ``reading`` (schemas, for rules that read them), ``model``, ``i18n``, ``text`` and the
top-level modules. Registered by id in ``RULES`` below; each has positive and negative cases under
``tests/cases/<rule>/``.
"""

from __future__ import annotations

from lpps_cli.rules.capacity import check_capacity
from lpps_cli.rules.contacts import check_contacts
from lpps_cli.rules.decisions import check_decisions
from lpps_cli.rules.documents import check_documents
from lpps_cli.rules.governance import check_board, check_cadence
from lpps_cli.rules.ids import check_ids
from lpps_cli.rules.languages import check_languages
from lpps_cli.rules.membership import check_membership
from lpps_cli.rules.privacy import check_privacy
from lpps_cli.rules.projects import check_projects
from lpps_cli.rules.references import check_references
from lpps_cli.rules.secrets import check_secrets
from lpps_cli.rules.terms import check_terms

#: rule code -> check, in the order of registry.md
RULES = {
    "id": check_ids,
    "reference": check_references,
    "taxonomy": check_terms,
    "board": check_board,
    "cadence": check_cadence,
    "membership": check_membership,
    "documents": check_documents,
    "decisions": check_decisions,
    "projects": check_projects,
    "capacity": check_capacity,
    "contact": check_contacts,
    "language": check_languages,
    # beyond the spec's twelve: what must never be published or committed
    "privacy": check_privacy,
    "secret": check_secrets,
}
