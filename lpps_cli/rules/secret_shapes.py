"""What a credential looks like: key names in the partnership's languages, the shapes of common
tokens and keys, and bank account numbers (IBAN, with their checksum). Used by rules/secrets.py."""

from __future__ import annotations

import re

#: words that name a secret, as the last word of a key (``smtp-password``, ``x-api-key``,
#: ``klucz_api``): en, pl, cs, uk; keys are lower-cased and split at - _ . and spaces first
SECRET_WORDS = frozenset(
    {
        "password",
        "passwords",
        "passwd",
        "pass",
        "pwd",
        "passphrase",
        "secret",
        "secrets",
        "token",
        "tokens",
        "apikey",
        "credential",
        "credentials",
        "pin",
        "otp",
        "hasło",
        "haslo",
        "heslo",
        "sekret",
        "tajemství",
        "пароль",
        "токен",
        "секрет",
        "пін",
        "pinkod",
    }
)
#: two-word names (the last two words of a key)
SECRET_PAIRS = frozenset(
    {
        ("api", "key"),
        ("api", "keys"),
        ("private", "key"),
        ("access", "key"),
        ("secret", "key"),
        ("client", "secret"),
        ("auth", "token"),
        ("klucz", "api"),
        ("klucz", "prywatny"),
        ("klíč", "api"),
        ("soukromý", "klíč"),
        ("ключ", "api"),
        ("api", "ключ"),
        ("приватний", "ключ"),
        ("kod", "pin"),
        ("kód", "pin"),
    }
)
_KEY_SPLIT = re.compile(r"[-_.\s]+")


def is_secret_key(key: str) -> bool:
    words = [w for w in _KEY_SPLIT.split(key.lower().removeprefix("x-")) if w]
    return bool(words) and (
        words[-1] in SECRET_WORDS
        or tuple(words[-2:]) in SECRET_PAIRS
        or any(w in ("password", "hasło", "haslo", "heslo", "пароль") for w in words)
    )


_PASSWORD_WORDS = r"password|passwd|hasło|haslo|heslo|пароль|pin|token|api[-_ ]?key|klucz api|secret"
#: (pattern, what it looks like) for a value
SECRET_VALUES = [
    (re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----"), "a private key"),
    (re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"), "an AWS access key"),
    (re.compile(r"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}"), "a GitHub token"),
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}"), "a Google API key"),
    (re.compile(r"\b[sr]k_(live|test)_[A-Za-z0-9]{16,}"), "a Stripe key"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"), "a JSON Web Token"),
    (re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s@/]+@"), "a password inside a URL"),
    (re.compile(rf"(?i)(?<![\w-])({_PASSWORD_WORDS})\s*[:=]\s*\S{{4,}}"), "a password"),
]
#: lower-cased bytes that every match of SECRET_VALUES (or an IBAN, see _IBAN_CLASSES)
#: contains: a record's JSON with none of them needs no regular expression at all
VALUE_ANCHORS = (
    b"-----begin",
    b"akia",
    b"asia",
    b"ghp_",
    b"gho_",
    b"ghu_",
    b"ghs_",
    b"ghr_",
    b"github_pat_",
    b"xox",
    b"aiza",
    b"k_live_",
    b"k_test_",
    b"eyj",
    b"pass",
    b"has\xc5",
    b"haslo",
    b"heslo",
    "пароль".encode(),
    "ПАРОЛЬ".encode(),
    "Пароль".encode(),
    b"pin",
    b"token",
    b"key",
    b"klucz",
    b"secret",
)

#: an IBAN: a country code, two check digits, then 11 to 30 letters and digits, in groups or not
IBAN = re.compile(r"\b[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]){11,30}\b")
#: maps capitals to A and digits to 0, so one ``in`` finds where an IBAN may start
IBAN_CLASSES = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", b"A" * 26 + b"0" * 10)


def valid_iban(text: str) -> bool:
    """ISO 13616: moving the first four characters to the end and reading letters as 10..35
    gives a number whose remainder by 97 is 1."""
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1
    except ValueError:
        return False


def find_iban(text: str) -> str | None:
    for match in IBAN.finditer(text):
        candidate = match.group().rstrip()
        # an IBAN followed by more groups of the same text: try the longest valid prefix
        while len(candidate.replace(" ", "")) >= 15:
            if valid_iban(candidate):
                return candidate
            candidate = candidate[:-1].rstrip()
    return None
