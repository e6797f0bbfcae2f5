"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers."""

from __future__ import annotations

import json

from lpps_cli import __version__

RULE_HELP = {
    "yaml": "The file is readable UTF-8 YAML holding one mapping.",
    "schema": "The record matches the JSON Schema of its kind.",
    "id": "Every record carries its id, equal to its file name; ids are unique.",
    "reference": "Every id a record names exists and is of the right kind.",
    "taxonomy": "Every term used exists in its vocabulary.",
    "board": "The board has board.size active members and its chair is on it.",
    "cadence": "General meetings are no further apart than meeting_interval_months.",
    "membership": "Members are admitted by decision and sign the commitment; former members have left.",
    "documents": "Required documents are adopted by adopted decisions.",
    "decisions": "Decisions are taken at quorate meetings, by allowed e-mail, or with everyone's consent.",
    "projects": "Applications on the partnership's behalf have their own signed consortium agreement.",
    "capacity": "Occupancy is within total and its date is current.",
    "contact": "E-mail addresses and phone numbers are well formed.",
    "language": "Names have the default language; public texts every partnership language.",
    "privacy": "Nothing private is published.",
    "secret": "No credentials are stored in the registry.",
}


def sarif(report, prefix: str = "", **_options) -> str:
    rules = sorted({p.rule for p in report.problems} | set(RULE_HELP))
    index = {rule: i for i, rule in enumerate(rules)}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lpps",
                        "version": __version__,
                        "informationUri": "https://lpps.example.org/",
                        "rules": [
                            {"id": rule, "name": rule, "shortDescription": {"text": RULE_HELP.get(rule, rule)}}
                            for rule in rules
                        ],
                    }
                },
                "results": [
                    {
                        "ruleId": p.rule,
                        "ruleIndex": index[p.rule],
                        "level": "error" if p.severity == "error" else "warning",
                        "message": {"text": p.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": prefix + p.file},
                                    "region": {"startLine": p.line or 1, "startColumn": p.column or 1},
                                }
                            }
                        ],
                        "properties": {"pointer": p.pointer},
                    }
                    for p in report.problems
                ],
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
