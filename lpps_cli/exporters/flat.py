"""The registry as one JSON document, or as one CSV file per kind."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from lpps_cli.exporters import EXPORT_KINDS, check_audience, partnership_data, public_records
from lpps_cli.exporters.tabular import PLURAL, columns, flatten
from lpps_cli.model.audience import PUBLIC
from lpps_cli.text.formats import neutralise


def registry_document(registry, audience: str = PUBLIC) -> dict[str, Any]:
    """Partnership, every record by kind (as lists, sorted by id) and the taxonomy."""
    check_audience(audience)
    from lpps_cli import __version__

    document: dict[str, Any] = {
        "generator": f"lpps {__version__}",
        "audience": audience,
        "partnership": partnership_data(registry, audience),
    }
    for kind in EXPORT_KINDS:
        document[PLURAL[kind]] = [data for _, data in public_records(registry, kind, audience)]
    from lpps_cli.model.audience import without_extensions

    keep = (lambda entry: entry) if audience != PUBLIC else without_extensions  # x- in a term is internal too
    document["taxonomy"] = {
        vocab_id: {"title": vocab.title, "terms": [keep({"id": tid, **entry}) for tid, entry in vocab.terms.items()]}
        for vocab_id, vocab in sorted(registry.taxonomy.vocabularies.items())
    }
    return document


def csv_text(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(rows), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: neutralise(value) for key, value in row.items()})
    return buffer.getvalue()


def write_csv(registry, folder: Path, audience: str = PUBLIC, bom: bool = False) -> list[Path]:
    """``members.csv``, ``services.csv``, … in ``folder``; ``bom`` for spreadsheets."""
    from lpps_cli.fsio import atomic_write

    check_audience(audience)
    written = []
    languages = registry.languages
    for kind in EXPORT_KINDS:
        rows = [flatten(kind, data, languages) for _, data in public_records(registry, kind, audience)]
        if not rows:
            continue
        path = folder / f"{PLURAL[kind]}.csv"
        atomic_write(path, ("\ufeff" if bom else "") + csv_text(rows))
        written.append(path)
    return written
