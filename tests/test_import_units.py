"""The import's parts on their own: header recognition, value forms, the quick scalar splice
(held to the same result as ``lpps set``'s), encodings and delimiters."""

from __future__ import annotations

import datetime as dt

import pytest

from lpps_cli.changes.edit import new_text
from lpps_cli.importing.columns import columns
from lpps_cli.importing.sheets import _delimiter, decode
from lpps_cli.importing.splice import fast_splice
from lpps_cli.importing.values import CellError, parse_bool, parse_date, parse_phone
from lpps_cli.reading.yamlio import parse

TEXT = """# a comment
id: x
name: {pl: "Dom \\"Arka\\"", en: 'Ark''s house'}   # both languages
phone: +48 81 532 15 05  # reception
capacity:
  total: 20
  occupied: 12 # today
  as_of: 2024-03-12
tags: [a, b]
profile: >-
  folded
  text
"""


@pytest.mark.parametrize(
    "path,value",
    [
        ("phone", "+48 81 532 15 99"),
        ("capacity.occupied", 13),
        ("capacity.as_of", dt.date(2024, 4, 1)),
        ("name.pl", 'Dom "Nowy"'),
        ("name.en", "Ark's home"),
        ("capacity.total", 25),
    ],
)
def test_quick_splice_equals_the_careful_one(path, value):
    quick = fast_splice(TEXT, path, value)
    careful = new_text(TEXT, [int(p) if p.isdigit() else p for p in path.split(".")], value)
    assert quick == careful
    assert "# reception" in quick and "# today" in quick and "# both languages" in quick


def test_quick_splice_leaves_block_scalars_to_the_careful_one():
    assert fast_splice(TEXT, "profile", "new") is None


def test_headers_in_four_languages_and_forms():
    found, unknown = columns(
        "service",
        ("Nazwa", "Název (en)", "name_uk", "Кількість місць", "capacity_occupied", "Stav k", "Poskytovatel", "bogus"),
        ["pl", "en"],
    )
    assert [(c.field, c.lang) for c in found] == [
        ("name", None),
        ("name", "en"),
        ("name", "uk"),
        ("capacity.total", None),
        ("capacity.occupied", None),
        ("capacity.as_of", None),
        ("provider", None),
    ]
    assert len(unknown) == 1 and "'bogus'" in unknown[0][1]


def test_value_forms():
    assert parse_date("12.03.2024") == parse_date("2024-03-12") == parse_date(dt.date(2024, 3, 12)) == "2024-03-12"
    assert parse_date(dt.datetime(2024, 3, 12, 0, 0)) == "2024-03-12"
    with pytest.raises(CellError):
        parse_date("31.02.2024")
    assert parse_phone("81 532 15 05", "PL") == parse_phone("'+48815321505'", "CZ") == "+48 81 532 15 05"
    assert parse_phone('"+44 1234 234567"', "PL") == "+44 1234 234567"
    assert all(parse_bool(v) for v in ("ano", "tak", "так", "yes", "1", 1.0, True))
    assert not any(parse_bool(v) for v in ("ne", "nie", "ні", "no", "0"))


def test_encodings_and_delimiters():
    polish = "Nazwa;Grupy\r\nFundacja Przystań;bezdomni\r\n"
    ukrainian = "Назва\tСектор\r\nБлагодійний фонд «Надія»\tNGO\r\n"
    czech = "Název,Sektor\r\nOblastní charita Kladno – Žižkov,ngo\r\n"
    assert decode(polish.encode("cp1250")) == polish
    assert decode(ukrainian.encode("cp1251")) == ukrainian
    assert decode(czech.encode("cp1250")) == czech
    assert decode(b"\xef\xbb\xbf" + polish.encode("utf-8")) == polish
    assert decode(polish.encode("utf-16")) == polish
    assert [_delimiter(t) for t in (polish, ukrainian, czech)] == [";", "\t", ","]
    assert parse(fast_splice("a: 1\n", "a", "=cmd|' /C calc'!A0").encode()) == {"a": "=cmd|' /C calc'!A0"}
