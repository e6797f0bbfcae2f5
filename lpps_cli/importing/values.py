"""Cells as people type them, turned into field values: dates (``12.03.2024``,
``2024-03-12``, Excel date cells), phone numbers (spaces, no country code: the partnership's
country is assumed; stored in international form), taxonomy terms and fixed values by id or
by a label in any language, booleans (``ano/tak/так/yes/1``), lists split on ``;`` or new
lines, member ids or names. An empty cell is an absent field. A cell that begins with ``=``,
``+``, ``-`` or ``@`` is text like any other: nothing here evaluates anything.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from lpps_cli.changes import fieldpath
from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.registry import Registry
from lpps_cli.model.taxonomy import fold


class CellError(ValueError):
    """A cell that cannot be the field's value; the message says what to write instead."""


_TRUE = {"true", "yes", "y", "1", "tak", "t", "ano", "a", "так", "x", "✓"}
_FALSE = {"false", "no", "n", "0", "nie", "ne", "ні"}
_DATE = re.compile(r"^(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})\.?$")
#: fields that hold member ids (a member's name is accepted too)
MEMBER_FIELDS = {"provider", "partners", "members", "lead", "member"}
#: fields whose terms come from a vocabulary beyond fieldpath's (closed vocabularies with labels)
EXTRA_VOCABULARIES = {"sector": "sectors", "form": "forms"}
#: words for fixed values in cs, pl, uk and en (statuses and visibility)
ENUM_WORDS = {
    "applicant": "applicant kandydat kandidat uchazec заявник кандидат",
    "active": "active aktywny aktywna aktivni активний активна",
    "suspended": "suspended zawieszony zawieszona pozastaveny pozastavene призупинений призупинена",
    "former": "former byly była były bývalý bývalá колишній колишня",
    "planned": "planned planowana planowany planovana planovany запланована",
    "ended": "ended zakonczona zakonczony ukoncena ukonceny завершена завершений",
    "public": "public publiczny publiczna verejny verejne публічний публічна",
    "internal": "internal wewnetrzny wewnetrzna interni внутрішній внутрішня",
}
DAY_WORDS = {
    "mo": "mo pn po пн",
    "tu": "tu wt ut вт",
    "we": "we sr st ср",
    "th": "th cz ct чт",
    "fr": "fr pt pa пт",
    "sa": "sa so сб",
    "su": "su nd ne нд",
}


def text_of(cell: Any) -> str:
    """A cell as text: numbers without a stray '.0', dates in ISO form."""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, (dt.date, dt.datetime)):
        return (cell.date() if isinstance(cell, dt.datetime) else cell).isoformat()
    return str(cell).strip()


def split_list(cell: Any) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n\r]+", text_of(cell)) if part.strip()]


def parse_date(cell: Any) -> str:
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    text = text_of(cell)
    match = _DATE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise CellError(_("'%(value)s' is not a date; write 12.03.2024 or 2024-03-12") % {"value": text}) from None


def parse_phone(cell: Any, country: str | None) -> str:
    import phonenumbers

    text = text_of(cell).strip("'\"“”„ ")
    try:
        number = phonenumbers.parse(text, (country or "").upper() or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise CellError(_("'%(value)s' is not a phone number; write it like +48 81 532 15 05") % {"value": text})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_email(cell: Any) -> str:
    from email_validator import EmailNotValidError, validate_email

    text = text_of(cell)
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise CellError(_("'%(value)s' is not an e-mail address: %(why)s") % {"value": text, "why": exc}) from None


def parse_bool(cell: Any) -> bool:
    folded = fold(text_of(cell))
    if folded in _TRUE or text_of(cell).casefold() in _TRUE:
        return True
    if folded in _FALSE or text_of(cell).casefold() in _FALSE:
        return False
    raise CellError(
        _("'%(value)s' is neither yes nor no; write yes/no, tak/nie, ano/ne, так/ні") % {"value": text_of(cell)}
    )


def parse_term(registry: Registry, vocabulary: str, text: str, mapped: dict[str, str] | None = None) -> str:
    from lpps_cli.model.term_match import resolve_term

    if mapped and fold(text) in mapped:
        text = mapped[fold(text)]
    try:
        return resolve_term(registry.taxonomy, vocabulary, text)
    except LppsError as exc:
        raise CellError(exc.message) from None


def parse_enum(allowed: list[str], text: str) -> str:
    folded = fold(text)
    for value in allowed:
        if folded == fold(value) or folded in fold(ENUM_WORDS.get(value, "")).split():
            return value
    from lpps_cli.model.suggest import did_you_mean

    raise CellError(
        _("'%(value)s' is not one of: %(allowed)s%(hint)s")
        % {"value": text, "allowed": ", ".join(allowed), "hint": did_you_mean(text, allowed)}
    )


def parse_days(text: str) -> list[str]:
    days = []
    for word in re.split(r"[\s,;]+", fold(text)):
        day = next((d for d, words in DAY_WORDS.items() if word[:2] in fold(words).split() or word == d), None)
        if word and day is None:
            raise CellError(_("'%(value)s' is not a day of the week") % {"value": word})
        if day:
            days.append(day)
    return days


class Parser:
    """Turns the cells of one kind's columns into values, typed by the kind's schema."""

    def __init__(
        self, registry: Registry, kind: str, members: dict[str, str] | None = None, terms: dict[str, str] | None = None
    ):
        self.registry = registry
        self.kind = kind
        self.members = members or {}  # folded member name -> id
        self.terms = {fold(k): v for k, v in (terms or {}).items()}
        self._nodes: dict[str, dict] = {}

    def node(self, field: str) -> dict:
        if field not in self._nodes:
            schema_kind = "member" if self.kind == "representative" else self.kind
            path = f"representatives.0.{field}" if self.kind == "representative" else field
            if self.kind == "representative" and field == "member":
                self._nodes[field] = {"type": "string"}
            else:
                self._nodes[field] = fieldpath.schema_at(schema_kind, fieldpath.split(path))
        return self._nodes[field]

    def member_id(self, text: str) -> str:
        if text in self.registry.members:
            return text
        from lpps_cli.importing.matching import normal

        found = self.members.get(normal(text))
        if found:
            return found
        from lpps_cli.model.suggest import did_you_mean

        raise CellError(
            _("'%(value)s' is neither the id nor the name of a member%(hint)s")
            % {"value": text, "hint": did_you_mean(text, self.registry.members)}
        )

    def value(self, field: str, cell: Any) -> Any:
        """The value of ``field`` for ``cell``; CellError when it cannot be."""
        name = field.rsplit(".", 1)[-1]
        if self.kind == "representative" and field == "member":
            return text_of(cell)  # the plan finds it, among members of the same import too
        node = self.node(field)
        types = fieldpath.types_of(node)
        vocabulary = EXTRA_VOCABULARIES.get(field) or fieldpath.vocabulary_for(
            "member" if self.kind == "representative" else self.kind, fieldpath.split(field)
        )
        is_list = "array" in types and "string" not in types
        if is_list:
            items: dict[str, Any] = node["items"] if isinstance(node.get("items"), dict) else {}
            parts = list(dict.fromkeys(split_list(cell)))
            if name in MEMBER_FIELDS:
                return list(dict.fromkeys(self.member_id(p) for p in parts))
            if vocabulary:
                return list(dict.fromkeys(parse_term(self.registry, vocabulary, p, self.terms) for p in parts))
            if isinstance(items.get("enum"), list):
                return [parse_enum(items["enum"], p) for p in parts]
            return parts
        if name in MEMBER_FIELDS:
            return self.member_id(text_of(cell))
        if vocabulary:
            return parse_term(self.registry, vocabulary, text_of(cell), self.terms)
        if isinstance(node.get("enum"), list):
            return parse_enum([str(v) for v in node["enum"]], text_of(cell))
        if name == "phone":
            return parse_phone(cell, self.registry.country)
        if name == "email":
            return parse_email(cell)
        if "boolean" in types:
            return parse_bool(cell)
        if "integer" in types or "number" in types:
            return self._number(cell, "integer" in types)
        if node.get("format") == "date" or "[0-9]{4}-[0-9]{2}-[0-9]{2}" in str(node.get("pattern", "")):
            return parse_date(cell)
        if name == "country":
            return text_of(cell).upper()
        return text_of(cell).replace("\r\n", "\n")

    @staticmethod
    def _number(cell: Any, whole: bool) -> int | float:
        if isinstance(cell, (int, float)) and not isinstance(cell, bool):
            number = float(cell)
        else:
            try:
                number = float(text_of(cell).replace(" ", "").replace("\u00a0", "").replace(",", "."))
            except ValueError:
                raise CellError(_("'%(value)s' is not a number") % {"value": text_of(cell)}) from None
        if whole and not number.is_integer():
            raise CellError(_("'%(value)s' is not a whole number") % {"value": text_of(cell)})
        return int(number) if number.is_integer() else number
