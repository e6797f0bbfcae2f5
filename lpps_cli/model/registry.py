"""The registry in memory: records by kind and id, the taxonomy, and what could not be read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lpps_cli.model.problems import Problem

#: kind -> folder of the registry. The partnership is the single file partnership.yaml.
FOLDERS: dict[str, str] = {
    "member": "members",
    "service": "services",
    "group": "groups",
    "document": "documents",
    "meeting": "meetings",
    "decision": "decisions",
    "project": "projects",
    "taxonomy": "taxonomy",
}
KINDS: tuple[str, ...] = ("partnership", *FOLDERS)
KIND_OF_FOLDER: dict[str, str] = {folder: kind for kind, folder in FOLDERS.items()}

#: the vocabularies a registry uses, and which record fields draw on them.
VOCABULARIES = ("sectors", "forms", "member-kinds", "service-types", "target-groups", "areas")

DEFAULTS: dict[str, Any] = {
    "status": "active",
    "meeting_interval_months": 3,
    "quorum": 0.5,
    "email_decisions": ["statement", "other"],
    "required_documents": ["code-of-ethics", "membership-rules", "communication-rules", "financing-rules"],
    "capacity_max_age_days": 90,
    "board_size": 5,
}


@dataclass(frozen=True, slots=True)
class Record:
    """One record file. ``data`` is plain JSON-like data (dates are ISO strings)."""

    kind: str
    id: str
    path: str  # relative to the registry root, POSIX separators
    data: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class Registry:
    root: Path
    partnership: Record | None
    records: dict[str, dict[str, Record]]
    taxonomy: Taxonomy
    problems: list[Problem] = field(default_factory=list)  # files that could not be read
    files: list[str] = field(default_factory=list)  # every record file seen, readable or not
    bodies: dict[str, str] = field(default_factory=dict)  # document id -> sibling Markdown path
    duplicates: list[Record] = field(default_factory=list)  # records whose id was already taken

    # -- lookups -----------------------------------------------------------
    def of(self, kind: str) -> dict[str, Record]:
        return self.records.get(kind, {})

    @property
    def members(self) -> dict[str, Record]:
        return self.of("member")

    @property
    def services(self) -> dict[str, Record]:
        return self.of("service")

    @property
    def groups(self) -> dict[str, Record]:
        return self.of("group")

    @property
    def documents(self) -> dict[str, Record]:
        return self.of("document")

    @property
    def meetings(self) -> dict[str, Record]:
        return self.of("meeting")

    @property
    def decisions(self) -> dict[str, Record]:
        return self.of("decision")

    @property
    def projects(self) -> dict[str, Record]:
        return self.of("project")

    def get(self, record_id: str) -> Record | None:
        """A record of any kind (taxonomy files aside) by id."""
        for kind in FOLDERS:
            if kind != "taxonomy" and record_id in self.records.get(kind, {}):
                return self.records[kind][record_id]
        return None

    def all_records(self) -> Iterator[Record]:
        if self.partnership is not None:
            yield self.partnership
        for kind in FOLDERS:
            yield from self.records.get(kind, {}).values()

    # -- partnership settings, with the spec's defaults ----------------------
    def setting(self, key: str) -> Any:
        data = self.partnership.data if self.partnership else {}
        if key == "board_size":
            board = data.get("board")
            return board.get("size", DEFAULTS["board_size"]) if isinstance(board, dict) else DEFAULTS["board_size"]
        value = data.get(key)
        return DEFAULTS.get(key) if value is None else value

    @property
    def languages(self) -> list[str]:
        langs = self.partnership.data.get("languages") if self.partnership else None
        # a list without one text (languages: [1]) falls back too: default_language takes the first
        return ([lang for lang in langs if isinstance(lang, str)] or ["en"]) if isinstance(langs, list) else ["en"]

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def country(self) -> str | None:
        country = self.partnership.data.get("country") if self.partnership else None
        return country if isinstance(country, str) else None

    @property
    def forming(self) -> bool:
        status: object = self.setting("status")  # any YAML value: its == gives a bool
        return status == "forming"


from lpps_cli.model.taxonomy import Taxonomy  # noqa: E402  (Registry refers to it by name only)
