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


#: bytes that every match of SECRET_KEYS or SECRET_VALUES contains, after ASCII lower-casing
#: (the case-insensitive patterns also match a few non-ASCII letters: those send the record
#: to the full search, see _UNUSUAL). A record whose JSON holds none of them is skipped.
_ANCHORS = (b"pass", b"secret", b"token", b"key", b"credential", b"-----begin", b"akia", b"ghp_", b"gho_", b"ghu_",
            b"ghs_", b"ghr_", b"github_pat_", b"xox", b"sk_live_", b"sk_test_", b"heslo", "hasło".encode(),
            "hasŁo".encode())
#: letters Python's case-insensitive matching takes for ASCII ones (ſ s, K k, ı İ i) or for
#: Cyrillic ones (U+1C80..U+1C88)
_UNUSUAL = ("ſ".encode(), "\u212a".encode(), "ı".encode(), "İ".encode(), b"\xe1\xb2")
_PAROL = re.compile(b"".join(b"(?:" + re.escape(low.encode()) + b"|" + re.escape(up.encode()) + b")"
                             for low, up in zip("пароль", "ПАРОЛЬ")))
#: user:password@ after :// inside one JSON string (escapes allowed)
_URL_PASSWORD = re.compile(rb'://(?:[^\s:/@"\\]|\\.)+:(?:[^\s@/"\\]|\\.)+@')


def check_secrets(registry: Registry, today) -> Iterator[Problem]:
    """Cost: O(total text size). Each record's text (JSON of its data, casefolded) is searched
    once for the fixed texts a credential must contain; the few records that hold one get the
    full search: a few regular expressions over every string."""
    from lpps_cli.yamlio import fast_enabled

    screen = fast_enabled()
    for record in registry.all_records():
        if record.kind == "taxonomy" or (screen and not _may_hold_secrets(record.data)):
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


def _may_hold_secrets(data) -> bool:
    """False only when no pattern can match any string or key of ``data``."""
    try:
        import orjson

        raw = orjson.dumps(data)
    except Exception:  # noqa: BLE001 - no orjson, or a value it cannot write: look everywhere
        return True
    lowered = raw.lower()
    return (any(anchor in lowered for anchor in _ANCHORS) or any(letter in raw for letter in _UNUSUAL)
            or bool(_PAROL.search(raw)) or (b"://" in raw and bool(_URL_PASSWORD.search(raw))))


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
