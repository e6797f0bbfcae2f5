"""``secret``: nothing in the registry looks like a credential.

A registry is public to every member and often to the world (and its CI runs on every fork),
so a password, token or private key committed to it is leaked. lpps never reads credentials
from the registry: SMTP passwords come from the environment only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lpps_cli.model import Registry
from lpps_cli.problems import Problem, error, pointer

SECRET_KEYS = re.compile(r"(pass(word|wd)?|secret|token|api[-_]?key|private[-_]?key|credentials?)$", re.I)
SECRET_VALUES = [
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
    (re.compile(r"\bAKIA[0-9A-Z]{16}\b"), "an AWS access key"),
    (re.compile(r"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}"), "a GitHub token"),
    (re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"\bsk_(live|test)_[A-Za-z0-9]{16,}"), "a Stripe key"),
    (re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s@/]+@"), "a password inside a URL"),
    (re.compile(r"(?i)\b(password|hasło|heslo|пароль)\s*[:=]\s*\S{4,}"), "a password"),
]


def check_secrets(registry: Registry, today) -> Iterator[Problem]:
    """Cost: O(total text size): one pass of a few regular expressions over every string."""
    for record in registry.all_records():
        if record.kind == "taxonomy":
            continue
        for trail, key, value in _strings(record.data, ()):
            if key is not None and SECRET_KEYS.search(key) and isinstance(value, (str, int)) and str(value):
                yield error("secret", record.path, pointer(*trail),
                            f"field '{key}' looks like a credential; remove it from the registry (lpps reads "
                            "secrets only from environment variables) and change the password")
                continue
            if isinstance(value, str):
                for pattern, what in SECRET_VALUES:
                    if pattern.search(value):
                        yield error("secret", record.path, pointer(*trail),
                                    f"this text contains what looks like {what}; remove it from the registry "
                                    "and revoke it")
                        break


def _strings(node, trail):
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                yield from _strings(value, (*trail, key))
            else:
                yield (*trail, key), str(key), value
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, (dict, list)):
                yield from _strings(value, (*trail, index))
            else:
                yield (*trail, index), None, value
