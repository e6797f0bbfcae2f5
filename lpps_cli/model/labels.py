"""Words for the registry's fixed values (meeting kinds, agenda item kinds, decision outcomes…)
in the current output language. Functions, so the catalogs are looked up at call time."""

from __future__ import annotations

from lpps_cli.i18n.translations import gettext as _
from lpps_cli.i18n.translations import pgettext


def meeting_kinds() -> dict[str, str]:
    return {"general": _("General meeting"), "board": _("Board meeting"), "group": _("Working group meeting")}


def member_statuses() -> dict[str, str]:
    return {
        "applicant": pgettext("member status", "applicant"),
        "active": pgettext("member status", "active"),
        "suspended": pgettext("member status", "suspended"),
        "former": pgettext("member status", "former"),
    }


def service_statuses() -> dict[str, str]:
    return {"planned": _("planned"), "active": _("active"), "suspended": _("suspended"), "ended": _("ended")}


def meeting_statuses() -> dict[str, str]:
    return {"planned": _("planned"), "held": _("held"), "cancelled": _("cancelled")}


def item_kinds() -> dict[str, str]:
    return {"info": _("information"), "discussion": _("discussion"), "decision": _("decision")}


def decision_kinds() -> dict[str, str]:
    return {
        "admission": _("admission of a member"),
        "exclusion": _("exclusion of a member"),
        "adoption": _("adoption of a document"),
        "project": _("project"),
        "signature": _("signature on behalf of the partnership"),
        "statement": _("statement"),
        "other": _("other"),
    }


def outcomes() -> dict[str, str]:
    return {"pending": _("pending"), "adopted": _("adopted"), "rejected": _("rejected")}


def document_statuses() -> dict[str, str]:
    return {"draft": _("draft"), "adopted": _("adopted"), "superseded": _("superseded")}


def votes() -> dict[str, str]:
    return {"for": _("for"), "against": _("against"), "abstain": _("abstained")}


def record_kinds() -> dict[str, str]:
    return {
        "member": _("member"),
        "service": _("service"),
        "group": _("group"),
        "document": _("document"),
        "meeting": _("meeting"),
        "decision": _("decision"),
        "project": _("project"),
    }
