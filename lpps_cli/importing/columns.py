"""Which field a column holds: a header is a field's id (``name``, ``capacity.total``,
``name.pl``, also ``capacity_total`` and ``name_pl`` as ``lpps export csv`` writes them) or
its label in Czech, Polish, Ukrainian or English, case- and accent-blind; ``--map`` names
the rest. Localized texts take a language as ``name.pl``, ``name_pl``, ``Nazwa (pl)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.taxonomy import fold

#: field -> labels, "en | pl | cs | uk", synonyms within a language separated by "/"
LABELS: dict[str, dict[str, str]] = {
    "member": {
        "id": "id / identifier | identyfikator | identifikátor | ідентифікатор",
        "name": "name / organisation / organization | nazwa / nazwa organizacji | název / název organizace | "
        "назва / назва організації",
        "short_name": "short name / abbreviation | nazwa skrócona / skrót | zkratka / zkrácený název | "
        "скорочена назва / абревіатура",
        "sector": "sector | sektor | sektor | сектор",
        "kind": "kind / type / type of organisation | rodzaj / typ / forma prawna | druh / typ organizace | "
        "вид / тип / тип організації",
        "status": "status / membership | status / członkostwo | stav / členství | статус / членство",
        "founding": "founding member / founder | członek założyciel / założyciel | zakládající člen | "
        "засновник / член-засновник",
        "joined": "joined / member since | data przystąpienia / członek od | datum vstupu / členem od | "
        "дата вступу / член з",
        "left": "left | data wystąpienia | datum vystoupení | дата виходу",
        "commitment_signed": "commitment signed / declaration signed | deklaracja podpisana / data deklaracji | "
        "deklarace podepsána / datum deklarace | декларацію підписано / дата декларації",
        "admitted_by": "admission decision | uchwała o przyjęciu | rozhodnutí o přijetí | рішення про прийняття",
        "registration.country": "registration country | kraj rejestracji | země registrace | країна реєстрації",
        "registration.krs": "krs",
        "registration.nip": "nip / tax id | nip | dič | іпн",
        "registration.regon": "regon",
        "registration.ico": "ico / ič / company id | | ičo / ič | ",
        "registration.edrpou": "edrpou | | | єдрпоу / код єдрпоу",
        "address.street": "street / address | ulica / adres | ulice / adresa | вулиця / адреса",
        "address.postal_code": "postal code / postcode / zip | kod pocztowy | psč / poštovní směrovací číslo | "
        "поштовий індекс / індекс",
        "address.city": "city / town | miejscowość / miasto | obec / město | місто / населений пункт",
        "address.region": "region | województwo | kraj | область",
        "address.country": "country | państwo | stát / země | країна",
        "website": "website / web / www | strona internetowa / strona www | webové stránky / web | веб-сайт / сайт",
        "email": "email / e-mail | e-mail / adres e-mail | e-mail / email | e-mail / електронна пошта",
        "phone": "phone / telephone | telefon | telefon | телефон",
        "profile": "profile / description | profil / opis | profil / popis | профіль / опис",
        "target_groups": "target groups | grupy docelowe | cílové skupiny | цільові групи",
        "areas": "areas / area | obszar / obszary działania | území / působnost | території / територія",
        "offers": "offers / can offer | oferuje | nabízí | пропонує",
        "seeks": "seeks / looks for | szuka / poszukuje | hledá | шукає",
    },
    "service": {
        "id": "id / identifier | identyfikator | identifikátor | ідентифікатор",
        "name": "name / service | nazwa / nazwa usługi / usługa | název / název služby / služba | "
        "назва / назва послуги / послуга",
        "provider": "provider / member / organisation | realizator / organizacja / podmiot | poskytovatel / "
        "organizace | надавач / організація",
        "partners": "partners | partnerzy | partneři | партнери",
        "type": "type / type of service | rodzaj usługi / typ | druh služby / typ | вид послуги / тип",
        "description": "description | opis | popis | опис",
        "target_groups": "target groups | grupy docelowe | cílové skupiny | цільові групи",
        "areas": "areas / area | obszar / obszary | území / působnost | території / територія",
        "form": "form | forma | forma | форма",
        "capacity.unit": "capacity unit / unit | jednostka | jednotka | одиниця",
        "capacity.total": "capacity / places | liczba miejsc / miejsca | kapacita / počet míst | місткість / "
        "кількість місць",
        "capacity.occupied": "occupied | zajęte / miejsca zajęte | obsazeno / obsazená místa | зайнято",
        "capacity.as_of": "as of / capacity date | stan na / stan na dzień | stav k / ke dni | станом на",
        "eligibility": "eligibility / for whom | dla kogo / kryteria | pro koho / podmínky | для кого / умови",
        "referral.text": "referral / how to refer | skierowanie / jak skierować | doporučení / jak doporučit | "
        "направлення / як направити",
        "fee": "fee / price | odpłatność / opłata | úhrada / cena | оплата / вартість",
        "schedule": "schedule / opening hours | godziny otwarcia / harmonogram | provozní doba | "
        "графік / години роботи",
        "languages": "languages | języki | jazyky | мови",
        "status": "status | status | stav | статус",
        "registration": "registration / register id | numer w rejestrze | registrační číslo / identifikátor služby | "
        "реєстраційний номер",
        "funded_by": "funded by | finansowanie | financování | фінансування",
        "locations.0.address.street": "street / address | ulica / adres | ulice / adresa | вулиця / адреса",
        "locations.0.address.postal_code": "postal code | kod pocztowy | psč | поштовий індекс",
        "locations.0.address.city": "city | miejscowość / miasto | obec / město | місто",
        "contacts.0.name": "contact / contact person | osoba kontaktowa / kontakt | kontaktní osoba / kontakt | "
        "контактна особа / контакт",
        "contacts.0.email": "email / e-mail | e-mail | e-mail | e-mail / електронна пошта",
        "contacts.0.phone": "phone | telefon | telefon | телефон",
    },
    "group": {
        "id": "id | identyfikator | identifikátor | ідентифікатор",
        "name": "name / group | nazwa / grupa | název / skupina | назва / група",
        "description": "description | opis | popis | опис",
        "focus": "focus | tematyka / cel | zaměření | спрямування",
        "members": "members | członkowie | členové | члени",
        "lead": "lead / leader | lider / koordynator | vedoucí / koordinátor | лідер / координатор",
        "started": "started | data utworzenia / od | založena / od | створено / з",
        "ended": "ended | data zakończenia / do | ukončena / do | завершено / до",
    },
    "representative": {
        "member": "member / organisation | członek / organizacja | člen / organizace | член / організація",
        "name": "name / representative | imię i nazwisko / przedstawiciel | jméno / zástupce | ім'я / представник",
        "role": "role / position | funkcja / stanowisko | funkce / pozice | посада / роль",
        "email": "email / e-mail | e-mail | e-mail | e-mail / електронна пошта",
        "phone": "phone | telefon | telefon | телефон",
        "visibility": "visibility | widoczność | viditelnost | видимість",
    },
}
LANGS = ("en", "pl", "cs", "uk")
#: fields whose value is a localized text (a language may be given in the header)
LOCALIZED = {
    "name",
    "profile",
    "offers",
    "seeks",
    "description",
    "eligibility",
    "referral.text",
    "fee",
    "schedule",
    "role",
    "focus",
    "text",
    "title",
}
_LANG_SUFFIX = re.compile(r"^(.*?)\s*(?:\((\w{2})\)|\[(\w{2})\]|[._ ](\w{2}))$")


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str  # dotted path without the language: 'name', 'capacity.total'
    lang: str | None = None  # for a localized text: the language this column holds


def label(kind: str, field: str, lang: str) -> str:
    """The first label of ``field`` in ``lang`` (for templates), else its id."""
    entry = LABELS.get(kind, {}).get(field, "")
    parts = [p.strip() for p in entry.split("|")]
    chosen = parts[LANGS.index(lang)] if lang in LANGS and len(parts) > LANGS.index(lang) else ""
    first = chosen.split("/")[0].strip() or (parts[0].split("/")[0].strip() if parts else "")
    return first or field


def _synonyms(kind: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for field, entry in LABELS[kind].items():
        found.setdefault(fold(field), field)
        found.setdefault(fold(field.replace(".", "_")), field)
        found.setdefault(fold(field.replace(".", " ")), field)
        for words in entry.split("|"):
            for word in words.split("/"):
                if word.strip():
                    found.setdefault(fold(word), field)
    return found


def _schema_field(kind: str, header: str) -> str | None:
    """A dotted path the kind's schema knows (``registration.krs``, ``contacts.0.email``)."""
    if kind == "representative":
        return None
    from lpps_cli.changes import fieldpath

    for candidate in (header, header.replace("_", ".")) if "." not in header else (header,):
        try:
            fieldpath.schema_at(kind, fieldpath.split(candidate))
            return candidate
        except LppsError:
            continue
    return None


def recognise(
    kind: str, header: str, index: int, languages: list[str], mapping: dict[str, str] | None = None
) -> Column | None:
    """The column ``header`` names, or None."""
    text = header.strip()
    if mapping and (mapping.get(text) or mapping.get(fold(text))):
        text = mapping.get(text) or mapping[fold(text)]
    synonyms = _synonyms(kind)
    field = synonyms.get(fold(text)) or _schema_field(kind, text)
    if (
        field is not None
        and "." in field
        and field.rsplit(".", 1)[0] in LOCALIZED
        and field.rsplit(".", 1)[1] in (*LANGS, *languages)
    ):
        return Column(index, header, field.rsplit(".", 1)[0], field.rsplit(".", 1)[1])
    if field is not None:
        return Column(index, header, field)
    suffix = _LANG_SUFFIX.match(text)
    if suffix:
        base, lang = suffix.group(1), next(g for g in suffix.groups()[1:] if g).lower()
        field = synonyms.get(fold(base)) or _schema_field(kind, base)
        if field in LOCALIZED and lang in (*LANGS, *languages):
            return Column(index, header, field, lang)
    return None


def columns(
    kind: str, header: tuple[str, ...], languages: list[str], mapping: dict[str, str] | None = None
) -> tuple[list[Column], list[tuple[int, str]]]:
    """The recognised columns, and (index, message) for each header that is not one."""
    found, unknown = [], []
    from lpps_cli.model.suggest import closest

    for index, head in enumerate(header):
        if not head:
            continue
        column = recognise(kind, head, index, languages, mapping)
        if column is None:
            hint = closest(fold(head), list(_synonyms(kind)), cutoff=0.7)
            tip = (_(" (did you mean '%(label)s'?)") % {"label": hint}) if hint else ""
            unknown.append(
                (
                    index,
                    _("no field of a %(kind)s is called '%(header)s'%(tip)s; rename the column or map it with --map")
                    % {"kind": kind, "header": head, "tip": tip},
                )
            )
        else:
            found.append(column)
    return found, unknown


def load_mapping(text: Any) -> dict[str, str]:
    """``--map`` file contents: ``{columns: {header: field}, terms: {...}}`` or a flat map of headers."""
    if not isinstance(text, dict):
        raise LppsError(_("the --map file holds a mapping: columns: {header: field}, terms: {text: term id}"))
    cols = text.get("columns", {k: v for k, v in text.items() if k not in ("terms", "defaults")})
    if not isinstance(cols, dict):
        raise LppsError(_("'columns' in the --map file maps headers to field ids"))
    out = {str(k): str(v) for k, v in cols.items()}
    out.update({fold(k): v for k, v in out.items()})
    return out
